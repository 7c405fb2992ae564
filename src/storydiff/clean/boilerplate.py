"""Debris: promos, reading-time lines, footers, link residue, repeated and stray short lines."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from storydiff.clean.cues import boilerplate_cues
from storydiff.clean.pieces import Piece, split_piece, word_count
from storydiff.clean.rules import RuleFamily

__all__ = [
    "is_promo_like",
    "remove_inline_debris",
    "remove_label_lines",
    "remove_line_debris",
    "remove_related_headlines",
    "remove_repeated_lines",
    "remove_stray_short_lines",
]

_SENTENCE_END = re.compile(r"[.!?…:;\"”»’)]\s*$")
_LIST_ITEM = re.compile(r"^(?:\d{1,3}[.)]|[-•*–])\s")


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


def remove_label_lines(text: str, pieces: list[Piece]) -> list[Piece]:
    """1a. On a web page, a short line that a boilerplate label opens and sets apart ("Lesen Sie auch:
    …", "Anzeige", "Foto: …", in many languages: `clean.cues`) is the site's, not the story's. Plain
    texts keep theirs: a label there may open a paragraph the scrape ran together."""
    cues = boilerplate_cues()
    return [
        replace(piece, role="removed", reason="boilerplate-label")
        if piece.role == "body" and cues.is_label_line(piece.text(text))
        else piece
        for piece in pieces
    ]


_DATE_LIKE = re.compile(r"^\W*(?:\w+\W+){0,4}\d{1,4}\W+(?:\w+\W+){0,3}\d{2,4}\W*$")


def remove_related_headlines(text: str, pieces: list[Piece]) -> list[Piece]:
    """1b. The lines right after a "Related stories" label are other articles' headlines (and their
    dates): short lines that do not end like a sentence, up to eight of them. The first line that
    reads like a paragraph ends the list."""
    out = list(pieces)
    i = 0
    while i < len(out):
        if out[i].role == "removed" and out[i].reason == "related-label":
            taken = 0
            j = i + 1
            while j < len(out) and taken < 8:
                line = out[j].text(text)
                if out[j].role != "body":
                    j += 1
                    continue
                headline_like = word_count(line) <= 20 and not _SENTENCE_END.search(line)
                if not (headline_like or _DATE_LIKE.match(line)):
                    break
                out[j] = replace(out[j], role="removed", reason="related-headline")
                taken += 1
                j += 1
            i = j
        else:
            i += 1
    return out


def remove_inline_debris(text: str, pieces: list[Piece], rules: RuleFamily) -> list[Piece]:
    """2. Debris inside a body line (a "read more" link label left at a paragraph's end)."""
    out: list[Piece] = []
    for piece in pieces:
        work = [piece]
        for rule in rules.remove_inline:
            next_work: list[Piece] = []
            for part in work:
                match = rule.search(part.text(text)) if part.role == "body" else None
                if match is None or match.end() == match.start():
                    next_work.append(part)
                    continue
                next_work.extend(
                    split_piece(
                        text, part, part.start + match.start(), part.start + match.end(), "removed", rule.reason
                    )
                )
            work = next_work
        out.extend(work)
    return out


def _normalise(line: str) -> str:
    return " ".join(line.casefold().split())


# Words that make a short line a promo, a widget or a link label rather than a heading of the story.
_PROMO_LIKE = re.compile(
    r"(?i)\b(?:advert\w*|sponsored|promoted|related|read (?:more|also|next)|also read|see also|more (?:on|from|"
    r"news|stories)|most (?:read|popular|viewed)|trending|popular|top stories|latest|newsletter|subscribe\w*|"
    r"sign up|log ?in|follow us|share|tweet|click|download|get (?:our|the) app|our app|watch|listen|video|"
    r"gallery|photos|podcast|comments?|recommended|you may (?:also )?like|don.t miss|anzeige|werbung|"
    r"lesen sie (?:auch|mehr)|weiterlesen|mehr zum thema|das könnte sie (?:auch )?interessieren|publicidad|"
    r"lea (?:también|más)|vea también|puedes ver|mira también|lire aussi|à lire aussi|publicité|"
    r"реклама|читайте (?:также|еще|ещё)|смотрите также|подпис\w+|новости партн\w+)\b"
)


def is_promo_like(line: str) -> bool:
    return bool(_PROMO_LIKE.search(line))


def _reads_like_body(line: str) -> bool:
    return word_count(line) >= 8 and bool(_SENTENCE_END.search(line))


def remove_repeated_lines(text: str, pieces: list[Piece]) -> list[Piece]:
    """3. A short line that occurs more than once in one article: a promo-like one (a widget, a link
    label) is debris in every copy; any other keeps its first copy (a heading that a table of
    contents repeats, a pull quote) and loses the later ones. Long lines are never touched."""
    counts = Counter(_normalise(p.text(text)) for p in pieces if p.role in ("body", "removed"))
    seen: set[str] = set()
    out = []
    for piece in pieces:
        line = piece.text(text)
        key = _normalise(line)
        if piece.role == "body" and counts[key] > 1 and word_count(line) <= 30:
            promo = word_count(line) <= 12 and is_promo_like(line) and not _reads_like_body(line)
            if promo or key in seen:
                piece = replace(piece, role="removed", reason="repeated-line")
            seen.add(key)
        out.append(piece)
    return out


def remove_stray_short_lines(text: str, pieces: list[Piece], *, html: bool = False) -> list[Piece]:
    """4. A very short line with no sentence ending, between body paragraphs, is a link label or an
    ad slot ("Advertisement", "Related coverage") only with evidence: promo-like words. On an HTML
    page the extractor has already dropped menus and link lists, so any other short line there is a
    subheading or a name and stays. A plain-text scrape keeps no structure; there a line of at most
    three words is still taken for a stray label (subheadings are rarely that short). Headlines are
    decided before this."""
    body_positions = [i for i, p in enumerate(pieces) if p.role == "body"]
    if len(body_positions) < 3:
        return pieces
    first, last = body_positions[0], body_positions[-1]
    out = list(pieces)
    for i in body_positions:
        line = pieces[i].text(text)
        if not first < i < last or word_count(line) > 5 or _SENTENCE_END.search(line):
            continue
        if is_promo_like(line) or (not html and word_count(line) <= 3 and not _LIST_ITEM.match(line)):
            out[i] = replace(pieces[i], role="removed", reason="short-non-sentence")
    return out
