"""The date of an HTML page, as its reader sees it.

Trafilatura's date (htmldate: meta tags, JSON-LD, the URL, then the text) is the fallback. Before it
come the dates the page shows beside the story, which readers (and annotators) take for its date:

1. a date labelled as the last update ("Last updated: 04 Jun 2020", "Letzte Änderung: 14.01.2022"),
   unless a date shown just before the label is the original one ("June 12, 2020 / Updated: …"),
   and not in the site's footer or menus (a wiki's "This page was last modified on …");
2. a date that opens the story's first lines ("29.11.2022 – Die Branche …");
3. the declared publication time read in the page's own time zone: a UTC `article:published_time`
   (or JSON-LD `datePublished`) is read in the one other offset the page's own stamps are written in
   (`<time datetime>`, meta tags, JSON-LD dates): "3 May, 11:37 pm" at -04:00, not 4 May;
4. when the extractor has no date, or one the page's markup does not state (read from its text, or
   guessed from a year alone: a copyright "© 2021" read as 1 January), the first full date shown right
   after the headline (its byline or dateline).

Label words and month names come from the language packs (`updated_labels`, `months`). A date written
with slashes or dashes ("05/04/2022") is read day first, unless the month cannot be first (13/04) or
second (04/13), or the page is in US English (`<html lang="en-US">`), where the month comes first; in
a page of unknown language such a date is read only when it cannot be read otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from lxml import etree

from storydiff.lang import LanguagePacks, alternation, default_language_packs

__all__ = ["PageDate", "find_text_date", "opening_date", "page_date", "updated_date"]

_VISIBLE_CHARS = 200_000  # of the page's text: enough for any header, bounded for huge pages
_BYLINE_CHARS = 300  # after the headline: its kicker, byline and dateline, not the story's own dates


@dataclass(frozen=True)
class PageDate:
    date: str  # ISO 8601, YYYY-MM-DD
    how: str  # "updated-label", "opening-line", "local-time", "after-headline", "metadata"


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
        r"|(?P<sl_a>\d{1,2})(?P<sl_sep>[/-])(?P<sl_b>\d{1,2})(?P=sl_sep)(?P<sl_y>(?:19|20)\d\d)(?!\d)"
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


def _slashed(first: int, second: int, year: int, day_first: bool | None) -> str | None:
    """05/04/2022: day first unless a part rules it out or the page says otherwise (`day_first`)."""
    if first > 12 or first == second or (day_first and second <= 12):
        return _iso(year, second, first)
    if second > 12 or day_first is False:
        return _iso(year, first, second)
    return None  # either order, and nothing to choose by


def _from_match(match: re.Match[str], packs: LanguagePacks, day_first: bool | None = None) -> str | None:
    groups = match.groupdict()
    if groups["iso_y"]:
        return _iso(int(groups["iso_y"]), int(groups["iso_m"]), int(groups["iso_d"]))
    if groups["dot_y"]:
        return _iso(int(groups["dot_y"]), int(groups["dot_m"]), int(groups["dot_d"]))
    if groups["sl_y"]:
        return _slashed(int(groups["sl_a"]), int(groups["sl_b"]), int(groups["sl_y"]), day_first)
    word, day, year = (
        (groups["dm_m"], groups["dm_d"], groups["dm_y"])
        if groups["dm_y"]
        else (groups["md_m"], groups["md_d"], groups["md_y"])
    )
    month = packs.month(word.rstrip("."))
    return _iso(int(year), month, int(day)) if month else None


def find_text_date(
    text: str, packs: LanguagePacks | None = None, day_first: bool | None = None
) -> tuple[str, int, int] | None:
    """The first full date written in `text` (with its year), with where it starts and ends;
    `day_first` orders a date written with slashes (see the module docstring)."""
    packs = packs if packs is not None else default_language_packs()
    for match in _patterns(packs).date.finditer(text):
        found = _from_match(match, packs, day_first)
        if found:
            return found, match.start(), match.end()
    return None


def updated_date(visible: str, packs: LanguagePacks | None = None, day_first: bool | None = None) -> str | None:
    """The date after the first "updated" label that has one right after it; a date shown just
    before that label (the original publication, "June 12, 2020 / Updated: Aug. 18") wins."""
    packs = packs if packs is not None else default_language_packs()
    for label in _patterns(packs).label.finditer(visible):
        after = find_text_date(visible[label.end() : label.end() + 40], packs, day_first)
        if after is None or after[1] > 4:  # "Updated on: 4 May 2021", not a date further on
            continue
        before = visible[max(0, label.start() - 60) : label.start()]
        earlier = [d for d in _all_dates(before, packs, day_first) if d[2] >= len(before) - 25]
        return earlier[-1][0] if earlier else after[0]
    return None


def _all_dates(text: str, packs: LanguagePacks, day_first: bool | None = None) -> list[tuple[str, int, int]]:
    out = []
    for match in _patterns(packs).date.finditer(text):
        found = _from_match(match, packs, day_first)
        if found:
            out.append((found, match.start(), match.end()))
    return out


_OPENING = re.compile(r"^\s*(?:[^\W\d_][\w .'’-]{0,30},\s*)?")  # an optional place: "Berlin, 29.11.2022 –"
_DASH_AFTER = re.compile(r"^\s*(?:\([^()]{1,30}\)\s*)?[-–—:|]\s")


def opening_date(text: str, packs: LanguagePacks | None = None, day_first: bool | None = None) -> str | None:
    """A full date that opens one of the first lines of the main text and is followed by a dash:
    the story's dateline ("29.11.2022 – Die Branche …", "Berlin, 3. Mai 2021 (dpa) - …")."""
    packs = packs if packs is not None else default_language_packs()
    for line in [line for line in text.splitlines() if line.strip()][:3]:
        start = _OPENING.match(line)
        found = find_text_date(line[: (start.end() if start else 0) + 40], packs, day_first)
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


