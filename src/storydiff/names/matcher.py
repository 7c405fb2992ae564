"""Are two names the same referent? A score and the reasons, so every merge can be explained.

Order of evidence: the user's alias file (forced or forbidden), the built-in known variants, the same
spelling after transliteration and folding, acronym and expansion, then a token-by-token comparison
(surname first, then given names), with rules for look-alikes that are different people
(Ivanov/Ivanova) or different bodies (the CSTO and the CSTO Collective Security Council).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from storydiff.names import pair_model
from storydiff.names.aliases import AliasBook, load_aliases
from storydiff.names.latin import ABJAD, CYRILLIC, RUSSIAN, alternative_keys, latinize, token_key, tokens

__all__ = ["NameMatch", "NameMatcher", "edit_distance", "similarity"]

_STOP = {"the", "of", "and", "for", "in", "o", "i", "v", "po", "na", "de", "la", "des", "du"}
# Arabic articles and patronymic links vary by outlet (Bashar Assad / Bashar al-Assad).
_PARTICLES = {"al", "el", "az", "ad", "as", "ash", "at", "ar", "an", "bin", "ibn", "bn", "ben"}
# Words that make a place name another place: South Sudan is not Sudan.
_DIRECTIONAL = {
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "upper",
    "lower",
    "new",
    "old",
    "great",
    "greater",
    "central",
    "equatorial",
    "nizhny",
    "veliky",
    "region",
    "oblast",
    "province",
    "district",
}
# Titles that stay in a mention's text ("Dr John Smith", "г-н Иванов", "Herr Scholz").
_HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "madam",
    "madame",
    "mme",
    "mlle",
    "monsieur",
    "herr",
    "frau",
    "senor",
    "senora",
    "sr",
    "sra",
    "pan",
    "pani",
    "rev",
    "gospodin",
    "gospozha",
    "g",
    "n",
    "gzha",
    "doktor",
    "ser",
    "don",
    "dona",
}
# Words that qualify a name without changing what it names ("the U.S. State Department").
_QUALIFIERS = {"us", "usa", "u", "s", "american", "russian", "kazakh", "british", "uk", "national", "ssha", "rf"}
_FEMININE = (("ova", "ov"), ("eva", "ev"), ("ina", "in"), ("aya", "iy"), ("skaya", "sky"), ("skaia", "ski"))


@dataclass(frozen=True)
class NameMatch:
    a: str
    b: str
    same: bool
    score: float
    reasons: tuple[str, ...]
    # A list (the user's alias file or the built-in known variants) says so: outranks any guess.
    listed: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "same": self.same,
            "score": round(self.score, 3),
            "reasons": list(self.reasons),
        }


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions each cost one."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def similarity(a: str, b: str) -> float:
    """1 - normalised edit distance."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return 1 - edit_distance(a, b) / max(len(a), len(b))


def _skeleton(key: str) -> str:
    return key[:1] + re.sub(r"[aeiou]", "", key[1:])


def _token_similarity(a: str, b: str) -> float:
    """Edit similarity of keys (under both readings of x and c); vowels count less when the
    consonants agree (Muhammad/Mohammed)."""
    score = max(similarity(x, y) for x in alternative_keys(a) for y in alternative_keys(b))
    if score < 0.85 and len(_skeleton(a)) >= 4 and _skeleton(a) == _skeleton(b):
        score = 0.85
    return score


def _raw_words(name: str) -> list[str]:
    """The words of a name in its own script, as `tokens` splits them (diacritics kept)."""
    text = unicodedata.normalize("NFC", name).casefold().replace("'", "").replace("’", "")
    return re.findall(r"[^\W\d_]+", text)


Similarity = Callable[[str, str], float]


def _consonants(keys: list[str]) -> str:
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiou]", "", "".join(keys)))


def _gendered_pair(a: str, b: str) -> bool:
    """Ivanov / Ivanova, Zelensky / Zelenskaya: a family name's two forms name two people."""
    for fem, masc in _FEMININE:
        for x, y in ((a, b), (b, a)):
            if x.endswith(fem) and y.endswith(masc) and x[: -len(fem)] == y[: -len(masc)]:
                return True
    return False


def _significant(name: str) -> list[str]:
    words = [t for t in tokens(name) if t not in _STOP and t not in _PARTICLES]
    while words and words[0] in _HONORIFICS:
        words = words[1:]
    return words


