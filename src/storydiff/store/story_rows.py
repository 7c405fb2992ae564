"""Stories in a store: the rows behind `storydiff batch` and `storydiff stories`, written the same way
for every SQL backend (the caller passes its placeholder: "?" for SQLite, "%s" for PostgreSQL).

- `story_profiles`: each grouped article's profile (vector, name keys, figures, day), so a later
  batch places new articles among the stored ones without reading or embedding those again;
- `stories` and `story_articles`: each story and its members;
- `story_events`: how stories began, grew, merged and split, batch by batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy comes with the stories: a store without them must not need it
    from storydiff.stories.grouping import StoryEvent
    from storydiff.stories.profile import StoryProfile

__all__ = [
    "StoredStory",
    "StoryArticle",
    "absorbers",
    "grouped_articles",
    "load_story_state",
    "read_stories",
    "save_story_state",
    "story_article_ids",
]


@dataclass(frozen=True)
class StoryArticle:
    id: str
    path: str
    source: str | None
    language: str
    published: str | None


@dataclass(frozen=True)
class StoredStory:
    id: str
    title: str
    articles: tuple[StoryArticle, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({a.language for a in self.articles}))

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({a.source for a in self.articles if a.source}))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "languages": list(self.languages), "sources": list(self.sources),
                "articles": [{"id": a.id, "path": a.path, "source": a.source, "language": a.language,
                              "published": a.published} for a in self.articles]}


_SPECIFICS = ("places", "people", "years", "dates")  # StoryProfile's sets in the `specifics` column


def _sql(statement: str, mark: str) -> str:
    return statement.replace("?", mark)


def absorbers(events: Sequence[StoryEvent]) -> dict[str, str]:
    """Each story merged away in `events` -> the story that holds its members in the end (a story
    that absorbed it may itself be absorbed later in the same batch)."""
    absorbed_by = {other: e.story for e in events if e.kind == "merge" for other in e.others}
    final = {}
    for story_id in absorbed_by:
        seen, survivor = {story_id}, absorbed_by[story_id]
        while survivor in absorbed_by and survivor not in seen:
            seen.add(survivor)
            survivor = absorbed_by[survivor]
        final[story_id] = survivor
    return final


def save_story_state(
    db: Any, mark: str, *, profiles: Sequence[StoryProfile], groups: dict[str, list[str]], gone: Iterable[str],
    titles: dict[str, str], events: Sequence[StoryEvent], batch: str, now: str,
) -> None:
    """Inside the caller's transaction: the new profiles; each member the grouper holds moved to the
    story it is in now; the members of a story merged away that the grouper never loaded (published
    outside the days it loaded) moved to the story that absorbed it, and the absorbed story deleted;
    the batch's events. A story's members are never replaced whole: a window loads only the stored
    articles of the days it can meet, and the others must not drop out of their stories."""
    import numpy as np

    cursor = db.cursor()
    cursor.executemany(_sql(
        "INSERT INTO story_profiles (article_id, language, day, dim, vector, keys, numbers, title, terms, specifics) "
        "VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (article_id) DO UPDATE SET language = excluded.language, "
        "day = excluded.day, dim = excluded.dim, vector = excluded.vector, keys = excluded.keys, "
        "numbers = excluded.numbers, title = excluded.title, terms = excluded.terms, specifics = excluded.specifics",
        mark),
        [(p.article_id, p.language, p.day, int(p.vector.shape[0]), np.asarray(p.vector, dtype="<f4").tobytes(),
          json.dumps(sorted(p.keys)), json.dumps(sorted(p.numbers)), p.title,
          json.dumps(sorted([k, round(w, 4)] for k, w in p.terms.items())),
          json.dumps({f: sorted(getattr(p, f)) for f in _SPECIFICS})) for p in profiles])
    placed = [article_id for members in groups.values() for article_id in members]
    cursor.executemany(_sql("DELETE FROM story_articles WHERE article_id = ?", mark), [(a,) for a in placed])
    absorbed_by = absorbers(events)
    for story_id in gone:
        survivor = absorbed_by.get(story_id)
        if survivor is not None:
            cursor.execute(_sql("UPDATE story_articles SET story_id = ? WHERE story_id = ?", mark),
                           (survivor, story_id))
        cursor.execute(_sql("DELETE FROM stories WHERE id = ?", mark), (story_id,))
    cursor.executemany(_sql(
        "INSERT INTO stories (id, title, created_at, updated_at) VALUES (?,?,?,?) "
        "ON CONFLICT (id) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at", mark),
        [(story_id, titles.get(story_id, ""), now, now) for story_id in groups])
    cursor.executemany(_sql("INSERT INTO story_articles (story_id, article_id) VALUES (?,?)", mark),
                       [(story_id, article_id) for story_id, members in groups.items() for article_id in members])
    cursor.executemany(_sql(
        "INSERT INTO story_events (batch, n, kind, story_id, article_id, others, score, at) VALUES (?,?,?,?,?,?,?,?)",
        mark), [(batch, n, e.kind, e.story, e.article, json.dumps(list(e.others)), e.score, now)
                for n, e in enumerate(events)])


def load_story_state(db: Any, mark: str, first_day: int | None, last_day: int | None,
                     undated: bool) -> tuple[list[StoryProfile], dict[str, str]]:
    """The stored profiles published between the two days (and the undated ones when asked; every
    profile when no days are given), with each one's story: what new articles can meet."""
    import numpy as np

    from storydiff.stories.profile import StoryProfile

    clauses, params = [], []
    if first_day is not None and last_day is not None:
        clauses.append("(p.day BETWEEN ? AND ?)")
        params += [first_day, last_day]
    elif undated:  # no days given: every stored profile
        clauses.append("1 = 1")
    if undated:
        clauses.append("p.day IS NULL")
    rows = db.execute(_sql(
        "SELECT p.article_id, p.language, p.day, p.vector, p.keys, p.numbers, p.title, p.terms, p.specifics, "
        "s.story_id "
        "FROM story_profiles p JOIN story_articles s ON s.article_id = p.article_id WHERE " + " OR ".join(clauses),
        mark), params).fetchall()
    profiles, story_of = [], {}
    for article_id, language, day, vector, keys, numbers, title, terms, specifics, story_id in rows:
        profiles.append(StoryProfile(article_id, language, day, np.frombuffer(bytes(vector), dtype="<f4").astype(
            np.float32), frozenset(json.loads(keys)), frozenset(json.loads(numbers)), title or "",
            {int(k): float(w) for k, w in json.loads(terms)},
            **{f: frozenset(v) for f, v in json.loads(specifics or "{}").items() if f in _SPECIFICS}))
        story_of[article_id] = story_id
    return profiles, story_of


