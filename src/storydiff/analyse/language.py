"""Language of a text, from its script and its commonest function words.

Good enough to route English and Russian (and to say "und" rather than guess); a packaged
statistical detector (lingua) can replace it when more languages are configured.
"""

from __future__ import annotations

import re

__all__ = ["detect_language"]

_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "that", "is", "was", "for", "on", "said", "with", "he", "she", "it"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "für", "den", "dem", "sagte"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "dans", "pour", "que", "qui", "du", "a", "déclaré"},
    "es": {"el", "la", "los", "las", "y", "que", "en", "del", "por", "una", "con", "para", "dijo"},
    "ru": {"и", "в", "не", "на", "что", "с", "по", "это", "как", "из", "за", "о", "его", "заявил", "также"},
    "uk": {"і", "та", "що", "на", "з", "не", "це", "як", "від", "до", "його", "також", "заявив"},
}
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """ISO 639-1 code, or "und" when the text gives too little to tell."""
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
