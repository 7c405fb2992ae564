"""Bylines ("By Jane Roe") and credit lines ("Reporting by …; Editing by …"), and the authors in them."""

from __future__ import annotations

import re
from dataclasses import replace

from storydiff.clean.pieces import Piece, split_piece, word_count
from storydiff.clean.rules import RuleFamily

__all__ = ["authors_from_credit", "mark_bylines", "mark_credit_lines", "mark_sign_offs"]

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


_AGENCIES = (
    r"AFP|AP|Reuters|dpa|DPA|AAP|EFE|ANSA|Xinhua|Bloomberg|UPI|PTI|IANS|ANI|TASS|Interfax|KNA|epd|APA|"
    r"SDA|Yonhap|Kyodo|CNA|Bernama|Anadolu|AA|RIA Novosti|ТАСС|Интерфакс|РИА Новости"
)
# "… on Monday. — AFP", "… on Monday (Reuters)": the agency signing off at the end of a paragraph.
_SIGN_OFF = re.compile(
    rf"\s*(?:[—–]|--?|\|)\s*\(?(?:{_AGENCIES})(?:[/,]\s*\w[\w .]{{0,30}})?\)?\s*\.?$"
    rf"|\s*\((?:{_AGENCIES})\)\s*\.?$"
)
# "Jane Roe in Velgrad contributed to this report." at the end of the last paragraph.
_CONTRIBUTED = re.compile(
    r"(?:^|(?<=[.!?\"”»]))\s*[^.!?\n]{3,200}?\b(?:contributed|contributing)\s+(?:reporting\s+)?(?:to|for)\s+"
    r"(?:this|the)\s+(?:report|story|article|reporting)\.?$|(?:^|(?<=[.!?\"”»]))\s*(?:additional )?reporting by\s+"
    r"[^.!?\n]{3,160}\.?$",
    re.I,
)
# words each of them needs (a sign-off its agency's name, a credit line "contribut…" or "reporting by"):
# most lines have none, and these cheap searches spare them the long patterns' backtracking
_ANY_AGENCY = re.compile(_AGENCIES)
_ANY_CONTRIBUTED = re.compile(r"contribut|reporting by", re.I)
_SENTENCE_GAP = re.compile(r"[.!?…][\"”»’)]*\s+\S")


def mark_sign_offs(text: str, pieces: list[Piece], *, long_line_words: int = 40) -> list[Piece]:
    """5b. An agency's sign-off at the end of a paragraph ("— AFP", "(Reuters)") and a trailing
    "… contributed to this report" are credits, cut off the paragraph they end; the rest stays body.
    A sign-off is only taken from the last body line or from a line that reads like body (long, or
    several sentences): a short line ending in an agency's name elsewhere is a photo caption."""
    body = [i for i, p in enumerate(pieces) if p.role == "body"]
    last = body[-1] if body else -1
    out: list[Piece] = []
    for i, piece in enumerate(pieces):
        if piece.role != "body":
            out.append(piece)
            continue
        line = piece.text(text)
        contributed = _CONTRIBUTED.search(line) if _ANY_CONTRIBUTED.search(line) else None
        if contributed is not None and contributed.end() > contributed.start():
            out.extend(
                split_piece(
                    text,
                    piece,
                    piece.start + contributed.start(),
                    piece.start + contributed.end(),
                    "credit",
                    "contributed-credit",
                )
            )
            continue
        sign_off = _SIGN_OFF.search(line) if _ANY_AGENCY.search(line) else None
        if (
            sign_off is not None
            and sign_off.start() > 0
            and (i == last or word_count(line) >= long_line_words or len(_SENTENCE_GAP.findall(line)) >= 2)
        ):
            out.extend(
                split_piece(
                    text, piece, piece.start + sign_off.start(), piece.start + sign_off.end(), "credit", "sign-off"
                )
            )
            continue
        out.append(piece)
    return out