def read_stories(db: Any, mark: str) -> list[StoredStory]:
    rows = db.execute(
        "SELECT s.id, s.title, a.id, a.path, a.source, a.language, a.published FROM stories s "
        "JOIN story_articles m ON m.story_id = s.id JOIN articles a ON a.id = m.article_id "
        "ORDER BY s.id, a.published, a.id").fetchall()
    stories: dict[str, tuple[str, list[StoryArticle]]] = {}
    for story_id, title, article_id, path, source, language, published in rows:
        stories.setdefault(story_id, (title or "", []))[1].append(
            StoryArticle(article_id, path, source, language, published))
    found = [StoredStory(sid, title, tuple(articles)) for sid, (title, articles) in stories.items()]
    # Biggest stories first: what a desk looks at.
    return sorted(found, key=lambda s: (-len(s.articles), s.id))


def grouped_articles(db: Any, mark: str, article_ids: Iterable[str]) -> set[str]:
    ids = list(article_ids)
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join([mark] * len(chunk))
        found.update(r[0] for r in db.execute(
            f"SELECT m.article_id FROM story_articles m JOIN story_profiles p ON p.article_id = m.article_id "
            f"WHERE m.article_id IN ({marks})", chunk).fetchall())
    return found


def story_article_ids(db: Any, mark: str, story_id: str) -> list[str]:
    rows = db.execute(_sql("SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id", mark),
                      (story_id,)).fetchall()
    return [r[0] for r in rows]
