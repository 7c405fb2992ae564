"""The article text stored once: contract JSON packed without copies of it, and unpacked on read.

Every span-like object of the contracts (sentence, paragraph, removed debris, dateline, mention,
claim, quote, speaker span) carries `text` with `start`/`end` offsets into its article's text.
Packed, such an object keeps only its offsets when its text is exactly that slice; unpacking puts the
slice back. An object whose text is not its slice (a headline from page metadata at -1, -1) keeps its
text, so packing is exactly reversible. The article an object points into is the nearest enclosing
object with an `article` key (mentions and quotes), else the article being packed.

Top-level article keys that `Article.to_dict` derives from the spans (`body`, `headline`, `credits`,
`captions`) are dropped too: `Article.from_dict` reads the spans, never them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["pack_article", "pack_comparison", "unpack_article", "unpack_comparison"]

_DERIVED = frozenset({"text", "body", "headline", "credits", "captions"})

TextOf = Callable[[str], str | None]


def _offsets(node: dict[str, Any]) -> tuple[int, int] | None:
    start, end = node.get("start"), node.get("end")
    # bool is an int in Python: a True/False field is never an offset.
    if type(start) is int and type(end) is int:
        return start, end
    return None


def _walk(node: Any, text_of: TextOf, current: str | None, pack: bool) -> Any:
    if isinstance(node, list):
        return [_walk(item, text_of, current, pack) for item in node]
    if not isinstance(node, dict):
        return node
    article = node.get("article")
    if isinstance(article, str):
        current = text_of(article)  # None for an unknown article: its spans are left alone
    out = {key: _walk(value, text_of, current, pack) for key, value in node.items()}
    span = _offsets(out)
    if current is None or span is None:
        return out
    piece = current[span[0] : span[1]]
    if pack and out.get("text") == piece:
        del out["text"]
    elif not pack and "text" not in out:
        out["text"] = piece
    return out


def pack_article(data: Mapping[str, Any]) -> dict[str, Any]:
    """`Article.to_dict()` without its text: what is stored beside the text."""
    text: str = data["text"]
    texts = {data["id"]: text}
    kept = {key: value for key, value in data.items() if key not in _DERIVED}
    packed: dict[str, Any] = _walk(kept, texts.get, text, pack=True)
    return packed


def unpack_article(packed: Mapping[str, Any], text: str) -> dict[str, Any]:
    """A dict `Article.from_dict` reads, from a packed article and its text. Tolerates unpacked input
    (the full JSON older stores kept): a span that still has its text is left as it is."""
    texts = {packed["id"]: text}
    full: dict[str, Any] = _walk({**packed, "text": text}, texts.get, text, pack=False)
    return full


def pack_comparison(data: Mapping[str, Any], texts: Mapping[str, str]) -> dict[str, Any]:
    """`Comparison.to_dict()` with its articles reduced to their ids, in order, and spans packed.
    `texts` maps each article id to its text."""
    reduced = {**data, "articles": [article["id"] for article in data["articles"]]}
    packed: dict[str, Any] = _walk(reduced, texts.get, None, pack=True)
    return packed


def unpack_comparison(packed: Mapping[str, Any], articles: Sequence[Mapping[str, Any]],
                      texts: Mapping[str, str]) -> dict[str, Any]:
    """A dict `Comparison.from_dict` reads: the packed comparison with its spans' text put back and
    its articles (unpacked, in the stored order) joined in."""
    full: dict[str, Any] = _walk(packed, texts.get, None, pack=False)
    full["articles"] = list(articles)
    return full
