"""The story's lead (standfirst) when the main-text extractor dropped it.

Extractors skip a page's lead because sites mark it as a "teaser" or put it in the article's header
beside the headline. The page declares it in its description (`og:description`, `description`),
which is our evidence that the paragraph is the story's own and not a teaser for another one. A lead
is restored only when the page shows it between the headline and the first extracted paragraph, as a
block of its own: a site's slogan shown in its header or footer is not between those two.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from storydiff.ingest.html_text import TextPiece

__all__ = ["restore_lead"]

_KEY_CHARS = 50  # of a description, to find it in the page: a lead may go on past a cut description
_MIN_CHARS = 40  # a lead is a sentence or more, not a slogan
_MIN_WORDS = 6  # the same, in scripts written with spaces
_BLOCKS = frozenset({"p", "div", "h2", "h3", "h4", "header", "section", "td", "li", "blockquote", "summary"})
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*$")


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _descriptions(tree: Any) -> list[str]:
    out: list[str] = []
    for name in ("og:description", "description", "twitter:description"):
        for value in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content'):
            text = _ELLIPSIS.sub("", _norm(value))
            if text and text not in out:
                out.append(text)
    return out


def _is_sentence(text: str) -> bool:
    return len(text) >= _MIN_CHARS and (len(text.split()) >= _MIN_WORDS or " " not in text[:_MIN_CHARS])


def _squeeze(text: str) -> str:
    """Text without whitespace: inline markup splits the page's text where a description has none."""
    return "".join(text.split())


class _Stream:
    """The page's text outside its furniture, without whitespace, each piece with its offset in it."""

    def __init__(self, pieces: list[TextPiece]) -> None:
        self.pieces = [piece for piece in pieces if not piece.furniture]
        squeezed = [_squeeze(piece.text) for piece in self.pieces]
        self.starts: list[int] = []
        size = 0
        for part in squeezed:
            self.starts.append(size)
            size += len(part)
        self.text = "".join(squeezed)

    def element_at(self, offset: int) -> Any:
        return self.pieces[bisect.bisect_right(self.starts, offset) - 1].element


def _block(element: Any) -> Any:
    while element is not None and element.tag not in _BLOCKS:
        element = element.getparent()
    return element


def restore_lead(tree: Any, pieces: list[TextPiece], text: str, headline: str | None = None) -> str:
    """`text` (the extracted main text, one paragraph a line) with the page's lead put back before
    it, when the extractor dropped it; else `text` unchanged. `pieces` are the page's text pieces
    (`html_text.page_pieces`), `headline` the one chosen for it."""
    if tree is None or not text.strip():
        return text
    flat = _squeeze(text)
    described = [_squeeze(d) for d in _descriptions(tree) if _is_sentence(d)]
    keys = [(d[:_KEY_CHARS], len(d)) for d in described if d[:_KEY_CHARS] not in flat]
    if not keys:
        return text
    stream = _Stream(pieces)
    lines = text.splitlines()
    head = _squeeze(headline or "")
    # the body starts at its first line that is not the headline (extractors may keep the <h1>)
    start = next((i for i, line in enumerate(lines) if _squeeze(line) and (not head or _squeeze(line) != head)), None)
    if start is None:
        return text
    first_line = _squeeze(lines[start])[:_KEY_CHARS]
    body_at = stream.text.find(first_line)
    if body_at < 0:
        return text  # where the body starts is unknown: no "before" to check
    head_at = stream.text.find(head) if head else -1
    for key, size in keys:
        at = stream.text.find(key, max(head_at, 0))
        if at < 0 or at >= body_at:
            continue
        block = _block(stream.element_at(at))
        if block is None:
            continue
        lead = _norm("".join(block.itertext()))
        squeezed = _squeeze(lead)
        # the block is the lead itself (a dateline may open it), not a container of the body as well
        if not 0 <= squeezed.find(key) <= _KEY_CHARS or len(squeezed) > max(2 * size, 400):
            continue
        if squeezed[:_KEY_CHARS] in flat or first_line in squeezed:
            continue
        return "\n".join([*lines[:start], lead, *lines[start:]])
    return text
