"""Decode bytes of unknown encoding, repair what can be repaired, say so, and refuse what is not text.

In the order real scraped files need it:
1. A byte-order mark decides (UTF-8, UTF-16, UTF-32). UTF-16 without a mark is recognised by its
   NUL bytes in every other position, which would otherwise make it look binary.
2. Known binary formats (PDF, ZIP/Office, images, gzip) are refused by name, even when they start
   with readable ASCII (a PDF does).
3. Strict UTF-8 for the whole file: by far the commonest, and almost never wrong when it succeeds.
4. Otherwise paragraph by paragraph: a paragraph that is UTF-8 stays UTF-8 (one stray byte costs
   that byte, replaced and counted, not the whole file's encoding); the rest is decoded with the
   legacy encoding charset-normalizer finds for them. A file that mixes encodings by paragraph is
   read, not refused.
5. Mojibake (UTF-8 read as cp1252 or latin-1 somewhere upstream: `Â«`, `â€™`, `Ð¿`) is repaired
   with ftfy's encoding fixer, which changes nothing else (not the quote marks).
Every repair is reported in `Decoded.repairs`, which the CLI prints and the JSON keeps.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from storydiff.errors import BadInputError

__all__ = ["Decoded", "decode_bytes", "looks_binary"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Magic numbers of formats people hand us by mistake; named, so the message says what the file is.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"{\\rtf", "an RTF document"),
)
_PARAGRAPH = re.compile(rb"(\r?\n\s*\r?\n)")
# A lead byte of a UTF-8 sequence read as cp1252/latin-1, followed by a continuation byte read the same way.
_MOJIBAKE = re.compile(
    "[ÂÃÐÑâ][\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the main encoding ("utf-8", "cp1251", "utf-8+cp1251" when paragraphs differ)
    repairs: tuple[str, ...] = ()  # what was repaired, for the user


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean this is not text.

    UTF-16/32 text has NULs too, so callers check for a BOM and for UTF-16 first.
    """
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > max(4, len(head) // 50)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a mark: ASCII-range characters leave a NUL in every other byte."""
    head = data[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    for nuls, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if nuls > 0.3 * half and min(even, odd) < 0.05 * half:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            printable = sum(1 for ch in text[:2000] if ch.isprintable() or ch.isspace())
            if printable > 0.95 * min(len(text), 2000):
                return text
    return None


# The legacy encodings news text actually comes in, tried first: on a short paragraph an unrestricted
# guess often lands on a rare one (mac_cyrillic for cp1251) that decodes the same bytes wrongly.
_COMMON_LEGACY = ["cp1251", "cp1252", "koi8_r", "cp1250", "cp1253", "cp1254", "cp1256", "iso8859_15", "cp1257"]


def _legacy_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    for isolation in (_COMMON_LEGACY, None):
        best = from_bytes(data, cp_isolation=isolation).best()
        if best is not None and best.chaos <= 0.3:
            return str(best.encoding)
    return None


def _by_paragraph(data: bytes, path: str) -> Decoded:
    parts = _PARAGRAPH.split(data)
    # Does the file show real UTF-8 anywhere (a valid multi-byte character)? Then a paragraph with a
    # byte or two that do not decode is UTF-8 with stray bytes; without such evidence, it is in a
    # legacy encoding (an ASCII text with one cp1252 "é").
    whole = data.decode("utf-8", errors="replace")
    utf8_evidence = any(ord(ch) > 127 and ch != "\ufffd" for ch in whole)
    texts: list[str | None] = []
    foreign: list[int] = []
    stray = 0
    for i, part in enumerate(parts):
        try:
            texts.append(part.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        replaced = part.decode("utf-8", errors="replace")
        bad = replaced.count("\ufffd")
        if utf8_evidence and bad <= 3 and bad * 8 < len(part):
            texts.append(replaced)
            stray += bad
        else:
            texts.append(None)
            foreign.append(i)
    repairs = []
    encoding = "utf-8"
    if foreign:
        legacy = _legacy_encoding(b"\n\n".join(parts[i] for i in foreign))
        if legacy is None:
            raise BadInputError(path, "cannot tell its text encoding (not UTF-8, and no other encoding fits)")
        for i in foreign:
            texts[i] = parts[i].decode(legacy, errors="replace")
        utf8_parts = sum(1 for i, t in enumerate(texts) if i not in foreign and t and t.strip())
        encoding = f"utf-8+{legacy}" if utf8_parts else legacy
        if utf8_parts:
            repairs.append(f"{len([i for i in foreign if parts[i].strip()])} paragraph(s) decoded as {legacy}, "
                           "the rest as utf-8")
    if stray:
        repairs.append(f"{stray} stray byte(s) that are not UTF-8 replaced with \ufffd")
    return Decoded("".join(t or "" for t in texts), encoding, tuple(repairs))


def _repair_mojibake(decoded: Decoded) -> Decoded:
    found = len(_MOJIBAKE.findall(decoded.text))
    if not found:
        return decoded
    try:
        import ftfy
    except ImportError:  # pragma: no cover - ftfy is a core dependency
        return decoded
    fixed = ftfy.fix_encoding(decoded.text)
    if fixed == decoded.text:
        return decoded
    return Decoded(fixed, decoded.encoding,
                   (*decoded.repairs, f"mojibake repaired (text that had been decoded twice, such as Â« for «; "
                                      f"{found} place(s))"))


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Text, the encoding it was in, and what was repaired. Raises BadInputError for what is not text."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _repair_mojibake(Decoded(data.decode(name), name))
            except UnicodeDecodeError as exc:
                raise BadInputError(path, f"has a {name} byte-order mark but does not decode ({exc.reason})") from exc
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BadInputError(path, f"is {what}, not text or HTML")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _repair_mojibake(Decoded(utf16, "utf-16", ("UTF-16 without a byte-order mark",)))
    if looks_binary(data):
        raise BadInputError(path, "looks binary (NUL or control bytes), not text or HTML")
    try:
        return _repair_mojibake(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    return _repair_mojibake(_by_paragraph(data, path))
