"""One entry point for every kind of input: `read_source` picks the reader and yields documents and
problems, never raising for a bad input (only for a missing extra, which is the same for every input).

http(s) URL -> a feed if the response is one, else a page; `.jsonl` `.ndjson` `.csv` (also `.gz`'d)
-> records; `.warc` `.warc.gz` -> WARC; `.rss` `.atom` `.rdf`, or `.xml` and any other file that
starts like a feed -> feed; a file that starts `WARC/` -> WARC; else the file reader (a directory is
expanded as the file reader expands it).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from storydiff.errors import BadInputError, StorydiffError
from storydiff.ingest.entries import document_from_response
from storydiff.ingest.feed import looks_like_feed, parse_feed, read_feed
from storydiff.ingest.reader import DEFAULT_MAX_BYTES, expand_paths, read_document
from storydiff.ingest.records import RECORD_SUFFIXES, FieldMapping, read_records
from storydiff.ingest.url import Fetcher, FetchPolicy, is_url
from storydiff.ingest.warc import WARC_SUFFIXES, read_warc
from storydiff.models import Problem, RawDocument

__all__ = ["EMPTY_DIRECTORY", "read_source", "source_kind"]

EMPTY_DIRECTORY = "a directory with no article files (text or HTML) in it"
_FEED_ONLY_SUFFIXES = (".rss", ".atom", ".rdf")
_XML_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def _head(path: str, size: int = 4096) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def source_kind(source: str) -> str:
    """What `read_source` would read a source as: url, directory, records, warc, feed or file."""
    if is_url(source):
        return "url"
    if Path(source).is_dir():
        return "directory"
    name = source.lower()
    if name.removesuffix(".gz").endswith(RECORD_SUFFIXES):
        return "records"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(_FEED_ONLY_SUFFIXES):
        return "feed"
    head = _head(source)
    if head.startswith(b"WARC/"):
        return "warc"
    if looks_like_feed(head):
        return "feed"
    return "file"


def _read_url(url: str, fetcher: Fetcher | None, follow_links: bool, max_bytes: int) -> Iterator[RawDocument | Problem]:
    own = fetcher is None
    active = fetcher or Fetcher(FetchPolicy(max_bytes=max_bytes))
    try:
        try:
            fetched = active.fetch(url)
        except BadInputError as exc:
            yield Problem(exc.path, exc.reason)
            return
        if fetched.content_type in _XML_FEED_TYPES or looks_like_feed(fetched.data):
            yield from parse_feed(
                fetched.data, url, fetched_at=fetched.fetched_at, fetcher=active if follow_links else None
            )
            return
        try:
            document = document_from_response(fetched.data, url, fetched.content_type, fetched.charset)
        except BadInputError as exc:
            yield Problem(exc.path, exc.reason)
            return
        except StorydiffError:
            raise
        except Exception as exc:  # a page that trips the extractor is one problem, not a crash
            yield Problem(url, f"could not be read (internal error: {type(exc).__name__}: {exc})")
            return
        yield replace(document, fetched_at=fetched.fetched_at)
    finally:
        if own:
            active.close()


def _read_file(
    path: str,
    mapping: FieldMapping | Mapping[str, str | Sequence[str]] | None,
    fetcher: Fetcher | None,
    follow_links: bool,
    max_bytes: int,
) -> Iterator[RawDocument | Problem]:
    kind = source_kind(path)
    if kind == "records":
        yield from read_records(path, mapping)
    elif kind == "warc":
        yield from read_warc(path, max_bytes=max_bytes)
    elif kind == "feed":
        yield from read_feed(path, fetcher=fetcher, follow_links=follow_links, max_bytes=max_bytes)
    else:
        try:
            yield read_document(path, max_bytes)
        except BadInputError as exc:
            yield Problem(exc.path, exc.reason)


def read_source(
    source: str,
    *,
    mapping: FieldMapping | Mapping[str, str | Sequence[str]] | None = None,
    fetcher: Fetcher | None = None,
    follow_links: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[RawDocument | Problem]:
    """Every document a source holds, and a Problem (path or `path#n`, reason) for each part that
    cannot be used. `mapping` names the fields of JSONL/CSV records; `fetcher` is the HTTP client
    for URLs (a default one is made and closed per call without it); `follow_links` fetches the page
    of each feed entry; `max_bytes` caps each file, page and archived body."""
    if is_url(source):
        yield from _read_url(source, fetcher, follow_links, max_bytes)
        return
    if Path(source).is_dir():
        found = False
        for path in expand_paths([source]):
            found = True
            yield from _read_file(path, mapping, fetcher, follow_links, max_bytes)
        if not found:
            yield Problem(source, EMPTY_DIRECTORY)
        return
    yield from _read_file(source, mapping, fetcher, follow_links, max_bytes)
