"""Models are injectable: a fake entity recogniser and a fake embedder run through the real pipeline."""

from collections.abc import Sequence

import numpy as np

from storydiff import compare, from_text
from storydiff.analyse.ner import RawMention
from storydiff.backends import Backends
from storydiff.config import Config


class FakeRecognizer:
    """Finds one made-up name, so the test knows the pipeline used it and not spaCy."""

    name = "fake"

    def __init__(self) -> None:
        self.calls = 0

    def recognize(self, texts: Sequence[str]) -> list[list[RawMention]]:
        self.calls += 1
        out = []
        for text in texts:
            at = text.find("Zorblax Quux")
            out.append([RawMention(at, at + 12, "Zorblax Quux", "PERSON", "Zorblax Quux")] if at >= 0 else [])
        return out


class FakeEmbedder:
    name = "fake-embedder"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        # one dimension per first letter: crude, but deterministic and model-free
        vectors = np.zeros((len(texts), 26), dtype=np.float32)
        for i, text in enumerate(texts):
            vectors[i, (ord(text.strip()[:1].lower() or "a") - 97) % 26] = 1.0
        return vectors


TEXT_A = "The harbour reopened on Monday.\n\nZorblax Quux said the cranes were working again.\n"
TEXT_B = "Zorblax Quux, the port director, said the harbour reopened on Monday after the storm.\n"


def test_a_fake_recogniser_and_embedder_run_through_compare():
    recognizer = FakeRecognizer()
    backends = Backends(Config(), embedder=FakeEmbedder(), recognizers={"en": recognizer})
    comparison = compare([from_text(TEXT_A, "a"), from_text(TEXT_B, "b")], backends=backends)
    assert recognizer.calls == 2
    assert comparison.aligner == "fake-embedder+lexical"
    people = [e for e in comparison.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["Zorblax Quux"]
    assert {q.speaker_name for q in comparison.quotes} == {"Zorblax Quux"}


def test_a_missing_model_is_reported_once_and_the_stage_goes_on(caplog):
    from storydiff.errors import MissingExtraError

    def missing(option: str | None) -> FakeRecognizer:
        raise MissingExtraError("nlp", "a test model")

    from storydiff.analyse.ner import register_recognizer

    register_recognizer("missing-for-test", missing, replace=True)
    backends = Backends(Config(), recognizer_names={"en": "missing-for-test"})
    assert backends.recognizer("en") is None and backends.recognizer("en") is None
    warnings = [r for r in caplog.records if "storydiff[nlp]" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelname == "WARNING"


def test_reset_forgets_loaded_models():
    from storydiff.backends import default_backends, reset_backends

    config = Config()
    first = default_backends(config)
    assert default_backends(config) is first
    reset_backends()
    assert default_backends(config) is not first


class CountingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        self.requests: list[tuple[str, ...]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.requests.append(tuple(texts))
        return super().encode(texts)


def test_the_same_articles_compared_again_are_neither_analysed_nor_encoded_again():
    recognizer, embedder = FakeRecognizer(), CountingEmbedder()
    backends = Backends(Config(), embedder=embedder, recognizers={"en": recognizer})
    inputs = [from_text(TEXT_A, "a"), from_text(TEXT_B, "b")]
    first = compare(inputs, backends=backends)
    calls, requests = recognizer.calls, len(embedder.requests)
    again = compare(inputs, backends=backends)
    assert again == first
    assert (recognizer.calls, len(embedder.requests)) == (calls, requests)
    # A new article is analysed; the one seen before is not.
    third = "Zorblax Quux said on Tuesday that the harbour reopened after the storm, as planned.\n"
    compare([inputs[0], from_text(third, "c")], backends=backends)
    assert recognizer.calls == calls + 1


def test_recent_articles_keep_the_last_ones_only():
    from storydiff.backends import RecentArticles

    recent = RecentArticles(size=2)
    made: list[str] = []

    def analyse(key: str):  # stands in for an analysed Article
        return lambda: made.append(key) or key.upper()

    assert [recent.analysed(k, analyse(k)) for k in ("a", "b", "a", "c", "a", "b")] == list("ABACAB")
    assert made == ["a", "b", "c", "b"]  # "b" was the oldest when "c" came
