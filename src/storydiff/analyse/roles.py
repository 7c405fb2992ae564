"""Titles and roles: "Secretary of State Antony Blinken", "госсекретарь США Энтони Блинкен".

A role directly before a name is attached to that name's mention. A role standing alone later
("the Secretary") becomes a mention of the one person the article gave that role to: only when
exactly one person fits, because a guess is worse than no link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["RoleMatch", "find_roles", "find_title_references", "role_head"]

_EN_ROLE = (
    r"(?:(?:U\.S\.|US|[A-Z][a-z]+(?:n|i|sh|ese)|White House|State Department|foreign ministry|Foreign Ministry)\s+)?"
    r"(?:Secretary of State|Secretary-General|Secretary General|secretary general|general secretary|"
    r"[Ff]oreign [Mm]inister|[Pp]rime [Mm]inister|[Ee]nergy [Mm]inister|[Ee]mergency [Ss]ituations [Mm]inister|"
    r"[Dd]efen[cs]e [Mm]inister|[Ii]nterior [Mm]inister|[Mm]inister|[Pp]resident|[Vv]ice[- ][Pp]resident|"
    r"press secretary|[Ss]pokes(?:man|woman|person)|[Gg]overnor|[Aa]mbassador|[Cc]hancellor|[Cc]hairman|"
    r"[Dd]irector|[Cc]ommander|[Mm]ayor|[Cc]hief engineer|[Nn]egotiator)"
)
_RU_ROLE = (
    r"(?:госсекретарь(?: США)?|министр иностранных дел|глава МИД(?: [А-ЯЁ]\w+)?|министр(?: [а-яё]+){0,3}|"
    r"президент(?:а|ом|у)?|премьер-министр(?:а|ом)?|пресс-секретарь(?: [А-ЯЁ]\w+ \w+)?|"
    r"официальный представитель(?: [а-яё]+){0,3}|губернатор|глава региона|генеральный секретарь|генсек)"
)
_ROLE_BEFORE_NAME = re.compile(rf"(?P<role>{_EN_ROLE}|{_RU_ROLE})\s+(?:of\s+[A-Z]\w+\s+)?$")
_TITLE_ALONE = re.compile(
    r"\b(?P<title>[Tt]he (?:Secretary|[Mm]inister|[Pp]resident|[Pp]rime [Mm]inister|[Gg]overnor|"
    r"[Ss]pokes(?:man|woman|person)|[Aa]mbassador|[Mm]ayor|[Cc]hancellor)|"
    r"(?:[Гг]оссекретарь|[Мм]инистр|[Пп]резидент|[Гг]убернатор))\b(?!\s+[A-ZА-ЯЁ])"
)


@dataclass(frozen=True)
class RoleMatch:
    role: str
    start: int
    end: int


def find_roles(text: str, name_start: int) -> RoleMatch | None:
    """The role written just before the name starting at `name_start`, if any."""
    window_start = max(0, name_start - 80)
    match = _ROLE_BEFORE_NAME.search(text[window_start:name_start])
    if match is None:
        return None
    return RoleMatch(match.group("role").strip(), window_start + match.start("role"), window_start + match.end("role"))


def find_title_references(text: str) -> list[RoleMatch]:
    """Roles standing alone for a person ("the Secretary reiterated …")."""
    return [RoleMatch(m.group("title"), m.start("title"), m.end("title")) for m in _TITLE_ALONE.finditer(text)]


def role_head(role: str) -> str:
    """The word that a later bare title repeats: "Secretary of State" -> secretary."""
    words = re.findall(r"[^\W\d_]+", role.casefold())
    if "press" in words and "secretary" in words:
        return "press secretary"  # not the Secretary of State's title
    for word in ("secretary", "minister", "president", "governor", "spokesman", "spokeswoman", "spokesperson",
                 "ambassador", "mayor", "chancellor", "госсекретарь", "министр", "президент", "губернатор"):
        if word in words or any(w.startswith(word) for w in words):
            return word
    return words[-1] if words else ""
