"""Russian names with natasha (weights inside the wheel), with each name's dictionary form.

natasha's spans run over lists and glosses ("Овечкин, Фёдоров", "Барри Лоуенкрон (Barry Lowenkron",
"ООН (ФАО") and keep a company's legal form before its quoted name ("ОАО «Газпром"). Both Russian
gold sets (factRuEval, Collection5) mark each name on its own and the quoted name without its legal
form, and so do the names we merge: a span is cut at such marks into its names, each normalised.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from storydiff.analyse.ner.base import RawMention
from storydiff.errors import MissingExtraError
from storydiff.models import EntityType

__all__ = ["NatashaRecognizer"]

_TYPES: dict[str, EntityType] = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}
# Tokens that end one name and start the next within a span natasha returned.
_BREAKS = frozenset("(),;•[]|")
_OPENING = frozenset('«„“"')
_CLOSING = frozenset('»”“"')


def _names(tokens: Sequence[Any]) -> Iterator[list[Any]]:
    """The runs of tokens in a span that are names: cut at breaks; before an opening quote, what
    stands there is the name's legal form or kind ("ОАО «Газпром»", "центр «Гараж»") and goes."""
    current: list[Any] = []
    quoted = False
    for token in tokens:
        if token.text in _BREAKS:
            yield current
            current, quoted = [], False
        elif token.text in _OPENING and not quoted:
            current, quoted = [], True
        elif token.text in _CLOSING and quoted:
            quoted = False
        else:
            current.append(token)
    yield current


class NatashaRecognizer:
    name = "natasha"

    def __init__(self) -> None:
        try:
            from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
            from natasha.doc import DocSpan
        except ImportError as exc:
            raise MissingExtraError("nlp", f"Russian entity recognition ({exc})") from exc
        embedding = NewsEmbedding()
        self._doc: Any = Doc
        self._span: Any = DocSpan
        self._segmenter = Segmenter()
        self._ner = NewsNERTagger(embedding)
        self._morph = NewsMorphTagger(embedding)
        self._vocab = MorphVocab()

    def recognize(self, texts: Sequence[str]) -> list[list[RawMention]]:
        return [self.mentions(text, self.tag(text)) for text in texts]

    def tag(self, text: str) -> Any:
        """natasha's document, segmented and tagged (the costly part)."""
        doc = self._doc(text)
        doc.segment(self._segmenter)
        doc.tag_morph(self._morph)
        doc.tag_ner(self._ner)
        return doc

    def mentions(self, text: str, doc: Any, *, as_is: bool = False) -> list[RawMention]:
        """The names in a tagged document; `as_is`: natasha's spans uncut (an evaluation's baseline)."""
        found = []
        for whole in doc.spans:
            for tokens in [whole.tokens] if as_is else _names(whole.tokens):
                if not any(c.isalpha() for t in tokens for c in t.text):
                    continue
                start, stop = tokens[0].start, tokens[-1].stop
                span = self._span(start, stop, whole.type, text[start:stop], tokens)
                span.normalize(self._vocab)
                normal = span.normal or span.text
                if span.type == "PER" and not as_is:
                    normal = self._person_normal(tokens, normal)
                found.append(RawMention(start, stop, span.text, _TYPES[span.type], normal))
        return found

    def _person_normal(self, tokens: Sequence[Any], normal: str) -> str:
        """natasha leaves a name in its case when the dictionary gives it no gender ("Обамой": a
        surname of either gender); then a noun reading in the same case and number, of no gender or
        the tagger's, gives the nominative. Only words natasha left as they were are redone."""
        from natasha.norm import recover_shapes, recover_spaces

        words = normal.split(" ")
        if len(words) != len(tokens):
            return normal
        redone = []
        for word, token in zip(words, tokens, strict=True):
            feats = token.feats or {}
            case, number = feats.get("Case"), feats.get("Number")
            if word.lower() == token.text.lower() and case not in (None, "Nom"):
                for form in self._vocab(token.text.lower()):
                    gender = form.feats.get("Gender")  # none given: either gender, else the tagger's
                    if (
                        form.pos == "NOUN"
                        and form.feats.get("Case") == case
                        and form.feats.get("Number") == number
                        and gender in (None, feats.get("Gender"))
                    ):
                        nominative = form.inflect({"Nom"})
                        if nominative:
                            word = nominative.word
                            break
            redone.append(word.lower().replace("ё", "е"))
        return str(recover_spaces(recover_shapes(redone, tokens), tokens))
