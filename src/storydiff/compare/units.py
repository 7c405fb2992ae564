"""Alignment units: sentences, split into clauses where one sentence carries several facts.

"The US is monitoring the deployment and has questions about whether it was legitimate" reports two
things; other outlets may report only one of them. Splitting at coordinating points lets each
clause support its own fact, while the fact still points at the whole sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storydiff.lang import LanguagePacks, alternation, default_language_packs
from storydiff.models import Article

__all__ = ["Unit", "units_of"]


@lru_cache(maxsize=8)
def _cuts(packs: LanguagePacks) -> re.Pattern[str]:
    """Cut points: a semicolon; ", and/but/while/then" before a new clause (`clause_conjunctions`);
    "and" + a verb (`predicate_conjunctions`, `clause_verbs`: a second predicate sharing the
    subject); a dash between clauses, but not the dash after a quote's closing mark and comma
    ("«…», — заявила министр"): that dash opens the quote's attribution, which is no fact of its own."""
    conjunctions = alternation(packs.words("clause_conjunctions"))
    predicate = alternation(packs.words("predicate_conjunctions"))
    verbs = alternation(packs.words("clause_verbs"))
    return re.compile(
        rf"\s*;\s+|,\s+(?:{conjunctions})\s+(?=\S)|\s+(?:{predicate})\s+(?=(?:{verbs})\b)|(?<![,»\"”\s])\s+[—–]\s+"
    )


_MIN_WORDS = 5


@dataclass(frozen=True)
class Unit:
    id: str
    article_id: str
    sentence_id: str
    text: str
    start: int
    end: int


def _clauses(text: str, packs: LanguagePacks | None = None) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    last = 0
    for match in _cuts(packs if packs is not None else default_language_packs()).finditer(text):
        left_words = len(re.findall(r"\w+", text[last : match.start()]))
        right_words = len(re.findall(r"\w+", text[match.end() :]))
        if left_words >= _MIN_WORDS and right_words >= _MIN_WORDS:
            parts.append((last, match.start()))
            last = match.end()
    parts.append((last, len(text)))
    return parts


def units_of(article: Article, *, packs: LanguagePacks | None = None) -> list[Unit]:
    units = []
    for sentence in article.sentences:
        for k, (a, b) in enumerate(_clauses(sentence.text, packs)):
            units.append(
                Unit(
                    id=f"{sentence.id}/c{k}",
                    article_id=article.id,
                    sentence_id=sentence.id,
                    text=sentence.text[a:b],
                    start=sentence.start + a,
                    end=sentence.start + b,
                )
            )
    return units
