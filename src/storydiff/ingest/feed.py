"""RSS and Atom feeds, from a file or a URL (the `ingest` extra: feedparser).

Each entry is one article: its fullest content (else its summary), HTML through the same path as
pages, with the entry's link as origin (`feed#<n>` when it has none), its title, date and authors,
and the feed's title as the source. With `follow_links`, the page an entry links to is fetched and
its main text used instead, since many feeds carry only a teaser; the summary stays the fallback.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from storydiff.errors import BadInputError, MissingExtraError, StorydiffError
from storydiff.ingest.entries import Entry, document_from_entry, document_from_response, with_entry_metadata
from storydiff.ingest.reader import DEFAULT_MAX_BYTES
from storydiff.ingest.url import PAGE_TYPES, Fetcher, is_url
from storydiff.models import Problem, RawDocument

__all__ = ["FEED_SUFFIXES", "looks_like_feed", "parse_feed", "read_feed"]

log = logging.getLogger(__name__)

FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
# The root element of RSS 2.0 / 0.9x, Atom and RSS 1.0 (RDF), after any XML declaration, comments
# and doctype; the namespace check keeps an unrelated `<feed>` element out.
_FEED_ROOT = re.compile(
    rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>|<\?xml-stylesheet[^>]*\?>)*"
    rb"<(?:rss\b|rdf:RDF\b|feed\b[^>]*http://www\.w3\.org/2005/Atom)",
    re.I | re.S,
)


def looks_like_feed(data: bytes | str) -> bool:
    head = (data.encode("utf-8", errors="replace") if isinstance(data, str) else data)[:4096]
    return bool(_FEED_ROOT.match(head.lstrip(b"\xef\xbb\xbf")))


def _feedparser() -> Any:
    try:
        import feedparser
    except ImportError as exc:
        raise MissingExtraError("ingest", "reading RSS and Atom feeds") from exc
    return feedparser


def _content(entry: Any) -> tuple[str | None, str | None]:
    """(text, html): the longest content the entry carries, else its summary."""
    candidates = [(c.get("value") or "", c.get("type") or "text/html") for c in entry.get("content") or ()]
    if entry.get("summary"):
        candidates.append((entry["summary"], (entry.get("summary_detail") or {}).get("type") or "text/html"))
    candidates = [c for c in candidates if c[0].strip()]
    if not candidates:
        return None, None
    value, kind = max(candidates, key=lambda c: len(c[0]))
    return (value, None) if kind == "text/plain" else (None, value)


def _published(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        if entry.get(key):
            return str(entry[key])
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:  # feedparser's struct_time, already in UTC
            return str(calendar.timegm(parsed))
    return None


def _authors(entry: Any) -> tuple[str, ...]:
    names = [a.get("name", "").strip() for a in entry.get("authors") or () if isinstance(a, dict)]
    if not any(names) and entry.get("author"):
        names = [entry["author"].strip()]
    return tuple(n for n in names if n)


def parse_feed(
    data: bytes, origin: str, *, fetched_at: str | None = None, fetcher: Fetcher | None = None
) -> Iterator[RawDocument | Problem]:
    """The entries of a feed already in memory. With a `fetcher`, each entry's linked page is fetched
    for its full text."""
    parsed = _feedparser().parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            yield Problem(origin, f"not a readable feed ({parsed.get('bozo_exception')})")
        else:
            yield Problem(origin, "a feed with no entries")
        return
    source = (parsed.feed.get("title") or "").strip() or None
    for number, item in enumerate(parsed.entries, start=1):
        link = (item.get("link") or "").strip()
        text, html = _content(item)
        entry = Entry(
            origin=link or f"{origin}#{number}",
            text=text,
            html=html,
            title=item.get("title"),
            published=_published(item),
            source=source,
            authors=_authors(item),
            fetched_at=fetched_at,
        )
        if fetcher is not None and is_url(link):
            page = _linked_page(fetcher, entry)
            if page is not None:
                yield page
                continue
        try:
            yield document_from_entry(entry)
        except BadInputError as exc:
            yield Problem(exc.path, f"feed entry {number}: {exc.reason}")
        except StorydiffError:  # a missing extra: the same for every entry
            raise
        except Exception as exc:  # one entry's oddity deep in HTML extraction must not stop the feed
            yield Problem(entry.origin, f"feed entry {number}: could not be read ({type(exc).__name__}: {exc})")


def _linked_page(fetcher: Fetcher, entry: Entry) -> RawDocument | None:
    """The entry's page with the feed's metadata on top, or None (logged) when it cannot be used."""
    try:
        fetched = fetcher.fetch(entry.origin, accepted_types=PAGE_TYPES)
        page = document_from_response(fetched.data, entry.origin, fetched.content_type, fetched.charset)
    except BadInputError as exc:
        log.info("%s: the linked page cannot be used (%s); the feed's own text is used", entry.origin, exc.reason)
        return None
    return with_entry_metadata(page, replace(entry, fetched_at=fetched.fetched_at))


def read_feed(
    source: str,
    *,
    fetcher: Fetcher | None = None,
    follow_links: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[RawDocument | Problem]:
    """A feed from a file or an http(s) URL. URLs (the feed's and, with `follow_links`, its entries')
    are fetched with `fetcher`, or with a default Fetcher made (and closed) here."""
    _feedparser()  # say which extra is missing before fetching anything
    own = fetcher is None and (follow_links or is_url(source))
    active = Fetcher() if own else fetcher
    try:
        fetched_at = None
        if is_url(source):
            assert active is not None
            try:
                fetched = active.fetch(source)
            except BadInputError as exc:
                yield Problem(exc.path, exc.reason)
                return
            data, fetched_at = fetched.data, fetched.fetched_at
        else:
            file = Path(source)
            try:
                size = file.stat().st_size
                if size > max_bytes:
                    yield Problem(source, f"too large ({size:,} bytes; the limit is {max_bytes:,})")
                    return
                data = file.read_bytes()
            except OSError as exc:
                yield Problem(
                    source, "no such file" if not file.exists() else f"cannot be read ({exc.strerror or exc})"
                )
                return
        yield from parse_feed(data, source, fetched_at=fetched_at, fetcher=active if follow_links else None)
    finally:
        if own and active is not None:
            active.close()
