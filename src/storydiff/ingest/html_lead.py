"""The story's lead (standfirst) when the main-text extractor dropped it.

Extractors skip a page's lead because sites mark it as a "teaser" or put it in the article's header
beside the headline. The page declares it in its description (`og:description`, `description`),
which is our evidence that the paragraph is the story's own and not a teaser for another one. A lead
is restored only when the page shows it between the headline and the first extracted paragraph, as a
block of its own: a site's slogan shown in its header or footer is not between those two. The body
starts at the first extracted line the page shows after the headline (lines shown only above it are
header debris). When the lead is the first paragraph of a box of paragraphs that holds none of the
extracted text (a question above its answers), the whole box comes back.
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
_ANCHOR_LINES = 5  # opening lines looked at for the body's start: a header's debris is a few lines
_POST_PARTS = frozenset({"p", "blockquote", "pre", "ul", "ol", "dl"})
_MAX_POST_CHARS = 3000  # a question or an introduction, not a page's worth of text
_LIST_MARK = re.compile(r"^\s*[-•*]\s+(?=\S)")  # the extractor's "- " before a list item the page shows bare
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*$")


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _descriptions(tree: Any) -> list[str]:
    out: list[str] = []
    # the page's <meta> tags read once, in its order, not once per name
    metas = [(m.get("property"), m.get("name"), m.get("content")) for m in tree.getroottree().iter("meta")]
    for name in ("og:description", "description", "twitter:description"):
        for value in [content for prop, called, content in metas if content is not None and name in (prop, called)]:
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
    head_at = stream.text.find(head) if head else -1
    anchor = _body_anchor(stream, lines, head, head_at)
    if anchor is None:
        return text  # where the body starts is unknown: no "before" to check
    start, body_at = anchor
    first_line = _squeeze(lines[start])[:_KEY_CHARS]
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
        return "\n".join([*lines[:start], *_whole_post(block, flat, lead), *lines[start:]])
    return text


def _body_anchor(stream: _Stream, lines: list[str], head: str, head_at: int) -> tuple[int, int] | None:
    """The line where the extracted body starts and where the page shows it: the first of its opening
    lines that is not the headline and that the page shows after the headline. A line the page shows
    only above its headline (a site's banner, a network bar) is header debris, not the body's start."""
    seen = 0
    for i, line in enumerate(lines):
        key = _squeeze(_LIST_MARK.sub("", line, count=1))[:_KEY_CHARS]
        if not key or (head and _squeeze(line) == head):
            continue
        at = stream.text.find(key, max(head_at, 0))
        if at >= 0:
            return i, at
        seen += 1
        if seen >= _ANCHOR_LINES:
            return None
    return None


def _whole_post(block: Any, flat: str, lead: str) -> list[str]:
    """The lead's block, or the whole post it opens: when the described paragraph is the first of a
    box of paragraphs (a question above its answers, an introduction) that holds no heading and none
    of the extracted text, all its paragraphs are the dropped part, one a line."""
    parent = block.getparent() if block.tag == "p" else None
    if parent is None or parent.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//nav|.//footer|.//aside"):
        return [lead]
    parts = [_norm("".join(child.itertext())) for child in parent if child.tag in _POST_PARTS]
    parts = [part for part in parts if part]
    squeezed = [_squeeze(part) for part in parts]
    if (
        len(parts) < 2
        or _squeeze(lead) != squeezed[0]
        or sum(map(len, squeezed)) > _MAX_POST_CHARS
        or any(len(part) >= _MIN_CHARS and part[:_KEY_CHARS] in flat for part in squeezed)  # a short quote may recur
    ):
        return [lead]
    return parts
