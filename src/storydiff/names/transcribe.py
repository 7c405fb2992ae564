"""Is a Cyrillic spelling a transcription of a Latin one? A small segment table learned from Wikidata.

`transcription.tsv` (shipped, < 50 KB) holds, for Latin letter groups of one to three letters with
their diacritics kept (ł, ć, ñ, ő), the Cyrillic groups Russian practice writes for them with the
joint log-probability of the pair, overall and in context: at the start of a word or not, and
followed by a vowel, a consonant or the end (c → ц before e/i, к elsewhere; silent final e).
Chinese (pinyin -> Palladius) and Japanese (Hepburn -> Polivanov) are syllable systems, built below
as tables rather than learned. It is learned by
`scripts/train_transcription.py` from the CC0 `names-wikidata-en-ru` pairs of the dev split only,
with the sample that `storydiff eval --dataset wikidata-names` scores set aside.

`margin(latin, cyrillic)` is how far (in nats a letter) the given Cyrillic spelling falls behind the
best spelling the table would produce: 0 when it is the expected one, a little below for a second
convention (German ch → х instead of English ч), much below for a different name (Пашков for Dashkov).
"""

from __future__ import annotations

import math
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

__all__ = ["MAX_LATIN", "TABLE", "best_spelling", "context_keys", "context_of", "margin", "normalise_cyrillic",
           "hepburn_to_polivanov", "normalise_latin", "pinyin_to_palladius"]

TABLE = Path(__file__).with_name("transcription.tsv")
MAX_LATIN = 3
MAX_CYRILLIC = 3
FLOOR = -16.0  # log-probability of a group pair the table never saw
_UNSEEN_CONTEXT = -1.5
_VOWELS = set("aeiouyáàâäãåæéèêëěęíìîïóòôöõøőœúùûüůűýÿāēīōū")
# Letters Russian practice inserts without a Latin counterpart (Udalryk -> Удальрик).
_INSERTED = ("ь", "ъ")


def normalise_latin(token: str) -> str:
    return unicodedata.normalize("NFC", token.casefold()).replace("'", "").replace("’", "").replace("-", "")


def normalise_cyrillic(token: str) -> str:
    return unicodedata.normalize("NFC", token.casefold()).replace("ё", "е").replace("-", "")


def context_of(latin: str, start: int, end: int) -> str:
    """Where a letter group stands: `^` at the start of the word, then what follows it: a vowel (v), a
    consonant (c) or the end of the word (#)."""
    after = "#" if end >= len(latin) else "v" if latin[end] in _VOWELS else "c"
    return ("^" if start == 0 else "") + after


def context_keys(group: str, context: str) -> tuple[str, str]:
    """The table's keys for a group: in its context, and in any context."""
    return f"{group}|{context}", group


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """{latin group or latin group + '|' + context: {cyrillic group: log p}}, and each key's best log p."""
    table: dict[str, dict[str, float]] = {}
    if TABLE.exists():
        for line in TABLE.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            key, cyrillic, value = line.split("\t")
            table.setdefault(key, {})[cyrillic] = float(value)
    best = {key: max(options.values()) for key, options in table.items()}
    return table, best


def _fallback(group: str) -> str | None:
    """A letter the table never saw: its base letter (ǩ -> k)."""
    base = "".join(c for c in unicodedata.normalize("NFKD", group) if not unicodedata.combining(c))
    return base if base != group else None


@lru_cache(maxsize=65536)
def _options(group: str, context: str) -> tuple[dict[str, float] | None, float]:
    table, best = _load()
    for letters in (group, _fallback(group) if len(group) == 1 else None):
        if letters is None:
            continue
        specific, general = context_keys(letters, context)
        if specific in table:
            return table[specific], best[specific]
        if general in table:  # seen, but never in this context: the general row, a little less likely
            return {c: v + _UNSEEN_CONTEXT for c, v in table[general].items()}, best[general] + _UNSEEN_CONTEXT
    return None, FLOOR


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
        for j in range(m + 1):
            here = row[j]
            if here == minus:
                continue
            if j < m and cyrillic[j] in _INSERTED and here - 6.0 > given[i][j + 1]:
                given[i][j + 1] = here - 6.0
            for a in range(1, MAX_LATIN + 1):
                if i + a > n:
                    break
                options, _ = _options(latin[i : i + a], context_of(latin, i, i + a))
                if options is None:
                    if a == 1:  # an unknown letter: any one Cyrillic letter or none, at the floor
                        for b in (0, 1):
                            if j + b <= m and here + FLOOR > given[i + 1][j + b]:
                                given[i + 1][j + b] = here + FLOOR
                    continue
                for b in range(0, MAX_CYRILLIC + 1):
                    if j + b > m:
                        break
                    value = options.get(cyrillic[j : j + b])
                    if value is not None and here + value > given[i + a][j + b]:
                        given[i + a][j + b] = here + value
        if i < n:
            for a in range(1, MAX_LATIN + 1):
                if i + a > n:
                    break
                options, top = _options(latin[i : i + a], context_of(latin, i, i + a))
                if options is None and a > 1:
                    continue
                if best[i] + top > best[i + a]:
                    best[i + a] = best[i] + top
    return given[n][m], best[n]


