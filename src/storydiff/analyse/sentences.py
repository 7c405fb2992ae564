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
_CLOSERS = "»”’\")]"
_OPENERS = "«“‘\"(["
_BOUNDARY = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s)")


def _is_abbreviation(text: str, dot: int, packs: LanguagePacks) -> bool:
    """Is the full stop at `dot` part of an abbreviation or an initial?"""
    match = re.search(r"([\w.]+)$", text[:dot])
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
        rest = segment[stop:]
        lead = len(rest) - len(rest.lstrip())
        nxt = rest.lstrip()
        # A closing mark standing alone after the boundary belongs to the sentence before it.
        stray = re.match(r"([»”’])(?=\s|$)", nxt)
        if stray:
            stop += lead + 1
            rest = segment[stop:]
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
    word = re.search(r"(\w+)$", segment[:dot])
    return word is not None and len(word.group(1)) >= 4 and not _is_abbreviation(segment, dot, packs)


def _splices(segment: str, packs: LanguagePacks) -> list[int]:
    """Offsets where a sentence with no full stop runs into the next one."""
    cuts = []
    openers, no_splice_before = packs.words("splice_openers"), packs.words("no_splice_before")
    for match in re.finditer(r"(?<=[\w])\s+([A-ZА-ЯЁ][a-zа-яё]+)(?=\s+(\S+))", segment):
        opener, following = match.group(1), match.group(2)
        if opener not in openers or following[:1].isupper():
            continue
        before_words = re.findall(r"[\w'-]+", segment[: match.start()])
        if len(before_words) < 6 or before_words[-1].casefold() in no_splice_before:
            continue
        if len(re.findall(r"\w+", segment[match.start(1) :])) < 4:
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
        if b > a and re.search(r"\w", text[a:b]):
            spans.append((a, b))
    return spans
