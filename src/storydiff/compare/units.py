"""Alignment units: sentences, split into clauses where one sentence carries several facts.

"The US is monitoring the deployment and has questions about whether it was legitimate" reports two
things; other outlets may report only one of them. Splitting at coordinating points lets each
clause support its own fact, while the fact still points at the whole sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storydiff.models import Article

__all__ = ["Unit", "units_of"]

_VERBISH = (
    r"has|have|had|is|was|are|were|does|did|do|will|would|could|can|may|might|should|must|"
    r"called|said|says|added|decided|announced|urged|warned|expressed|asked|told|sent|spoke|"
    r"не|также|заявил|заявила|призвал|призвала|добавил|добавила"
)
# Cut points: a semicolon; ", and/but/while/then" before a new clause; "and" + a verb (a second
# predicate sharing the subject); a dash between clauses.
_CUTS = re.compile(
    rf"\s*;\s+|,\s+(?:and|but|while|whereas|then|а|но|и)\s+(?=\S)|\s+(?:and|и)\s+(?=(?:{_VERBISH})\b)|\s+[—–]\s+"
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


def _clauses(text: str) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    last = 0
    for match in _CUTS.finditer(text):
        left_words = len(re.findall(r"\w+", text[last : match.start()]))
        right_words = len(re.findall(r"\w+", text[match.end() :]))
        if left_words >= _MIN_WORDS and right_words >= _MIN_WORDS:
            parts.append((last, match.start()))
            last = match.end()
    parts.append((last, len(text)))
    return parts


def units_of(article: Article) -> list[Unit]:
    units = []
    for sentence in article.sentences:
        for k, (a, b) in enumerate(_clauses(sentence.text)):
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