# A name the dictionary cannot put in the nominative keeps its case ending (Эстравии, Эстравию for
# Estravia): the nominative forms it may stand for, each at a small cost.
# A model's lemma may be wrong in the same way (Эстравии -> Эстравий).
_CASE_ENDINGS = (("ии", ("ия",)), ("ий", ("ия",)), ("ию", ("ия",)), ("ией", ("ия",)), ("ы", ("а",)), ("у", ("а", "")),
                 ("ой", ("а",)), ("е", ("а", "")), ("ом", ("",)), ("ем", ("",)), ("а", ("",)), ("я", ("ь", "й")),
                 ("ого", ("ий", "ый")), ("ому", ("ий", "ый")), ("ым", ("ий", "ый")), ("ым", ("",)))
_CASE_COST = 0.05


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
    forms = [(cyr, 0.0)]
    for ending, nominatives in _CASE_ENDINGS:
        if cyr.endswith(ending) and len(cyr) > len(ending) + 2:
            forms += [(cyr[: -len(ending)] + nominative, _CASE_COST) for nominative in nominatives]
    for form, cost in forms:
        given, best = _score(lat, form)
        if given > -math.inf:
            best_value = max(best_value, (given - best) / max(len(lat), 1) - cost)
    return best_value


def best_spelling(latin: str) -> str:
    """The table's most likely Cyrillic spelling of a Latin token (for explanations and tests)."""
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
            options, top = _options(lat[i : i + a], context_of(lat, i, i + a))
            if options is None:
                if a == 1 and score[i] + FLOOR > score[i + 1]:
                    score[i + 1], back[i + 1] = score[i] + FLOOR, (i, lat[i])
                continue
            if score[i] + top > score[i + a]:
                choice = max(options, key=lambda c: options[c])
                score[i + a], back[i + a] = score[i] + top, (i, choice)
    out = []
    position = n
    while position > 0:
        previous, piece = back[position]
        out.append(piece)
        position = previous
    return "".join(reversed(out))


# --- Chinese: Hanyu Pinyin into the Palladius system (Xi Jinping -> Си Цзиньпин, Mao Zedong -> Мао Цзэдун).
# Russian practice is a fixed syllable table, not letter by letter, so it is built, not learned.

_INITIALS = {"b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н", "l": "л", "g": "г", "k": "к",
             "h": "х", "j": "цз", "q": "ц", "x": "с", "zh": "чж", "ch": "ч", "sh": "ш", "r": "ж", "z": "цз",
             "c": "ц", "s": "с"}
_FINALS = {"a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань", "en": "энь",
           "ang": "ан", "eng": "эн", "ong": "ун", "i": "и", "ia": "я", "iao": "яо", "ie": "е", "iu": "ю", "ian": "янь",
           "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн", "u": "у", "ua": "уа", "uo": "о", "ui": "уй",
           "uai": "уай", "uan": "уань", "un": "унь", "uang": "уан", "ue": "юэ", "v": "юй", "ve": "юэ"}
_ZERO = {"a": "а", "ai": "ай", "an": "ань", "ang": "ан", "ao": "ао", "e": "э", "ei": "эй", "en": "энь", "er": "эр",
         "o": "о", "ou": "оу", "ya": "я", "yan": "янь", "yang": "ян", "yao": "яо", "ye": "е", "yi": "и", "yin": "инь",
         "ying": "ин", "yong": "юн", "you": "ю", "yu": "юй", "yuan": "юань", "yue": "юэ", "yun": "юнь", "wa": "ва",
         "wai": "вай", "wan": "вань", "wang": "ван", "wei": "вэй", "wen": "вэнь", "weng": "вэн", "wo": "во", "wu": "у"}


