"""Sentence boundaries with offsets, robust to scraped and machine-translated text.

Rules, in the order they matter on real input:
- a boundary follows . ! ? … (and any closing quote marks glued to it) when whitespace and then an
  upper-case letter, digit or opening mark follow;
- a closing mark standing alone after the boundary (`threat. » On …`: a translation moved it) belongs
  to the sentence before;
- abbreviations (U.S., Jan., Mr., г.) and initials are not boundaries;
- a paragraph is always a boundary;
- a spliced-in fragment with no full stop ("… in Kazakhstan She reiterated …", a related-story
  headline pasted into the text) is split where a lower-case run meets a capitalised pronoun.
"""

from __future__ import annotations

import re

from storydiff.lang import LanguagePacks, default_language_packs

__all__ = ["split_sentences"]

# Abbreviations (U.S., Jan., г.), splice openers and the words no splice follows come from the
# language packs (`abbreviations`, `splice_openers`, `no_splice_before`).
# How far around a boundary the rules look: far enough for any abbreviation or six words, short
# enough that the cost of a paragraph stays linear in its length.
_WINDOW = 300
# A "sentence" longer than this is a scrape without punctuation (a table, a page run into one line):
# it is cut at spaces so later stages (quotes, clauses, entity models) never see megabytes at once.
MAX_SENTENCE_CHARS = 2000
_CLOSERS = "»”’\")]"
_OPENERS = "«“‘\"(["
_BOUNDARY = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s)")


def _is_abbreviation(text: str, dot: int, packs: LanguagePacks) -> bool:
    """Is the full stop at `dot` part of an abbreviation or an initial?"""
    match = re.search(r"([\w.]+)$", text[max(0, dot - _WINDOW) : dot])
    if not match:
        return False
    token = match.group(1)
    if "." in token:  # U.S, e.g, i.e: dotted abbreviation
        return all(len(part) <= 2 for part in token.split(".") if part)
    if len(token) == 1 and token.isalpha() and token.isupper():
        return True  # an initial: "J. Smith"
    return token.casefold() in packs.words("abbreviations")


def _boundaries(text: str, start: int, end: int, packs: LanguagePacks) -> list[int]:
    segment = text[start:end]
    cuts = []
    for match in _BOUNDARY.finditer(segment):
        stop = match.end()
        # Only a window after the boundary is read: slicing the whole rest made long paragraphs quadratic.
        rest = segment[stop : stop + _WINDOW]
        lead = len(rest) - len(rest.lstrip())
        nxt = rest.lstrip()
        # A closing mark standing alone after the boundary belongs to the sentence before it.
        stray = re.match(r"([»”’])(?=\s|$)", nxt)
        if stray:
            stop += lead + 1
            rest = segment[stop : stop + _WINDOW]
            nxt = rest.lstrip()
        if not nxt:
            continue
        single_full_stop = match.group(0).rstrip(_CLOSERS) == "."
        if single_full_stop and _is_abbreviation(segment, match.start(), packs) and nxt[0] not in _OPENERS:
            continue
        first = nxt[0]
        opens_sentence = first.isupper() or first.isdigit() or first in _OPENERS or first in "-–—"
        if opens_sentence or (first.islower() and _lost_opening(segment, match.start(), packs)):
            cuts.append(start + stop)
    cuts.extend(start + m for m in _splices(segment, packs))
    return sorted(set(cuts))


def _lost_opening(segment: str, dot: int, packs: LanguagePacks) -> bool:
    """`… on Thursday. request and how …`: a lower-case start after a full stop that ends a real
    word is a sentence whose opening was lost in scraping or translation, not an abbreviation."""
    if segment[dot] != ".":
        return False
    word = re.search(r"(\w+)$", segment[max(0, dot - _WINDOW) : dot])
    return word is not None and len(word.group(1)) >= 4 and not _is_abbreviation(segment, dot, packs)


def _splices(segment: str, packs: LanguagePacks) -> list[int]:
    """Offsets where a sentence with no full stop runs into the next one."""
    cuts = []
    openers, no_splice_before = packs.words("splice_openers"), packs.words("no_splice_before")
    for match in re.finditer(r"(?<=[\w])\s+([A-ZА-ЯЁ][a-zа-яё]+)(?=\s+(\S+))", segment):
        opener, following = match.group(1), match.group(2)
        if opener not in openers or following[:1].isupper():
            continue
        # Six words before and four after are all the rule asks for: read windows, not the whole
        # segment, so a long paragraph stays linear.
        before_words = re.findall(r"[\w'-]+", segment[max(0, match.start() - _WINDOW) : match.start()])
        if len(before_words) < 6 or before_words[-1].casefold() in no_splice_before:
            continue
        if len(re.findall(r"\w+", segment[match.start(1) : match.start(1) + _WINDOW])) < 4:
            continue
        cuts.append(match.start(1))
    return cuts


def split_sentences(
    text: str, start: int = 0, end: int | None = None, *, packs: LanguagePacks | None = None
) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within text[start:end], trimmed of surrounding whitespace."""
    packs = packs if packs is not None else default_language_packs()
    end = len(text) if end is None else end
    spans = []
    edges = [start, *_boundaries(text, start, end, packs), end]
    for a, b in zip(edges, edges[1:], strict=False):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        for a2, b2 in _capped(text, a, b):
            if re.search(r"\w", text[a2:b2]):
                spans.append((a2, b2))
    return spans


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) in pieces of at most MAX_SENTENCE_CHARS, cut at the last space before the limit."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces
