"""Cheap, explainable similarity features between two statements: shared words, names and numbers.

They complement embeddings: embeddings see paraphrase and translation, these see exact overlap
(numbers, names) that embeddings blur.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Features", "features_of", "fold", "overlap"]

_STOP = set(
    """
    a an the and or but of to in on at for from by with as is was are were be been being has have had do does
    did not no that this these those it its he she they them his her their we our you i will would could can
    may might should said says say told also than then there here which who whom what when where while about
    into over after before during against between through more most и в во не на что с со по это как из за о об
    от до его ее её их они он она мы вы я бы же ли был была были быть также уже так для при
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Features:
    words: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[str]


def fold(word: str) -> str:
    """Case- and accent-insensitive, and cut to a prefix: a crude stem that works for EN and RU."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain[:5]


def _skeleton(name: str) -> str:
    """First letter plus consonants, without h: Antony/Anthony -> antn, Tileuberdi/Tleuberdi -> tlbrd.
    Romanisations differ mostly in vowels and in h-digraphs; issue #4 brings real transliteration."""
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(ch)
    )
    return folded[:1] + re.sub(r"[aeiouyhаеёиоуыэюяьъй'’\-]", "", folded[1:])


def features_of(text: str) -> Features:
    tokens = _WORD.findall(text)
    words = {fold(t) for t in tokens if t.casefold() not in _STOP and len(t) > 2}
    names = set()
    for i, token in enumerate(tokens):
        is_acronym = token.isupper() and len(token) >= 2
        if is_acronym or (i > 0 and token[:1].isupper()):
            names.add(_skeleton(token))
    numbers = {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}
    return Features(frozenset(words), frozenset(names), frozenset(numbers))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient: shared / smaller set. Short statements are not punished for brevity."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
