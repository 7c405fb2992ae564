"""A store in plain dicts: what a new backend has to do to stand behind the `Store` protocol.

It lives with the tests to show that adding a store is a change in one place: this class, plus a line
in `open_store` for a real backend. It keeps JSON (not the frozen objects), as a database would, so
the contract tests see the same to_dict/from_dict round trip as with SQLite.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from storydiff.errors import StoreError
from storydiff.models import Article, Comparison, Problem
from storydiff.store import ComparisonSummary, StoredEntity
from storydiff.store.base import COUNTED
from storydiff.store.doctor import StoreHealth
from storydiff.store.story_rows import StoredStory, StoryArticle
from storydiff.stories import StoryEvent, StoryProfile

__all__ = ["InMemoryStore"]


class InMemoryStore:
    location = ":memory:"

    def __init__(self) -> None:
        self._articles: dict[str, dict[str, Any]] = {}
        self._comparisons: dict[str, tuple[str, dict[str, Any]]] = {}  # id -> (created_at, JSON)
        self._vectors: dict[tuple[str, str], NDArray[np.float32]] = {}
        self._problems: set[tuple[str, str]] = set()
        self._profiles: dict[str, StoryProfile] = {}
        self._stories: dict[str, str] = {}  # story id -> title
        self._story_of: dict[str, str] = {}  # article id -> story id
        self._closed = False

    def _check(self) -> None:
        if self._closed:
            raise StoreError(f"{self.location}: cannot read the store (it is closed)")

    def save_articles(self, articles: Iterable[Article], problems: Iterable[Problem] = ()) -> None:
        self._check()
        staged = {a.id: a.to_dict() for a in articles}  # all or nothing: build first, then commit
        self._articles.update(staged)
        self._problems.update((p.path, p.reason) for p in problems)

    def save_comparison(self, comparison: Comparison) -> None:
        self._check()
        data = comparison.to_dict()
        self.save_articles(comparison.articles, comparison.problems)
        self._comparisons[comparison.id] = (datetime.now(UTC).isoformat(timespec="seconds"), data)

    def get_article(self, article_id: str) -> Article | None:
        self._check()
        data = self._articles.get(article_id)
        return Article.from_dict(copy.deepcopy(data)) if data else None

    def iter_articles(self) -> Iterator[Article]:
        self._check()
        for article_id in sorted(self._articles):
            yield Article.from_dict(copy.deepcopy(self._articles[article_id]))

    def get_comparison(self, comparison_id: str) -> Comparison | None:
        data = self.comparison_json(comparison_id)
        return Comparison.from_dict(data) if data else None

    def comparisons(self) -> list[ComparisonSummary]:
        self._check()
        listed = sorted(self._comparisons.items(), key=lambda item: (item[1][0], item[0]))
        return [
            ComparisonSummary(cid, created, data["aligner"], tuple(a["id"] for a in data["articles"]))
            for cid, (created, data) in listed
        ]

    def comparison_json(self, comparison_id: str) -> dict[str, Any] | None:
        self._check()
        found = self._comparisons.get(comparison_id)
        return copy.deepcopy(found[1]) if found else None  # the caller may change what it is given

    def save_vectors(self, model: str, vectors: Mapping[str, Sequence[float] | NDArray[Any]]) -> None:
        self._check()
        for key, vector in vectors.items():
            self._vectors[model, key] = np.array(vector, dtype=np.float32)

    def get_vectors(self, model: str, keys: Iterable[str]) -> dict[str, NDArray[np.float32]]:
        self._check()
        return {k: self._vectors[model, k].copy() for k in keys if (model, k) in self._vectors}

    def problems(self) -> list[Problem]:
        self._check()
        return [Problem(p, r) for p, r in sorted(self._problems)]

    def forget_problems(self, paths: Iterable[str], replacements: Iterable[Problem] = ()) -> None:
        self._check()
        gone = set(paths)
        self._problems = {(p, r) for p, r in self._problems if p not in gone}
        self._problems.update((p.path, p.reason) for p in replacements)

    def health(self) -> StoreHealth:
        self._check()  # nothing can be half-written in memory: each save replaces whole dicts
        return StoreHealth(
            "memory", {k: v for k, v in self.counts().items() if k in ("articles", "comparisons", "problems")}, ()
        )

    def grouped_articles(self, article_ids: Iterable[str]) -> set[str]:
        self._check()
        return {a for a in article_ids if a in self._story_of and a in self._profiles}

    def save_story_state(
        self,
        *,
        profiles: Sequence[StoryProfile],
        groups: dict[str, list[str]],
        gone: Iterable[str],
        titles: dict[str, str],
        events: Sequence[StoryEvent],
        batch: str,
    ) -> None:
        self._check()
        for profile in profiles:
            self._profiles[profile.article_id] = profile
        from storydiff.store.story_rows import absorbers

        absorbed_by = absorbers(events)
        for story_id in gone:  # as the SQL stores: members never loaded follow their story into the merge
            self._stories.pop(story_id, None)
            survivor = absorbed_by.get(story_id)
            self._story_of = {
                a: (survivor if s == story_id else s) for a, s in self._story_of.items() if s != story_id or survivor
            }
        for story_id, members in groups.items():
            self._stories[story_id] = titles.get(story_id, "")
            self._story_of.update(dict.fromkeys(members, story_id))

    def load_story_state(
        self, first_day: int | None, last_day: int | None, undated: bool
    ) -> tuple[list[StoryProfile], dict[str, str]]:
        self._check()
        every = first_day is None and last_day is None and undated
        chosen = [
            p
            for a, p in self._profiles.items()
            if a in self._story_of
            and (
                every
                or (p.day is None and undated)
                or (
                    p.day is not None
                    and first_day is not None
                    and last_day is not None
                    and first_day <= p.day <= last_day
                )
            )
        ]
        return chosen, {p.article_id: self._story_of[p.article_id] for p in chosen}

    def stories(self) -> list[StoredStory]:
        self._check()
        found = []
        for story_id, title in self._stories.items():
            members = sorted(
                (self._articles[a] for a, s in self._story_of.items() if s == story_id),
                key=lambda a: (a["published"] or "", a["id"]),
            )
            found.append(
                StoredStory(
                    story_id,
                    title,
                    tuple(
                        StoryArticle(a["id"], a["path"], a["source"], a["language"], a["published"]) for a in members
                    ),
                )
            )
        return sorted(found, key=lambda s: (-len(s.articles), s.id))

    def story_article_ids(self, story_id: str) -> list[str]:
        self._check()
        return sorted(a for a, s in self._story_of.items() if s == story_id)

    def stored_entities(self) -> list[StoredEntity]:
        self._check()
        return [
            StoredEntity(
                cid,
                e["id"],
                e["name"],
                e["type"],
                tuple(e["variants"]),
                len({(m["article"], m["start"]) for m in e["mentions"]}),
            )
            for cid, (_, data) in sorted(self._comparisons.items())
            for e in sorted(data["entities"], key=lambda e: e["id"])
        ]

    def counts(self) -> dict[str, int]:
        self._check()
        comparisons = [data for _, data in self._comparisons.values()]
        found = {
            "articles": len(self._articles),
            "sentences": sum(len(a["sentences"]) for a in self._articles.values()),
            "removed": sum(len({(r["start"], r["end"]) for r in a["removed"]}) for a in self._articles.values()),
            "comparisons": len(comparisons),
            "facts": sum(len(c["facts"]) for c in comparisons),
            "fact_support": sum(
                len({(f["id"], s) for f in c["facts"] for ids in f["support"].values() for s in ids})
                for c in comparisons
            ),
            "problems": len(self._problems),
            "entities": sum(len(c["entities"]) for c in comparisons),
            "entity_mentions": sum(
                len({(e["id"], m["article"], m["start"]) for e in c["entities"] for m in e["mentions"]})
                for c in comparisons
            ),
            "quotes": sum(len(c["quotes"]) for c in comparisons),
            "quote_links": sum(len({(x["a"], x["b"]) for x in c["quote_links"]}) for c in comparisons),
            "vectors": len(self._vectors),
        }
        return {kind: found[kind] for kind in COUNTED}

    def close(self) -> None:
        self._closed = True

    def __enter__(self) -> InMemoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
