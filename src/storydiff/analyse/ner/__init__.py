"""Entity-recogniser backends behind one small interface (`Recognizer`), registered by name."""

from storydiff.analyse.ner.base import (
    RawMention,
    Recognizer,
    recognizer_factory,
    register_recognizer,
    registered_recognizers,
)


def _spacy(model: str | None) -> Recognizer:
    from storydiff.analyse.ner.spacy_en import SpacyRecognizer

    return SpacyRecognizer(model) if model else SpacyRecognizer()


def _natasha(_: str | None) -> Recognizer:
    from storydiff.analyse.ner.natasha_ru import NatashaRecognizer

    return NatashaRecognizer()


register_recognizer("spacy", _spacy)
register_recognizer("natasha", _natasha)

__all__ = ["RawMention", "Recognizer", "recognizer_factory", "register_recognizer", "registered_recognizers"]
