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


def _alternation(phrases: list[str]) -> str:
    """Longest first; a phrase that starts or ends with a letter must start or end at a word's edge
    (not in scripts written without spaces: nothing marks a word's edge there)."""
    out = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        body = re.escape(phrase)
        if re.match(r"[^\W\d_]", phrase) and not _unspaced(phrase[0]):
            body = r"(?<!\w)" + body
        if re.search(r"[^\W\d_]$", phrase) and not _unspaced(phrase[-1]):
            body += r"(?!\w)" if phrase[-1] != "-" else ""
        out.append(body)
    return "|".join(out) or r"(?!)"


def _unspaced(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff"


@lru_cache(maxsize=4)
def boilerplate_cues(path: Path = _FILE) -> BoilerplateCues:
    """The cues of every language in `path`, merged (a page may mix languages; labels stay English)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    lead = [p for phrases in data.get("lead", {}).values() for p in phrases]
    word = [p for phrases in data.get("word", {}).values() for p in phrases]
    # a word cue ending in "*" is a stem ("subscri*"): it need not end at a word's edge
    stems = [p[:-1] for p in word if p.endswith("*")]
    whole = _alternation([p for p in word if not p.endswith("*")])
    stem = "|".join((r"(?<!\w)" if not _unspaced(p[0]) else "") + re.escape(p) for p in stems)
    return BoilerplateCues(
        lead=re.compile(_OPENING + "(?:" + _alternation(lead) + ")"),
        word=re.compile("|".join(part for part in (stem, whole) if part) or r"(?!)"),
    )
