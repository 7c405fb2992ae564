"""The other direction: is a Latin spelling a romanisation of a Cyrillic one? A second view for `transcribe`.

`transcribe` asks how likely Russian practice writes the Latin name so; this module asks how likely the
Latin spelling is read back from the Cyrillic one: Cyrillic groups of one to three letters, in context
(the letter classes around, the letter after, the letter before, both: backed off Witten-Bell as in
`transcribe`), written as Latin groups of none to four letters with the diacritics folded (ü -> u, ł ->
l), since Russian spelling does not keep them. Two views of one pair err on different pairs: a Cyrillic
letter the Latin side cannot explain (Баллей for Baley) costs little forward, where a doubled л is a
known convention, and much backward, where л is seldom written ll.

`transliteration.tsv` (shipped, < 1 MB) is learned by `scripts/train_transcription.py --reverse` from the
dev split only, like the forward table. `margin(latin, cyrillic)` is, per Cyrillic letter, how far the
Latin spelling falls behind the best Latin spelling the table reads from the Cyrillic.
"""

from __future__ import annotations

import math
import unicodedata
from functools import lru_cache
from pathlib import Path

from storydiff.names import transcribe
from storydiff.names.latin import normalise_cyrillic, normalise_latin
from storydiff.names.transcribe import case_forms, distribution

__all__ = [
    "MARGIN",
    "MAX_OUT",
    "TABLE",
    "clear_caches",
    "context_keys",
    "fold_latin",
    "margin",
    "score",
    "two_way_margin",
]

TABLE = Path(__file__).with_name("transliteration.tsv")
MAX_IN = 3  # Cyrillic letters in a group
MAX_OUT = 4  # Latin letters a group is written with (щ -> shch)
FLOOR = -14.0  # log p of a Cyrillic letter the table never saw, written as any one Latin letter or none
_VOWELS = set("аеиоуыэюя")
# A Latin vowel the Cyrillic leaves out (Tileuberdi / Тлеуберди, Petra / Петр): `transcribe.VOWEL_DROP`.
_LATIN_VOWELS = set("aeiouy")
# Letters NFKD does not take apart.
# The two views together, fitted on the dev split of names-wikidata-en-ru (a grid over the weights of the
# forward margin, the reverse one and the better of the two): the better view counts most, so a French
# silent letter (Arnoux / Арну, poor backwards) or an English vowel (Dakin / Дэкин, poor forwards) keeps
# its match, while a letter neither side explains (Baley / Баллей) is paid for twice.
_FORWARD_WEIGHT, _REVERSE_WEIGHT, _BETTER_WEIGHT = 1.0, 0.25, 2.0
# How far the two views together (`two_way_margin`) may fall behind and still be one name, fitted on the
# dev split when they alone decided (P 0.963, R 0.911; 0.59 reached P 0.98 at R 0.88 but lost gold pairs:
# Tileuberdi / Тлеуберди). `pair_model` now decides; it keeps this bound for a reduced vowel left out.
MARGIN = 0.8
_WORST = -6.0  # a view this far behind (or unable to align the pair at all) says no more than this
_FOLDS = {"ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ı": "i", "ð": "d", "þ": "th"}


def fold_latin(token: str) -> str:
    """Lower case, no diacritics, no apostrophes or hyphens: Russian spelling keeps none of them."""
    text = token.casefold().replace("'", "").replace("’", "").replace("-", "")
    text = "".join(_FOLDS.get(c, c) for c in text)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def context_keys(cyrillic: str, start: int, end: int) -> tuple[str, str, str, str, str]:
    """The table's keys for `cyrillic[start:end]`, widest first, built as `transcribe.context_keys`."""
    return transcribe.context_keys(cyrillic, start, end, _VOWELS)


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """({key: {Latin group: count}}, {Cyrillic group: log p(read as one unit)})."""
    return transcribe.read_table(TABLE)


def clear_caches() -> None:
    """Forget the loaded table (the training script rewrites it)."""
    for cached in (_load, _distribution, _score, two_way_margin):
        cached.cache_clear()


