"""The store seam: the `Store` protocol is all the rest of storydiff depends on, and `open_store` picks
the backend from a location. A new backend (PostgreSQL, an in-memory one for tests) implements the
protocol and is added to `open_store`; nothing else changes.

Every implementation gives back exactly what it was given: `get_comparison` returns a Comparison
whose JSON equals the saved one's, and it raises only StoreError (see `store.errors`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, Self, runtime_checkable
from urllib.parse import urlsplit, urlunsplit

from storydiff.errors import StoreError
from storydiff.models import Article, Comparison, Problem
from storydiff.store.doctor import StoreHealth

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from storydiff.store.story_rows import StoredStory
    from storydiff.stories import StoryEvent, StoryProfile

__all__ = ["COUNTED", "ComparisonSummary", "Store", "StoredEntity", "default_store_path", "open_store"]

# The kinds of rows `Store.counts()` reports, the same for every backend so that they can be compared.
COUNTED: tuple[str, ...] = ("articles", "sentences", "removed", "comparisons", "facts", "fact_support", "problems",
                            "entities", "entity_mentions", "quotes", "quote_links", "vectors")


@dataclass(frozen=True)
class StoredEntity:
    """One entity of one stored comparison, for merging entities across the whole store."""

    comparison_id: str
    id: str
    name: str
    type: str
    variants: tuple[str, ...]
    mentions: int


@dataclass(frozen=True)
class ComparisonSummary:
    """A stored comparison in a listing, without loading it."""

    id: str
    created_at: str  # ISO 8601, UTC, when it was (last) saved
    aligner: str
    article_ids: tuple[str, ...]  # in the comparison's order


@runtime_checkable
class Store(Protocol):
    """Where articles, comparisons and cached embeddings are kept between runs."""

    @property
    def location(self) -> str:
        """Where the store is, for messages (a path; a URL without its password)."""
        ...

    def save_articles(self, articles: Iterable[Article], problems: Iterable[Problem] = ()) -> None:
        """Save (or replace whole) each article, and the inputs that could not be read."""
        ...

    def save_comparison(self, comparison: Comparison) -> None:
        """Save a comparison and its articles, all or nothing; the same id again replaces it whole."""
        ...

    def get_article(self, article_id: str) -> Article | None: ...

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article (as last saved), by id."""
        ...

    def get_comparison(self, comparison_id: str) -> Comparison | None: ...

    def comparisons(self) -> list[ComparisonSummary]:
        """Every stored comparison, oldest first."""
        ...

    def comparison_json(self, comparison_id: str) -> dict[str, Any] | None:
        """The comparison as `Comparison.to_dict()` gave it when it was saved."""
        ...

    def save_vectors(self, model: str, vectors: Mapping[str, Sequence[float] | NDArray[Any]]) -> None:
        """Cache embeddings of `model`, keyed by a hash of the embedded text."""
        ...

    def get_vectors(self, model: str, keys: Iterable[str]) -> dict[str, NDArray[np.float32]]:
        """The cached vectors among `keys` (float32); a key not cached is absent from the answer."""
        ...

    def problems(self) -> list[Problem]:
        """The inputs set aside (the quarantine), with their reasons."""
        ...

    def forget_problems(self, paths: Iterable[str], replacements: Iterable[Problem] = ()) -> None:
        """Take these inputs out of the quarantine and put `replacements` in, in one transaction (a
        retried input that still fails comes back with its reason of today)."""
        ...

    def health(self) -> StoreHealth:
        """Is the store consistent: every article once, no orphan rows, no half comparisons."""
        ...

    # Stories of a corpus (`storydiff batch`).

    def grouped_articles(self, article_ids: Iterable[str]) -> set[str]:
        """Those of the articles that the store holds and has placed in a story."""
        ...

    def save_story_state(self, *, profiles: Sequence[StoryProfile], groups: dict[str, list[str]],
                         gone: Iterable[str], titles: dict[str, str], events: Sequence[StoryEvent],
                         batch: str) -> None:
        """In one transaction: new profiles, the touched stories' members replaced whole, the stories
        merged away (`gone`) deleted, and the batch's events."""
        ...

    def load_story_state(self, first_day: int | None, last_day: int | None,
                         undated: bool) -> tuple[list[StoryProfile], dict[str, str]]:
        """Profiles published between the days (and the undated ones if asked), with their stories."""
        ...

    def stories(self) -> list[StoredStory]:
        """Every story, biggest first, with its articles."""
        ...

    def story_article_ids(self, story_id: str) -> list[str]: ...

    def stored_entities(self) -> list[StoredEntity]: ...

    def counts(self) -> dict[str, int]:
        """How many rows of each kind in `COUNTED` the store holds."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...


def default_store_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("storydiff")) / "storydiff.db"


# scheme://... ; two letters at least, so that a Windows drive (C:\...) stays a path.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


def _without_password(url: str) -> str:
    """A URL fit for a message: user:secret@host becomes user:***@host."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.hostname or ""
        netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    except ValueError:  # a malformed port: say nothing of what follows the scheme
        return url.split("://", 1)[0] + "://..."


def open_store(location: str | Path, *, create: bool = True) -> Store:
    """The store at `location`: a file path opens (or, with `create`, makes) a SQLite store, a
    postgresql:// URL a PostgreSQL one (its tables made in the database's current schema).

    With `create=False` a missing store is an error and nothing is created: a typo in a path to
    read from must not leave an empty database and its directories behind."""
    if isinstance(location, str) and _URL.match(location):
        scheme = location.split("://", 1)[0].lower()
        shown = _without_password(location)
        if scheme in ("postgresql", "postgres"):
            from storydiff.store.postgres import PostgresStore

            return PostgresStore(location, create=create)
        raise StoreError(f"{shown}: not a store location (give a file path or a postgresql:// URL)")
    from storydiff.store.sqlite import SQLiteStore

    return SQLiteStore(location, create=create)
