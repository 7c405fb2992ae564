"""Is a Cyrillic spelling a transcription of a Latin one? A small context model learned from Wikidata.

Latin letter groups of one to three letters, diacritics kept (ł, ć, ñ, ő), are written as Cyrillic
groups of none to three letters. `transcription.tsv` (shipped, < 1 MB) counts, for each group, the
Cyrillic groups Russian practice wrote for it, overall and in context: the letter classes around it,
the letter after it, the letter before it, and both (c -> ц before e/i, к elsewhere; silent final e;
German s -> з before a vowel). A context seen too rarely backs off to the wider one (Witten-Bell), so
p(Cyrillic group | Latin group, neighbours) is defined everywhere. It also holds how often each
letter group is read as one unit (sch is, ts mostly is not), so a rare group is no free pass. A
context of one letter cannot tell a name's language, so the table also counts each group by the
language its token's letters suggest (`language.guess_language`: German ei -> ай, French final t
unwritten) and that count reweights the context's choice, within bounds.
Chinese (pinyin -> Palladius) and Japanese (Hepburn -> Polivanov) are syllable systems, built as
tables rather than learned (`names.syllables`). The table is learned by `scripts/train_transcription.py` from the CC0
`names-wikidata-en-ru` pairs of the dev split only, with the sample that `storydiff eval --dataset
wikidata-names` scores set aside.

`margin(latin, cyrillic)` is how far (in nats a letter) the given Cyrillic spelling falls behind the
best spelling the model would produce: 0 when it is the expected one, a little below for a second
convention (German ch -> х instead of English ч), much below for a different name (Пашков for Dashkov).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Set as AbstractSet
from functools import lru_cache
from pathlib import Path

from storydiff.names.language import guess_language
from storydiff.names.latin import normalise_cyrillic, normalise_latin
from storydiff.names.syllables import hepburn_to_polivanov, pinyin_to_palladius

__all__ = [
    "LONG_CASE_COST",
    "MAX_LATIN",
    "TABLE",
    "alignment",
    "best_spelling",
    "case_forms",
    "clear_caches",
    "context_keys",
    "distribution",
    "group_options",
    "margin",
    "read_table",
    "reduced_vowel",
    "score",
]

TABLE = Path(__file__).with_name("transcription.tsv")
MAX_LATIN = 3
MAX_CYRILLIC = 3
FLOOR = -14.0  # log-probability of a letter the model never saw, written as any one letter or none
VOWEL_DROP = -7.0  # log p of a vowel between consonants left unwritten: fitted on the dev split
_INSERTED_COST = -4.0  # a soft or hard sign with no Latin counterpart (Udalryk -> Удальрик)
LANGUAGE_WEIGHT = 1.0  # how strongly the guessed language (`language.guess_language`) reweights a context
LANGUAGE_CAP = 3.0  # the most the language may multiply or divide a spelling's probability by
_VOWELS = set("aeiouyáàâäãåæéèêëěęíìîïóòôöõøőœúùûüůűýÿāēīōū")


def _class(letter: str, vowels: AbstractSet[str] = _VOWELS) -> str:
    return letter if letter in "^$" else "v" if letter in vowels else "c"


def context_keys(
    latin: str, start: int, end: int, vowels: AbstractSet[str] = _VOWELS
) -> tuple[str, str, str, str, str]:
    """The table's keys for the group `latin[start:end]`, from the widest context to the narrowest: the
    group alone; the classes around it (^ start, $ end, v vowel, c consonant); the next letter and the
    class before; the previous letter and the class after; both neighbouring letters. The reverse
    model (`names.reverse`) builds its keys the same way over Cyrillic, with its own vowels."""
    group = latin[start:end]
    before = latin[start - 1] if start > 0 else "^"
    after = latin[end] if end < len(latin) else "$"
    wide_before, wide_after = _class(before, vowels), _class(after, vowels)
    return (
        group,
        f"{group}|{wide_before}{wide_after}",
        f"{group}|>{after}{wide_before}",
        f"{group}|<{before}{wide_after}",
        f"{group}|{before}{after}",
    )


def read_table(path: Path) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """({key: {written group: count}}, {source group: log p(read as one unit)}) from a table file;
    empty when the file is absent. Both directions' tables have this form."""
    counts: dict[str, dict[str, float]] = {}
    units: dict[str, float] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            key, written, value = line.split("\t")
            if key == "@unit":
                units[written] = float(value)
            else:
                counts.setdefault(key, {})[written] = float(value)
    return counts, units


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """({key: {cyrillic group: count}}, {latin group: log p(read as one unit)})."""
    return read_table(TABLE)


