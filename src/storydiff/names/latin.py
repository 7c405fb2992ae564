"""Names to comparable Latin keys: transliterate, fold case, accents and spelling, then reduce each
token to a key that romanisation systems agree on.

Different systems write the same sound differently (Zh/J/Dzh, Kh/H, Y/I/J, Ye/E, doubled letters),
and English outlets add British/American spelling on top (Organisation/Organization).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "ABJAD",
    "CYRILLIC",
    "RUSSIAN",
    "alternative_keys",
    "latinize",
    "normalise_cyrillic",
    "normalise_latin",
    "token_key",
    "tokens",
]

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_KAZAKH_ONLY = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")

# British -> American, so "Organisation" and "Organization" are one spelling.
_SPELLING = {
    "organisation": "organization", "defence": "defense", "centre": "center", "programme": "program",
    "labour": "labor", "honour": "honor", "harbour": "harbor", "council": "council",
}
# Applied in order to a lower-case Latin token. Each rule merges spellings that romanisation systems
# (or English, French and German press habits) use for one sound.
_KEY_RULES = (
    ("shch", "sh"), ("sch", "sh"), ("tch", "ch"), ("dzh", "j"), ("zh", "j"), ("dj", "j"), ("kh", "h"),
    ("gh", "g"), ("dh", "d"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("qu", "k"), ("q", "k"), ("w", "v"),
    ("tz", "ts"), ("x", "ks"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("yo", "e"), ("'", ""), ("’", ""), ("ʹ", ""), ("ʼ", ""),
    ("y", "i"), ("j", "i"), ("ii", "i"),
)


# Letters of scholarly romanisations (ISO 9, GOST, scientific) that anyascii would flatten to a
# different sound: Čechov is Chekhov, not Cekhov.
_SCHOLARLY = str.maketrans({"č": "ch", "Č": "Ch", "š": "sh", "Š": "Sh", "ž": "zh", "Ž": "Zh", "ŝ": "shch",
                            "Ŝ": "Shch", "û": "yu", "Û": "Yu", "â": "ya", "Â": "Ya", "ʹ": "", "ʺ": ""})
ABJAD = re.compile(r"[\u0590-\u06FF\u0750-\u077F]")  # Hebrew and Arabic scripts write few vowels


def RUSSIAN(name: str) -> bool:  # noqa: N802 - reads like the other script tests
    """Cyrillic written the Russian way (no Ukrainian or Kazakh letters)."""
    return bool(CYRILLIC.search(name)) and not _UKRAINIAN_ONLY.search(name) and not _KAZAKH_ONLY.search(name)


@lru_cache(maxsize=8192)
def latinize(name: str) -> str:
    """Latin script, no accents. Russian Cyrillic goes through the Wikipedia scheme (press
    spellings: Tokayev, Zelensky); other scripts through anyascii."""
    text = unicodedata.normalize("NFC", name).translate(_SCHOLARLY)
    if CYRILLIC.search(text) and not _UKRAINIAN_ONLY.search(text) and not _KAZAKH_ONLY.search(text):
        import iuliia

        text = iuliia.WIKIPEDIA.translate(text)
    from anyascii import anyascii

    return anyascii(text)


def tokens(name: str) -> list[str]:
    """Lower-case Latin tokens; hyphens and dots separate, apostrophes vanish."""
    folded = latinize(name).casefold().replace("'", "").replace("’", "")
    parts = re.findall(r"[a-z0-9]+", folded)
    return [_SPELLING.get(p, p) for p in parts]


@lru_cache(maxsize=16384)
def token_key(token: str) -> str:
    key = token.casefold()
    if key.startswith("ye"):
        key = "e" + key[2:]  # Yevgenia / Evgenia
    for old, new in _KEY_RULES:
        key = key.replace(old, new)
    key = re.sub(r"(.)\1+", r"\1", key)  # Kassym / Kasym, Mohammed / Mohamed
    if len(key) > 3 and key.endswith("e") and key[-2] not in "aeiou":
        key = key[:-1]  # a silent English e: Moore is Мур
    return key


def alternative_keys(key: str) -> set[str]:
    """Scholarly systems write Russian х as x and ц as c (Xodorkovskij, El'cin); English x and c are
    other sounds. Comparing both readings avoids choosing one."""
    keys = {key}
    if "x" in key or "ks" in key:
        keys.add(key.replace("ks", "h"))
    if "c" in key:
        keys.add(key.replace("ch", "\0").replace("c", "ts").replace("\0", "ch"))
    return keys


def normalise_latin(token: str) -> str:
    return unicodedata.normalize("NFC", token.casefold()).replace("'", "").replace("’", "").replace("-", "")


def normalise_cyrillic(token: str) -> str:
    return unicodedata.normalize("NFC", token.casefold()).replace("ё", "е").replace("-", "")
