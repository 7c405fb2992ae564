"""Lines of the extracted text that the page shows only as links to other pages, or in its furniture.

A main-text extractor lets through teasers for other stories ("Hackers ask for a ransom" linked to
that story, "Read also: <linked headline>") and the odd menu entry: on the page they are links,
which the story's own sentences almost never are whole. The text alone cannot tell a linked
headline from a sentence, so this is decided here, against the page, before the text rules run.
A line is a link line when every place the page shows it, nearly all of it lies inside links to
other pages of the same site: a link to another site is a source the story cites, one to an anchor
on the page a table of contents. A line the page shows only in its furniture (`<nav>`, `<footer>`,
an `<aside>` beside the article, or their ARIA roles: menus, tag lists, "about us" boxes, the
imprint) is the site's, whatever it says; so is one shown only in a box whose class or id names it
as the site's (an author's bio, a newsletter sign-up, related stories: `html_boxes`).
"""

from __future__ import annotations

import logging
import re

from storydiff.ingest.html_boxes import boxed_pieces
from storydiff.ingest.html_text import TextPiece

__all__ = ["drop_link_lines", "link_share"]

_LINK_SHARE = 0.9  # of a line's letters inside links (or furniture): a stray comma may stay outside
# a teaser is a headline: a linked phrase of a word or three is a menu entry or a wiki's cross-link,
# which may be the story's own (a list of works); a long linked paragraph is quoted text
_MIN_WORDS, _MAX_WORDS = 4, 30
_MIN_CJK = 12  # characters of a headline in a script written without spaces
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_MAX_BOXED_SHARE = 0.4  # of the text's letters that boxes may take (see `drop_link_lines`)
_MAX_PLACES = 5  # places looked at: enough to find the one where a line is not a link
# a lead-in label before a linked headline: "Read also:", "Weiterlesen:", "VEA TAMBIÉN:"
_LABEL = re.compile(r"^\s*[^\W\d_][^\s:]*(?:\s+[^\s:]+){0,2}\s*:\s+(?=\S)")
# the extractor writes a list item as "- item": the page shows the item without the dash
_LIST_MARK = re.compile(r"^\s*[-•*]\s+(?=\S)")
_LIST_TITLE = re.compile(r"^\s*(?:[-•*]\s+)?(?:[^\W\d_][\w'’-]*\s+){0,5}[^\W\d_][\w'’-]*\s*:\s*$")  # "Mehr zum Thema:"

log = logging.getLogger(__name__)


class _Marked:
    """The page's text without whitespace, and beside it which of its characters are link text and
    which are in its furniture."""

    def __init__(self, pieces: list[TextPiece], boxed: list[bool] | None = None) -> None:
        squeezed = ["".join(piece.text.split()) for piece in pieces]
        boxed = boxed or [False] * len(pieces)
        self.top = -1  # where the page first shows its headline, when that is known
        self.text = "".join(squeezed)
        self.links = "".join(("1" if p.link else "0") * len(t) for p, t in zip(pieces, squeezed, strict=True))
        self.furniture = "".join(
            ("1" if p.furniture or box else "0") * len(t) for p, t, box in zip(pieces, squeezed, boxed, strict=True)
        )

    def set_headline(self, headline: str | None, text: str) -> None:
        """Mark where the page first shows its headline, when the story's longest line comes after it:
        a line shown only above it is the page's banner or header, not the story's."""
        key = "".join((headline or "").split())
        at = self.text.find(key) if key else -1
        longest = max(("".join(line.split()) for line in text.splitlines()), key=len, default="")
        if at > 0 and longest and self.text.find(longest, at) >= 0:
            self.top = at

    def above_headline(self, line: str) -> bool:
        """Whether every place the page shows `line` ends before its headline (see `set_headline`)."""
        key = "".join(line.split())
        if self.top <= 0 or not key:
            return False
        at = self.text.find(key)
        return at >= 0 and at + len(key) <= self.top and self.text.find(key, self.top) < 0

    def shares(self, line: str) -> list[tuple[float, float]]:
        """The shares of link text and of furniture at each place (up to a few) the page shows `line`."""
        key = "".join(line.split())
        out: list[tuple[float, float]] = []
        at = self.text.find(key) if key else -1
        while at >= 0 and len(out) < _MAX_PLACES:
            end = at + len(key)
            out.append((self.links.count("1", at, end) / len(key), self.furniture.count("1", at, end) / len(key)))
            at = self.text.find(key, at + 1)
        return out


def link_share(pieces: list[TextPiece], line: str) -> float | None:
    """The least share of link text among the places the page shows `line`; None when it is not shown."""
    shares = _Marked(pieces).shares(line)
    return min(link for link, _ in shares) if shares else None


def _is_debris(line: str, marked: _Marked) -> bool:
    line = _LIST_MARK.sub("", line, count=1)
    shares = marked.shares(_LABEL.sub("", line, count=1))
    if not shares:
        return False  # not found as such on the page (spacing, entities): nothing to go by
    if marked.above_headline(_LABEL.sub("", line, count=1)):
        return True
    if min(nav for _, nav in shares) >= _LINK_SHARE:
        return True
    words = len(line.split())
    teaser = _MIN_WORDS <= words <= _MAX_WORDS or (words < _MIN_WORDS and len(_CJK.findall(line)) >= _MIN_CJK)
    return teaser and min(link for link, _ in shares) >= _LINK_SHARE


def _kept_lines(text: str, marked: _Marked) -> tuple[list[str], int]:
    kept: list[str] = []
    dropped = 0
    for line in text.splitlines():
        if line.strip() and _is_debris(line, marked):
            dropped += 1
            if _LIST_TITLE.match(kept[-1] if kept else ""):
                kept.pop()  # "More on this topic:" before a teaser is the teaser list's title
                dropped += 1
            continue
        kept.append(line)
    return kept, dropped


def _letters(lines: list[str]) -> int:
    return sum(len("".join(line.split())) for line in lines)


def drop_link_lines(
    pieces: list[TextPiece], text: str, *, named_boxes: bool = True, headline: str | None = None
) -> str:
    """`text` without its link and furniture lines (see the module docstring), the others as they were;
    `pieces` are the page's (`html_text.page_pieces`); `named_boxes=False` leaves boxes named in markup
    alone (only tags and roles then say what is furniture). With the page's `headline`, a line the
    page shows only above it (and the story below it) goes too: the site's banner or header."""
    if not text.strip():
        return text
    plain = _Marked(pieces)
    plain.set_headline(headline, text)
    kept, dropped = _kept_lines(text, plain)
    if named_boxes:
        marked = _Marked(pieces, boxed_pieces(pieces, text))
        marked.set_headline(headline, text)
        boxed, more = _kept_lines(text, marked)
        # boxes take debris, a minority of the text: taking more, they were found around the wrong story
        if more > dropped and _letters(kept) - _letters(boxed) <= _MAX_BOXED_SHARE * _letters(kept):
            kept, dropped = boxed, more
    if dropped and not any(line.strip() for line in kept):
        return text  # a page that is all links is not ours to empty: the caller reports it
    if dropped:
        log.debug("dropped %d line(s) shown only as links to other pages or in furniture", dropped)
    return "\n".join(kept)