def _language_factor(ratio: float) -> float:
    # Bounded: a language row sees only letter classes around a group, and a spelling it favours in one
    # place (Dutch aa -> а, aligned as a -> а and a -> nothing) must not take over every other place.
    return float(min(max(ratio, 1 / LANGUAGE_CAP), LANGUAGE_CAP) ** LANGUAGE_WEIGHT)


def clear_caches() -> None:
    """Forget the loaded table (the training script rewrites it between rounds)."""
    for cached in (_load, _distribution, _options, _score, _alignment, best_spelling):
        cached.cache_clear()


def _back_off(counts: dict[str, float] | None, wider: dict[str, float]) -> dict[str, float]:
    """Witten-Bell: a context's own counts, topped up with the wider context's distribution in
    proportion to how many different spellings the context has shown."""
    if not counts:
        return wider
    total, kinds = sum(counts.values()), len(counts)
    return {c: (counts.get(c, 0.0) + kinds * wider.get(c, 0.0)) / (total + kinds) for c in counts.keys() | wider.keys()}


@lru_cache(maxsize=65536)
def _distribution(keys: tuple[str, str, str, str, str], language: str = "") -> tuple[dict[str, float], float] | None:
    """{Cyrillic group: log p}, with the log-probability that the letters are one unit added, and the best value."""
    return distribution(*_load(), keys, language)


def distribution(
    counts: dict[str, dict[str, float]], units: dict[str, float], keys: tuple[str, ...], language: str = ""
) -> tuple[dict[str, float], float] | None:
    """From a table's rows, {written group: log p} for the group in the context `keys` (`context_keys`)
    and the language, with log p(read as one unit) added, and the best value; None for an unseen group.
    `reverse` reads its Cyrillic -> Latin table so too."""
    overall = counts.get(keys[0])
    if not overall:
        return None
    total = sum(overall.values())
    wide = _back_off(counts.get(keys[1]), {c: v / total for c, v in overall.items()})
    after, before = _back_off(counts.get(keys[2]), wide), _back_off(counts.get(keys[3]), wide)
    both = _back_off(
        counts.get(keys[4]), {c: (after.get(c, 0.0) + before.get(c, 0.0)) / 2 for c in after.keys() | before.keys()}
    )
    language_row = counts.get(f"{keys[0]}|@{language}") if language else None
    if language_row:
        # The language's own habits reweight the context's choice by how far the language departs from
        # the average at the same grain (the classes around the group): p(c | context) * p(c | classes,
        # language) / p(c | classes), so the letters around still decide what the language writes.
        overall_p = {c: v / total for c, v in overall.items()}
        in_language = _back_off(counts.get(f"{keys[1]}@{language}"), _back_off(language_row, overall_p))
        weighted = {
            c: p * _language_factor(in_language.get(c, 0.0) / wide[c]) if wide.get(c) else p for c, p in both.items()
        }
        norm = sum(weighted.values())
        both = {c: p / norm for c, p in weighted.items()} if norm > 0 else both
    unit = units.get(keys[0], 0.0)
    options = {c: math.log(p) + unit for c, p in both.items() if p > 0}
    return options, max(options.values())


def reduced_vowel(latin: str, start: int) -> bool:
    """`latin[start]` is a vowel between consonants (inside the token): it may go unwritten."""
    return latin[start] in _VOWELS and latin[start - 1] not in _VOWELS and latin[start + 1] not in _VOWELS


