"""The embedded store: SQLite, migrated on open, every write one transaction.

Rerunning on the same input replaces rows with identical ones (ids come from content), so nothing is
duplicated. WAL journaling plus one transaction per comparison means a crash mid-write leaves the
previous state intact. The article text is stored once, in `articles.text`; every other row and JSON
keeps offsets into it (see `store.codec`). Driver errors become StoreError (see `store.errors`).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storydiff.errors import MissingExtraError, StoreError
from storydiff.models import Article, Comparison, Problem
from storydiff.store import rows as shared_rows
from storydiff.store import story_rows
from storydiff.store.base import COUNTED, ComparisonSummary, StoredEntity
from storydiff.store.codec import unpack_article, unpack_comparison
from storydiff.store.doctor import StoreHealth, check_sqlite
from storydiff.store.errors import map_store_errors
from storydiff.store.migrations import LEGACY_STEPS, MIGRATIONS, OLD_CODE_FENCE, pending
from storydiff.store.story_rows import StoredStory

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from storydiff.stories import StoryEvent, StoryProfile

__all__ = ["SQLiteStore", "StoredEntity"]

_OLDEST_SQLITE = (3, 35, 0)
_PAGE = 64  # articles read per query by iter_articles
_KEYS_PER_QUERY = 500  # below SQLite's limit on bound parameters, whatever its version


def _numpy() -> Any:
    try:
        import numpy
    except ImportError as exc:
        raise MissingExtraError("embeddings", "caching sentence embeddings") from exc
    return numpy


class SQLiteStore:
    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if sqlite3.sqlite_version_info < _OLDEST_SQLITE:
            # Migrations drop columns (3.35); upserts need 3.24. Say so, not "syntax error near DROP".
            raise StoreError(f"{self.path}: the store needs SQLite {'.'.join(map(str, _OLDEST_SQLITE))} or newer, "
                             f"this Python has {sqlite3.sqlite_version}")
        with self._errors("open"):
            self._db = self._connect(create)
            try:
                self._switch_to_wal()
                self._db.execute("PRAGMA foreign_keys = ON")
                self._migrate()
            except BaseException:
                self._db.close()
                raise

    @property
    def location(self) -> str:
        return str(self.path)

    def _errors(self, doing: str) -> AbstractContextManager[None]:
        return map_store_errors(self.location, doing)

    def _connect(self, create: bool) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves. The timeout makes a writer wait for
        # another one (several runs sharing a store) instead of failing at once with "locked".
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a directory, not a store")
        if not create:
            if not self.path.exists():
                raise StoreError(f"{self.path}: no store there")
            # mode=rw: SQLite must not create the file either, should it vanish after the check above.
            uri = self.path.resolve().as_uri() + "?mode=rw"
            db = sqlite3.connect(uri, uri=True, timeout=60, isolation_level=None)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        db.execute("PRAGMA busy_timeout = 60000")
        return db

    def _switch_to_wal(self) -> None:
        """WAL lets readers and one writer work at once. Switching needs an exclusive lock and SQLite
        answers "locked" at once, without waiting, when another run is switching the same new file:
        so retry for a while. A store already in WAL is left as it is: asking again would need a write,
        and a read-only store must still open for reading."""
        for attempt in range(200):
            try:
                # Reading the mode can meet the same lock while another run switches, hence inside the retry.
                if str(self._db.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                    self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 199:
                    raise
                time.sleep(0.05)

    def applied_migrations(self) -> list[str]:
        """Names of the applied migrations, in the order this code knows them."""
        with self._errors("read"):
            done = {name for (name,) in self._db.execute("SELECT name FROM schema_migrations")}
        return [m.name for m in MIGRATIONS if m.name in done]

    def _up_to_date(self) -> bool:
        """Read without the write lock: an up-to-date store (the usual case) opens even read-only."""
        found = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").fetchone()
        if not found:
            return False
        return not pending((name for (name,) in self._db.execute("SELECT name FROM schema_migrations")),
                           self.location)

    def _migrate(self) -> None:
        # What is applied is read again inside the write transaction (BEGIN IMMEDIATE holds the write
        # lock), so two runs opening a new store at once cannot both apply the same step.
        if self._up_to_date():
            return
        with self._transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            applied = {name for (name,) in db.execute("SELECT name FROM schema_migrations")}
            now = shared_rows.now()
            if not applied:
                # A store from before named migrations counted its steps in user_version.
                legacy = int(db.execute("PRAGMA user_version").fetchone()[0])
                if legacy > len(LEGACY_STEPS):
                    raise StoreError(f"{self.path}: made by a newer storydiff (schema {legacy}, "
                                     f"this one knows up to {MIGRATIONS[-1].name})")
                applied = set(LEGACY_STEPS[:legacy])
                db.executemany("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                               [(name, now) for name in LEGACY_STEPS[:legacy]])
            for migration in pending(applied, self.location):
                for statement in migration.statements():
                    db.execute(statement)
                db.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", (migration.name, now))
            db.execute(f"PRAGMA user_version = {OLD_CODE_FENCE}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed whole, or rolled back whole on any exception."""
        with self._errors("write to"):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                # The first error says more than a failed rollback would.
                with suppress(sqlite3.Error):
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        with self._errors("close"):
            self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Writing

    def save_articles(self, articles: Iterable[Article], problems: Iterable[Problem] = ()) -> None:
        with self._transaction() as db:
            for article in articles:
                shared_rows.put_article(db, "?", article)
            shared_rows.put_problems(db, "?", problems)

    def save_comparison(self, comparison: Comparison) -> None:
        """Articles, the comparison and its rows, all or nothing (see `rows.put_comparison`)."""
        with self._transaction() as db:
            shared_rows.put_comparison(db, "?", comparison)

    def save_vectors(self, model: str, vectors: Mapping[str, Sequence[float] | NDArray[Any]]) -> None:
        found = shared_rows.vector_rows(model, vectors, _numpy())
        with self._transaction() as db:
            db.executemany("INSERT INTO vectors (model, key, dim, data) VALUES (?,?,?,?) "
                           "ON CONFLICT (model, key) DO UPDATE SET dim = excluded.dim, data = excluded.data", found)

    # Reading

    def _article(self, article_id: str, text: str, data: str) -> Article:
        try:
            packed = json.loads(data)
            if "spans" not in packed:
                raise StoreError(f"{self.path}: article {article_id} was stored by an older storydiff; "
                                 "run clean or compare again to refresh it")
            return Article.from_dict(unpack_article(packed, text))
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"{self.path}: article {article_id} cannot be read back ({exc!r})") from exc

    def get_article(self, article_id: str) -> Article | None:
        with self._errors("read"):
            row = self._db.execute("SELECT text, data FROM articles WHERE id = ?", (article_id,)).fetchone()
            return self._article(article_id, row[0], row[1]) if row else None

    def iter_articles(self) -> Iterator[Article]:
        # A page at a time, after the last id seen: no read stays open between yields (it would hold
        # back WAL checkpoints), and the caller may write to the store while iterating.
        after = ""
        while True:
            with self._errors("read"):
                rows = self._db.execute("SELECT id, text, data FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                                        (after, _PAGE)).fetchall()
                articles = [self._article(i, t, d) for i, t, d in rows]
            yield from articles
            if len(rows) < _PAGE:
                return
            after = rows[-1][0]

    def _comparison_dict(self, comparison_id: str) -> tuple[dict[str, Any], bool] | None:
        """The stored comparison JSON, and whether it is the full JSON older storydiffs stored."""
        row = self._db.execute("SELECT data FROM comparisons WHERE id = ?", (comparison_id,)).fetchone()
        if row is None:
            return None
        try:
            data: dict[str, Any] = json.loads(row[0])
        except ValueError as exc:
            raise StoreError(f"{self.path}: comparison {comparison_id} is damaged ({exc})") from exc
        return data, any(not isinstance(a, str) for a in data.get("articles", ()))

    def _rebuild(self, comparison_id: str, data: dict[str, Any], legacy: bool) -> Comparison:
        if legacy:
            if any("spans" not in article for article in data["articles"]):
                raise StoreError(f"{self.path}: comparison {comparison_id} was stored by an older storydiff; "
                                 "run compare again to refresh it")
            full = data
        else:
            rows = {aid: (text, adata) for aid, text, adata in self._db.execute(
                "SELECT ca.article_id, a.text, ca.data FROM comparison_articles ca "
                "JOIN articles a ON a.id = ca.article_id WHERE ca.comparison_id = ?", (comparison_id,))}
            ids: list[str] = data["articles"]
            missing = [aid for aid in ids if aid not in rows or rows[aid][1] is None]
            if missing:
                raise StoreError(f"{self.path}: comparison {comparison_id} is damaged "
                                 f"(articles {', '.join(missing)} are missing); run compare again")
        try:
            if not legacy:
                articles = [unpack_article(json.loads(rows[aid][1]), rows[aid][0]) for aid in ids]
                full = unpack_comparison(data, articles, {aid: rows[aid][0] for aid in ids})
            return Comparison.from_dict(full)
        except (KeyError, TypeError, ValueError) as exc:  # a damaged row, or a schema_version this code cannot read
            raise StoreError(f"{self.path}: comparison {comparison_id} cannot be read back ({exc})") from exc

    def get_comparison(self, comparison_id: str) -> Comparison | None:
        with self._errors("read"):
            found = self._comparison_dict(comparison_id)
            return self._rebuild(comparison_id, *found) if found else None

    def comparison_json(self, comparison_id: str) -> dict[str, Any] | None:
        with self._errors("read"):
            found = self._comparison_dict(comparison_id)
            if found is None:
                return None
            data, legacy = found
            # An older storydiff stored the full JSON: give it as it was, even when it cannot be rebuilt.
            return data if legacy else self._rebuild(comparison_id, data, legacy).to_dict()

    def comparisons(self) -> list[ComparisonSummary]:
        with self._errors("read"):
            rows = self._db.execute(
                "SELECT c.id, c.created_at, c.aligner, ca.article_id FROM comparisons c "
                "LEFT JOIN comparison_articles ca ON ca.comparison_id = c.id "
                "ORDER BY c.created_at, c.id, ca.position, ca.article_id").fetchall()
        summaries: dict[str, tuple[str, str, list[str]]] = {}
        for cid, created_at, aligner, article_id in rows:
            _, _, ids = summaries.setdefault(cid, (created_at, aligner, []))
            if article_id is not None:
                ids.append(article_id)
        return [ComparisonSummary(cid, c, a, tuple(ids)) for cid, (c, a, ids) in summaries.items()]

    def get_vectors(self, model: str, keys: Iterable[str]) -> dict[str, NDArray[np.float32]]:
        numpy = _numpy()
        wanted = list(dict.fromkeys(keys))
        found: dict[str, NDArray[np.float32]] = {}
        with self._errors("read"):
            for i in range(0, len(wanted), _KEYS_PER_QUERY):
                chunk = wanted[i : i + _KEYS_PER_QUERY]
                marks = ",".join("?" * len(chunk))
                for key, dim, blob in self._db.execute(
                        f"SELECT key, dim, data FROM vectors WHERE model = ? AND key IN ({marks})", (model, *chunk)):
                    array = numpy.frombuffer(blob, dtype="<f4")
                    if array.shape[0] != dim:
                        raise StoreError(f"{self.path}: cached vector {key} of {model} is damaged")
                    found[key] = array.astype(numpy.float32)  # native byte order, and a copy the caller may change
        return found

    def counts(self) -> dict[str, int]:
        with self._errors("read"):
            return {t: int(self._db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in COUNTED}

    def stored_entities(self) -> list[StoredEntity]:
        """Every entity of every stored comparison, for merging across the whole store."""
        with self._errors("read"):
            rows = self._db.execute(
                "SELECT e.comparison_id, e.id, e.name, e.type, e.variants, COUNT(m.start) FROM entities e "
                "LEFT JOIN entity_mentions m ON m.comparison_id = e.comparison_id AND m.entity_id = e.id "
                "GROUP BY e.comparison_id, e.id, e.name, e.type, e.variants ORDER BY e.comparison_id, e.id"
            ).fetchall()
            return [StoredEntity(c, i, n, t, tuple(json.loads(v)), k) for c, i, n, t, v, k in rows]

    # Stories (`storydiff batch`): the SQL is shared with the other backends in store.story_rows.

    def grouped_articles(self, article_ids: Iterable[str]) -> set[str]:
        """Those of the articles the store holds that are already placed in a story."""
        with self._errors("read"):
            return story_rows.grouped_articles(self._db, "?", article_ids)

    def save_story_state(self, *, profiles: Sequence[StoryProfile], groups: dict[str, list[str]],
                         gone: Iterable[str], titles: dict[str, str], events: Sequence[StoryEvent],
                         batch: str) -> None:
        with self._transaction() as db:
            story_rows.save_story_state(db, "?", profiles=profiles, groups=groups, gone=gone, titles=titles,
                                        events=events, batch=batch, now=shared_rows.now())

    def load_story_state(self, first_day: int | None, last_day: int | None,
                         undated: bool) -> tuple[list[StoryProfile], dict[str, str]]:
        with self._errors("read"):
            return story_rows.load_story_state(self._db, "?", first_day, last_day, undated)

    def stories(self) -> list[StoredStory]:
        with self._errors("read"):
            return story_rows.read_stories(self._db, "?")

    def story_article_ids(self, story_id: str) -> list[str]:
        with self._errors("read"):
            return story_rows.story_article_ids(self._db, "?", story_id)

    def forget_problems(self, paths: Iterable[str], replacements: Iterable[Problem] = ()) -> None:
        with self._transaction() as db:
            db.executemany("DELETE FROM problems WHERE path = ?", [(p,) for p in paths])
            shared_rows.put_problems(db, "?", replacements)

    def health(self) -> StoreHealth:
        with self._errors("check"):
            return check_sqlite(self._db, self.location)

    def problems(self) -> list[Problem]:
        with self._errors("read"):
            rows = self._db.execute("SELECT path, reason FROM problems ORDER BY path, reason").fetchall()
        return [Problem(p, r) for p, r in rows]
