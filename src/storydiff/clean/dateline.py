"""Datelines: `WASHINGTON, Jan 6 (Reuters) -`, `VELGRAD, 4 March -`, `МОСКВА, 6 янв — РИА Новости.`

Found at the start of a paragraph or in the middle of one (a machine-translated page often runs the
video caption straight into the dateline). Only the first dateline of an article counts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from storydiff.models import Article

__all__ = ["DatelineMatch", "find_dateline", "infer_year", "is_iso_date", "resolve_date", "resolve_years_from_peers"]

EN_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
RU_MONTHS = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6,
    "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}

_EN_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_RU_MONTH = r"(?:янв|фев|мар|апр|ма[яй]|июн|июл|авг|сен|окт|ноя|дек)[а-я]*\.?"
# An all-capitals place name of one to four words, optionally with a region: "NEW YORK", "KYIV".
_EN_PLACE = (
    r"(?P<place>[A-Z][A-Z'’.\-]{2,}(?:\s+[A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,\s+(?P<region>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?"  # "BRENNICK, Estravia, March 4"
)
_RU_PLACE = r"(?P<place>[А-ЯЁ][А-ЯЁ\-]{2,}(?:\s+[А-ЯЁ][А-ЯЁ\-]+){0,3})"
_EN_DATE = rf"(?P<date>{_EN_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_EN_MONTH}(?:\s+\d{{4}})?)"
_RU_DATE = rf"(?P<date>\d{{1,2}}\s+{_RU_MONTH}(?:\s+\d{{4}})?)"
_DASH = r"[-–—]{1,2}"

_PATTERNS = (
    # PLACE, Date (Agency) -   (agency and dash optional: translations drop them)
    re.compile(rf"(?<![\w,])\b{_EN_PLACE},\s+{_EN_DATE}(?:\s*\((?P<agency>[^()]{{2,40}})\))?(?:\s*{_DASH})?(?=\s)"),
    # PLACE (Agency) -
    re.compile(rf"(?<![\w,])\b{_EN_PLACE}\s*\((?P<agency>[^()]{{2,40}})\)\s*{_DASH}(?=\s)"),
    # МОСКВА, 6 янв — РИА Новости.
    re.compile(rf"(?<![\w,])\b{_RU_PLACE},\s+{_RU_DATE}(?:\s*{_DASH}\s*(?P<agency>[^.\n]{{2,40}})\.)?(?=\s)"),
)


@dataclass(frozen=True)
class DatelineMatch:
    start: int  # offsets within the searched string
    end: int
    place: str
    date_text: str | None
    agency: str | None


def find_dateline(line: str, max_offset: int = 800) -> DatelineMatch | None:
    """The earliest dateline in `line` that starts within `max_offset` characters."""
    best = None
    for pattern in _PATTERNS:
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


def infer_year(text: str, published: str | None, date_text: str | None) -> int | None:
    """The year a dateline without one refers to: the publication date's, else the year of a full
    date with the same month and day elsewhere in the article (a photo caption usually has one).

    A bare year in the text is no evidence: "built in 1968", "gas will flow in 2026". When nothing
    fits, the story's other articles decide (`resolve_years_from_peers`)."""
    if published and re.match(r"\d{4}", published):
        return int(published[:4])
    month_day = _month_day(date_text)
    if month_day is None:
        return None
    years: Counter[int] = Counter()
    for match in _FULL_DATE.finditer(text):
        found = _month_day(match.group(0))
        if found == month_day:
            years[int(match.group("year"))] += 1
    return years.most_common(1)[0][0] if years else None


_FULL_DATE = re.compile(
    rf"(?:{_EN_MONTH}\s+\d{{1,2}},?\s+|\d{{1,2}}\s+(?:{_EN_MONTH}|{_RU_MONTH})\s+)(?P<year>\d{{4}})"
)


def _month_day(date_text: str | None) -> tuple[int, int] | None:
    if not date_text:
        return None
    iso = resolve_date(date_text, 2000)
    if iso and re.match(r"\d{4}-\d{2}-\d{2}$", iso):
        return int(iso[5:7]), int(iso[8:10])
    return None


def is_iso_date(value: str | None) -> bool:
    return bool(value and re.match(r"\d{4}-\d{2}-\d{2}", value))


def resolve_date(date_text: str | None, year: int | None) -> str | None:
    """ISO 8601 date when the month, day and year are all known; otherwise the text as written."""
    if not date_text:
        return None
    words = re.findall(r"\d+|[^\W\d]+", date_text)
    month = day = None
    explicit_year = None
    for word in words:
        low = word.lower()
        if word.isdigit():
            if len(word) == 4:
                explicit_year = int(word)
            else:
                day = int(word)
        else:
            month = EN_MONTHS.get(low[:4] if low.startswith("sept") else low[:3]) or RU_MONTHS.get(low[:3])
    year = explicit_year or year
    if month and day and year and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return date_text


def resolve_years_from_peers(articles: list[Article]) -> list[Article]:
    """A dateline without a year ("Jan 6") takes the year its story's other articles were
    published in: articles compared together are about the same days."""
    years = Counter(
        int(a.published[:4]) for a in articles if is_iso_date(a.published)
    )
    if not years:
        return articles
    year = years.most_common(1)[0][0]
    out = []
    for article in articles:
        line = article.dateline
        if line is not None and line.date and not is_iso_date(line.date):
            resolved = resolve_date(line.date, year)
            if is_iso_date(resolved):
                line = replace(line, date=resolved)
                article = replace(
                    article, dateline=line, published=article.published or resolved
                )
        out.append(article)
    return out
