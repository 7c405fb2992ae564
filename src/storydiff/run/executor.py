"""Where the per-article stages run: `LocalExecutor` in this process, `DaskExecutor` on a cluster.

Both run the same function, `analyse_chunk`, on chunks of documents: the stage code does not know
where it runs. Each worker process loads the models once (`default_backends` keeps them) and reuses
them for every chunk it gets. Chunks, rather than single documents, keep the scheduler's overhead
per article small; results come back as chunks finish, so a batch can save as it goes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from storydiff.config import Config
from storydiff.errors import MissingExtraError, UsageError
from storydiff.models import Article, Problem, RawDocument

if TYPE_CHECKING:
    from storydiff.clean.site import SiteLines
    from storydiff.stories import StoryProfile

__all__ = ["Chunk", "DaskExecutor", "Executor", "LocalExecutor", "analyse_chunk", "executor_for"]


Chunk = tuple[list[Article], list[Problem], list["StoryProfile"]]


def analyse_chunk(documents: Sequence[RawDocument], config: Config, site_lines: SiteLines | None = None) -> Chunk:
    """Clean and run every per-article stage on each document, and profile each article for story
    grouping (one encoder call per chunk); a document that fails is a problem. `site_lines`: the
    lines the batch found its sites repeating (learnt from the chunk alone when not given)."""
    from storydiff.backends import default_backends
    from storydiff.pipeline import analyse_documents
    from storydiff.stories import profiles_of

    backends = default_backends(config)
    result = analyse_documents(documents, config=config, backends=backends, site_lines=site_lines)
    articles = list(result.articles)
    return articles, list(result.problems), profiles_of(articles, backends.embedder(), packs=backends.packs())


class Executor(Protocol):
    name: str

    def map_chunks(self, chunks: Sequence[Sequence[RawDocument]],
                   config: Config, site_lines: SiteLines | None = None) -> Iterator[Chunk]:
        """`analyse_chunk` over every chunk; results in the order chunks finish."""
        ...

    def close(self) -> None: ...


class LocalExecutor:
    """In this process, one chunk after another: no cluster needed on a laptop."""

    name = "local"

    def map_chunks(self, chunks: Sequence[Sequence[RawDocument]],
                   config: Config, site_lines: SiteLines | None = None) -> Iterator[Chunk]:
        for chunk in chunks:
            yield analyse_chunk(chunk, config, site_lines)

    def close(self) -> None:
        return None


class DaskExecutor:
    """On a Dask cluster (`tcp://host:8786`), or on a `distributed.Client` given directly."""

    name = "dask"

    def __init__(self, scheduler: str | object) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise MissingExtraError("cluster", "running on a Dask cluster") from exc
        if isinstance(scheduler, Client):
            self._client, self._owned = scheduler, False
        else:
            try:
                self._client, self._owned = Client(str(scheduler), timeout="30s"), True  # type: ignore[no-untyped-call]
            except OSError as exc:
                raise UsageError(f"{scheduler}: no Dask scheduler answers there ({exc})") from exc

    def map_chunks(self, chunks: Sequence[Sequence[RawDocument]],
                   config: Config, site_lines: SiteLines | None = None) -> Iterator[Chunk]:
        from distributed import as_completed

        chunks = list(chunks)
        # Each task carries only its own sites' lines, not the whole batch's.
        lines = [site_lines.restricted_to(c) if site_lines is not None else None for c in chunks]
        futures = self._client.map(analyse_chunk, chunks, [config] * len(chunks), lines, pure=False)
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            yield future.result()
            future.release()

    def close(self) -> None:
        if self._owned:
            self._client.close()  # type: ignore[no-untyped-call]


def executor_for(scheduler: str | None) -> Executor:
    return DaskExecutor(scheduler) if scheduler else LocalExecutor()
