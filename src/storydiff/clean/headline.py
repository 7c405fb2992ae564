"""The headline: a short title line at the top, or the page title from HTML metadata."""

from __future__ import annotations

import re
from dataclasses import replace

from storydiff.clean.pieces import Piece, word_count

__all__ = ["mark_headline"]

_ENDS_LIKE_SENTENCE = re.compile(r"[.,;:…]\s*[\"”»’]?$")


def _words_of(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _same_title(a: str, b: str) -> bool:
    norm = _words_of
    return bool(a and b) and (norm(a) == norm(b) or norm(a).startswith(norm(b)) or norm(b).startswith(norm(a)))


def mark_headline(text: str, pieces: list[Piece], title: str | None) -> list[Piece]:
    """8. The first remaining line is the headline when it equals the page title, or when it is short,
    does not end like a sentence and is followed by more text. A caption that opens a page is never
    a headline (the cleaner marks captions first)."""
    out = list(pieces)
    for i, piece in enumerate(pieces):
        if piece.role in ("removed",):
            continue
        if piece.role != "body":
            return out  # a dateline, caption or byline came first: the text has no headline line
        line = piece.text(text)
        if title and _same_title(line, title):
            out[i] = replace(piece, role="headline", reason="page-title")
            return out
        has_more = any(p.role == "body" for p in pieces[i + 1 :])
        if has_more and word_count(line) <= 20 and len(line) <= 200 and not _ENDS_LIKE_SENTENCE.search(line):
            out[i] = replace(piece, role="headline", reason="title-line")
        return out
    return out