# Cached: one Latin token is aligned with each Cyrillic token and case form it is compared with.
@lru_cache(maxsize=262144)
def _options(latin: str, start: int, end: int) -> tuple[dict[str, float], float] | None:
    found = _distribution(context_keys(latin, start, end), guess_language(latin))
    if found is None and end - start == 1:  # a letter the table never saw: its base letter (ǩ -> k)
        letter = latin[start]
        base = "".join(c for c in unicodedata.normalize("NFKD", letter) if not unicodedata.combining(c))
        if base and base != letter:
            found = _distribution(
                context_keys(latin[:start] + base + latin[end:], start, start + len(base)), guess_language(latin)
            )
    if found is not None and end - start == 1 and 0 < start < len(latin) - 1 and reduced_vowel(latin, start):
        # A reduced vowel between consonants may go unwritten (Tileuberdi -> Тлеуберди), whatever the context says.
        options = dict(found[0])
        options[""] = max(options.get("", -math.inf), VOWEL_DROP)
        found = (options, found[1])
    return found


def group_options(latin: str, start: int, end: int) -> tuple[dict[str, float], float] | None:
    """{Cyrillic group: log p} for `latin[start:end]` of a normalised token in its context, and the best
    value; None for a group the table never saw (`names.pair_model` reads the alignment's steps so)."""
    return _options(latin, start, end)


def alignment(latin: str, cyrillic: str) -> list[tuple[int, int, str]] | None:
    """The most likely alignment of two normalised spellings as (start, end of a Latin group, Cyrillic
    group), or None; the training script re-estimates the table from these."""
    pieces = _alignment(latin, cyrillic)
    return None if pieces is None else list(pieces)


# Cached: `names.pair_model` reads one pair's alignment for its features and again for a dropped vowel.
@lru_cache(maxsize=65536)
def _alignment(latin: str, cyrillic: str) -> tuple[tuple[int, int, str], ...] | None:
    n, m = len(latin), len(cyrillic)
    score: dict[tuple[int, int], tuple[float, tuple[int, int]]] = {(0, 0): (0.0, (0, 0))}
    for i in range(n + 1):
        groups = [(a, _options(latin, i, i + a)) for a in range(1, min(MAX_LATIN, n - i) + 1)]
        for j in range(m + 1):
            if (i, j) not in score:
                continue
            here = score[i, j][0]
            steps = [(i, j + 1, _INSERTED_COST)] if j < m and cyrillic[j] in "ьъ" else []
            for a, found in groups:
                if found is not None:
                    steps += [
                        (i + a, j + b, found[0][cyrillic[j : j + b]])
                        for b in range(min(MAX_CYRILLIC, m - j) + 1)
                        if cyrillic[j : j + b] in found[0]
                    ]
            for ti, tj, value in steps:
                if (ti, tj) not in score or here + value > score[ti, tj][0]:
                    score[ti, tj] = (here + value, (i, j))
    if (n, m) not in score:
        return None
    pieces = []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj = score[i, j][1]
        if pi != i:
            pieces.append((pi, i, cyrillic[pj:j]))
        i, j = pi, pj
    return tuple(reversed(pieces))


@lru_cache(maxsize=65536)
def _score(latin: str, cyrillic: str) -> tuple[float, float]:
    """(log p of the best alignment of the given spelling, log p of the best spelling)."""
    n, m = len(latin), len(cyrillic)
    minus = -math.inf
    given = [[minus] * (m + 1) for _ in range(n + 1)]
    given[0][0] = 0.0
    best = [minus] * (n + 1)
    best[0] = 0.0
    for i in range(n + 1):
        row = given[i]
        groups = [(a, _options(latin, i, i + a)) for a in range(1, min(MAX_LATIN, n - i) + 1)]  # once per row
        for j in range(m + 1):
            here = row[j]
            if here == minus:
                continue
            if j < m and cyrillic[j] in "ьъ" and here + _INSERTED_COST > row[j + 1]:
                row[j + 1] = here + _INSERTED_COST
            for a, found in groups:
                if found is None:
                    if a == 1:  # an unknown letter: any one Cyrillic letter or none, at the floor
                        for b in (0, 1):
                            if j + b <= m and here + FLOOR > given[i + 1][j + b]:
                                given[i + 1][j + b] = here + FLOOR
                    continue
                options = found[0]
                for b in range(0, MAX_CYRILLIC + 1):
                    if j + b > m:
                        break
                    value = options.get(cyrillic[j : j + b])
                    if value is not None and here + value > given[i + a][j + b]:
                        given[i + a][j + b] = here + value
        for a, found in groups:
            if found is None and a > 1:
                continue
            top = FLOOR if found is None else found[1]
            if best[i] + top > best[i + a]:
                best[i + a] = best[i] + top
    return given[n][m], best[n]


