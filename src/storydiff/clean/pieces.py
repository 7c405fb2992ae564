"""The cleaner's working unit: a stretch of the text with the role a stage gave it.

Stages refine a list of pieces in document order. A piece starts as a body paragraph; a stage may
give it another role, or split it (a caption run into a dateline, "read more" at a paragraph's end).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = ["Piece", "split_lines", "split_piece", "word_count"]

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    role: str = "body"  # body | headline | byline | credit | caption | dateline | removed
    reason: str = ""

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_lines(text: str) -> list[Piece]:
    """One body piece per non-blank line, offsets trimmed of surrounding whitespace."""
    pieces = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = _trimmed(text, match.start(), match.end())
        if end > start:
            pieces.append(Piece(start, end))
    return pieces


def split_piece(text: str, piece: Piece, start: int, end: int, role: str, reason: str = "") -> list[Piece]:
    """Cut [start, end) out of `piece` with a new role; what is left on either side keeps the old role."""
    out = []
    before = _trimmed(text, piece.start, start)
    if before[1] > before[0]:
        out.append(replace(piece, start=before[0], end=before[1]))
    middle = _trimmed(text, start, end)
    if middle[1] > middle[0]:
        out.append(Piece(middle[0], middle[1], role, reason))
    after = _trimmed(text, end, piece.end)
    if after[1] > after[0]:
        out.append(replace(piece, start=after[0], end=after[1]))
    return out
