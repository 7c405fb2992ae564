"""The date of an HTML page, as its reader sees it.

Trafilatura's date (htmldate: meta tags, JSON-LD, the URL, then the text) is the fallback. Before it
come the dates the page shows beside the story, which readers (and annotators) take for its date:

1. a date labelled as the last update ("Last updated: 04 Jun 2020", "Letzte Änderung: 14.01.2022"),
   unless a date shown just before the label is the original one ("June 12, 2020 / Updated: …"),
   and not in the site's footer or menus (a wiki's "This page was last modified on …");
2. a date that opens the story's first lines ("29.11.2022 – Die Branche …");
3. the declared publication time read in the page's own time zone: a `<time>` element for the same
   instant as a UTC `article:published_time` gives the local day ("3 May, 11:37 pm", not 4 May).

Label words and month names come from the language packs (`updated_labels`, `months`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from storydiff.lang import LanguagePacks, alternation, default_language_packs

__all__ = ["PageDate", "find_text_date", "opening_date", "page_date", "updated_date"]

_VISIBLE_CHARS = 200_000  # of the page's text: enough for any header, bounded for huge pages


@dataclass(frozen=True)
class PageDate:
    date: str  # ISO 8601, YYYY-MM-DD
    how: str  # "updated-label", "opening-line", "local-time", "metadata"


@dataclass(frozen=True)
class _Patterns:
    date: re.Pattern[str]
    label: re.Pattern[str]


@lru_cache(maxsize=8)
def _patterns(packs: LanguagePacks) -> _Patterns:
    month = rf"(?P<month>(?:{alternation(packs.mapping('months'))})[^\W\d_]*\.?)"
    date_pattern = (
        r"(?<!\d)(?:(?P<iso_y>(?:19|20)\d\d)[-/](?P<iso_m>\d{1,2})[-/](?P<iso_d>\d{1,2})(?!\d)"
        r"|(?P<dot_d>\d{1,2})\.(?P<dot_m>\d{1,2})\.(?P<dot_y>(?:19|20)\d\d)(?!\d)"
        rf"|(?P<dm_d>\d{{1,2}})\.?\s*(?:de\s+)?{month.replace('month', 'dm_m')},?\s*(?:de\s+)?"
        r"(?P<dm_y>(?:19|20)\d\d)(?!\d)"
        rf"|{month.replace('month', 'md_m')}\s*(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s*(?P<md_y>(?:19|20)\d\d)(?!\d))"
    )
    labels = alternation(packs.words("updated_labels"))
    return _Patterns(
        date=re.compile(date_pattern, re.I),
        label=re.compile(rf"(?<!\w)(?:{labels})(?!\w)\s*:?\s*", re.I),
    )


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(match: re.Match[str], packs: LanguagePacks) -> str | None:
    groups = match.groupdict()
    if groups["iso_y"]:
        return _iso(int(groups["iso_y"]), int(groups["iso_m"]), int(groups["iso_d"]))
    if groups["dot_y"]:
        return _iso(int(groups["dot_y"]), int(groups["dot_m"]), int(groups["dot_d"]))
    word, day, year = (
        (groups["dm_m"], groups["dm_d"], groups["dm_y"])
        if groups["dm_y"]
        else (groups["md_m"], groups["md_d"], groups["md_y"])
    )
    month = packs.month(word.rstrip("."))
    return _iso(int(year), month, int(day)) if month else None


def find_text_date(text: str, packs: LanguagePacks | None = None) -> tuple[str, int, int] | None:
    """The first full date written in `text` (with its year), with where it starts and ends."""
    packs = packs if packs is not None else default_language_packs()
    for match in _patterns(packs).date.finditer(text):
        found = _from_match(match, packs)
        if found:
            return found, match.start(), match.end()
    return None


def updated_date(visible: str, packs: LanguagePacks | None = None) -> str | None:
    """The date after the first "updated" label that has one right after it; a date shown just
    before that label (the original publication, "June 12, 2020 / Updated: Aug. 18") wins."""
    packs = packs if packs is not None else default_language_packs()
    for label in _patterns(packs).label.finditer(visible):
        after = find_text_date(visible[label.end() : label.end() + 40], packs)
        if after is None or after[1] > 4:  # "Updated on: 4 May 2021", not a date further on
            continue
        before = visible[max(0, label.start() - 60) : label.start()]
        earlier = [d for d in _all_dates(before, packs) if d[2] >= len(before) - 25]
        return earlier[-1][0] if earlier else after[0]
    return None


def _all_dates(text: str, packs: LanguagePacks) -> list[tuple[str, int, int]]:
    out = []
    for match in _patterns(packs).date.finditer(text):
        found = _from_match(match, packs)
        if found:
            out.append((found, match.start(), match.end()))
    return out


_OPENING = re.compile(r"^\s*(?:[^\W\d_][\w .'’-]{0,30},\s*)?")  # an optional place: "Berlin, 29.11.2022 –"
_DASH_AFTER = re.compile(r"^\s*(?:\([^()]{1,30}\)\s*)?[-–—:|]\s")


def opening_date(text: str, packs: LanguagePacks | None = None) -> str | None:
    """A full date that opens one of the first lines of the main text and is followed by a dash:
    the story's dateline ("29.11.2022 – Die Branche …", "Berlin, 3. Mai 2021 (dpa) - …")."""
    packs = packs if packs is not None else default_language_packs()
    for line in [line for line in text.splitlines() if line.strip()][:3]:
        start = _OPENING.match(line)
        found = find_text_date(line[: (start.end() if start else 0) + 40], packs)
        if found and start and found[1] == start.end() and _DASH_AFTER.match(line[found[2] :]):
            return found[0]
    return None


