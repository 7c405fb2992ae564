"""Guess the language whose spelling a Latin name token follows, from its letters alone.

One letter group reads differently by language (ch: English ч, German х, French ш, Italian к), and a
context of one letter cannot tell them apart; the whole token often can (sz, ł -> Polish; eau, -ier ->
French; a token made of kana syllables -> Japanese). The rules are data (`languages.tsv`), tried in
order; the guess is a hint the transcription table is conditioned on, never a verdict on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = ["RULES", "guess_language", "load_rules"]

RULES = Path(__file__).with_name("languages.tsv")
_MIN_SYLLABLE_TOKEN = 4  # shorter tokens parse as kana or pinyin whatever their language (Dan, Kane)


@lru_cache(maxsize=1)
def load_rules() -> tuple[tuple[str, str, str], ...]:
    """(language, pattern, condition) in file order; condition is "" or a `+` / `-` line's pattern
    prefixed with that sign, which applies to the rule above it."""
    rules: list[tuple[str, str, str]] = []
    for line in RULES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            language, pattern = line.split("\t")
            if language in "+-" and rules:
                rules[-1] = (rules[-1][0], rules[-1][1], language + pattern)
            else:
                rules.append((language, pattern, ""))
    return tuple(rules)


@lru_cache(maxsize=65536)
def guess_language(token: str) -> str:
    """The first language whose rule matches the lower-cased token, or "" when none does."""
    from storydiff.names.syllables import hepburn_to_polivanov, pinyin_to_palladius

    word = token.casefold()
    for language, pattern, condition in load_rules():
        if pattern == "@hepburn":
            found = len(word) >= _MIN_SYLLABLE_TOKEN and hepburn_to_polivanov(word) is not None
        elif pattern == "@pinyin":
            found = len(word) >= _MIN_SYLLABLE_TOKEN and pinyin_to_palladius(word) is not None
        else:
            found = re.search(pattern, word) is not None
        if found and condition:
            found = (re.search(condition[1:], word) is not None) == (condition[0] == "+")
        if found:
            return language
    return ""