# the page's markup as plain strings (lxml's default "smart" ones each keep their element)
_JSON_LD = etree.XPath("//script[@type='application/ld+json']/text()", smart_strings=False)
_STAMPS = etree.XPath("//time/@datetime | //meta/@content", smart_strings=False)
_LANGUAGES = etree.XPath(
    "/html/@lang | //meta[@property='og:locale']/@content | //meta[@http-equiv='content-language']/@content",
    smart_strings=False,
)
_ATTRIBUTE_VALUES = etree.XPath("//@content | //@datetime | //@href", smart_strings=False)
_LD_DATE = re.compile(r'"(date\w*|uploadDate)"\s*:\s*"([^"]{10,40})"')
_STAMP = re.compile(r"^\s*(?:19|20)\d\d-\d\d-\d\dT")


def _json_ld_dates(tree: Any) -> list[tuple[str, str]]:
    return [found for script in _JSON_LD(tree)[:10] for found in _LD_DATE.findall(str(script))]


def _declared(tree: Any, *names: str) -> datetime | None:
    for name in names:
        for value in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content'):
            if (parsed := _instant(value)) is not None:
                return parsed
    for key, value in _json_ld_dates(tree):
        if key in names and (parsed := _instant(value)) is not None:
            return parsed
    return None


def _site_offset(tree: Any) -> timedelta | None:
    """The one UTC offset other than zero that the page's own time stamps are written in: the site's
    time zone (a CMS often writes one stamp in UTC and the others in local time)."""
    values = [v for v in _STAMPS(tree) if _STAMP.match(v)][:40]
    values += [value for _, value in _json_ld_dates(tree)]
    offsets = {offset for v in values if (i := _instant(v)) is not None and (offset := i.utcoffset())}
    return offsets.pop() if len(offsets) == 1 else None


def _metadata_fix(tree: Any, extracted: str) -> PageDate | None:
    """The declared publication day as the page's readers see it (see the module docstring, 3).
    (A modification time before the publication time is no sign: sites re-stamp either.)"""
    published = _declared(tree, "article:published_time", "datePublished")
    if published is None or published.date().isoformat() != extracted or published.utcoffset() != timedelta(0):
        return None
    offset = _site_offset(tree)
    if offset is not None and (local := (published + offset).date().isoformat()) != extracted:
        return PageDate(local, "local-time")
    return None


