"""Russian names with natasha (weights inside the wheel), with each name's dictionary form.

natasha's spans run over lists and glosses ("Овечкин, Фёдоров", "Барри Лоуенкрон (Barry Lowenkron",
"ООН (ФАО") and keep a company's legal form before its quoted name ("ОАО «Газпром"). Both Russian
gold sets (factRuEval, Collection5) mark each name on its own and the quoted name without its legal
form, and so do the names we merge: a span is cut at such marks into its names, each normalised.

Speed: NER runs first and the morphology tagger (read only to normalise names) only on the sentences
holding a name, both batched over all the texts of a call; slovnet zeroes padded positions, so a
batch gives each sentence the tags it gets alone. BLAS is held to one thread: slovnet's matrices are
small, and two threads on a busy two-core machine made tagging ten times slower.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from typing import Any

from storydiff.analyse.ner.base import RawMention
from storydiff.errors import MissingExtraError
from storydiff.models import EntityType

__all__ = ["NatashaRecognizer", "shared_models"]

_TYPES: dict[str, EntityType] = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}
# Tokens that end one name and start the next within a span natasha returned.
_BREAKS = frozenset("(),;•[]|")
_OPENING = frozenset('«„“"')
_CLOSING = frozenset('»”“"')


@lru_cache(maxsize=1)
def shared_models() -> tuple[Any, Any]:
    """natasha's segmenter and word embedding, loaded once for all its models (names, syntax)."""
    from natasha import NewsEmbedding, Segmenter

    return Segmenter(), NewsEmbedding()


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
            from natasha import Doc, MorphVocab, NewsMorphTagger, NewsNERTagger
            from natasha.doc import DocSpan
        except ImportError as exc:
            raise MissingExtraError("nlp", f"Russian entity recognition ({exc})") from exc
        self._segmenter, embedding = shared_models()
        self._doc: Any = Doc
        self._span: Any = DocSpan
        self._ner = NewsNERTagger(embedding)
        self._morph = NewsMorphTagger(embedding)
        self._vocab = MorphVocab()
        try:
            from threadpoolctl import ThreadpoolController

            self._blas: Any = ThreadpoolController()
        except ImportError:
            self._blas = None

    def _one_thread(self) -> AbstractContextManager[Any]:
        return self._blas.limit(limits=1, user_api="blas") if self._blas is not None else nullcontext()

    def recognize(self, texts: Sequence[str]) -> list[list[RawMention]]:
        docs = self.tag_all(texts)
        return [self.mentions(text, doc) for text, doc in zip(texts, docs, strict=True)]

    def tag(self, text: str) -> Any:
        """natasha's document, segmented and tagged (the costly part)."""
        return self.tag_all([text])[0]

    def tag_all(self, texts: Sequence[str]) -> list[Any]:
        """natasha's documents, segmented, with their names and the morphology of the sentences that
        hold one (what `mentions` reads)."""
        docs = [self._doc(text) for text in texts]
        for doc in docs:
            doc.segment(self._segmenter)
        with self._one_thread():
            # As `Doc.tag_ner`, over every text at once (a text of spaces has no names).
            named = [doc for doc in docs if doc.text.strip()]
            for doc, markup in zip(named, self._ner.map([doc.text for doc in named]), strict=True):
                doc.spans = [self._span(start, stop, kind, doc.text[start:stop]) for start, stop, kind in markup.spans]
                doc.envelop_span_tokens()
                doc.envelop_sent_spans()
            for doc in docs:
                if doc.spans is None:
                    doc.spans = []
            # As `Doc.tag_morph`, on the sentences a name overlaps only (each sentence is tagged alone).
            sents = [
                sent
                for doc in named
                for sent in doc.sents
                if any(span.start < sent.stop and sent.start < span.stop for span in doc.spans)
            ]
            for sent, markup in zip(sents, self._morph.map([[t.text for t in s.tokens] for s in sents]), strict=True):
                for token, tagged in zip(sent.tokens, markup.tokens, strict=True):
                    token.pos, token.feats = tagged.pos, tagged.feats
        return docs

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
