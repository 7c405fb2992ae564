"""Photo and video captions: descriptive lines that end in a credit, kept apart from the body."""

from __future__ import annotations

import re
from dataclasses import replace

from storydiff.clean.pieces import Piece, word_count
from storydiff.clean.rules import RuleFamily

__all__ = ["MAX_CAPTION_WORDS", "is_caption_like", "mark_captions", "reads_like_body"]


MAX_CAPTION_WORDS = 60
_SENTENCE = re.compile(r"[.!?…](?:[\"”»’)]*)\s+(?=[\"“«‘(]?[A-ZА-ЯЁ0-9])")


def reads_like_body(line: str) -> bool:
    """A paragraph of reporting: four sentences or more, or longer than any caption."""
    return word_count(line) > MAX_CAPTION_WORDS or len(_SENTENCE.findall(line)) >= 3


def is_caption_like(line: str, rules: RuleFamily) -> bool:
    """A caption describes a picture and ends with who took or handed it out. It is short: a line
    that is mostly body text (a whole article scraped as one line that ends "— AFP") never is."""
    if word_count(line) < 3 or reads_like_body(line):
        return False
    return any(p.search(line) for p in rules.caption_credit)


def mark_captions(text: str, pieces: list[Piece], rules: RuleFamily) -> list[Piece]:
    """7. Lines ending in a picture credit ("…/Handout via X TV", "Photo: …") are captions."""
    out = []
    for piece in pieces:
        if piece.role == "body" and is_caption_like(piece.text(text), rules):
            piece = replace(piece, role="caption", reason="caption-credit")
        out.append(piece)
    return out
