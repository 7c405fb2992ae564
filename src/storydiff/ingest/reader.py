"""Read inputs from disk: expand directories, refuse bad files with a reason, decode the rest."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from storydiff.errors import BadInputError
from storydiff.ingest.html import extract_html, looks_like_html
from storydiff.ingest.text import decode_bytes
from storydiff.models import RawDocument

__all__ = ["DEFAULT_MAX_BYTES", "expand_paths", "read_document", "read_text_input"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_SKIP_SUFFIXES = {".db", ".sqlite", ".json", ".jsonl", ".md", ".toml"}


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files as given; a directory gives every visible file in it (recursively, sorted).

    Inside directories we skip our own outputs and notes (.json, .md, ...) so that a story folder
    can hold a README or a previous report; a file named explicitly is always read.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                # Anything but a directory is offered (a broken link, a FIFO too): reading it names
                # the problem, where skipping it here would lose it without a word.
                if not child.is_dir() and not hidden and child.suffix.lower() not in _SKIP_SUFFIXES:
                    yield str(child)
        else:
            yield raw


def read_document(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one file. Raises BadInputError naming the file and the reason."""
    file = Path(path)
    if not file.exists():
        if file.is_symlink():
            raise BadInputError(path, "a symbolic link that leads nowhere (a loop or a missing target)")
        raise BadInputError(path, "no such file")
    if not file.is_file():
        raise BadInputError(path, "not a regular file")
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise BadInputError(path, f"too large ({size:,} bytes; the limit is {max_bytes:,})")
        data = file.read_bytes()
    except PermissionError as exc:
        raise BadInputError(path, "cannot be read (permission denied)") from exc
    except OSError as exc:
        raise BadInputError(path, f"cannot be read ({exc.strerror or exc})") from exc
    return read_text_input(data, path)


def read_text_input(data: bytes | str, path: str) -> RawDocument:
    """Decode and, for HTML, extract the main text. Used for files and in-memory inputs alike."""
    repairs: tuple[str, ...] = ()
    if isinstance(data, str):
        text, encoding = data, "utf-8"
    else:
        if not data.strip():
            raise BadInputError(path, "is empty")
        decoded = decode_bytes(data, path)
        text, encoding, repairs = decoded.text, decoded.encoding, decoded.repairs
    if not text.strip():
        raise BadInputError(path, "is empty (only whitespace)")
    if looks_like_html(path, text):
        return replace(extract_html(path, text, encoding), repairs=repairs)
    return RawDocument(origin=path, text=text, content_type="text", encoding=encoding, repairs=repairs)
