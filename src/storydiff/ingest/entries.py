"""One article given as fields (a news API record, a feed entry) -> a RawDocument.

Records and feed entries carry their article either as HTML (a whole page, or a fragment such as
`<p>…</p>`) or as plain text, with the metadata beside it. HTML goes through the same extractor as
pages on disk; a fragment too short for it to find a "main text" is stripped of its tags instead,
since a two-sentence summary is still the article the feed gives us.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

from storydiff.errors import BadInputError
from storydiff.ingest.html import extract_html
from storydiff.ingest.text import decode_bytes, looks_binary
from storydiff.models import RawDocument

__all__ = [
    "Entry",
    "document_from_entry",
    "document_from_response",
    "fragment_text",
    "looks_like_markup",
    "normalise_date",
    "utc_now",
    "with_entry_metadata",
]

_FULL_PAGE = re.compile(r"<(?:html|head)\b", re.IGNORECASE)

_MARKUP = re.compile(
    r"<(?:p|div|br|a|span|strong|em|b|i|h[1-6]|ul|ol|li|article|section|body|html|img|figure|"
    r"blockquote|table)\b[^>]*>",
    re.I,
)
_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "article",
    "section",
    "tr",
    "figure",
    "figcaption",
    "ul",
    "ol",
    "table",
    "pre",
    "hr",
}
_SKIPPED = {"script", "style", "noscript", "template"}
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Entry:
    """What a record or feed entry says about one article (any field may be missing)."""

    origin: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    published: str | int | float | None = None  # as given: normalise_date reads it
    source: str | None = None
    authors: tuple[str, ...] = ()
    fetched_at: str | None = None


def utc_now() -> str:
    """The current time as ISO 8601 UTC to the second, the form `RawDocument.fetched_at` holds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def looks_like_markup(text: str) -> bool:
    """An API's `content` field is often HTML; only common article tags count, so that a text that
    merely mentions `a < b` stays text."""
    return bool(_MARKUP.search(text[:20_000]))


def normalise_date(value: object) -> str | None:
    """A publication date as `YYYY-MM-DD`, the day in the writer's own time zone (as the HTML path
    gives it): ISO 8601, RFC 822 (RSS), or Unix seconds. Anything else gives None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 10**11 else value  # milliseconds, as some APIs give
        try:
            return datetime.fromtimestamp(seconds, UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit():
        return normalise_date(int(text))
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    day = _ISO_DAY.match(text)  # "2024-03-05 10:00 EST" and other near-ISO forms
    if day:
        try:
            return datetime(int(day[1]), int(day[2]), int(day[3])).date().isoformat()
        except ValueError:
            return None
    return None


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def fragment_text(html: str) -> str:
    """The text of an HTML fragment, one paragraph per block element (no extractor heuristics)."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    paragraphs = (" ".join(block.split()) for block in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _from_html(origin: str, html: str) -> RawDocument:
    try:
        return extract_html(origin, html, "utf-8")
    except BadInputError:
        text = fragment_text(html)
        if not text:
            raise
        return RawDocument(origin=origin, text=text, content_type="html", encoding="utf-8")


def document_from_entry(entry: Entry) -> RawDocument:
    """The entry's article, HTML or text, with the entry's metadata. Raises BadInputError when
    there is no text."""
    html = entry.html if entry.html and entry.html.strip() else None
    text = entry.text if entry.text and entry.text.strip() else None
    if html is None and text is not None and looks_like_markup(text):
        html, text = text, None
    if html is not None:
        document = _from_html(entry.origin, html)
        if not _FULL_PAGE.search(html):
            # A fragment (a feed's description) has no page metadata: a date found in it is one the
            # story mentions ("gas will flow in January 2026"), not when it was published.
            document = replace(document, published=None)
    elif text is not None:
        document = RawDocument(origin=entry.origin, text=text.strip(), content_type="text", encoding="utf-8")
    else:
        raise BadInputError(entry.origin, "has no article text (no text or HTML field with content)")
    return with_entry_metadata(document, entry)


def with_entry_metadata(document: RawDocument, entry: Entry) -> RawDocument:
    """The entry's own title, date, source and authors over what the page says, since an API or a
    feed states them outright where a page's are found by heuristics."""
    return replace(
        document,
        title=" ".join(entry.title.split()) if entry.title and entry.title.strip() else document.title,
        published=normalise_date(entry.published) or document.published,
        site_name=entry.source.strip() if entry.source and entry.source.strip() else document.site_name,
        authors=entry.authors or document.authors,
        fetched_at=entry.fetched_at or document.fetched_at,
    )


def document_from_response(data: bytes, origin: str, media_type: str, charset: str | None = None) -> RawDocument:
    """A fetched or archived body whose type the server declared: HTML types go to the extractor
    whatever the URL looks like; the declared charset is tried first, detection decides otherwise."""
    if not data.strip():
        raise BadInputError(origin, "is empty")
    if looks_binary(data):
        raise BadInputError(origin, f"binary content under Content-Type {media_type or '(none)'}")
    text: str | None = None
    if charset:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = None  # a wrong or unknown declared charset
    repairs: tuple[str, ...] = ()
    if text is None:
        decoded = decode_bytes(data, origin)
        text, charset, repairs = decoded.text, decoded.encoding, decoded.repairs
    if not text.strip():
        raise BadInputError(origin, "is empty (only whitespace)")
    encoding = charset or "utf-8"
    if media_type == "text/plain" or (not media_type and not looks_like_markup(text)):
        return RawDocument(origin=origin, text=text, content_type="text", encoding=encoding, repairs=repairs)
    return replace(extract_html(origin, text, encoding), repairs=repairs)
