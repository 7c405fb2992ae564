"""Names written in syllable systems, whose Russian spelling is a fixed table rather than a learnt one:
Chinese Hanyu Pinyin into the Palladius system, Japanese Hepburn into the Polivanov system. Each
function gives the Russian spelling of a whole token, or None when the token is not made of the
system's syllables (so it doubles as a test of the name's language, `names.language`).
"""

from __future__ import annotations

from functools import cache, lru_cache

from storydiff.names.latin import normalise_latin

__all__ = ["hepburn_to_polivanov", "pinyin_to_palladius"]


# --- Chinese: Hanyu Pinyin into the Palladius system (Xi Jinping -> Си Цзиньпин, Mao Zedong -> Мао Цзэдун).
# Russian practice is a fixed syllable table, not letter by letter, so it is built, not learned.

_INITIALS = {
    "b": "б",
    "p": "п",
    "m": "м",
    "f": "ф",
    "d": "д",
    "t": "т",
    "n": "н",
    "l": "л",
    "g": "г",
    "k": "к",
    "h": "х",
    "j": "цз",
    "q": "ц",
    "x": "с",
    "zh": "чж",
    "ch": "ч",
    "sh": "ш",
    "r": "ж",
    "z": "цз",
    "c": "ц",
    "s": "с",
}
_FINALS = {
    "a": "а",
    "o": "о",
    "e": "э",
    "ai": "ай",
    "ei": "эй",
    "ao": "ао",
    "ou": "оу",
    "an": "ань",
    "en": "энь",
    "ang": "ан",
    "eng": "эн",
    "ong": "ун",
    "i": "и",
    "ia": "я",
    "iao": "яо",
    "ie": "е",
    "iu": "ю",
    "ian": "янь",
    "in": "инь",
    "iang": "ян",
    "ing": "ин",
    "iong": "юн",
    "u": "у",
    "ua": "уа",
    "uo": "о",
    "ui": "уй",
    "uai": "уай",
    "uan": "уань",
    "un": "унь",
    "uang": "уан",
    "ue": "юэ",
    "v": "юй",
    "ve": "юэ",
}
_ZERO = {
    "a": "а",
    "ai": "ай",
    "an": "ань",
    "ang": "ан",
    "ao": "ао",
    "e": "э",
    "ei": "эй",
    "en": "энь",
    "er": "эр",
    "o": "о",
    "ou": "оу",
    "ya": "я",
    "yan": "янь",
    "yang": "ян",
    "yao": "яо",
    "ye": "е",
    "yi": "и",
    "yin": "инь",
    "ying": "ин",
    "yong": "юн",
    "you": "ю",
    "yu": "юй",
    "yuan": "юань",
    "yue": "юэ",
    "yun": "юнь",
    "wa": "ва",
    "wai": "вай",
    "wan": "вань",
    "wang": "ван",
    "wei": "вэй",
    "wen": "вэнь",
    "weng": "вэн",
    "wo": "во",
    "wu": "у",
}


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
                final in ("ue", "ve", "v") and initial not in ("n", "l")
            ):
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

_KANA_ROWS = {
    "": "",
    "k": "к",
    "g": "г",
    "s": "с",
    "z": "дз",
    "t": "т",
    "d": "д",
    "n": "н",
    "h": "х",
    "b": "б",
    "p": "п",
    "m": "м",
    "r": "р",
}
_KANA_VOWELS = {
    "a": "а",
    "i": "и",
    "u": "у",
    "e": "э",
    "o": "о",
    "ā": "а",
    "ī": "и",
    "ū": "у",
    "ē": "э",
    "ō": "о",
    "â": "а",
    "î": "и",
    "û": "у",
    "ê": "э",
    "ô": "о",
}
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
    table.update(
        {
            "shi": "си",
            "chi": "ти",
            "tsu": "цу",
            "fu": "фу",
            "ji": "дзи",
            "wo": "о",
            "tsū": "цу",
            "fū": "фу",
            "n": "н",
            "m": "м",
        }
    )
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
