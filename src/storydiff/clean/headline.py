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
    """The same title, or one cut short of the other (most of it still there)."""
    x, y = _words_of(a), _words_of(b)
    if not (x and y):
        return False
    shorter, longer = sorted((x, y), key=len)
    return x == y or (longer.startswith(shorter) and len(shorter) >= 0.7 * len(longer))


def _repeats(line: str, caption: str) -> bool:
    words = _words_of(line)
    return len(words.split()) >= 4 and _words_of(caption).startswith(words)


def _headline_after_labels(text: str, pieces: list[Piece], title: str) -> list[Piece] | None:
    """An HTML page's title line behind one or two section labels ("Press releases", "World"):
    the labels are page furniture, the line is the headline."""
    body = [i for i, p in enumerate(pieces) if p.role == "body"][:3]
    for n, i in enumerate(body[1:], start=1):
        if not _same_title(pieces[i].text(text), title):
            continue
        labels = body[:n]
        if not all(word_count(pieces[j].text(text)) <= 4 and not _ENDS_LIKE_SENTENCE.search(pieces[j].text(text))
                   and not re.search(r"[.!?]$", pieces[j].text(text)) for j in labels):
            return None
        if any(p.role != "removed" and p.role != "body" for p in pieces[: i]):
            return None
        out = list(pieces)
        for j in labels:
            out[j] = replace(pieces[j], role="removed", reason="section-label")
        out[i] = replace(pieces[i], role="headline", reason="page-title")
        return out
    return None


def mark_headline(text: str, pieces: list[Piece], title: str | None, *, title_line: bool = True) -> list[Piece]:
    """8. The first remaining line is the headline when it equals the page title, or (`title_line`,
    plain text) when it is short, does not end like a sentence and is followed by more text. A
    caption that opens a page is never a headline (the cleaner marks captions first), nor is a first
    line that repeats a caption's words. An HTML page's
    headline comes from its structure (ingest), so there only a line equal to it is the headline."""
    out = list(pieces)
    if title and not title_line:
        labelled = _headline_after_labels(text, pieces, title)
        if labelled is not None:
            return labelled
    for i, piece in enumerate(pieces):
        if piece.role in ("removed",):
            continue
        if piece.role != "body":
            return out  # a dateline, caption or byline came first: the text has no headline line
        line = piece.text(text)
        if any(_repeats(line, p.text(text)) for p in pieces if p.role == "caption"):
            return out  # the caption's words without its credit: a picture's label, not a headline
        if title and _same_title(line, title):
            out[i] = replace(piece, role="headline", reason="page-title")
            return out
        has_more = any(p.role == "body" for p in pieces[i + 1 :])
        short = word_count(line) <= 20 and len(line) <= 200
        if title_line and has_more and short and not _ENDS_LIKE_SENTENCE.search(line):
            out[i] = replace(piece, role="headline", reason="title-line")
        return out
    return out
