"""Lines a site prints on many of its pages: evidence, across pages, that a line is the site's debris.

One page cannot tell a site's furniture ("Meridian News - independent since 1998", "Follow our live
coverage on the app", a fixed disclaimer) from a short heading of the story. Many pages of the same
site can: the furniture comes back on page after page, a story's own lines do not. So a line counts
as the site's when it is on at least `min_stories` different stories of that site and on at least
`min_share` of them; the cleaner then removes it with the reason `site-repeated-line`.

Two versions of one story (an update, a syndicated copy on the same site) repeat every line of each
other, so pages are counted by story, not by page: a page's story is the fingerprint of its first
long line (the lead), which updates and copies keep. Long lines (`max_words`) are never the site's:
body text is what the tool is for, and the price of keeping a long disclaimer is small.

The site of a document is the host of its URL (a feed entry, a WARC record, a fetched page), or the
site name its metadata declares; a local file with neither has no site, and nothing is learnt from it.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from storydiff.clean.pieces import Piece
from storydiff.models import RawDocument

__all__ = [
    "SiteLineLearner",
    "SiteLineSettings",
    "SiteLines",
    "learn_site_lines",
    "line_key",
    "remove_site_lines",
    "site_of",
]

_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?…][\"'»”’)]*$")


@dataclass(frozen=True)
class SiteLineSettings:
    min_stories: int = 3  # distinct stories of the site a line must be on
    min_share: float = 0.2  # ... and this share of the site's stories (a common subheading is not furniture)
    max_words: int = 40  # longer lines are body text, never the site's
    # A line that reads as a sentence of a story (a background paragraph a series repeats) needs far
    # more: a fixed footer is on nearly every story, a background paragraph on a series only.
    sentence_min_stories: int = 5
    sentence_min_share: float = 0.8
    lead_words: int = 12  # a line this long or longer can be a page's lead (its story fingerprint)


def site_of(document: RawDocument) -> str | None:
    """The host of the document's URL without "www.", else its declared site name, else None."""
    if "://" in document.origin:
        host = urlsplit(document.origin).hostname or ""
        if host:
            return host.removeprefix("www.")
    if document.site_name:
        return " ".join(document.site_name.casefold().split())
    return None


def line_key(line: str) -> str:
    """A line as the site repeats it: case, spacing and figures (a date, a counter) may change."""
    return _DIGITS.sub("#", " ".join(line.casefold().split()))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _reads_as_sentence(key: str) -> bool:
    return len(_WORD.findall(key)) >= 8 and bool(_SENTENCE_END.search(key))


@dataclass(frozen=True)
class SiteLines:
    """The learnt lines per site: `for_document` gives the keys the cleaner removes from a page."""

    by_site: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def for_document(self, document: RawDocument) -> frozenset[str]:
        site = site_of(document)
        return self.by_site.get(site, frozenset()) if site is not None else frozenset()

    def restricted_to(self, documents: Iterable[RawDocument]) -> SiteLines:
        """Only the sites of these documents: what a chunk sent to a worker needs."""
        sites = {site_of(d) for d in documents}
        return SiteLines({s: keys for s, keys in self.by_site.items() if s in sites})

    def __len__(self) -> int:
        return sum(len(keys) for keys in self.by_site.values())


class SiteLineLearner:
    """Learns as documents stream past (a batch reads its sources window by window). Memory grows
    with the distinct short lines per site; a site's lines seen on one story only are forgotten when
    it holds more than `max_keys_per_site` (a counter of this kind may miss a line that was cut
    while rare, never invents one).

    Most lines are a story's own and are seen once: such a line is kept as its key's hash and its
    story's number (two integers, a quarter of a string and a set), and becomes a key with its set
    of stories only when a second story prints it. What is learnt is the same; a long run holds a
    fraction of the memory, and `lines` reads only the keys seen twice."""

    def __init__(self, settings: SiteLineSettings | None = None, max_keys_per_site: int = 50_000) -> None:
        self.settings = settings or SiteLineSettings()
        self.max_keys = max_keys_per_site
        self._stories: dict[str, dict[str, int]] = defaultdict(dict)  # site -> story fingerprint -> number
        self._once: dict[str, dict[int, int]] = defaultdict(dict)  # site -> hash of a key seen on one story -> story
        self._seen_on: dict[str, dict[str, set[int]]] = defaultdict(dict)  # site -> key on 2+ stories -> stories
        self._prune_at: dict[str, int] = {}

    def add(self, documents: Iterable[RawDocument]) -> None:
        settings = self.settings
        for document in documents:
            site = site_of(document)
            if site is None:
                continue
            lines = _lines(document.text)
            lead = next((k for k, line in enumerate(lines) if len(_WORD.findall(line)) >= settings.lead_words), None)
            if lead is None:
                continue  # a page with no body to speak of tells nothing about its site
            fingerprint = hashlib.blake2b(line_key(lines[lead]).encode("utf-8"), digest_size=8).hexdigest()
            stories = self._stories[site]
            story = stories.setdefault(fingerprint, len(stories))
            once, seen_on = self._once[site], self._seen_on[site]
            for k, line in enumerate(lines):
                if k == lead or len(_WORD.findall(line)) > settings.max_words:
                    continue
                key = line_key(line)
                where = seen_on.get(key)
                if where is not None:
                    where.add(story)
                    continue
                first = once.setdefault(hash(key), story)
                if first != story:  # a second story prints it
                    del once[hash(key)]
                    seen_on[key] = {first, story}
            if len(once) + len(seen_on) > self._prune_at.get(site, self.max_keys):
                once.clear()
                # Scan again only when it has doubled: pruning stays linear in the lines read.
                self._prune_at[site] = max(self.max_keys, 2 * len(seen_on))

    def lines(self) -> SiteLines:
        settings = self.settings
        learnt: dict[str, frozenset[str]] = {}
        for site, keys in self._seen_on.items():
            stories = len(self._stories[site])
            need = max(settings.min_stories, settings.min_share * stories)
            need_sentence = max(settings.sentence_min_stories, settings.sentence_min_share * stories)
            found = frozenset(
                key for key, where in keys.items() if len(where) >= (need_sentence if _reads_as_sentence(key) else need)
            )
            if found:
                learnt[site] = found
        return SiteLines(learnt)


def learn_site_lines(documents: Iterable[RawDocument], settings: SiteLineSettings | None = None) -> SiteLines:
    """One pass over the documents: what their sites repeat."""
    learner = SiteLineLearner(settings)
    learner.add(documents)
    return learner.lines()


def remove_site_lines(text: str, pieces: list[Piece], keys: frozenset[str]) -> list[Piece]:
    """A body line the page's site prints on many of its stories is the site's debris. Credits,
    bylines and captions are decided before this, so a wire's sign-off stays a credit."""
    if not keys:
        return pieces
    return [
        Piece(p.start, p.end, "removed", "site-repeated-line")
        if p.role == "body" and line_key(p.text(text)) in keys
        else p
        for p in pieces
    ]
