"""The shared store: PostgreSQL, for several people or machines saving to one place.

The same tables, the same named migrations and the same behaviours as the SQLite store (`store.sqlite`):
every write is one transaction that replaces whole what it saves, a new store opened by several runs at
once is migrated once, the article text is stored once (see `store.codec`), and driver errors become
StoreError naming the URL without its password. Writers take a transaction-level advisory lock, so they
run one at a time as SQLite's do: no deadlock between two saves of the same articles, and migrations
never race. Readers never wait. Needs the `postgres` extra (psycopg 3), imported only when used.

Tables live in the connection's current schema, so one database can hold several stores:
`postgresql://host/db?options=-csearch_path%3Dmystore`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from storydiff.errors import MissingExtraError, StoreError
from storydiff.models import Article, Comparison, Problem
from storydiff.store import rows as shared_rows
from storydiff.store import story_rows
from storydiff.store.base import COUNTED, ComparisonSummary, StoredEntity, _without_password
from storydiff.store.codec import unpack_article, unpack_comparison
from storydiff.store.doctor import StoreHealth, check_postgres
from storydiff.store.errors import map_store_errors
from storydiff.store.migrations import MIGRATIONS, pending
from storydiff.store.story_rows import StoredStory

if TYPE_CHECKING:
    import numpy as np
    import psycopg
    from numpy.typing import NDArray

    from storydiff.stories import StoryEvent, StoryProfile

__all__ = ["PostgresStore"]

_PAGE = 64  # articles read per query by iter_articles
_CONNECT_TIMEOUT = 10  # seconds, unless the URL says otherwise: an unreachable host must not hang a run
_LOCK_WAIT = "60s"  # how long a writer waits for another one, as the SQLite store's busy timeout
# Sorting as Python does (code points), whatever the database's collation: listings are "by id".
_C = 'COLLATE "C"'


def _numpy() -> Any:
    try:
        import numpy
    except ImportError as exc:
        raise MissingExtraError("embeddings", "caching sentence embeddings") from exc
    return numpy


def _password(url: str) -> str | None:
    try:
        return urlsplit(url).password
    except ValueError:
        return None


def _lock_key(schema: str) -> int:
    """The advisory lock writers of this store take: one per schema, so two stores in one database
    do not wait for each other. A signed 64-bit number, as pg_advisory_xact_lock wants."""
    digest = hashlib.blake2b(f"storydiff:{schema}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class PostgresStore:
    def __init__(self, url: str, *, create: bool = True) -> None:
        self.url = url
        self._shown = _without_password(url)
        try:
            import psycopg
        except ImportError as exc:
            raise MissingExtraError("postgres", "a PostgreSQL store") from exc
        self._driver_errors: tuple[type[Exception], ...] = (psycopg.Error, OSError)
        with self._errors("open"):
            params: dict[str, Any] = psycopg.conninfo.conninfo_to_dict(url)
            params.setdefault("connect_timeout", _CONNECT_TIMEOUT)
            params.setdefault("application_name", "storydiff")
            # autocommit: transactions are opened explicitly (`_transaction`, `_snapshot`), never implied.
            self._db: psycopg.Connection[Any] = psycopg.connect(**params, autocommit=True)
            try:
                self._prepare()
                self._migrate(create)
            except BaseException:
                self._db.close()
                raise

    @property
    def location(self) -> str:
        return self._shown

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Driver errors as one-line StoreErrors; the password never in them, should libpq echo it."""
        try:
            with map_store_errors(self.location, doing, self._driver_errors):
                yield
        except StoreError as exc:
            message = " ".join(str(exc).split())
            password = _password(self.url)
            if password:
                message = message.replace(password, "***")
            if message == str(exc):
                raise
            raise StoreError(message) from exc.__cause__

    def _prepare(self) -> None:
        encoding = self._db.execute("SHOW server_encoding").fetchone()[0]  # type: ignore[index]
        if encoding != "UTF8":
            raise StoreError(
                f"{self.location}: the store needs a UTF8 database, this one is {encoding} "
                "(CREATE DATABASE ... ENCODING 'UTF8')"
            )
        schema = self._db.execute("SELECT current_schema()").fetchone()[0]  # type: ignore[index]
        if schema is None:
            raise StoreError(
                f"{self.location}: no schema to keep the store in (the search_path names none that exists)"
            )
        self.schema: str = schema
        self._lock = _lock_key(schema)
        if self._db.execute("SHOW lock_timeout").fetchone()[0] == "0":  # type: ignore[index]
            self._db.execute(f"SET lock_timeout = '{_LOCK_WAIT}'")

    def _applied(self, db: psycopg.Connection[Any]) -> set[str] | None:
        """The applied migrations, or None when this schema has no store yet."""
        found = db.execute(
            "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'"
        ).fetchone()
        if found is None:
            return None
        return {name for (name,) in db.execute("SELECT name FROM schema_migrations")}

    def applied_migrations(self) -> list[str]:
        """Names of the applied migrations, in the order this code knows them."""
        with self._errors("read"):
            done = self._applied(self._db) or set()
        return [m.name for m in MIGRATIONS if m.name in done]

    def _migrate(self, create: bool) -> None:
        # Read first without the lock: an up-to-date store (the usual case) opens for a read-only user.
        applied = self._applied(self._db)
        if applied is None and not create:
            raise StoreError(f"{self.location}: no store there")
        if applied is not None and not pending(applied, self.location):
            return
        # Read again under the writers' lock, so two runs opening a new store cannot both apply a step.
        # PostgreSQL's DDL is transactional: a failed step leaves the schema as it was.
        with self._transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            now = shared_rows.now()
            for migration in pending(self._applied(db) or set(), self.location):
                for statement in migration.statements():
                    db.execute(statement)
                db.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (%s, %s)", (migration.name, now))

    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Connection[Any]]:
        """One write transaction, holding the writers' lock: committed whole, or rolled back whole on
        any exception (psycopg's transaction block does the rollback)."""
        with self._errors("write to"), self._db.transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (self._lock,))
            yield self._db

    @contextmanager
    def _snapshot(self, doing: str = "read") -> Iterator[psycopg.Connection[Any]]:
        """Reads of several statements see one state of the store: a save in between is seen whole or
        not at all. Read only, so it never takes a lock a writer waits for."""
        with self._errors(doing), self._db.transaction():
            self._db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield self._db

    def close(self) -> None:
        with self._errors("close"):
            self._db.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Writing

    def save_articles(self, articles: Iterable[Article], problems: Iterable[Problem] = ()) -> None:
        with self._transaction() as db:
            for article in articles:
                shared_rows.put_article(db, "%s", article)
            shared_rows.put_problems(db, "%s", problems)

    def save_comparison(self, comparison: Comparison) -> None:
        """Articles, the comparison and its rows, all or nothing (see `rows.put_comparison`)."""
        with self._transaction() as db:
            shared_rows.put_comparison(db, "%s", comparison)

    def save_vectors(self, model: str, vectors: Mapping[str, Sequence[float] | NDArray[Any]]) -> None:
        found = shared_rows.vector_rows(model, vectors, _numpy())
        with self._transaction() as db, db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO vectors (model, key, dim, data) VALUES (%s,%s,%s,%s) "
                "ON CONFLICT (model, key) DO UPDATE SET dim = excluded.dim, data = excluded.data",
                found,
            )

    def forget_problems(self, paths: Iterable[str], replacements: Iterable[Problem] = ()) -> None:
        gone = list(paths)
        with self._transaction() as db:
            db.execute("DELETE FROM problems WHERE path = ANY(%s)", (gone,))
            shared_rows.put_problems(db, "%s", replacements)

    # Reading

    def _article(self, article_id: str, text: str, data: str) -> Article:
        try:
            return Article.from_dict(unpack_article(json.loads(data), text))
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"{self.location}: article {article_id} cannot be read back ({exc!r})") from exc

    def get_article(self, article_id: str) -> Article | None:
        with self._errors("read"):
            row = self._db.execute("SELECT text, data FROM articles WHERE id = %s", (article_id,)).fetchone()
            return self._article(article_id, row[0], row[1]) if row else None

    def iter_articles(self) -> Iterator[Article]:
        # The ids first, then a page at a time: no transaction stays open between yields, so the caller
        # may write to the store while iterating. Sorting ids "C" in SQL cannot use the primary key's
        # index (the database's collation), hence one sort of the ids rather than one per page.
        with self._errors("read"):
            ids = [i for (i,) in self._db.execute(f"SELECT id FROM articles ORDER BY id {_C}")]
        for n in range(0, len(ids), _PAGE):
            page = ids[n : n + _PAGE]
            with self._errors("read"):
                rows = {
                    i: (t, d)
                    for i, t, d in self._db.execute("SELECT id, text, data FROM articles WHERE id = ANY(%s)", (page,))
                }
                articles = [self._article(i, *rows[i]) for i in page if i in rows]  # one deleted meanwhile: gone
            yield from articles

    def _comparison(self, db: psycopg.Connection[Any], comparison_id: str) -> Comparison | None:
        row = db.execute("SELECT data FROM comparisons WHERE id = %s", (comparison_id,)).fetchone()
        if row is None:
            return None
        rows = {
            aid: (text, adata)
            for aid, text, adata in db.execute(
                "SELECT ca.article_id, a.text, ca.data FROM comparison_articles ca "
                "JOIN articles a ON a.id = ca.article_id WHERE ca.comparison_id = %s",
                (comparison_id,),
            )
        }
        try:
            data: dict[str, Any] = json.loads(row[0])
            ids: list[str] = data["articles"]
            missing = [aid for aid in ids if aid not in rows or rows[aid][1] is None]
            if missing:
                raise StoreError(
                    f"{self.location}: comparison {comparison_id} is damaged "
                    f"(articles {', '.join(missing)} are missing); run compare again"
                )
            articles = [unpack_article(json.loads(rows[aid][1]), rows[aid][0]) for aid in ids]
            return Comparison.from_dict(unpack_comparison(data, articles, {aid: rows[aid][0] for aid in ids}))
        except (KeyError, TypeError, ValueError) as exc:  # a damaged row, or a schema_version this code cannot read
            raise StoreError(f"{self.location}: comparison {comparison_id} cannot be read back ({exc})") from exc

    def get_comparison(self, comparison_id: str) -> Comparison | None:
        with self._snapshot() as db:
            return self._comparison(db, comparison_id)

    def comparison_json(self, comparison_id: str) -> dict[str, Any] | None:
        comparison = self.get_comparison(comparison_id)
        return comparison.to_dict() if comparison else None

    def comparisons(self) -> list[ComparisonSummary]:
        with self._errors("read"):
            rows = self._db.execute(
                "SELECT c.id, c.created_at, c.aligner, ca.article_id FROM comparisons c "
                "LEFT JOIN comparison_articles ca ON ca.comparison_id = c.id "
                f"ORDER BY c.created_at {_C}, c.id {_C}, ca.position, ca.article_id {_C}"
            ).fetchall()
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
            # One array parameter, however many keys: no limit on bound parameters to stay under.
            for key, dim, blob in self._db.execute(
                "SELECT key, dim, data FROM vectors WHERE model = %s AND key = ANY(%s)", (model, wanted)
            ):
                array = numpy.frombuffer(blob, dtype="<f4")
                if array.shape[0] != dim:
                    raise StoreError(f"{self.location}: cached vector {key} of {model} is damaged")
                found[key] = array.astype(numpy.float32)  # native byte order, and a copy the caller may change
        return found

    def counts(self) -> dict[str, int]:
        with self._snapshot() as db:
            return {t: int(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in COUNTED}  # type: ignore[index]

    def stored_entities(self) -> list[StoredEntity]:
        """Every entity of every stored comparison, for merging across the whole store."""
        with self._errors("read"):
            rows = self._db.execute(
                "SELECT e.comparison_id, e.id, e.name, e.type, e.variants, COUNT(m.start) FROM entities e "
                "LEFT JOIN entity_mentions m ON m.comparison_id = e.comparison_id AND m.entity_id = e.id "
                f"GROUP BY e.comparison_id, e.id, e.name, e.type, e.variants ORDER BY e.comparison_id {_C}, e.id {_C}"
            ).fetchall()
            return [StoredEntity(c, i, n, t, tuple(json.loads(v)), int(k)) for c, i, n, t, v, k in rows]

    # Stories (`storydiff batch`): the SQL is shared with SQLite in store.story_rows, with "%s" marks.

    def grouped_articles(self, article_ids: Iterable[str]) -> set[str]:
        with self._snapshot() as db:
            return story_rows.grouped_articles(db, "%s", article_ids)

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
        with self._transaction() as db:
            story_rows.save_story_state(
                db,
                "%s",
                profiles=profiles,
                groups=groups,
                gone=gone,
                titles=titles,
                events=events,
                batch=batch,
                now=shared_rows.now(),
            )

    def load_story_state(
        self, first_day: int | None, last_day: int | None, undated: bool
    ) -> tuple[list[StoryProfile], dict[str, str]]:
        with self._snapshot() as db:
            return story_rows.load_story_state(db, "%s", first_day, last_day, undated)

    def stories(self) -> list[StoredStory]:
        with self._snapshot() as db:
            return story_rows.read_stories(db, "%s")

    def story_article_ids(self, story_id: str) -> list[str]:
        with self._errors("read"):
            return story_rows.story_article_ids(self._db, "%s", story_id)

    def health(self) -> StoreHealth:
        with self._snapshot("check") as db:
            return check_postgres(db, self.location)

    def problems(self) -> list[Problem]:
        with self._errors("read"):
            rows = self._db.execute(f"SELECT path, reason FROM problems ORDER BY path {_C}, reason {_C}").fetchall()
        return [Problem(p, r) for p, r in rows]
