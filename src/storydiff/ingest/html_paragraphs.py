"""Debris paragraphs inside the story's block, told apart by a small logistic model.

A main-text extractor keeps what sits in the story's block; sites put their own lines there too:
"Read also: …" with a linked headline, a picture credit, a newsletter pitch, an author's line, a
promo. Their markup is the story's (`html_boxes` cannot see them), but they look like furniture in
ways that hold across sites and languages: short, no sentence ending, a label and a colon at the
start, mostly link text, emphasised or in a list, in a markup the story's paragraphs do not use, at
the block's edges, with a boilerplate cue (`clean.cues`), an address or a ©. Each extracted line
gets those features from the page (where the page shows it); the model's weights
(`html_paragraphs.json`, trained by `scripts/train_page_paragraphs.py` on pages-trafilatura's dev
split, Apache-2.0) weigh them. The operating point is one of high precision: a line goes only
when the model is very sure, and long paragraphs never go.
"""

from __future__ import annotations

import bisect
import json
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from storydiff.clean.cues import boilerplate_cues
from storydiff.ingest.html_text import TextPiece

__all__ = ["FEATURES", "ParagraphModel", "drop_debris_paragraphs", "has_evidence", "line_features", "paragraph_model"]

_WEIGHTS = Path(__file__).with_name("html_paragraphs.json")
_LIST_MARK = re.compile(r"^\s*[-•*]\s+(?=\S)")  # the extractor's "- " before a list item
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…。！？\"”»’)]\s*$")
_COLON_EARLY = re.compile(r"^\W{0,3}[^:：]{1,30}[:：|]\s")
# an address, a handle, a link or a ©; the forms with an "@" are looked for only in a line that has
# one (the address pattern backtracks over every word of a long paragraph)
_CONTACT_AT = re.compile(r"(?i)[\w.+-]+@[\w-]+\.\w|(?<!\w)@\w{2,}")
_CONTACT = re.compile(r"(?i)https?://|www\.|©|\(c\)\s*\d{4}")
_DIGITS_ONLY = re.compile(r"^[\W\d_]*$")
_BLOCKS = frozenset(
    "p div li td th dd dt blockquote figcaption section article h1 h2 h3 h4 h5 h6 pre header footer aside main "
    "body".split()
)
_EMPHASIS = frozenset({"strong", "b", "em", "i", "small"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_EDGE = 3  # lines at either end of the text: where credits, teasers and sign-ups gather
_MAX_WORDS = 60  # a paragraph this long is the story's, whatever else it looks like
_MAX_DROPPED_SHARE = 0.25  # of the text's letters: dropping more, the model misreads the page

FEATURES = (
    "log_words", "one_word", "caps_share", "sentence_end", "colon_early", "link_share", "site_link_share",
    "first_line", "last_lines", "from_end", "repeated", "lead_cue", "word_cues", "digits_only", "list_item",
    "emphasis", "contact", "figure", "heading", "not_shown", "own_markup", "small_block",
)  # fmt: skip

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ParagraphModel:
    weights: tuple[float, ...]  # one per feature of FEATURES, in that order
    bias: float
    threshold: float  # a line whose debris probability reaches this goes

    def probability(self, features: tuple[float, ...]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=2)
def paragraph_model(path: Path = _WEIGHTS) -> ParagraphModel | None:
    """The shipped model; None when its file is absent or was trained on other features."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if tuple(data.get("features", ())) != FEATURES:
        log.warning("%s: trained on other features; paragraph classifier off", path)
        return None
    return ParagraphModel(tuple(float(w) for w in data["weights"]), float(data["bias"]), float(data["threshold"]))


def _block(element: Any) -> Any:
    while element is not None and element.tag not in _BLOCKS:
        element = element.getparent()
    return element


def _ancestor_tags(element: Any, stop: Any) -> set[str]:
    """Tags from `element` up to (without) `stop`, its block."""
    tags = set()
    while element is not None and element is not stop:
        tags.add(element.tag)
        element = element.getparent()
    return tags


def _in_link(element: Any) -> bool:
    while element is not None:
        if element.tag == "a":
            return True
        element = element.getparent()
    return False


class _Page:
    """The page's text without whitespace, each piece's offset in it, and memos per element."""

    def __init__(self, pieces: list[TextPiece]) -> None:
        self.pieces = pieces
        squeezed = ["".join(piece.text.split()) for piece in pieces]
        self.starts: list[int] = []
        at = 0
        for chunk in squeezed:
            self.starts.append(at)
            at += len(chunk)
        self.sizes = [len(chunk) for chunk in squeezed]
        self.text = "".join(squeezed)
        self._links: dict[Any, bool] = {}

    def linked(self, element: Any) -> bool:
        if element not in self._links:
            self._links[element] = _in_link(element)
        return self._links[element]

    def covering(self, at: int, size: int) -> list[tuple[int, int]]:
        """The pieces (index, letters of the line in it) that hold the page's text at [at, at+size)."""
        first = bisect.bisect_right(self.starts, at) - 1
        out = []
        for i in range(first, len(self.pieces)):
            start = self.starts[i]
            if start >= at + size:
                break
            overlap = min(start + self.sizes[i], at + size) - max(start, at)
            if overlap > 0:
                out.append((i, overlap))
        return out


def _text_features(line: str) -> dict[str, float]:
    cues = boilerplate_cues()
    words = _WORD.findall(line)
    lettered = [w for w in words if w[0].isalpha() and w[0].lower() != w[0].upper()]
    return {
        "log_words": math.log1p(len(words)),
        "one_word": float(len(words) <= 2),
        "caps_share": sum(w[0].isupper() for w in lettered) / len(lettered) if lettered else 0.0,
        "sentence_end": float(bool(_SENTENCE_END.search(line))),
        "colon_early": float(bool(_COLON_EARLY.match(line))),
        "lead_cue": float(cues.opens_with_label(line)),
        "word_cues": min(cues.word_cues(line), 3) / 3,
        "digits_only": float(bool(_DIGITS_ONLY.match(line))),
        "contact": float(bool(_CONTACT.search(line) or ("@" in line and _CONTACT_AT.search(line)))),
    }


def line_features(pieces: list[TextPiece], lines: list[str]) -> list[tuple[float, ...] | None]:
    """The features (in FEATURES order) of each line of an extracted text; None for a blank line.
    `pieces` are the page's (`html_text.page_pieces`)."""
    page = _Page(pieces)
    keys = ["".join(_LIST_MARK.sub("", line, count=1).split()) for line in lines]
    filled = [i for i, key in enumerate(keys) if key]
    places: dict[int, tuple[int, list[tuple[int, int]], Any]] = {}
    for i in filled:
        at = page.text.find(keys[i])
        if at >= 0:
            cover = page.covering(at, len(keys[i]))
            places[i] = (at, cover, _block(pieces[cover[0][0]].element) if cover else None)
    # the story's paragraph markup: the block markup that holds most of the text the page shows
    markup: Counter[tuple[str, str]] = Counter()
    for i, (_, _, block) in places.items():
        if block is not None:
            markup[(block.tag, block.get("class") or "")] += len(keys[i])
    own = markup.most_common(1)[0][0] if markup else None
    out: list[tuple[float, ...] | None] = [None] * len(lines)
    for rank, i in enumerate(filled):
        line, key = _LIST_MARK.sub("", lines[i], count=1).strip(), keys[i]
        values = _text_features(line)
        values.update(
            first_line=float(rank == 0),
            last_lines=float(rank >= len(filled) - _EDGE),
            from_end=(len(filled) - 1 - rank) / max(1, len(filled) - 1),
            list_item=float(lines[i].lstrip().startswith(("- ", "• ", "* "))),
            not_shown=float(i not in places),
        )
        link = site = emphasis = 0.0
        tags: set[str] = set()
        block = None
        repeated = 0.0
        if i in places:
            at, cover, block = places[i]
            repeated = float(page.text.find(key, at + 1) >= 0)
            for j, size in cover:
                piece = pieces[j]
                share = size / len(key)
                link += share * page.linked(piece.element)
                site += share * piece.link
                inner = _ancestor_tags(piece.element, block)
                emphasis += share * bool(inner & _EMPHASIS)
                tags |= inner
            chain = _ancestor_tags(block, None) if block is not None else set()
            tags |= chain
        values.update(
            link_share=link,
            site_link_share=site,
            repeated=repeated,
            emphasis=emphasis,
            list_item=max(values["list_item"], float("li" in tags)),
            figure=float(bool(tags & {"figure", "figcaption"})),
            heading=float(bool(tags & _HEADINGS)),
            own_markup=float(block is not None and (block.tag, block.get("class") or "") == own),
            small_block=float(block is not None and block.tag in ("small", "figcaption", "footer", "aside")),
        )
        out[i] = tuple(values[name] for name in FEATURES)
    return out


def has_evidence(line: str, features: tuple[float, ...]) -> bool:
    """Whether a line says something of the site's at all: a boilerplate cue, an address or a ©.
    Brevity, links or emphasis alone are none: a subheading, a list of names, a key term look so too.
    A heading or a table row (the extractor's "| a | b |") is the story's structure."""
    values = dict(zip(FEATURES, features, strict=True))
    if values["heading"] or line.lstrip().startswith("|"):
        return False
    return bool(values["lead_cue"] or values["word_cues"] or values["contact"])


def drop_debris_paragraphs(pieces: list[TextPiece], text: str, model: ParagraphModel | None = None) -> str:
    """`text` without the lines the model takes for debris, the others as they were. Lines a
    boilerplate label opens ("Read also: …", "Share this article: …") stay for the cleaner, which
    removes them with its reason (`clean.boilerplate.remove_label_lines`, its rules). Without a model,
    without the page's `pieces`, or when it would take a large part of the text, `text` as it was."""
    model = model or paragraph_model()
    if model is None or not pieces or not text.strip():
        return text  # no page to read the features from: a plain text is the text rules' to clean
    lines = text.splitlines()
    features = line_features(pieces, lines)
    cues = boilerplate_cues()
    dropped = [
        i
        for i, (line, values) in enumerate(zip(lines, features, strict=True))
        if values is not None
        and len(line.split()) <= _MAX_WORDS
        and has_evidence(line, values)
        and not cues.opens_with_label(_LIST_MARK.sub("", line, count=1))  # the cleaner's, with its reason
        and model.probability(values) >= model.threshold
    ]
    if not dropped:
        return text
    letters = sum(len("".join(line.split())) for line in lines)
    if sum(len("".join(lines[i].split())) for i in dropped) > _MAX_DROPPED_SHARE * letters:
        return text
    log.debug("dropped %d paragraph(s) the classifier takes for the site's debris", len(dropped))
    gone = set(dropped)
    return "\n".join(line for i, line in enumerate(lines) if i not in gone)