@lru_cache(maxsize=65536)
def _distribution(keys: tuple[str, str, str, str, str]) -> tuple[dict[str, float], float] | None:
    """{Latin group: log p} in context, and the best value. (Conditioning on the Latin token's guessed
    language, as `transcribe` does, and realigning with the context model left dev F1 unchanged.)"""
    return distribution(*_load(), keys)


def _fill(cyrillic: str, latin: str) -> tuple[list[list[float]], list[float]]:
    """Viterbi: log p of the best alignment of every pair of prefixes, and of the best Latin spelling of
    every Cyrillic prefix."""
    n, m = len(cyrillic), len(latin)
    minus = -math.inf
    given = [[minus] * (m + 1) for _ in range(n + 1)]
    given[0][0] = 0.0
    best = [minus] * (n + 1)
    best[0] = 0.0
    for i in range(n + 1):
        row = given[i]
        for j in range(m):
            if latin[j] in _LATIN_VOWELS and row[j] + transcribe.VOWEL_DROP > row[j + 1]:
                row[j + 1] = row[j] + transcribe.VOWEL_DROP
        for a in range(1, MAX_IN + 1):
            if i + a > n:
                break
            found = _distribution(context_keys(cyrillic, i, i + a))
            if found is None and a > 1:
                continue
            options = {} if found is None else found[0]
            top = FLOOR if found is None else found[1]
            if best[i] + top > best[i + a]:
                best[i + a] = best[i] + top
            target = given[i + a]
            for j in range(m + 1):
                here = row[j]
                if here == minus:
                    continue
                if found is None:  # an unknown letter: any one Latin letter or none, at the floor
                    for b in (0, 1):
                        if j + b <= m and here + FLOOR > target[j + b]:
                            target[j + b] = here + FLOOR
                    continue
                for b in range(0, MAX_OUT + 1):
                    if j + b > m:
                        break
                    value = options.get(latin[j : j + b])
                    if value is not None and here + value > target[j + b]:
                        target[j + b] = here + value
    return given, best


@lru_cache(maxsize=65536)
def _score(cyrillic: str, latin: str) -> tuple[float, float]:
    """(log p of the best alignment of the given Latin spelling, log p of the best Latin spelling)."""
    given, best = _fill(cyrillic, latin)
    return given[-1][-1], best[-1]


def score(cyrillic: str, latin: str) -> float:
    """Per Cyrillic letter, log p of the Latin spelling minus that of the best one (both normalised)."""
    given, best = _score(cyrillic, latin)
    return (given - best) / max(len(cyrillic), 1) if given > -math.inf else -math.inf


def margin(latin: str, cyrillic: str) -> float:
    """How far `latin` falls behind the best romanisation of `cyrillic`, per Cyrillic letter (0 = the
    expected one); a case form of the Cyrillic name is read as its nominative at the same cost as in
    `transcribe.margin`."""
    lat, cyr = fold_latin(latin), normalise_cyrillic(cyrillic)
    if not lat or not cyr:
        return -math.inf
    return max(score(form, lat) - cost for form, cost in case_forms(cyr))


@lru_cache(maxsize=65536)  # read by `names.pair_model` as a feature and again for its veto
def two_way_margin(latin: str, cyrillic: str) -> float:
    """Both views' margins (`transcribe.margin`, `margin`) combined on the same per-letter scale: 0 when
    both find the expected spelling, about -6 when neither can explain it."""
    forward = max(transcribe.margin(latin, cyrillic), _WORST)
    backward = max(margin(latin, cyrillic), _WORST)
    # Blind to diacritics, the reverse view may not rescue a token that has them (Ćosić / Цосич: ć is ч).
    plain = fold_latin(latin) == normalise_latin(latin)
    better = max(forward, backward) if plain else forward
    total = _FORWARD_WEIGHT * forward + _REVERSE_WEIGHT * backward + _BETTER_WEIGHT * better
    return total / (_FORWARD_WEIGHT + _REVERSE_WEIGHT + _BETTER_WEIGHT)
