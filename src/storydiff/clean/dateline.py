"""Datelines: `WASHINGTON, Jan 6 (Reuters) -`, `VELGRAD, 4 March -`, `МОСКВА, 6 янв — РИА Новости.`

Found at the start of a paragraph or in the middle of one (a machine-translated page often runs the
video caption straight into the dateline). Only the first dateline of an article counts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from storydiff.lang import LanguagePacks, alternation, default_language_packs
from storydiff.models import Article

__all__ = ["DatelineMatch", "find_dateline", "infer_year", "is_iso_date", "resolve_date", "resolve_years_from_peers"]

# Month names are the language packs' `months`, as written in a dateline: a Latin-script pack's
# join the Latin-script datelines (`WASHINGTON, Jan 6`), a Cyrillic one's the Cyrillic datelines
# (`МОСКВА, 6 янв`). Place patterns and the order of day and month are the script's, in code.
# An all-capitals place name of one to four words, optionally with a region: "NEW YORK", "KYIV".
_EN_PLACE = (
    r"(?P<place>[A-Z][A-Z'’.\-]{2,}(?:\s+[A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,\s+(?P<region>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?"  # "BRENNICK, Estravia, March 4"
)
_RU_PLACE = r"(?P<place>[А-ЯЁ][А-ЯЁ\-]{2,}(?:\s+[А-ЯЁ][А-ЯЁ\-]+){0,3})"
_DASH = r"[-–—]{1,2}"


def _month_pattern(packs: LanguagePacks, script: str, rest: str) -> str:
    """The month names of one script's packs, then the rest of the word (`rest`) and a full stop."""
    return rf"(?:{alternation(k for p in packs if p.script == script for k in p.months)}){rest}\.?"


@dataclass(frozen=True)
class _DatelinePatterns:
    datelines: tuple[re.Pattern[str], ...]
    full_date: re.Pattern[str]  # a date with its year, anywhere in the text


@lru_cache(maxsize=8)
def _patterns(packs: LanguagePacks) -> _DatelinePatterns:
    en_month = _month_pattern(packs, "Latin", "[a-z]*")
    ru_month = _month_pattern(packs, "Cyrillic", "[а-я]*")
    en_date = rf"(?P<date>{en_month}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{en_month}(?:\s+\d{{4}})?)"
    ru_date = rf"(?P<date>\d{{1,2}}\s+{ru_month}(?:\s+\d{{4}})?)"
    datelines = (
        # PLACE, Date (Agency) -   (agency and dash optional: translations drop them)
        re.compile(rf"(?<![\w,])\b{_EN_PLACE},\s+{en_date}(?:\s*\((?P<agency>[^()]{{2,40}})\))?(?:\s*{_DASH})?(?=\s)"),
        # PLACE (Agency) -
        re.compile(rf"(?<![\w,])\b{_EN_PLACE}\s*\((?P<agency>[^()]{{2,40}})\)\s*{_DASH}(?=\s)"),
        # МОСКВА, 6 янв — РИА Новости.
        re.compile(rf"(?<![\w,])\b{_RU_PLACE},\s+{ru_date}(?:\s*{_DASH}\s*(?P<agency>[^.\n]{{2,40}})\.)?(?=\s)"),
    )
    full_date = re.compile(
        rf"(?:{en_month}\s+\d{{1,2}},?\s+|\d{{1,2}}\s+(?:{en_month}|{ru_month})\s+)(?P<year>\d{{4}})"
    )
    return _DatelinePatterns(datelines, full_date)


@dataclass(frozen=True)
class DatelineMatch:
    start: int  # offsets within the searched string
    end: int
    place: str
    date_text: str | None
    agency: str | None


def find_dateline(line: str, max_offset: int = 800, *, packs: LanguagePacks | None = None) -> DatelineMatch | None:
    """The earliest dateline in `line` that starts within `max_offset` characters."""
    best = None
    for pattern in _patterns(packs if packs is not None else default_language_packs()).datelines:
        match = pattern.search(line[: max_offset + 120])
        if match and match.start() <= max_offset and (best is None or match.start() < best.start()):
            best = match
    if best is None:
        return None
    groups = best.groupdict()
    place = groups["place"].strip()
    # A run of capitals inside a sentence ("the CSTO, Jan 6") is not a place: datelines open a
    # paragraph, or follow the end of a caption sentence or credit.
    before = line[: best.start()].rstrip()
    if before and place in {"US", "UN", "EU"}:
        return None
    return DatelineMatch(
        start=best.start(),
        end=best.end(),
        place=place.title() if place.isupper() else place,
        date_text=groups.get("date"),
        agency=(groups.get("agency") or "").strip() or None,
    )


def infer_year(
    text: str, published: str | None, date_text: str | None, *, packs: LanguagePacks | None = None
) -> int | None:
    """The year a dateline without one refers to: the publication date's, else the year of a full
    date with the same month and day elsewhere in the article (a photo caption usually has one).

    A bare year in the text is no evidence: "built in 1968", "gas will flow in 2026". When nothing
    fits, the story's other articles decide (`resolve_years_from_peers`)."""
    if published and re.match(r"\d{4}", published):
        return int(published[:4])
    packs = packs if packs is not None else default_language_packs()
    month_day = _month_day(date_text, packs)
    if month_day is None:
        return None
    years: Counter[int] = Counter()
    for match in _patterns(packs).full_date.finditer(text):
        found = _month_day(match.group(0), packs)
        if found == month_day:
            years[int(match.group("year"))] += 1
    return years.most_common(1)[0][0] if years else None


def _month_day(date_text: str | None, packs: LanguagePacks) -> tuple[int, int] | None:
    if not date_text:
        return None
    iso = resolve_date(date_text, 2000, packs=packs)
    if iso and re.match(r"\d{4}-\d{2}-\d{2}$", iso):
        return int(iso[5:7]), int(iso[8:10])
    return None


def is_iso_date(value: str | None) -> bool:
    return bool(value and re.match(r"\d{4}-\d{2}-\d{2}", value))


def resolve_date(date_text: str | None, year: int | None, *, packs: LanguagePacks | None = None) -> str | None:
    """ISO 8601 date when the month, day and year are all known; otherwise the text as written."""
    if not date_text:
        return None
    packs = packs if packs is not None else default_language_packs()
    words = re.findall(r"\d+|[^\W\d]+", date_text)
    month = day = None
    explicit_year = None
    for word in words:
        if word.isdigit():
            if len(word) == 4:
                explicit_year = int(word)
            else:
                day = int(word)
        else:
            month = packs.month(word)  # by the longest known beginning: "Sept" before "Sep"
    year = explicit_year or year
    if month and day and year and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return date_text


def resolve_years_from_peers(articles: list[Article], *, packs: LanguagePacks | None = None) -> list[Article]:
    """A dateline without a year ("Jan 6") takes the year its story's other articles were
    published in: articles compared together are about the same days."""
    years = Counter(
        int(a.published[:4]) for a in articles if a.published and is_iso_date(a.published)
    )
    if not years:
        return articles
    year = years.most_common(1)[0][0]
    out = []
    for article in articles:
        line = article.dateline
        if line is not None and line.date and not is_iso_date(line.date):
            resolved = resolve_date(line.date, year, packs=packs)
            if is_iso_date(resolved):
                line = replace(line, date=resolved)
                article = replace(
                    article, dateline=line, published=article.published or resolved
                )
        out.append(article)
    return out