def score(latin: str, cyrillic: str) -> tuple[float, float]:
    """(log p of the best alignment of two normalised spellings, log p of the best spelling of `latin`)."""
    return _score(latin, cyrillic)


# A name the dictionary cannot put in the nominative keeps its case ending (Эстравии, Эстравию for
# Estravia): the nominative forms it may stand for, each at a small cost.
# A model's lemma may be wrong in the same way (Эстравии -> Эстравий).
_CASE_ENDINGS = (
    ("ии", ("ия",)),
    ("ий", ("ия",)),
    ("ию", ("ия",)),
    ("ией", ("ия",)),
    ("ы", ("а",)),
    ("у", ("а", "")),
    ("ой", ("а",)),
    ("е", ("а", "")),
    ("ом", ("",)),
    ("ем", ("",)),
    ("а", ("",)),
    ("я", ("ь", "й")),
    ("ого", ("ий", "ый")),
    ("ому", ("ий", "ый")),
    ("ым", ("ий", "ый")),
    ("ым", ("",)),
)
# Per letter: a case form is a weaker match than the nominative. Fitted on the dev split (0.3 before;
# 0.6 keeps F1 and lifts the recall reachable at precision 0.98 from 0.83 to 0.86).
_CASE_COST = 0.6
# A one-letter ending is as often another name (Мааса for Maas, the feminine Корнилова for Kornilov) as
# a case form; a longer one (Эстравию, Корниловым) seldom is. Dev F1 unchanged; keeps Эстравию within
# the two-way margin's MARGIN.
LONG_CASE_COST = 0.5


def case_forms(cyrillic: str) -> list[tuple[str, float]]:
    """The normalised spelling itself at no cost, and the nominatives its case ending may stand for."""
    forms = [(cyrillic, 0.0)]
    for ending, nominatives in _CASE_ENDINGS:
        if cyrillic.endswith(ending) and len(cyrillic) > len(ending) + 2:
            cost = _CASE_COST if len(ending) == 1 else LONG_CASE_COST
            forms += [(cyrillic[: -len(ending)] + nominative, cost) for nominative in nominatives]
    return forms


def margin(latin: str, cyrillic: str) -> float:
    """Log-probability per Latin letter by which `cyrillic` falls behind the table's best spelling of
    `latin` (0 = the expected spelling; more negative = less likely the same name)."""
    lat, cyr = normalise_latin(latin), normalise_cyrillic(cyrillic)
    if not lat or not cyr:
        return -math.inf
    bare = cyr.replace("ь", "").replace("ъ", "")
    for system in (pinyin_to_palladius, hepburn_to_polivanov):  # Chinese (Palladius), Japanese (Polivanov)
        spelling = system(lat)
        if spelling is not None and spelling.replace("ь", "") == bare:
            return 0.0
    best_value = -math.inf
    for form, cost in case_forms(cyr):
        given, best = _score(lat, form)
        if given > -math.inf:
            best_value = max(best_value, (given - best) / max(len(lat), 1) - cost)
    return best_value


@lru_cache(maxsize=65536)
def best_spelling(latin: str) -> str:
    """The model's most likely Cyrillic spelling of a Latin token (`names.pair_model` reads its edits to
    the given one; cached, as every Cyrillic token a Latin one is compared with asks again)."""
    lat = normalise_latin(latin)
    n = len(lat)
    score = [-math.inf] * (n + 1)
    back: list[tuple[int, str]] = [(0, "")] * (n + 1)
    score[0] = 0.0
    for i in range(n):
        if score[i] == -math.inf:
            continue
        for a in range(1, MAX_LATIN + 1):
            if i + a > n:
                break
            found = _options(lat, i, i + a)
            if found is None:
                if a == 1 and score[i] + FLOOR > score[i + 1]:
                    score[i + 1], back[i + 1] = score[i] + FLOOR, (i, lat[i])
                continue
            options, top = found
            if score[i] + top > score[i + a]:
                score[i + a], back[i + a] = score[i] + top, (i, max(options, key=lambda c: options[c]))
    out = []
    position = n
    while position > 0:
        previous, piece = back[position]
        out.append(piece)
        position = previous
    return "".join(reversed(out))
