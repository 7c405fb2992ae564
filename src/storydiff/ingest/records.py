"""News API exports: one article per JSONL line or CSV row.

The file is streamed, a line or a row at a time, so an export of any size is read in constant
memory. A record that cannot be used becomes a Problem named `path#<line>` (JSONL) or `path#<row>`
(CSV, counted as a spreadsheet shows it: the header is row 1), and the file goes on.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import IO, Any, cast

from storydiff.errors import BadInputError, StorydiffError
from storydiff.ingest.entries import Entry, document_from_entry
from storydiff.ingest.reader import DEFAULT_MAX_BYTES
from storydiff.models import Problem, RawDocument

__all__ = ["RECORD_SUFFIXES", "FieldMapping", "read_records"]

RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv")


@dataclass(frozen=True)
class FieldMapping:
    """Which field holds what. Each role lists the names tried in order (case-insensitive); a dotted
    name reaches into nested objects (`source.name`, as NewsAPI nests it). The defaults guess the
    names common APIs use."""

    text: tuple[str, ...] = ("text", "body", "content", "article", "full_text", "maintext", "description")
    html: tuple[str, ...] = ("html", "raw_html", "content_html", "body_html")
    title: tuple[str, ...] = ("title", "headline")
    url: tuple[str, ...] = ("url", "link", "canonical_url", "source_url")
    published: tuple[str, ...] = (
        "published",
        "date",
        "pubDate",
        "published_at",
        "publishedAt",
        "date_publish",
        "pub_date",
        "datetime",
        "time",
    )
    source: tuple[str, ...] = ("source", "site", "outlet", "publisher", "source_name", "domain", "source_domain")
    authors: tuple[str, ...] = ("authors", "author", "byline", "creator")

    @classmethod
    def of(cls, mapping: FieldMapping | Mapping[str, str | Sequence[str]] | None) -> FieldMapping:
        """`{"text": "story_body", "source": "feed.name"}` overrides those roles only."""
        if mapping is None or isinstance(mapping, FieldMapping):
            return mapping or cls()
        roles = {f.name for f in fields(cls)}
        unknown = sorted(set(mapping) - roles)
        if unknown:
            raise ValueError(f"unknown field roles {unknown}; the roles are {sorted(roles)}")
        return replace(
            cls(), **{role: (names,) if isinstance(names, str) else tuple(names) for role, names in mapping.items()}
        )


def _lookup(record: Mapping[str, Any], name: str) -> Any:
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, Mapping):
            return None
        if part in value:
            value = value[part]
            continue
        folded = part.casefold()
        value = next((v for k, v in value.items() if isinstance(k, str) and k.casefold() == folded), None)
    return value


def _as_text(value: Any) -> str | None:
    """A field's value as text: an object gives its name (`{"id": …, "name": "Daily Example"}`)."""
    if isinstance(value, Mapping):
        value = next((value[k] for k in ("name", "title", "value", "text") if value.get(k)), None)
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, list):
        return "\n\n".join(t for t in (_as_text(v) for v in value) if t) or None
    text = str(value).strip()
    return text or None


def _first(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = _lookup(record, name)
        if value not in (None, "", [], {}):
            return value
    return None


def _authors(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    names = (_as_text(item) for item in items)
    return tuple(n for n in names if n)


def _entry(record: Mapping[str, Any], origin: str, mapping: FieldMapping) -> Entry:
    published = _first(record, mapping.published)
    return Entry(
        origin=origin,
        text=_as_text(_first(record, mapping.text)),
        html=_as_text(_first(record, mapping.html)),
        title=_as_text(_first(record, mapping.title)),
        published=published if isinstance(published, int | float) else _as_text(published),
        source=_as_text(_first(record, mapping.source)),
        authors=_authors(_first(record, mapping.authors)),
    )


def _document(record: Any, origin: str, mapping: FieldMapping) -> RawDocument | Problem:
    if not isinstance(record, Mapping):
        return Problem(origin, f"not a record (a JSON {type(record).__name__}, where an object was expected)")
    try:
        return document_from_entry(_entry(record, origin, mapping))
    except BadInputError as exc:
        return Problem(exc.path, exc.reason)
    except StorydiffError:  # a missing extra: the same for every record, so it stops the file
        raise
    except Exception as exc:  # one record's oddity deep in HTML extraction must not stop the file
        return Problem(origin, f"could not be read (internal error: {type(exc).__name__}: {exc})")


def _open_binary(path: str) -> IO[bytes]:
    if path.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")  # noqa: SIM115 - the caller closes it


def _jsonl(path: str, mapping: FieldMapping, max_record_bytes: int) -> Iterator[RawDocument | Problem]:
    with _open_binary(path) as handle:
        number = 0
        while raw := handle.readline(max_record_bytes + 1):  # bounded: one huge line cannot fill memory
            number += 1
            origin = f"{path}#{number}"
            if len(raw) > max_record_bytes and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of that line
                    raw = handle.readline(1 << 20)
                yield Problem(origin, f"record too large (over {max_record_bytes:,} bytes)")
                continue
            if not raw.strip():
                continue
            text = raw.decode("utf-8-sig", errors="replace")
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                yield Problem(origin, f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            yield _document(record, origin, mapping)


def _csv(path: str, mapping: FieldMapping, max_record_bytes: int) -> Iterator[RawDocument | Problem]:
    csv.field_size_limit(max(csv.field_size_limit(), max_record_bytes))
    with io.TextIOWrapper(_open_binary(path), encoding="utf-8-sig", errors="replace", newline="") as handle:
        # The delimiter is the one the header line uses most: a header rarely holds any of them, where
        # a sniffer reading article text can be misled by its commas and semicolons.
        header_line = handle.readline()
        delimiter = max(",;\t|", key=header_line.count)
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter if header_line.count(delimiter) else ",")
        header: list[str] | None = None
        row_number = 0
        while True:
            row_number += 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:  # a malformed row: name it and read on from the next line
                yield Problem(f"{path}#{row_number}", f"not a valid CSV row ({exc})")
                continue
            if header is None:
                header = [name.strip() for name in row]
                if not any(header):
                    yield Problem(f"{path}#1", "no header row naming the fields")
                    return
                continue
            if not any(cell.strip() for cell in row):
                continue
            origin = f"{path}#{row_number}"
            if len(row) > len(header):
                yield Problem(origin, f"{len(row)} fields where the header names {len(header)}")
                continue
            yield _document(dict(zip(header, row, strict=False)), origin, mapping)


def read_records(
    path: str,
    mapping: FieldMapping | Mapping[str, str | Sequence[str]] | None = None,
    *,
    max_record_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[RawDocument | Problem]:
    """One RawDocument per JSONL line (`.jsonl`, `.ndjson`) or CSV row (anything else; `.gz` too), each with
    origin `path#<n>`; a bad record is a Problem and reading goes on. A file that cannot be opened
    is one Problem naming the file."""
    fields_ = FieldMapping.of(mapping)
    file = Path(path)
    if not file.is_file():
        yield Problem(path, "no such file" if not file.exists() else "not a regular file")
        return
    reader = _jsonl if file.name.lower().removesuffix(".gz").endswith((".jsonl", ".ndjson")) else _csv
    try:
        yield from reader(path, fields_, max_record_bytes)
    except (OSError, EOFError) as exc:  # unreadable, or a .gz that is not gzip or breaks off
        yield Problem(path, f"cannot be read ({getattr(exc, 'strerror', None) or exc})")