@lru_cache(maxsize=1)
def _pinyin_syllables() -> dict[str, str]:
    table = dict(_ZERO)
    for initial, cyr_initial in _INITIALS.items():
        for final, cyr_final in _FINALS.items():
            if initial in ("j", "q", "x"):  # only i- and ü-finals; u is ü here
                if not final.startswith(("i", "u")) or final in ("ui", "uo", "ua", "uai", "uang"):
                    continue
                cyr_final = {"u": "юй", "ue": "юэ", "uan": "юань", "un": "юнь"}.get(final, cyr_final)
            elif final.startswith("i") and initial in ("zh", "ch", "sh", "r", "z", "c", "s"):
                if final != "i":
                    continue
                cyr_final = "ы" if initial in ("z", "c", "s") else "и"
            elif (final == "uo" and initial in ("b", "p", "m", "f")) or (
                    final in ("ue", "ve", "v") and initial not in ("n", "l")):
                continue
            table[initial + final] = cyr_initial + cyr_final
    return table


def pinyin_to_palladius(latin: str) -> str | None:
    """The Palladius spelling of a token made only of pinyin syllables (at most four), else None."""
    word = normalise_latin(latin).replace("ü", "v")
    syllables = _pinyin_syllables()

    @cache
    def parse(position: int) -> tuple[str, int] | None:
        if position == len(word):
            return "", 0
        for size in (6, 5, 4, 3, 2, 1):
            piece = word[position : position + size]
            if len(piece) == size and piece in syllables:
                rest = parse(position + size)
                if rest is not None and rest[1] < 4:
                    return syllables[piece] + rest[0], rest[1] + 1
        return None

    parsed = parse(0)
    return parsed[0] if parsed else None


# --- Japanese: Hepburn romanisation into the Polivanov system (Kishida -> Кисида, Chikako -> Тикако,
# Fujimoto -> Фудзимото, Ichirō -> Итиро).

_KANA_ROWS = {"": "", "k": "к", "g": "г", "s": "с", "z": "дз", "t": "т", "d": "д", "n": "н", "h": "х", "b": "б",
              "p": "п", "m": "м", "r": "р"}
_KANA_VOWELS = {"a": "а", "i": "и", "u": "у", "e": "э", "o": "о", "ā": "а", "ī": "и", "ū": "у", "ē": "э", "ō": "о",
                "â": "а", "î": "и", "û": "у", "ê": "э", "ô": "о"}
_YOON = {"a": "я", "u": "ю", "o": "ё", "ā": "я", "ū": "ю", "ō": "ё", "ô": "ё", "û": "ю"}


@lru_cache(maxsize=1)
def _kana_syllables() -> dict[str, str]:
    table: dict[str, str] = {}
    for row, cyr in _KANA_ROWS.items():
        for vowel, cyr_vowel in _KANA_VOWELS.items():
            table[row + vowel] = cyr + cyr_vowel
        if row:
            for vowel, cyr_vowel in _YOON.items():
                table[row + "y" + vowel] = cyr + cyr_vowel
    for vowel, cyr_vowel in _YOON.items():
        table["y" + vowel] = cyr_vowel
        table["sh" + vowel] = "с" + cyr_vowel
        table["ch" + vowel] = "т" + cyr_vowel
        table["j" + vowel] = "дз" + cyr_vowel
    for vowel in "aāâ":
        table["w" + vowel] = "ва"
    table.update({"shi": "си", "chi": "ти", "tsu": "цу", "fu": "фу", "ji": "дзи", "wo": "о", "tsū": "цу",
                  "fū": "фу", "n": "н", "m": "м"})
    table["ye"] = "е"
    return table


def hepburn_to_polivanov(latin: str) -> str | None:
    """The Polivanov spelling of a token made only of Japanese syllables in Hepburn, else None."""
    word = normalise_latin(latin)
    syllables = _kana_syllables()

    @cache
    def parse(position: int) -> str | None:
        if position == len(word):
            return ""
        options = []
        if position + 1 < len(word) and word[position] == word[position + 1] and word[position] in "kstpgdbz":
            options.append((1, _KANA_ROWS.get(word[position], "т")))  # a doubled consonant (sokuon)
        if word.startswith("tch", position):
            options.append((1, "т"))
        for size in (4, 3, 2, 1):
            piece = word[position : position + size]
            if len(piece) == size and piece in syllables:
                if piece in ("n", "m") and position + 1 < len(word) and word[position + 1] in "aeiouy":
                    continue  # n before a vowel starts the next syllable
                options.append((size, syllables[piece]))
        for size, spelling in options:
            rest = parse(position + size)
            if rest is not None:
                return spelling + rest
        return None

    return parse(0)
