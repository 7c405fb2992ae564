"""Russian names with natasha (weights inside the wheel), with each name's dictionary form."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storydiff.analyse.ner.base import RawMention
from storydiff.errors import MissingExtraError
from storydiff.models import EntityType

__all__ = ["NatashaRecognizer"]

_TYPES: dict[str, EntityType] = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}


class NatashaRecognizer:
    name = "natasha"

    def __init__(self) -> None:
        try:
            from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
        except ImportError as exc:
            raise MissingExtraError("nlp", f"Russian entity recognition ({exc})") from exc
        embedding = NewsEmbedding()
        self._doc: Any = Doc
        self._segmenter = Segmenter()
        self._ner = NewsNERTagger(embedding)
        self._morph = NewsMorphTagger(embedding)
        self._vocab = MorphVocab()

    def recognize(self, texts: Sequence[str]) -> list[list[RawMention]]:
        out = []
        for text in texts:
            doc = self._doc(text)
            doc.segment(self._segmenter)
            doc.tag_morph(self._morph)
            doc.tag_ner(self._ner)
            found = []
            for span in doc.spans:
                span.normalize(self._vocab)
                found.append(RawMention(span.start, span.stop, span.text, _TYPES[span.type], span.normal or span.text))
            out.append(found)
        return out
