"""Titles and roles: "Secretary of State Antony Blinken", "госсекретарь США Энтони Блинкен".

A role directly before a name is attached to that name's mention. A role standing alone later
("the Secretary") becomes a mention of the one person the article gave that role to: only when
exactly one person fits, because a guess is worse than no link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storydiff.lang import LanguagePacks, alternation, default_language_packs

__all__ = ["RoleMatch", "find_roles", "find_title_references", "role_head"]


def _either(patterns: tuple[str, ...]) -> str:
    return "|".join(f"(?:{p})" for p in patterns) or "(?!)"


@lru_cache(maxsize=8)
def _role_before_name(packs: LanguagePacks) -> re.Pattern[str]:
    """Any pack's role (`role_regex`), then optionally "of Country", right before a name."""
    links = alternation(packs.words("role_place_links"))
    return re.compile(rf"(?P<role>{_either(packs.patterns('role_regex'))})\s+(?:(?:{links})\s+[A-Z]\w+\s+)?$")


@lru_cache(maxsize=8)
def _title_alone(packs: LanguagePacks) -> re.Pattern[str]:
    """Any pack's title standing alone (`title_alone_regex`), not followed by a name."""
    return re.compile(rf"\b(?P<title>{_either(packs.patterns('title_alone_regex'))})\b(?!\s+[A-ZА-ЯЁ])")


@dataclass(frozen=True)
class RoleMatch:
    role: str
    start: int
    end: int


def find_roles(text: str, name_start: int, *, packs: LanguagePacks | None = None) -> RoleMatch | None:
    """The role written just before the name starting at `name_start`, if any."""
    packs = packs if packs is not None else default_language_packs()
    window_start = max(0, name_start - 80)
    match = _role_before_name(packs).search(text[window_start:name_start])
    if match is None:
        return None
    return RoleMatch(match.group("role").strip(), window_start + match.start("role"), window_start + match.end("role"))


def find_title_references(text: str, *, packs: LanguagePacks | None = None) -> list[RoleMatch]:
    """Roles standing alone for a person ("the Secretary reiterated …")."""
    packs = packs if packs is not None else default_language_packs()
    return [RoleMatch(m.group("title"), m.start("title"), m.end("title")) for m in _title_alone(packs).finditer(text)]


def role_head(role: str, *, packs: LanguagePacks | None = None) -> str:
    """The word that a later bare title repeats: "Secretary of State" -> secretary."""
    packs = packs if packs is not None else default_language_packs()
    words = re.findall(r"[^\W\d_]+", role.casefold())
    for compound in packs.ordered("compound_role_heads"):
        if all(part in words for part in compound.casefold().split()):
            return compound  # "press secretary": not the Secretary of State's title
    for word in (head.casefold() for head in packs.ordered("role_heads")):
        if word in words or any(w.startswith(word) for w in words):
            return word
    return words[-1] if words else ""