# the site's furniture (as in html_text): a footer's "page last modified" is the server's stamp, and a
# sidebar's dates are other stories', not this story's date; found by tag and by `role` (one XPath
# scan for the roles: XPath predicates over every element cost more than the rest of the date)
_FURNITURE_TAGS = ("nav", "footer")
_FURNITURE_ROLES = frozenset({"contentinfo", "navigation"})
_SIDE_TAG, _SIDE_ROLE = "aside", "complementary"  # unless inside the article or its <main>
_STORY_TAGS = frozenset({"article", "main"})
_HIDDEN_TAGS = ("script", "style", "noscript")
_WITH_ROLE = etree.XPath("//*[@role]")
_BODY_TEXT = etree.XPath("//body//text()")


def _furniture_roots(tree: Any) -> set[Any]:
    page = tree.getroottree()
    roots = set(page.iter(*_FURNITURE_TAGS))
    sides = list(page.iter(_SIDE_TAG))
    for element in _WITH_ROLE(tree):
        role = element.get("role")
        if role in _FURNITURE_ROLES:
            roots.add(element)
        elif role == _SIDE_ROLE:
            sides.append(element)
    roots.update(e for e in sides if not any(a.tag in _STORY_TAGS for a in e.iterancestors()))
    return roots


def _visible_text(tree: Any) -> str:
    """The text of the page's <body> outside its furniture and scripts, whitespace collapsed. A text
    is out when the element holding it is inside one of those (a tail: the element it follows is
    inside, or is one that is inside another)."""
    out = {element for root in _furniture_roots(tree) for element in root.iter()}
    out.update(element for root in tree.getroottree().iter(*_HIDDEN_TAGS) for element in root.iter())
    text, size = [], 0
    for node in _BODY_TEXT(tree):
        holder = node.getparent()  # for a tail, the element it follows: outside that element
        if (holder.getparent() if node.is_tail else holder) in out:
            continue
        text.append(str(node))
        size += len(node)
        if size > _VISIBLE_CHARS:
            break
    return " ".join(" ".join(text).split())


def _day_first(tree: Any) -> bool | None:
    """Whether the page writes 05/04/2022 day first: its declared language ("en-US": month first;
    bare "en": either), None when it declares none."""
    lang = next((v.strip().replace("_", "-").casefold() for v in _LANGUAGES(tree) if v.strip()), "")
    if not lang or lang == "en":
        return None
    return lang != "en-us"


def _stated(tree: Any, extracted: str) -> bool:
    """Whether the page's markup states the extractor's date (meta tags, `<time>`, links, JSON-LD);
    if not, the extractor read it from the page's text, or guessed it from a year or month alone."""
    forms = (extracted, extracted.replace("-", "/"), extracted.replace("-", ""))
    values = _ATTRIBUTE_VALUES(tree)[:3000]
    values += [value for _, value in _json_ld_dates(tree)]
    if any("\0" in form for form in forms):  # pragma: no cover - a date has none: the joined search is exact
        return any(form in value for value in values for form in forms)
    joined = "\0".join(values)  # one search each, not one per value: a form never spans two of them
    return any(form in joined for form in forms)


def _after_headline(visible: str, headline: str | None, packs: LanguagePacks, day_first: bool | None) -> str | None:
    """The first full date shown right after the headline: the story's byline or dateline."""
    start = visible.find(" ".join(headline.split())) if headline else -1
    if start < 0 or headline is None:
        return None
    after = start + len(" ".join(headline.split()))
    found = find_text_date(visible[after : after + _BYLINE_CHARS], packs, day_first)
    return found[0] if found else None


def page_date(
    tree: Any,
    main_text: str,
    extracted: str | None,
    packs: LanguagePacks | None = None,
    headline: str | None = None,
) -> PageDate | None:
    """The page's date (see the module docstring); `extracted` is trafilatura's, YYYY-MM-DD…"""
    packs = packs if packs is not None else default_language_packs()
    day_first = _day_first(tree) if tree is not None else None
    visible = _visible_text(tree) if tree is not None else ""
    if tree is not None:
        found = updated_date(visible, packs, day_first)
        if found:
            return PageDate(found, "updated-label")
    found = opening_date(main_text, packs, day_first)
    if found:
        return PageDate(found, "opening-line")
    if tree is not None and (fixed := _metadata_fix(tree, (extracted or "")[:10])) is not None:
        return fixed
    guess = not extracted or (tree is not None and not _stated(tree, extracted[:10]))
    if guess and (shown := _after_headline(visible, headline, packs, day_first)):
        return PageDate(shown, "after-headline")
    if not extracted:
        return None
    return PageDate(extracted[:10], "metadata")
