"""Pieces of a page that sit in a box its markup names as the site's: an author's bio, a newsletter
sign-up, share buttons, related stories, comments, a cookie notice, a tag list, a sidebar, a footer.

`<nav>`, `<footer>` and `<aside>` say so by their tag (`html_text`); most sites build the same boxes
from `<div>`s and name them in `class` or `id` instead. Those names are markup, the same words on a
German or a Spanish page, so they tell debris from the story without reading its text. A name is
taken at its word only on a box that is not the story's: one that holds the story's longest
extracted paragraph (of those the page shows once: a teaser may repeat the opening) is a wrapper
("content-sidebar-wrap", "has-comments"), and a class that files the page under a tag or category
("tag-newsletter", "category-social") describes the story, not a box.

The story's block is the smallest element around its longest paragraph that holds nearly all of
the extracted text. What the page shows after that block's end is what follows a story (an author's
note, comments, teasers, the site's footer) and counts as boxed too, unless it is marked up as the
block's own paragraphs are: a story a layout splits in two ("<p>", an ad, "<p>") goes on in the same
markup.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

from storydiff.ingest.html_text import TextPiece

__all__ = ["boxed_pieces", "names_furniture"]

# words of a class or id that name a box of the site's; a word names one when it starts with these
_FURNITURE_WORDS = (
    "author", "newsletter", "subscri", "share", "sharing", "shariff", "related", "promo", "cookie", "consent",
    "comment", "footer", "sidebar", "nav", "menu", "breadcrumb", "recommend", "advert", "copyright", "signup",
    "disclaimer", "outbrain", "taboola", "popup", "modal", "meta", "tags", "byline", "social", "caption",
)  # fmt: skip
_FURNITURE_EXACT = frozenset({"ad", "ads", "bio", "bios"})  # short words, whole: not "adjust", "biology"
_FILED_UNDER = re.compile(r"(?i)^(?:tag|tags|category|categories|topic|topics)[-_]")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD_SPLIT = re.compile(r"[^a-zA-Z]+")
_ANCHOR_LINES = 5  # longest extracted lines tried for the story's place: one may be spelt otherwise
_SKIP = frozenset({"body", "html", "article", "main"})  # the page's and the story's own elements
_BLOCK_SHARE = 0.9  # of the extracted text inside the story's block: the rest may be a lead or debris
_PARAGRAPH_CHARS = 40  # a piece of the block this long is one of the story's paragraphs, not a label
_LIST_MARK = re.compile(r"^\s*[-•*]\s+(?=\S)")  # the extractor's "- " before an item the page shows bare


def names_furniture(element: Any) -> bool:
    """Whether an element's class or id names a box of the site's (see the module docstring)."""
    if not isinstance(element.tag, str) or element.tag in _SKIP:
        return False
    return _names_furniture(element.get("class") or "", element.get("id") or "")


@lru_cache(maxsize=8192)  # a site's pages repeat their classes, a page its own many times
def _names_furniture(classes: str, ids: str) -> bool:
    for name in classes.split() + ids.split():
        if _FILED_UNDER.match(name):
            continue
        for word in _WORD_SPLIT.split(_CAMEL.sub(" ", name)):
            word = word.casefold()
            if word and (word in _FURNITURE_EXACT or word.startswith(_FURNITURE_WORDS)):
                return True
    return False


def _squeezed(pieces: list[TextPiece]) -> tuple[str, list[int]]:
    """The page's text without whitespace, and where each piece starts in it."""
    starts, at, chunks = [], 0, []
    for piece in pieces:
        chunk = "".join(piece.text.split())
        starts.append(at)
        chunks.append(chunk)
        at += len(chunk)
    return "".join(chunks), starts


def _story_elements(pieces: list[TextPiece], page: str, starts: list[int], lines: list[str]) -> list[Any]:
    """The element that holds the story's longest extracted paragraph and its ancestors, innermost
    first (when the paragraph spans elements, all of theirs); none when the page does not show it
    once (of the few longest, the first it shows once)."""
    for key in sorted(lines, key=len, reverse=True)[:_ANCHOR_LINES]:
        found = page.find(key)
        if found < 0 or page.find(key, found + 1) >= 0:
            continue  # not shown, or shown twice: a teaser for the story may repeat its opening
        first = bisect.bisect_right(starts, found) - 1
        last = bisect.bisect_right(starts, found + len(key) - 1) - 1
        out: dict[Any, None] = {}
        for piece in pieces[first : last + 1]:
            element = piece.element
            while element is not None and element not in out:
                out[element] = None
                element = element.getparent()
        return list(out)
    return []


def _story_block(
    pieces: list[TextPiece], page: str, starts: list[int], lines: list[str], chain: list[Any]
) -> list[int] | None:
    """The pieces (by index, in order) of the story's block: the innermost of `chain` that holds
    nearly all of the extracted text the page shows; None when only the page's <body> does."""
    found = [(at, len(line)) for line in lines if (at := page.find(line)) >= 0]
    total = sum(size for _, size in found)
    index: dict[Any, list[int]] = {}
    for i, piece in enumerate(pieces):
        index.setdefault(piece.element, []).append(i)
    for element in chain:
        if not total or element.tag in ("body", "html"):
            return None
        held = sorted(i for node in element.iter() for i in index.get(node, ()))
        if not held:
            continue
        begin, end = starts[held[0]], starts[held[-1]] + len("".join(pieces[held[-1]].text.split()))
        if sum(size for at, size in found if begin <= at < end) >= _BLOCK_SHARE * total:
            return held
    return None


def _after_story(
    pieces: list[TextPiece], page: str, starts: list[int], lines: list[str], chain: list[Any]
) -> list[bool]:
    """For each piece, whether the page shows it after the story's block (see the module docstring)."""
    held = _story_block(pieces, page, starts, lines, chain)
    if held is None:
        return [False] * len(pieces)
    own = {_markup(pieces[i].element) for i in held if len(pieces[i].text) >= _PARAGRAPH_CHARS}
    return [i > held[-1] and _markup(piece.element) not in own for i, piece in enumerate(pieces)]


def _markup(element: Any) -> tuple[str, str]:
    return element.tag, element.get("class") or ""


def boxed_pieces(pieces: list[TextPiece], text: str) -> list[bool]:
    """For each piece of the page, whether it lies in a box named as the site's furniture outside the
    story, or after the story's block; `text` is the extracted main text, whose longest paragraph
    tells where the story is. When the page does not show that paragraph as such, nothing is boxed."""
    page, starts = _squeezed(pieces)
    lines = [key for line in text.splitlines() if (key := "".join(_LIST_MARK.sub("", line, count=1).split()))]
    chain = _story_elements(pieces, page, starts, lines)
    if not chain:
        return [False] * len(pieces)
    story = set(chain)
    verdicts: dict[Any, bool] = {}

    def boxed(element: Any) -> bool:
        path = []  # the elements up to the first one decided: the story, the page's root, or one seen
        while element is not None and element not in story and element not in verdicts:
            path.append(element)
            element = element.getparent()
        verdict = verdicts.get(element, False)  # the story and its wrappers; above them only the page
        for node in reversed(path):
            verdict = verdict or names_furniture(node)
            verdicts[node] = verdict
        return verdict

    after = _after_story(pieces, page, starts, lines, chain)
    return [late or boxed(piece.element) for piece, late in zip(pieces, after, strict=True)]
