"""Photo and video captions: descriptive lines that end in a credit, kept apart from the body."""

from __future__ import annotations

from dataclasses import replace

from storydiff.clean.pieces import Piece, word_count
from storydiff.clean.rules import RuleFamily

__all__ = ["is_caption_like", "mark_captions"]


def is_caption_like(line: str, rules: RuleFamily) -> bool:
    """A caption describes a picture and ends with who took or handed it out."""
    return word_count(line) >= 3 and any(p.search(line) for p in rules.caption_credit)


def mark_captions(text: str, pieces: list[Piece], rules: RuleFamily) -> list[Piece]:
    """7. Lines ending in a picture credit ("…/Handout via X TV", "Photo: …") are captions."""
    out = []
    for piece in pieces:
        if piece.role == "body" and is_caption_like(piece.text(text), rules):
            piece = replace(piece, role="caption", reason="caption-credit")
        out.append(piece)
    return out
