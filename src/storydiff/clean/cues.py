"""Boilerplate cues: the words sites put on their own furniture, in many languages, as data.

`rules/cues/boilerplate.toml` lists them (see its header): `lead` phrases are labels that make a
short line debris when they open it ("Read also: …", "Anzeige"), `word` phrases only raise the
suspicion of a paragraph classifier (`ingest.html_paragraphs`). They are written from general
knowledge of news sites, not fitted to any page.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["BoilerplateCues", "boilerplate_cues"]

_FILE = Path(__file__).parent / "rules" / "cues" / "boilerplate.toml"
_OPENING = r"^[\s\W_]{0,3}"  # a bullet, an arrow or a quote may come before a label
_APART = re.compile(r"^\s*[:：|»>–—.-]")


@dataclass(frozen=True)
class BoilerplateCues:
    lead: re.Pattern[str]  # matches a line (casefolded) that opens with a label
    word: re.Pattern[str]  # finds a weaker cue anywhere in a line (casefolded)

    def opens_with_label(self, line: str) -> bool:
        return bool(self.lead.search(line.casefold()))

    def is_label_line(self, line: str, max_words: int = 20) -> bool:
        """A short line that a label opens and sets apart: alone, or followed by a colon, a dash, a full
        stop or an arrow ("Read also: …", "Anzeige", "Foto: …"), not the first words of a sentence."""
        folded = line.casefold().strip()
        match = self.lead.search(folded)
        if match is None or len(folded.split()) > max_words:
            return False
        rest = folded[match.end() :]
        return match.group(0).rstrip()[-1:] in ":：(" or not rest.strip(" .:：!|»>–—-*") or bool(_APART.match(rest))

    def word_cues(self, line: str) -> int:
        """How many different weaker cues a line holds."""
        return len({m.group(0) for m in self.word.finditer(line.casefold())})


def _alternatives(phrases: list[str]) -> list[tuple[str, str]]:
    """Longest first; a phrase that starts or ends with a letter must start or end at a word's edge
    (not in scripts written without spaces: nothing marks a word's edge there). Each phrase as its
    first character and the pattern of the rest (see `_grouped`)."""
    out = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        rest = re.escape(phrase[1:])
        if re.match(r"[^\W\d_]", phrase) and not _unspaced(phrase[0]):
            rest = _at_word_start(phrase[0]) + rest
        if re.search(r"[^\W\d_]$", phrase) and not _unspaced(phrase[-1]):
            rest += r"(?!\w)" if phrase[-1] != "-" else ""
        out.append((phrase[0], rest))
    return out


def _at_word_start(first: str) -> str:
    r"""`(?<!\w)` before a phrase, written after its first letter (which the lookbehind then spans)."""
    return r"(?<!\w" + re.escape(first) + ")"


def _grouped(alternatives: list[tuple[str, str]]) -> str:
    """One alternation of the phrases, grouped by their first character ("a(?:lso read|dvert)|r(?:…)"),
    in their order within a group: phrases that open with different characters never match at one
    place, so the first that matches is the same, and the regex engine tries a handful of groups at
    each place of a line instead of every phrase (10-20x on long lines)."""
    groups: dict[str, list[str]] = {}
    for first, rest in alternatives:
        groups.setdefault(first, []).append(rest)
    return "|".join(re.escape(first) + "(?:" + _runs(first, rests) + ")" for first, rests in groups.items()) or r"(?!)"


def _runs(first: str, rests: list[str]) -> str:
    """The rests of one group, a run of those at a word's start sharing one lookbehind (in order)."""
    edge = _at_word_start(first)
    out: list[tuple[bool, list[str]]] = []
    for rest in rests:
        at_edge = rest.startswith(edge)
        if not out or out[-1][0] != at_edge:
            out.append((at_edge, []))
        out[-1][1].append(rest.removeprefix(edge) if at_edge else rest)
    return "|".join(edge + "(?:" + "|".join(run) + ")" if at_edge else "|".join(run) for at_edge, run in out)


def _unspaced(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff"


@lru_cache(maxsize=4)
def boilerplate_cues(path: Path = _FILE) -> BoilerplateCues:
    """The cues of every language in `path`, merged (a page may mix languages; labels stay English)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    lead = [p for phrases in data.get("lead", {}).values() for p in phrases]
    word = [p for phrases in data.get("word", {}).values() for p in phrases]
    # a word cue ending in "*" is a stem ("subscri*"): it need not end at a word's edge
    stems = [
        (p[0], (_at_word_start(p[0]) if not _unspaced(p[0]) else "") + re.escape(p[1:-1]))
        for p in word
        if p.endswith("*")
    ]
    whole = _alternatives([p for p in word if not p.endswith("*")])
    return BoilerplateCues(
        lead=re.compile(_OPENING + "(?:" + _grouped(_alternatives(lead)) + ")"),
        word=re.compile(_grouped(stems + whole)),
    )
