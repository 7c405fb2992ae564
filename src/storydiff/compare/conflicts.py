"""Where aligned statements disagree: different numbers or different dates for the same fact.

Each statement's quantities (1,200; 14 thousand; nine; $2.10) and dates (October 20; 4 мар) are read
once per article by the claims stage (`analyse.claims`). Two articles disagree on a fact when each gives
a value the other does not: {9 dead, 40 missing} against {11 dead, 40 missing} is a conflict over
9 and 11, while a statement that simply gives fewer numbers is not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from storydiff.analyse.claims import ClaimReading, read_claims
from storydiff.lang import LanguagePacks
from storydiff.models import Claim

__all__ = ["Values", "disagreements", "values_in", "values_of"]


@dataclass(frozen=True)
class Values:
    quantities: dict[float, str]  # value -> as written
    dates: dict[tuple[int, int], str]  # (month, day) -> as written


def values_of(claims: Iterable[Claim | ClaimReading]) -> Values:
    """The quantities and dates among claims; for a value given twice, its later wording is kept
    for a figure, its first for a number word."""
    quantities: dict[float, str] = {}
    words: dict[float, str] = {}
    dates: dict[tuple[int, int], str] = {}
    for claim in claims:
        if claim.kind == "date":
            dates[(int(claim.value[2:4]), int(claim.value[5:7]))] = claim.text
        elif claim.text[:1].isdigit():
            quantities[float(claim.value)] = claim.text
        else:
            words.setdefault(float(claim.value), claim.text)
    for value, word in words.items():
        quantities.setdefault(value, word)
    return Values(quantities, dates)


def values_in(text: str, *, packs: LanguagePacks | None = None) -> Values:
    """The quantities and dates a text states (see `analyse.claims`)."""
    return values_of(read_claims(text, packs=packs))


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
