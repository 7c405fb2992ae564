"""Debris: promos, reading-time lines, footers, link residue, repeated and stray short lines."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from storydiff.clean.pieces import Piece, split_piece, word_count
from storydiff.clean.rules import RuleFamily

__all__ = ["remove_inline_debris", "remove_line_debris", "remove_repeated_lines", "remove_stray_short_lines"]

_SENTENCE_END = re.compile(r"[.!?…:;\"”»’)]\s*$")


def remove_line_debris(text: str, pieces: list[Piece], rules: RuleFamily) -> list[Piece]:
    """1. A whole line that matches a `remove_line` rule is debris."""
    out = []
    for piece in pieces:
        line = piece.text(text)
        if piece.role == "body":
            rule = next((r for r in rules.remove_line if r.pattern.search(line)), None)
            if rule is not None:
                piece = replace(piece, role="removed", reason=rule.reason)
        out.append(piece)
    return out


def remove_inline_debris(text: str, pieces: list[Piece], rules: RuleFamily) -> list[Piece]:
    """2. Debris inside a body line (a "read more" link label left at a paragraph's end)."""
    out: list[Piece] = []
    for piece in pieces:
        work = [piece]
        for rule in rules.remove_inline:
            next_work: list[Piece] = []
            for part in work:
                match = rule.pattern.search(part.text(text)) if part.role == "body" else None
                if match is None or match.end() == match.start():
                    next_work.append(part)
                    continue
                next_work.extend(
                    split_piece(text, part, part.start + match.start(), part.start + match.end(),
                                "removed", rule.reason)
                )
            work = next_work
        out.extend(work)
    return out


def _normalise(line: str) -> str:
    return " ".join(line.casefold().split())


def remove_repeated_lines(text: str, pieces: list[Piece]) -> list[Piece]:
    """3. A short line that occurs more than once in one article is a promo or a widget, on any outlet."""
    counts = Counter(_normalise(p.text(text)) for p in pieces if p.role in ("body", "removed"))
    out = []
    for piece in pieces:
        line = piece.text(text)
        if piece.role == "body" and counts[_normalise(line)] > 1 and word_count(line) <= 30:
            piece = replace(piece, role="removed", reason="repeated-line")
        out.append(piece)
    return out


def remove_stray_short_lines(text: str, pieces: list[Piece]) -> list[Piece]:
    """4. A very short line with no sentence ending, between body paragraphs, is a link label or an
    ad slot ("Advertisement", "Related coverage"), not reporting. Headlines are decided before this."""
    body_positions = [i for i, p in enumerate(pieces) if p.role == "body"]
    if len(body_positions) < 3:
        return pieces
    first, last = body_positions[0], body_positions[-1]
    out = list(pieces)
    for i in body_positions:
        line = pieces[i].text(text)
        if first < i < last and word_count(line) <= 5 and not _SENTENCE_END.search(line):
            out[i] = replace(pieces[i], role="removed", reason="short-non-sentence")
    return out
