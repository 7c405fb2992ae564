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
