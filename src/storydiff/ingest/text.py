"""Decode bytes of unknown encoding, and refuse what is not text."""

from __future__ import annotations

import codecs

from storydiff.errors import BadInputError

__all__ = ["decode_bytes", "looks_binary"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean this is not text.

    UTF-16/32 text has NULs too, so callers check for a BOM first.
    """
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > max(4, len(head) // 50)


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name). UTF-8 is tried strictly first: it is by far the commonest,
    and a strict decode that succeeds is almost never wrong. Then charset-normalizer guesses."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise BadInputError(path, f"has a {name} byte-order mark but does not decode ({exc.reason})") from exc
    if looks_binary(data):
        raise BadInputError(path, "looks binary (NUL or control bytes), not text or HTML")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise BadInputError(path, "cannot tell its text encoding (not UTF-8, and no other encoding fits)")
    return str(best), best.encoding
