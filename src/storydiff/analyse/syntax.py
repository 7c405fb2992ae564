"""Dependency parses for attribution: which word is the subject of "said", which clause it reports.

English uses spaCy's small English model (the one the `nlp` extra installs for names), loaded once
with its tagger and parser only. A language with no parser gives no parse: attribution then falls
back to its patterns. The parse is kept as plain tokens so the rules that read it are testable
without spaCy (`Token` lists built by hand).

Speed: spaCy's attribute ruler (coarse tags from fine ones, and exceptions) ran a Matcher of 179
patterns over every token, a quarter of the parse. `TagRules` applies the same patterns' coarse tag,
fine tag and label (the attributes a `Token` keeps; lemmas and morphology are not read) with a lookup
by fine tag and word: the same tokens, and the ruler stays in the pipeline for any pattern it cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

__all__ = ["DependencyParser", "TagRules", "Token", "parser_for"]


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


# A token as the rules read it: fine tag, lower-case form, label, whether it is white space.
_Word = tuple[str, str, str, bool]
_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_SETS = {"POS": 0, "TAG": 1, "DEP": 2}  # what a rule may set, as (pos, tag, dep)


def _predicate(key: str, value: Any) -> tuple[int, Any] | None:
    """(field, test) for one key of a Matcher token pattern, or None when it is not one we read."""
    if key not in _FIELDS:
        return None
    field = _FIELDS[key]
    if isinstance(value, (bool, str)):
        return field, ("==", value)
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list):
            return field, (op, frozenset(arg))
        if op == "REGEX" and isinstance(arg, str):
            return field, (op, re.compile(arg))
    return None


def _holds(test: tuple[str, Any], value: Any) -> bool:
    op, arg = test
    if op == "==":
        return bool(value == arg)
    if op == "IN":
        return value in arg
    if op == "NOT_IN":
        return value not in arg
    return bool(arg.search(value))


@dataclass(frozen=True)
class _Rule:
    order: int  # later rules win, as in spaCy's ruler
    tokens: tuple[tuple[tuple[int, tuple[str, Any]], ...], ...]  # per token: (field, test) pairs
    index: int  # the token of the match the rule sets
    sets: tuple[tuple[int, str], ...]  # (slot in (pos, tag, dep), value)

    def matches(self, words: Sequence[_Word], start: int) -> bool:
        if start + len(self.tokens) > len(words):
            return False
        return all(
            _holds(test, words[start + k][field]) for k, token in enumerate(self.tokens) for field, test in token
        )


class TagRules:
    """spaCy attribute-ruler patterns, for the coarse tag, fine tag and label only (`from_patterns`
    gives None when a pattern uses what this does not read: operators, other attributes)."""

    def __init__(self, rules: Sequence[_Rule]) -> None:
        self._single = _index([r for r in rules if len(r.tokens) == 1])
        self._multi = _index([r for r in rules if len(r.tokens) > 1])
        # One-word rules (all but one of the small English model's) depend on the word alone: what
        # they set is looked up once per kind of word. The word itself is part of the key only where
        # a rule names it, so the cache stays bounded however many words the texts bring.
        tests = [test for rule in rules if len(rule.tokens) == 1 for field, test in rule.tokens[0] if field == 1]
        self._any_word = any(op not in ("==", "IN") for op, _ in tests)  # a regex, NOT_IN: every word counts
        self._words = frozenset(v for op, arg in tests if op in ("==", "IN") for v in ([arg] if op == "==" else arg))
        self._set_by: dict[tuple[str, str | None, str, bool], tuple[tuple[str | None, ...], tuple[int, ...]]] = {}

    @classmethod
    def from_patterns(cls, patterns: Sequence[Mapping[str, Any]]) -> TagRules | None:
        rules = []
        for order, item in enumerate(patterns):
            sets = tuple((_SETS[k], str(v)) for k, v in item["attrs"].items() if k in _SETS)
            if not sets:
                continue  # lemmas and morphology only
            for pattern in item["patterns"]:
                tokens = []
                for token in pattern:
                    tests = [_predicate(k, v) for k, v in token.items()]
                    if not tests or any(t is None for t in tests):
                        return None
                    tokens.append(tuple(t for t in tests if t is not None))
                index = int(item.get("index", 0))
                if not tokens or not -len(tokens) <= index < len(tokens):
                    return None
                rules.append(_Rule(order, tuple(tokens), index % len(tokens), sets))
        return cls(rules)

    def apply(self, words: Sequence[_Word]) -> list[tuple[str, str, str]]:
        """(pos, tag, dep) of each word: every rule matched on the words as given, applied in order
        (the last write to a slot wins, by the rule's order, then by where its match starts)."""
        out: list[list[str]] = []
        written: list[list[tuple[int, int]]] = []  # per word and slot: (order, start) of its last write
        found: list[tuple[int, int, _Rule]] = []
        for start, word in enumerate(words):
            key = (word[0], word[1] if self._any_word or word[1] in self._words else None, word[2], word[3])
            hit = self._set_by.get(key)
            if hit is None:
                hit = self._set_by[key] = self._one_word(word)
            values, orders = hit
            out.append([v if v is not None else d for v, d in zip(values, ("", word[0], word[2]), strict=True)])
            written.append([(order, start) for order in orders])
            for rule in _candidates(self._multi, word):
                if rule.matches(words, start):
                    found.append((rule.order, start, rule))
        for order, start, rule in sorted(found, key=lambda f: (f[0], f[1])):
            target = start + rule.index
            for slot, value in rule.sets:
                if (order, start) > written[target][slot]:
                    out[target][slot], written[target][slot] = value, (order, start)
        return [(pos, tag, dep) for pos, tag, dep in out]

    def _one_word(self, word: _Word) -> tuple[tuple[str | None, ...], tuple[int, ...]]:
        """What the one-word rules set on this word, per slot, and the order of the rule that set it."""
        values: list[str | None] = [None, None, None]
        orders = [-1, -1, -1]
        for rule in sorted((r for r in _candidates(self._single, word) if r.matches([word], 0)), key=lambda r: r.order):
            for slot, value in rule.sets:
                values[slot], orders[slot] = value, rule.order
        return tuple(values), tuple(orders)


_Index = tuple[dict[str, list[_Rule]], dict[str, list[_Rule]], list[_Rule]]


def _index(rules: Sequence[_Rule]) -> _Index:
    """Each rule under its first token's fine tag, else its word, else tried everywhere."""
    by_tag: dict[str, list[_Rule]] = {}
    by_lower: dict[str, list[_Rule]] = {}
    other: list[_Rule] = []
    for rule in rules:
        first = dict(rule.tokens[0])
        for field, index in ((0, by_tag), (1, by_lower)):
            test = first.get(field)
            if test is not None and test[0] in ("==", "IN"):
                for value in [test[1]] if test[0] == "==" else sorted(test[1]):
                    index.setdefault(value, []).append(rule)
                break
        else:
            other.append(rule)
    return by_tag, by_lower, other


def _candidates(index: _Index, word: _Word) -> tuple[_Rule, ...]:
    by_tag, by_lower, other = index
    return (*by_tag.get(word[0], ()), *by_lower.get(word[1], ()), *other)


class DependencyParser(Protocol):
    def parse(self, texts: Sequence[str]) -> list[list[Token]]: ...


class _SpacyParser:
    def __init__(self, model: str) -> None:
        from storydiff.analyse.ner.spacy_en import shared_spacy

        # The recogniser's pipeline (one load for both); the attribute ruler's patterns are applied
        # here, by TagRules.
        self._nlp, patterns = shared_spacy(model)
        self._rules = TagRules.from_patterns(patterns) if patterns is not None else None

    def parse(self, texts: Sequence[str]) -> list[list[Token]]:
        from storydiff.analyse.ner.spacy_en import one_blas_thread, only

        # Tagger and parser only: names come from the mention stage, lemmas are not read.
        disable = only(self._nlp, {"tok2vec", "tagger", "parser"})
        # The memory zone frees the words these texts add to the vocabulary (a long run's growth):
        # nothing of a Doc outlives it, the tokens are plain copies.
        with one_blas_thread(), self._nlp.memory_zone():
            return [self._tokens(doc) for doc in self._nlp.pipe(list(texts), batch_size=16, disable=disable)]

    def _tokens(self, doc: Any) -> list[Token]:
        if self._rules is None:
            return [Token(t.i, t.idx, t.idx + len(t.text), t.text, t.dep_, t.head.i, t.pos_, t.tag_) for t in doc]
        tokens = list(doc)
        tags = self._rules.apply([(t.tag_, t.lower_, t.dep_, t.is_space) for t in tokens])
        return [
            Token(t.i, t.idx, t.idx + len(t.text), t.text, dep, t.head.i, pos, tag)
            for t, (pos, tag, dep) in zip(tokens, tags, strict=True)
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
