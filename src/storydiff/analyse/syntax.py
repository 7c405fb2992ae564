"""Dependency parses for attribution: which word is the subject of "said", which clause it reports.

English uses spaCy's small English model (the one the `nlp` extra installs for names), loaded once
with its tagger and parser only. A language with no parser gives no parse: attribution then falls
back to its patterns. The parse is kept as plain tokens so the rules that read it are testable
without spaCy (`Token` lists built by hand).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

__all__ = ["DependencyParser", "Token", "parser_for"]


@dataclass(frozen=True)
class Token:
    """One word of a parse. Offsets are into the text given to the parser plus its `offset`."""

    i: int  # index in its parse
    start: int
    end: int
    text: str
    dep: str  # Universal-ish dependency label as the parser names it (nsubj, ccomp, …)
    head: int  # index of the head token (itself for the root)
    pos: str  # coarse part of speech (VERB, NOUN, PROPN, PRON, …)
    tag: str = ""  # fine tag (VBD, VBG, …), when the parser gives one


class DependencyParser(Protocol):
    def parse(self, texts: Sequence[str]) -> list[list[Token]]: ...


class _SpacyParser:
    def __init__(self, model: str) -> None:
        import spacy

        # Tagger and parser only: names come from the mention stage, lemmas are not read.
        self._nlp: Any = spacy.load(model, exclude=["ner", "lemmatizer"])

    def parse(self, texts: Sequence[str]) -> list[list[Token]]:
        return [
            [Token(t.i, t.idx, t.idx + len(t.text), t.text, t.dep_, t.head.i, t.pos_, t.tag_) for t in doc]
            for doc in self._nlp.pipe(list(texts), batch_size=16)
        ]


@lru_cache(maxsize=4)
def parser_for(backend: str) -> DependencyParser | None:
    """The parser for a language pack's `ner` setting ("spacy:<model>"), or None when that backend
    has no parser or is not installed: a parse is a help, never a requirement."""
    kind, _, model = backend.partition(":")
    if kind != "spacy" or not model:
        return None
    try:
        return _SpacyParser(model)
    except (ImportError, OSError, ValueError):
        return None