def _acronym_of(short: str, long: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", latinize(short))
    if not (2 <= len(letters) <= 8) or not latinize(short).replace(".", "").isupper():
        return False
    words = [w for w in latinize(long).replace("-", "").split() if w.casefold() not in _STOP]
    initials = "".join(w[0] for w in words if w[0].isalpha())
    return len(initials) >= 2 and initials.casefold() == letters.casefold()


class NameMatcher:
    """One public method: `compare(a, b) -> NameMatch`."""

    def __init__(self, aliases: AliasBook | None = None, threshold: float = 0.82) -> None:
        self.aliases = aliases or load_aliases()
        self.threshold = threshold

    def compare(self, a: str, b: str, kind: str | None = None) -> NameMatch:
        """`kind` (PERSON, ORG, PLACE) when known: a person's shorter name is the same person
        ("Vasquez Moore" / "Helena Vasquez-Moore"), an organisation's may be a narrower body."""

        def result(same: bool, score: float, *reasons: str) -> NameMatch:
            return NameMatch(a, b, same, score, reasons)

        if self.aliases.is_forbidden(a, b):
            return result(False, 0.0, "kept apart by the alias file")
        source = self.aliases.same_group(a, b)
        if source:
            return NameMatch(a, b, True, 1.0, (f"listed together: {source}",), listed=True)
        ta, tb = _significant(a), _significant(b)
        if not ta or not tb:
            return result(False, 0.0, "nothing comparable in one of the names")
        if ta == tb:
            return result(True, 1.0, "same name after transliteration, case and spelling folding")
        ka, kb = [token_key(t) for t in ta], [token_key(t) for t in tb]
        sim = self._similarity_for(a, b, ka, kb)
        if ka == kb:
            return result(True, 0.97, f"same name once romanisation variants are folded: {' '.join(ka)}")
        if "".join(ka) == "".join(kb):
            return result(True, 0.95, f"same letters, different word breaks: {' '.join(ta)} / {' '.join(tb)}")
        if (ABJAD.search(a) or ABJAD.search(b)) and _consonants(ka) == _consonants(kb):
            return result(True, 0.9, "same consonants (the Arabic or Hebrew script writes few vowels)")
        for short, long in ((a, b), (b, a)):
            if len(ta if short is a else tb) == 1 and _acronym_of(short, long):
                return result(True, 0.95, f"{short!r} is the acronym of {long!r}")
        narrower = self._part_of(ta, tb, ka, kb, kind)
        if narrower is not None:
            return result(narrower.same, narrower.score, *narrower.reasons)
        if kind == "PERSON" and min(len(ka), len(kb)) >= 2 and len(ka) != len(kb):
            tail = [sim(x, y) for x, y in zip(reversed(ka), reversed(kb), strict=False)]
            if min(tail) >= self.threshold:
                shorter = ta if len(ta) < len(tb) else tb
                return result(
                    True,
                    round(0.9 * sum(tail) / len(tail), 3),
                    f"the same person, one name shorter: {' '.join(shorter)}",
                )
        return self._compare_people_style(a, b, ta, tb, ka, kb, sim)

    def _similarity_for(self, a: str, b: str, ka: list[str], kb: list[str]) -> Similarity:
        """Token similarity for this pair. Across Latin and Cyrillic, a Latin word is compared with the
        Cyrillic one by `pair_model.logit` over both directions' transcription tables (the conventions of the
        name's own language, diacritics kept), not through a romanisation of the Cyrillic."""
        cyrillic_a, cyrillic_b = bool(CYRILLIC.search(a)), bool(CYRILLIC.search(b))
        if (
            cyrillic_a == cyrillic_b
            or not re.search(r"[A-Za-z]", b if cyrillic_a else a)
            or not RUSSIAN(a if cyrillic_a else b)
        ):  # the table knows Russian practice only
            return _token_similarity
        raw_a, raw_b = _raw_words(a), _raw_words(b)
        words_a, words_b = tokens(a), tokens(b)
        if len(raw_a) != len(words_a) or len(raw_b) != len(words_b):
            return _token_similarity
        # Each side's keys to its words as written: sim(x, y) is always called with x from a, y from b.
        sides = [
            {token_key(w): o for w, o in zip(words, originals, strict=True)}
            for words, originals in ((words_a, raw_a), (words_b, raw_b))
        ]
        threshold = self.threshold

        def sim(x: str, y: str) -> float:
            base = _token_similarity(x, y)
            rx, ry = sides[0].get(x), sides[1].get(y)
            if rx is None or ry is None or base == 1.0:
                return base
            latin, cyrillic = (ry, rx) if cyrillic_a else (rx, ry)
            if not CYRILLIC.search(cyrillic) or CYRILLIC.search(latin):
                return base
            # The log-odds of one name on the similarity scale: pair_model.CUT is the threshold.
            value = pair_model.logit(latin, cyrillic)
            return min(1.0, max(0.0, threshold + (value - pair_model.CUT) * (1 - threshold) / pair_model.SCALE))

        return sim

    def _part_of(
        self, ta: list[str], tb: list[str], ka: list[str], kb: list[str], kind: str | None
    ) -> NameMatch | None:
        """One name's words inside the other's: a qualifier ("U.S. State Department") or a part
        ("CSTO Collective Security Council" is a body of the CSTO, not the CSTO)."""
        (small, big), words = ((ka, kb), tb) if len(ka) < len(kb) else ((kb, ka), ta)
        if len(small) == len(big) or not set(small) < set(big):
            return None
        extra = [w for w, t in zip(words, big, strict=True) if t not in small]
        if (
            kind != "ORG"
            and len(small) == 2
            and big[0] == small[0]
            and big[-1] == small[-1]
            and all(len(w) == 1 for w in extra)
        ):
            return NameMatch("", "", True, 0.9, (f"the same person with a middle initial: {' '.join(extra)}",))
        if kind == "PERSON" and big[-len(small) :] == small:
            return NameMatch("", "", True, 0.9, (f"the same person without the first name(s): {' '.join(extra)}",))
        if kind != "ORG" and any(t in _DIRECTIONAL for t in extra):
            return NameMatch("", "", False, 0.3, (f"a different place or area: extra words {' '.join(extra)}",))
        if all(t in _QUALIFIERS for t in extra):
            return NameMatch("", "", True, 0.9, (f"same name with a qualifier: {' '.join(extra)}",))
        if len(small) == 1 and big[-1] == small[0]:
            return None  # a surname alone: decided by the people-style comparison
        return NameMatch("", "", False, 0.3, (f"one names a part or a narrower body: extra words {' '.join(extra)}",))

    def _compare_people_style(
        self,
        a: str,
        b: str,
        ta: list[str],
        tb: list[str],
        ka: list[str],
        kb: list[str],
        sim: Similarity = _token_similarity,
    ) -> NameMatch:
        if _gendered_pair(ta[-1], tb[-1]):
            return NameMatch(a, b, False, 0.2, (f"{ta[-1]} and {tb[-1]} are the two forms of a family name",))
        surname = sim(ka[-1], kb[-1])
        if surname < self.threshold:
            return NameMatch(a, b, False, round(surname * 0.6, 3), (f"last names differ: {ta[-1]} / {tb[-1]}",))
        reasons = [f"last names agree ({ta[-1]} / {tb[-1]}, {surname:.2f})"]
        ga, gb = ka[:-1], kb[:-1]
        if not ga or not gb:
            reasons.append("one name gives the last name only")
            return NameMatch(a, b, surname >= self.threshold, round(0.9 * surname, 3), tuple(reasons))
        if len(ga[0]) == 1 or len(gb[0]) == 1:
            same = ga[0][0] == gb[0][0]
            reasons.append(f"initial {'matches' if same else 'differs'}: {ta[0]} / {tb[0]}")
            return NameMatch(a, b, same, round(0.9 * surname if same else 0.3, 3), tuple(reasons))
        given = sim(ga[0], gb[0])
        if given < 0.7:
            reasons.append(f"first names differ: {ta[0]} / {tb[0]}")
            return NameMatch(a, b, False, round(0.5 * surname, 3), tuple(reasons))
        reasons.append(f"first names agree ({ta[0]} / {tb[0]}, {given:.2f})")
        middle_a, middle_b = ga[1:], gb[1:]
        if middle_a and middle_b and sim(middle_a[0], middle_b[0]) < 0.7:
            reasons.append(f"middle names differ: {' '.join(middle_a)} / {' '.join(middle_b)}")
            return NameMatch(a, b, False, 0.4, tuple(reasons))
        score = 0.6 * surname + 0.4 * given
        return NameMatch(a, b, score >= self.threshold, round(score, 3), tuple(reasons))
