"""Bylines ("By Jane Roe") and credit lines ("Reporting by …; Editing by …"), and the authors in them."""

from __future__ import annotations

import re
from dataclasses import replace

from storydiff.clean.pieces import Piece, word_count
from storydiff.clean.rules import RuleFamily

__all__ = ["authors_from_credit", "mark_bylines", "mark_credit_lines"]

_NAME = r"[A-ZА-ЯЁ][\w'’.\-]+(?:\s+[A-ZА-ЯЁ][\w'’.\-]+){0,3}"
_BYLINE = re.compile(
    rf"^(?:By|BY|by)\s+(?P<names>{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*)\s*(?:[,|–—-]\s*.{{0,60}})?$"
)
_AUTHOR_ROLES = re.compile(r"(?i)\b(?:additional reporting|reporting|writing|written|compiled)\s+by\s+(?P<names>[^;]+)")


def _split_names(names: str) -> list[str]:
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", names)
    return [p.strip(" .") for p in parts if p.strip(" .") and word_count(p) <= 4]


def authors_from_credit(line: str) -> list[str]:
    """Reporters and writers are authors; editors are not."""
    authors: list[str] = []
    for match in _AUTHOR_ROLES.finditer(line):
        cut = re.split(r"(?i)\b(?:in|from)\s+[A-Z][a-z]+$", match.group("names"))[0]
        authors.extend(_split_names(cut))
    return authors


def mark_credit_lines(text: str, pieces: list[Piece], rules: RuleFamily) -> list[Piece]:
    """5. Lines that credit reporters and editors, wherever they stand (usually at the end)."""
    out = []
    for piece in pieces:
        line = piece.text(text)
        if piece.role == "body" and any(p.search(line) for p in rules.credit_line):
            piece = replace(piece, role="credit", reason="credit-line")
        out.append(piece)
    return out


def mark_bylines(text: str, pieces: list[Piece]) -> tuple[list[Piece], list[str]]:
    """6. A "By NAME" line among the first lines is the byline; its names are the authors."""
    out = list(pieces)
    authors: list[str] = []
    for i, piece in enumerate(pieces[:6]):
        match = _BYLINE.match(piece.text(text)) if piece.role == "body" else None
        if match:
            out[i] = replace(piece, role="byline", reason="byline")
            authors.extend(_split_names(match.group("names")))
            break
    return out, authors