def _instant(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _declared(tree: Any, *names: str) -> datetime | None:
    for name in names:
        for value in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content'):
            if (parsed := _instant(value)) is not None:
                return parsed
    return None


def _metadata_fix(tree: Any, extracted: str) -> PageDate | None:
    """The declared publication day as the page's readers see it (see the module docstring, 3).
    (A modification time before the publication time is no sign: sites re-stamp either.)"""
    published = _declared(tree, "article:published_time", "datePublished")
    if published is None or published.date().isoformat() != extracted:
        return None
    if published.utcoffset() == timedelta(0):
        for value in tree.xpath("//time/@datetime")[:20]:
            local = _instant(value)
            if local is not None and local == published and local.utcoffset() != published.utcoffset():
                return PageDate(local.date().isoformat(), "local-time")
    return None


# the site's furniture (as in html_text): a footer's "page last modified" is the server's stamp, and a
# sidebar's dates are other stories', not this story's date
_FURNITURE = (
    "//nav | //footer | //*[@role='contentinfo' or @role='navigation']"
    " | //*[self::aside or @role='complementary'][not(ancestor::article or ancestor::main)]"
)


def _visible_text(tree: Any) -> str:
    furniture = {element for root in tree.xpath(_FURNITURE) for element in root.iter()}
    roots = set(tree.xpath(_FURNITURE))
    nodes = tree.xpath("//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")
    text, size = [], 0
    for node in nodes:
        parent = node.getparent()  # for a tail, the element it follows: outside that element
        if parent in furniture and not (node.is_tail and parent in roots and parent.getparent() not in furniture):
            continue
        text.append(str(node))
        size += len(node)
        if size > _VISIBLE_CHARS:
            break
    return " ".join(" ".join(text).split())


def page_date(tree: Any, main_text: str, extracted: str | None, packs: LanguagePacks | None = None) -> PageDate | None:
    """The page's date (see the module docstring); `extracted` is trafilatura's, YYYY-MM-DD…"""
    packs = packs if packs is not None else default_language_packs()
    if tree is not None:
        found = updated_date(_visible_text(tree), packs)
        if found:
            return PageDate(found, "updated-label")
    found = opening_date(main_text, packs)
    if found:
        return PageDate(found, "opening-line")
    if not extracted:
        return None
    if tree is not None and (fixed := _metadata_fix(tree, extracted[:10])) is not None:
        return fixed
    return PageDate(extracted[:10], "metadata")
