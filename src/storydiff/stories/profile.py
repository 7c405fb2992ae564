"""What one article brings to story grouping, computed once per article and kept.

A profile is small (one unit vector, a few keys) so that a corpus of 100k articles fits in memory
and every comparison between two articles is a few arithmetic operations, never a re-read:
- `vector`: the headline and opening sentences, embedded (multilingual, so Russian and English
  reports of one event are close); without the embeddings extra, a hashed bag of word stems
  (same-language only);
- `keys`: the names it mentions, each reduced to a script-free key (Хоноский and Khonoski share
  one), to count the specific people and places two reports share;
- `numbers`: specific figures (two digits or more, years aside): 33 dead and 700 moved;
- `day`: the publication day, for the time window;
- `places`, `people`: the keys of the places and people the entity stage found (empty without it):
  two reports of one event name the same town and the same victim;
- `years`, `dates`: the years and days of the month (`--MM-DD`) the text gives: an undated report
  still says when its event happened.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from storydiff.compare.features import features_of, fold
from storydiff.lang import LanguagePacks, default_language_packs
from storydiff.models import Article

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from storydiff.embed import Embedder

__all__ = ["HASHED_DIMENSIONS", "StoryProfile", "name_key", "profiles_of", "terms_of"]

HASHED_DIMENSIONS = 4096
_LEAD_SENTENCES = 3
_LEAD_CHARS = 1200
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NUMBER = re.compile(r"(?<![\w.,])\d{2,}(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class StoryProfile:
    article_id: str
    language: str
    day: int | None  # days since 1970-01-01 of the publication date, when known
    vector: NDArray[np.float32]
    keys: frozenset[str]
    numbers: frozenset[str]
    title: str = ""
    terms: dict[int, float] = field(default_factory=dict, hash=False)  # hashed word stem -> 1 + log(count)
    places: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    years: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()  # --MM-DD


def name_key(name: str) -> str:
    """A script-free key for a name: its last word romanised, reduced to consonants after the first
    letter, at most five. Хоноский, Khonoski and Khonoskiy meet; so, rarely, do other names, which
    the embedding and the other keys then tell apart."""
    from storydiff.names.latin import token_key, tokens

    words = tokens(name)
    if not words:
        return ""
    key = token_key(words[-1])
    skeleton = key[:1] + re.sub(r"[aeiouy]", "", key[1:])
    return skeleton[:5]


def _day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal() - date(1970, 1, 1).toordinal()
    except ValueError:
        return None


def _lead(article: Article) -> str:
    parts = [article.headline.text] if article.headline and article.headline.text.strip() else []
    parts += [s.text for s in article.sentences[:_LEAD_SENTENCES]]
    text = "\n".join(parts) if parts else article.text
    return text[:_LEAD_CHARS]


def _names(article: Article, packs: LanguagePacks) -> set[str]:
    # Names only: a title ("the minister") or a pronoun says nothing about which story it is.
    mentions = {m.text for m in article.mentions if m.kind == "name"}
    if not mentions:  # no entity stage: capitalised words stand in for names
        mentions = set(features_of(" ".join(s.text for s in article.sentences) or article.text, packs=packs).names)
    return mentions


def _typed_keys(article: Article, kind: str) -> frozenset[str]:
    # Names only (not "she", "the minister"); two-letter keys kept (Reid -> rd).
    return frozenset(
        k
        for m in article.mentions
        if m.kind == "name" and m.type == kind
        if len(k := name_key(m.normal or m.text)) >= 2
    )


def _dates(article: Article, text: str, packs: LanguagePacks) -> frozenset[str]:
    if article.has("claims"):  # read once by the claims stage
        return frozenset(c.value for c in article.claims if c.kind == "date")
    from storydiff.analyse.claims import read_claims

    return frozenset(c.value for c in read_claims(text, packs=packs) if c.kind == "date")


def _slot(stem: str) -> int:
    return int.from_bytes(hashlib.blake2b(stem.encode("utf-8"), digest_size=4).digest(), "little")


def terms_of(text: str, packs: LanguagePacks) -> dict[int, float]:
    """The whole text as hashed content-word stems with sublinear counts: what TF-IDF compares. The
    grouper weighs them by how rare they are in the corpus seen so far."""
    stop = packs.words("stopwords")
    counts = Counter(_slot(fold(w)) for w in _WORD.findall(text) if len(w) > 2 and w.casefold() not in stop)
    return {slot: 1.0 + math.log(n) for slot, n in counts.items()}


def _hashed(texts: Sequence[str], packs: LanguagePacks) -> NDArray[np.float32]:
    import numpy as np

    matrix = np.zeros((len(texts), HASHED_DIMENSIONS), dtype=np.float32)
    for row, text in enumerate(texts):
        for stem in features_of(text, packs=packs).words:
            matrix[row, _slot(stem) % HASHED_DIMENSIONS] += 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit: NDArray[np.float32] = matrix / np.maximum(norms, 1e-9)
    return unit


def profiles_of(
    articles: Sequence[Article],
    embedder: Embedder | None,
    *,
    packs: LanguagePacks | None = None,
) -> list[StoryProfile]:
    """Profiles of a batch of articles (one call to the encoder for the whole batch)."""
    import numpy as np

    packs = packs if packs is not None else default_language_packs()
    leads = [_lead(a) for a in articles]
    if embedder is not None and articles:
        vectors = np.asarray(embedder.encode(leads), dtype=np.float32)
    else:
        vectors = _hashed(leads, packs)
    out = []
    for article, vector in zip(articles, vectors, strict=True):
        text = " ".join(s.text for s in article.sentences) or article.text
        years = frozenset(_YEAR.findall(text))
        numbers = frozenset(n for n in _NUMBER.findall(text) if n not in years)
        keys = frozenset(k for k in (name_key(n) for n in _names(article, packs)) if len(k) >= 3)
        out.append(
            StoryProfile(
                article.id,
                article.language,
                _day(article.published),
                vector,
                keys,
                numbers,
                article.headline.text if article.headline else "",
                terms_of(text, packs),
                _typed_keys(article, "PLACE"),
                _typed_keys(article, "PERSON"),
                years,
                _dates(article, text, packs),
            )
        )
    return out
