"""Entity-recogniser backends behind one small interface (`Recognizer`), registered by name."""

from storydiff.analyse.ner.base import (
    RawMention,
    Recognizer,
    recognizer_factory,
    register_recognizer,
    registered_recognizers,
)


def _spacy() -> Recognizer:
    from storydiff.analyse.ner.spacy_en import SpacyRecognizer

    return SpacyRecognizer()


def _natasha() -> Recognizer:
    from storydiff.analyse.ner.natasha_ru import NatashaRecognizer

    return NatashaRecognizer()


register_recognizer("spacy", _spacy)
register_recognizer("natasha", _natasha)

__all__ = ["RawMention", "Recognizer", "recognizer_factory", "register_recognizer", "registered_recognizers"]
