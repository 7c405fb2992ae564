"""One comparison encodes each distinct sentence once."""

import numpy as np

from storydiff.embed import RememberingEmbedder


class CountingEmbedder:
    name = "counting"

    def __init__(self):
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen += list(texts)
        return np.array([[float(len(t)), 1.0] for t in texts], dtype=np.float32).reshape(len(texts), 2)


def test_each_distinct_text_is_encoded_once_and_rows_follow_the_request():
    inner = CountingEmbedder()
    remembering = RememberingEmbedder(inner)
    first = remembering.encode(["a", "bb", "a"])
    second = remembering.encode(["bb", "ccc"])
    assert inner.seen == ["a", "bb", "ccc"]
    assert first[:, 0].tolist() == [1.0, 2.0, 1.0] and second[:, 0].tolist() == [2.0, 3.0]
    assert remembering.encode([]).shape == (0, 2) and remembering.name == "counting"


def test_a_request_made_again_by_a_later_comparison_is_answered_without_encoding():
    from storydiff.embed import EncodedRequests

    inner, requests = CountingEmbedder(), EncodedRequests()
    first = RememberingEmbedder(inner, requests).encode(["a", "bb"])
    again = RememberingEmbedder(inner, requests).encode(["a", "bb"])
    assert inner.seen == ["a", "bb"] and np.array_equal(first, again)


def test_texts_are_not_reused_one_by_one_across_comparisons():
    # A vector may differ in its last bits with the batch it was encoded in: only a whole request
    # made again is answered from memory, so no result depends on what an earlier comparison asked.
    from storydiff.embed import EncodedRequests

    inner, requests = CountingEmbedder(), EncodedRequests()
    RememberingEmbedder(inner, requests).encode(["a", "bb"])
    RememberingEmbedder(inner, requests).encode(["bb", "ccc"])
    assert inner.seen == ["a", "bb", "bb", "ccc"]


def test_remembered_requests_are_bounded_and_read_only():
    from storydiff.embed import EncodedRequests

    inner, requests = CountingEmbedder(), EncodedRequests(max_vectors=3)
    held = requests.encode(inner, ["a", "bb"])
    assert not held.flags.writeable
    requests.encode(inner, ["ccc", "dddd"])  # four vectors held: the oldest request goes
    requests.encode(inner, ["a", "bb"])
    assert inner.seen == ["a", "bb", "ccc", "dddd", "a", "bb"]
