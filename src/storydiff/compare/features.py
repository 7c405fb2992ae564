"""Cheap, explainable similarity features between two statements: shared words, names and numbers.

They complement embeddings: embeddings see paraphrase and translation, these see exact overlap
(numbers, names) that embeddings blur.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from storydiff.lang import LanguagePacks, default_language_packs

__all__ = ["Features", "features_of", "fold", "overlap"]

# Words that say nothing about what a statement is about: the language packs' `stopwords`.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# A number standing on its own: the 19 of COVID-19 or of a code like A19 is part of a word, not a number.
_NUMBER = re.compile(r"(?<![\w.,])(?<![^\W\d_])(?<![^\W\d_]-)\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


@dataclass(frozen=True)
class Features:
    words: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[str]
    years: frozenset[str] = frozenset()  # the numbers that read as years (1800-2099)
    entities: frozenset[str] = frozenset()  # the story's entity ids it mentions (set by the aligner)

    @property
    def content(self) -> int:
        """How much the statement says: its content words and names (a bare list number says nothing)."""
        return len(self.words | self.names)


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


def features_of(text: str, *, packs: LanguagePacks | None = None) -> Features:
    stop = (packs if packs is not None else default_language_packs()).words("stopwords")
    tokens = _WORD.findall(text)
    words = {fold(t) for t in tokens if t.casefold() not in stop and len(t) > 2}
    names = set()
    for i, token in enumerate(tokens):
        is_acronym = token.isupper() and len(token) >= 2
        if is_acronym or (i > 0 and token[:1].isupper()):
            names.add(_skeleton(token))
    numbers = {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}
    years = {n for n in numbers if _YEAR.match(n)}
    return Features(frozenset(words), frozenset(names), frozenset(numbers), frozenset(years))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient: shared / smaller set. Short statements are not punished for brevity."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
