"""Where aligned statements disagree: different numbers or different dates for the same fact.

Each statement's quantities (1,200; 14 thousand; nine; $2.10) and dates (October 20; 4 мар) are read;
years and the days inside dates are not quantities. Two articles disagree on a fact when each gives
a value the other does not: {9 dead, 40 missing} against {11 dead, 40 missing} is a conflict over
9 and 11, while a statement that simply gives fewer numbers is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storydiff.lang import LanguagePacks, alternation, default_language_packs

__all__ = ["Values", "disagreements", "values_in"]


@dataclass(frozen=True)
class _Reading:
    """Dates, figures with their scale, and number words, as the language packs spell them."""

    date: re.Pattern[str]
    number: re.Pattern[str]
    scales: dict[str, float]  # a scale word's beginning -> factor
    number_words: dict[str, int]


@lru_cache(maxsize=8)
def _reading(packs: LanguagePacks) -> _Reading:
    # "October 20" reads month first in Latin-script languages only; "20 октября" in all of them.
    latin = alternation(k.lower() for p in packs if p.script == "Latin" for k in p.months)
    every = alternation(k.lower() for k in packs.mapping("months"))
    scales = {k.casefold(): v for k, v in packs.mapping("scales").items()}
    inflected = dict.fromkeys((w.casefold() for w in packs.words("inflected_scales")), r"\w*")  # тысяча, тысячи
    return _Reading(
        date=re.compile(
            rf"\b(?P<m1>(?:{latin})[a-z]*)\.?\s+(?P<d1>\d{{1,2}})\b|\b(?P<d2>\d{{1,2}})\s+(?P<m2>(?:{every})[a-zа-я]*)",
            re.IGNORECASE,
        ),
        number=re.compile(
            r"(?<![\w.])(?P<value>\d{1,3}(?:[,\s]\d{3})+|\d+(?:[.,]\d+)?)"
            rf"(?:\s*(?P<scale>{alternation(scales, tails=inflected)}))?",
            re.IGNORECASE,
        ),
        scales=scales,
        number_words={k.casefold(): v for k, v in packs.mapping("number_words").items()},
    )


@dataclass(frozen=True)
class Values:
    quantities: dict[float, str]  # value -> as written
    dates: dict[tuple[int, int], str]  # (month, day) -> as written


def values_in(text: str, *, packs: LanguagePacks | None = None) -> Values:
    packs = packs if packs is not None else default_language_packs()
    reading = _reading(packs)
    dates: dict[tuple[int, int], str] = {}
    taken: list[tuple[int, int]] = []
    for match in reading.date.finditer(text):
        month = packs.month(match.group("m1") or match.group("m2"))
        day = int(match.group("d1") or match.group("d2"))
        if month and 1 <= day <= 31:
            dates[(month, day)] = match.group(0)
            taken.append(match.span())
    quantities: dict[float, str] = {}
    for match in reading.number.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        raw = match.group("value")
        digits = re.sub(r"[,\s](?=\d{3}\b)", "", raw).replace(",", ".")
        try:
            value = float(digits)
        except ValueError:
            continue
        if re.fullmatch(r"(19|20)\d\d", raw):
            continue  # a year, not a quantity
        scale = (match.group("scale") or "").casefold()
        value *= next((v for k, v in reading.scales.items() if scale.startswith(k)), 1.0)
        quantities[value] = match.group(0).strip()
    for word in re.findall(r"[^\W\d_]+", text.casefold()):
        if word in reading.number_words:
            quantities.setdefault(float(reading.number_words[word]), word)
    return Values(quantities, dates)


def disagreements(values: dict[str, Values]) -> dict[str, tuple[str, ...]]:
    """Article id -> its values that another article contradicts (empty when all agree)."""
    out: dict[str, set[str]] = {}
    ids = sorted(values)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            for kind in ("quantities", "dates"):
                va, vb = getattr(values[a], kind), getattr(values[b], kind)
                only_a, only_b = set(va) - set(vb), set(vb) - set(va)
                if va and vb and only_a and only_b:
                    out.setdefault(a, set()).update(va[k] for k in only_a)
                    out.setdefault(b, set()).update(vb[k] for k in only_b)
    return {k: tuple(sorted(v)) for k, v in out.items()}
