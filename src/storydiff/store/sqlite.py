"""The embedded store: SQLite, migrated on open, every write one transaction.

Rerunning on the same input replaces rows with identical ones (ids come from content), so nothing
is duplicated. WAL journaling plus one transaction per comparison means a crash mid-write leaves the
previous state intact.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from storydiff.errors import StoreError
from storydiff.models import Article, Comparison, Problem
from storydiff.store.migrations import MIGRATIONS

__all__ = ["SQLiteStore", "StoredEntity", "default_store_path"]


@dataclass(frozen=True)
class StoredEntity:
    comparison_id: str
    id: str
    name: str
    type: str
    variants: tuple[str, ...]
    mentions: int


def default_store_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("storydiff")) / "storydiff.db"


class SQLiteStore:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: we issue BEGIN/COMMIT ourselves. The timeout makes a writer wait for
            # another one (several runs sharing a store) instead of failing at once with "locked".
            self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self._db.execute("PRAGMA busy_timeout = 60000")
            self._switch_to_wal()
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the store ({exc.strerror or exc})") from exc

    def _switch_to_wal(self) -> None:
        """WAL lets readers and one writer work at once. Switching needs an exclusive lock and SQLite
        answers "locked" at once, without waiting, when another run is switching the same new file:
        so retry for a while."""
        import time

        for attempt in range(200):
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 199:
                    raise
                time.sleep(0.05)

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        # The version is read inside the write transaction (BEGIN IMMEDIATE holds the write lock), so
        # two runs opening a new store at once cannot both see version 0 and both create the tables.
        if self.schema_version == len(MIGRATIONS):
            return
        with self._transaction() as db:
            current = self.schema_version
            if current > len(MIGRATIONS):
                raise StoreError(
                    f"{self.path}: made by a newer storydiff (schema {current}, this one knows {len(MIGRATIONS)})"
                )
            for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
                for statement in filter(str.strip, script.split(";")):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; any database failure inside it becomes a StoreError naming the store."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot write to the store ({exc})") from exc
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self.path}: cannot write to the store ({exc})") from exc
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _put_article(self, db: sqlite3.Connection, article: Article) -> None:
        data = article.to_dict()
        db.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
            "path=excluded.path, source=excluded.source, language=excluded.language, headline=excluded.headline, "
            "published=excluded.published, content_type=excluded.content_type, encoding=excluded.encoding, "
            "text=excluded.text, body=excluded.body, data=excluded.data",
            (article.id, article.path, article.source, article.language, data["headline"], article.published,
             article.content_type, article.encoding, article.text, article.body,
             json.dumps(data, ensure_ascii=False, sort_keys=True)),
        )
        db.execute("DELETE FROM removed WHERE article_id = ?", (article.id,))
        db.executemany(
            "INSERT INTO removed VALUES (?,?,?,?,?)",
            [(article.id, r.start, r.end, r.reason, r.text) for r in article.removed],
        )
        db.executemany(
            "INSERT INTO sentences VALUES (?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
            "start=excluded.start, end=excluded.end, text=excluded.text",
            [(s.id, article.id, s.start, s.end, s.text) for s in article.sentences],
        )

    def save_articles(self, articles: tuple[Article, ...] | list[Article], problems: tuple[Problem, ...] = ()) -> None:
        with self._transaction() as db:
            for article in articles:
                self._put_article(db, article)
            self._put_problems(db, problems)

    def _put_problems(self, db: sqlite3.Connection, problems: tuple[Problem, ...]) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        db.executemany(
            "INSERT OR REPLACE INTO problems VALUES (?,?,?)", [(p.path, p.reason, now) for p in problems]
        )

    def save_comparison(self, comparison: Comparison) -> None:
        """Articles, sentences, facts and the comparison itself, all or nothing."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction() as db:
            for article in comparison.articles:
                self._put_article(db, article)
            db.execute("DELETE FROM comparisons WHERE id = ?", (comparison.id,))
            db.execute(
                "INSERT INTO comparisons VALUES (?,?,?,?)",
                (comparison.id, now, comparison.aligner, comparison.to_json(indent=None)),
            )
            db.executemany(
                "INSERT INTO comparison_articles VALUES (?,?)", [(comparison.id, a.id) for a in comparison.articles]
            )
            for fact in comparison.facts:
                db.execute(
                    "INSERT INTO facts VALUES (?,?,?,?,?)",
                    (comparison.id, fact.id, fact.text, fact.status, fact.score),
                )
                db.executemany(
                    "INSERT OR IGNORE INTO fact_support VALUES (?,?,?)",
                    [(comparison.id, fact.id, s) for ids in fact.support.values() for s in ids],
                )
            for entity in comparison.entities:
                db.execute(
                    "INSERT INTO entities VALUES (?,?,?,?,?)",
                    (comparison.id, entity.id, entity.name, entity.type,
                     json.dumps(list(entity.variants), ensure_ascii=False)),
                )
                db.executemany(
                    "INSERT OR IGNORE INTO entity_mentions VALUES (?,?,?,?,?,?,?,?)",
                    [(comparison.id, entity.id, m.article_id, m.sentence_id, m.start, m.end, m.text, m.kind)
                     for m in entity.mentions],
                )
            self._put_problems(db, comparison.problems)

    def counts(self) -> dict[str, int]:
        tables = ("articles", "sentences", "removed", "comparisons", "facts", "fact_support", "problems",
                  "entities", "entity_mentions")
        return {t: int(self._db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables}

    def stored_entities(self) -> list[StoredEntity]:
        """Every entity of every stored comparison, for merging across the whole store."""
        rows = self._db.execute(
            "SELECT e.comparison_id, e.id, e.name, e.type, e.variants, COUNT(m.start) FROM entities e "
            "LEFT JOIN entity_mentions m ON m.comparison_id = e.comparison_id AND m.entity_id = e.id "
            "GROUP BY e.comparison_id, e.id ORDER BY e.comparison_id, e.id"
        )
        return [StoredEntity(c, i, n, t, tuple(json.loads(v)), k) for c, i, n, t, v, k in rows]

    def comparison_json(self, comparison_id: str) -> dict[str, object] | None:
        row = self._db.execute("SELECT data FROM comparisons WHERE id = ?", (comparison_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def problems(self) -> list[Problem]:
        return [Problem(p, r) for p, r in self._db.execute("SELECT path, reason FROM problems ORDER BY path")]
