"""Language of a text: lingua (the `nlp` extra) restricted to the languages we handle, else a
fallback from the script and the commonest function words.

Restricting lingua to a few languages keeps it fast (thousands of sentences a second) and accurate;
the fallback is good enough to route English and Russian, and says "und" rather than guess.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["LANGUAGES", "detect_language"]

# ISO 639-1 codes of the languages storydiff routes; lingua is restricted to these.
LANGUAGES = ("en", "ru", "uk", "de", "fr", "es", "kk")

_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "that", "is", "was", "for", "on", "said", "with", "he", "she", "it"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "für", "den", "dem", "sagte"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "dans", "pour", "que", "qui", "du", "a", "déclaré"},
    "es": {"el", "la", "los", "las", "y", "que", "en", "del", "por", "una", "con", "para", "dijo"},
    "ru": {"и", "в", "не", "на", "что", "с", "по", "это", "как", "из", "за", "о", "его", "заявил", "также"},
    "uk": {"і", "та", "що", "на", "з", "не", "це", "як", "від", "до", "його", "також", "заявив"},
}
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _lingua() -> Any | None:
    try:
        from lingua import IsoCode639_1, LanguageDetectorBuilder
    except ImportError:
        return None
    codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_minimum_relative_distance(0.1).build()


def detect_language(text: str) -> str:
    """ISO 639-1 code, or "und" when the text gives too little to tell."""
    if len(_WORD.findall(text[:2000])) < 3:
        return "und"
    detector = _lingua()
    if detector is not None:
        language = detector.detect_language_of(text[:5000])
        return language.iso_code_639_1.name.lower() if language is not None else "und"
    return _detect_by_stopwords(text)


def _detect_by_stopwords(text: str) -> str:
    words = [w.casefold() for w in _WORD.findall(text[:20000])]
    if len(words) < 3:
        return "und"
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    cyrillic = sum(1 for w in words if re.match(r"[а-яёіїєґ]", w))
    if cyrillic > len(words) / 2:
        candidates = {k: v for k, v in scores.items() if k in ("ru", "uk")}
        if any(ch in text for ch in "іїєґ"):
            candidates["uk"] += len(words) // 10
    else:
        candidates = {k: v for k, v in scores.items() if k not in ("ru", "uk")}
    best = max(candidates, key=lambda k: candidates[k])
    return best if candidates[best] >= 2 else "und"
