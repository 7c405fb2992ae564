"""Claims: the checkable values each sentence states, read once per article with their offsets.

A quantity (1,200; 14 thousand; nine; $2.10) or a date (October 20; 4 мар), as the language packs
spell months, scales and number words. Years are not quantities, and the day inside a date is not
one either. The story stage (`compare.conflicts`) compares the claims of aligned statements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from storydiff.lang import LanguagePacks, alternation, default_language_packs
from storydiff.models import Article, Claim, ClaimKind

__all__ = ["ClaimReading", "read_claims", "claims_of"]


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
class ClaimReading:
    """One value read from a text: offsets into that text."""

    kind: ClaimKind
    value: str  # a number as float text ("1200.0"), or a date as --MM-DD
    text: str
    start: int
    end: int


def quantity_key(value: float) -> str:
    return repr(float(value))


def date_key(month: int, day: int) -> str:
    return f"--{month:02d}-{day:02d}"


def read_claims(text: str, *, packs: LanguagePacks | None = None) -> Iterator[ClaimReading]:
    """Dates first, then figures outside them, then number words, each in text order."""
    packs = packs if packs is not None else default_language_packs()
    reading = _reading(packs)
    taken: list[tuple[int, int]] = []
    for match in reading.date.finditer(text):
        month = packs.month(match.group("m1") or match.group("m2"))
        day = int(match.group("d1") or match.group("d2"))
        if month and 1 <= day <= 31:
            taken.append(match.span())
            yield ClaimReading("date", date_key(month, day), match.group(0), match.start(), match.end())
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
        written = match.group(0).strip()
        yield ClaimReading("quantity", quantity_key(value), written, match.start(), match.start() + len(written))
    for match in re.finditer(r"[^\W\d_]+", text):
        word = match.group(0).casefold()
        if word in reading.number_words:
            yield ClaimReading("quantity", quantity_key(reading.number_words[word]), word, match.start(), match.end())


def claims_of(article: Article, packs: LanguagePacks | None = None) -> tuple[Claim, ...]:
    """Every sentence's claims, offsets into the article text."""
    return tuple(
        Claim(sentence.id, found.kind, found.value, found.text, sentence.start + found.start,
              sentence.start + found.end)
        for sentence in article.sentences
        for found in read_claims(sentence.text, packs=packs)
    )
