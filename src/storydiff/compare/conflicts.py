"""Where aligned statements disagree: different numbers or different dates for the same fact.

Each statement's quantities (1,200; 14 thousand; nine; $2.10) and dates (October 20; 4 мар) are read;
years and the days inside dates are not quantities. Two articles disagree on a fact when each gives
a value the other does not: {9 dead, 40 missing} against {11 dead, 40 missing} is a conflict over
9 and 11, while a statement that simply gives fewer numbers is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Values", "disagreements", "values_in"]

_EN_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_RU_MONTHS = "янв|фев|мар|апр|ма[яй]|июн|июл|авг|сен|окт|ноя|дек"
_DATE = re.compile(
    rf"\b(?P<m1>(?:{_EN_MONTHS})[a-z]*)\.?\s+(?P<d1>\d{{1,2}})\b|\b(?P<d2>\d{{1,2}})\s+(?P<m2>(?:{_EN_MONTHS}|{_RU_MONTHS})[a-zа-я]*)",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(?<![\w.])(?P<value>\d{1,3}(?:[,\s]\d{3})+|\d+(?:[.,]\d+)?)(?:\s*(?P<scale>thousand|million|billion|тысяч\w*|млн|млрд))?",
    re.IGNORECASE,
)
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "dozen": 12,
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "двадцать": 20, "сорок": 40,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "тыс": 1e3, "млн": 1e6, "млрд": 1e9}
_MONTH_NUMBER = {
    m: n for n, ms in enumerate(zip(_EN_MONTHS.split("|"), _RU_MONTHS.split("|"), strict=True), 1) for m in ms
}


@dataclass(frozen=True)
class Values:
    quantities: dict[float, str]  # value -> as written
    dates: dict[tuple[int, int], str]  # (month, day) -> as written


def _month(word: str) -> int | None:
    word = word.casefold()
    for key, number in _MONTH_NUMBER.items():
        if re.match(key, word):
            return number
    return None


def values_in(text: str) -> Values:
    dates: dict[tuple[int, int], str] = {}
    taken: list[tuple[int, int]] = []
    for match in _DATE.finditer(text):
        month = _month(match.group("m1") or match.group("m2"))
        day = int(match.group("d1") or match.group("d2"))
        if month and 1 <= day <= 31:
            dates[(month, day)] = match.group(0)
            taken.append(match.span())
    quantities: dict[float, str] = {}
    for match in _NUMBER.finditer(text):
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
        value *= next((v for k, v in _SCALES.items() if scale.startswith(k)), 1.0)
        quantities[value] = match.group(0).strip()
    for word in re.findall(r"[^\W\d_]+", text.casefold()):
        if word in _WORDS:
            quantities.setdefault(float(_WORDS[word]), word)
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
