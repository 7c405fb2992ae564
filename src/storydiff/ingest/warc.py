"""Web archives (WARC, plain or gzip'd) as written by crawlers (the `ingest` extra: warcio).

Every `response` record with HTTP status 200 and an HTML or plain-text body is one article, with
the record's target URI as its origin and its WARC-Date as the fetch time. Everything else a crawl
holds (requests, metadata, images, scripts, redirects) is skipped without a word. A record whose
body cannot be used is a Problem named `<uri>` and reading goes on; a file that breaks off mid-record
(a truncated download) is a Problem named `path#<offset>` after the records read so far.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import Any

from storydiff.errors import BadInputError, MissingExtraError
from storydiff.ingest.entries import document_from_response
from storydiff.ingest.reader import DEFAULT_MAX_BYTES
from storydiff.models import Problem, RawDocument

__all__ = ["WARC_SUFFIXES", "read_warc"]

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
_ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def _iso_utc(warc_date: str | None) -> str | None:
    if not warc_date:
        return None
    try:
        moment = datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
    except ValueError:
        return warc_date
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _media_type(record: Any) -> str:
    header = record.http_headers.get_header("Content-Type") if record.http_headers else None
    return (header or "").split(";")[0].strip().lower()


def _charset(record: Any) -> str | None:
    header = record.http_headers.get_header("Content-Type") or ""
    for param in header.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _document(record: Any, uri: str, max_bytes: int) -> RawDocument:
    data = record.content_stream().read(max_bytes + 1)  # de-chunked and decompressed by warcio
    if len(data) > max_bytes:
        raise BadInputError(uri, f"too large (more than {max_bytes:,} bytes)")
    if getattr(record.raw_stream, "limit", 0) > 0:  # warcio ends a cut-off body quietly; the bytes it lacks tell
        raise BadInputError(uri, "the record breaks off (the archive is truncated)")
    document = document_from_response(data, uri, _media_type(record), _charset(record))
    return replace(document, fetched_at=_iso_utc(record.rec_headers.get_header("WARC-Date")))


def _record_document(record: Any, uri: str, max_bytes: int) -> RawDocument | Problem:
    try:
        return _document(record, uri, max_bytes)
    except BadInputError as exc:
        return Problem(uri, exc.reason)
    except MissingExtraError:
        raise
    except Exception as exc:  # warcio decompressing a body it was told was gzip, and the like
        return Problem(uri, f"record body cannot be read ({type(exc).__name__}: {exc})")


def _unread_tail(handle: Any, records: Any) -> int | None:
    """Where unread bytes start after the last record, or None when the file ends with it: warcio
    stops quietly at a record cut off mid-way (a truncated download), so we look for what is left."""
    end = records.get_record_offset() + records.get_record_length()
    size = os.fstat(handle.fileno()).st_size
    if size - end <= 0:
        return None
    handle.seek(end)
    return None if not handle.read(4096).strip() else end


def read_warc(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Problem]:
    """The articles in a WARC file, one RawDocument per HTML or text response with status 200."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as exc:
        raise MissingExtraError("ingest", "reading WARC files") from exc
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in finally, around a generator
    except OSError as exc:
        yield Problem(path, "no such file" if isinstance(exc, FileNotFoundError) else f"cannot be read ({exc})")
        return
    skipped = 0
    try:
        records = ArchiveIterator(handle)
        last_end = 0  # where the last whole record ended, to name the place a broken file breaks off
        for number in itertools.count(1):
            try:
                record = next(records)
            except StopIteration:
                trailing = _unread_tail(handle, records) if number > 1 else None
                if trailing is not None:
                    yield Problem(f"{path}#{trailing}", "the archive breaks off after the last whole record")
                break
            except Exception as exc:  # broken off or not a WARC: warcio may raise anything from a cut header
                detail = f"{type(exc).__name__}: {str(exc).strip()}".rstrip(": ")
                if last_end:
                    yield Problem(f"{path}#{last_end}", f"the archive breaks off or is damaged here ({detail})")
                else:
                    yield Problem(path, f"not a readable WARC file ({detail})")
                break
            if record.format != "warc":  # warcio reads anything leniently, as an old ARC if need be
                yield Problem(path if number == 1 else f"{path}#{last_end}", "not a WARC record (no WARC/1.x header)")
                break
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#record{number}"
            status = record.http_headers.get_statuscode() if record.http_headers else None
            if record.rec_type != "response" or status != "200" or _media_type(record) not in _ARTICLE_TYPES:
                skipped += 1
            else:
                yield _record_document(record, uri, max_bytes)
            # asked only now: warcio reads the rest of the record to answer
            last_end = records.get_record_offset() + records.get_record_length()
    finally:
        handle.close()
    log.debug("%s: %d records skipped (not an HTML or text response with status 200)", path, skipped)
