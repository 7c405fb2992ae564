"""SQLite specifics: migrations (named, and from stores made before names), rows a rerun replaces,
failures that must be one-line StoreErrors, and several runs sharing one new store."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from storydiff.errors import StoreError
from storydiff.store import SQLiteStore, open_store
from storydiff.store.migrations import LEGACY_STEPS, MIGRATIONS, OLD_CODE_FENCE

ALL = [m.name for m in MIGRATIONS]

# The schema as storydiff built it before named migrations (PRAGMA user_version counted the steps),
# copied verbatim from that release: a legacy store in the tests is made exactly as it was.
OLD_MIGRATIONS = (
    # 1: articles and everything cleaning and analysis derive from them
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,            -- content hash of the decoded text
        path TEXT NOT NULL,
        source TEXT,
        language TEXT NOT NULL,
        headline TEXT,
        published TEXT,
        content_type TEXT NOT NULL,
        encoding TEXT NOT NULL,
        text TEXT NOT NULL,
        body TEXT NOT NULL,
        data TEXT NOT NULL              -- the article as JSON (schema_version 1)
    );
    CREATE TABLE removed (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        reason TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, start, end)
    );
    CREATE TABLE sentences (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX sentences_article ON sentences(article_id);
    CREATE TABLE comparisons (
        id TEXT PRIMARY KEY,            -- hash of the compared article ids
        created_at TEXT NOT NULL,
        aligner TEXT NOT NULL,
        data TEXT NOT NULL              -- the full comparison JSON
    );
    CREATE TABLE comparison_articles (
        comparison_id TEXT NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id),
        PRIMARY KEY (comparison_id, article_id)
    );
    CREATE TABLE facts (
        comparison_id TEXT NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (comparison_id, id)
    );
    CREATE TABLE fact_support (
        comparison_id TEXT NOT NULL,
        fact_id TEXT NOT NULL,
        sentence_id TEXT NOT NULL REFERENCES sentences(id),
        PRIMARY KEY (comparison_id, fact_id, sentence_id),
        FOREIGN KEY (comparison_id, fact_id) REFERENCES facts(comparison_id, id) ON DELETE CASCADE
    );
    """,
    # 2: inputs that could not be read are kept with their reason, never silently dropped
    """
    CREATE TABLE problems (
        path TEXT NOT NULL,
        reason TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (path, reason)
    );
    """,
    # 3: entities of each comparison, and every mention with its offsets
    """
    CREATE TABLE entities (
        comparison_id TEXT NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        variants TEXT NOT NULL,          -- JSON list
        PRIMARY KEY (comparison_id, id)
    );
    CREATE INDEX entities_name ON entities(name);
    CREATE TABLE entity_mentions (
        comparison_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id),
        sentence_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (comparison_id, entity_id, article_id, start),
        FOREIGN KEY (comparison_id, entity_id) REFERENCES entities(comparison_id, id) ON DELETE CASCADE
    );
    """,
)


def _old_save(db: sqlite3.Connection, comparison, *, spans: bool) -> None:
    """What the previous storydiff's save_comparison wrote: text in every row, the full JSON twice.
    Without `spans`, the JSON is that of a storydiff from before articles had them."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    data = comparison.to_dict()
    if not spans:
        for article in data["articles"]:
            del article["spans"]
    for article, adata in zip(comparison.articles, data["articles"], strict=True):
        db.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET data=excluded.data",
            (
                article.id,
                article.path,
                article.source,
                article.language,
                adata["headline"],
                article.published,
                article.content_type,
                article.encoding,
                article.text,
                article.body,
                json.dumps(adata, ensure_ascii=False, sort_keys=True),
            ),
        )
        db.execute("DELETE FROM removed WHERE article_id = ?", (article.id,))
        db.executemany(
            "INSERT INTO removed VALUES (?,?,?,?,?)",
            [(article.id, r.start, r.end, r.reason, r.text) for r in article.removed],
        )
        db.executemany(
            "INSERT OR REPLACE INTO sentences VALUES (?,?,?,?,?)",
            [(s.id, article.id, s.start, s.end, s.text) for s in article.sentences],
        )
    db.execute(
        "INSERT INTO comparisons VALUES (?,?,?,?)",
        (comparison.id, now, comparison.aligner, json.dumps(data, ensure_ascii=False, sort_keys=True)),
    )
    db.executemany("INSERT INTO comparison_articles VALUES (?,?)", [(comparison.id, a.id) for a in comparison.articles])
    for fact in comparison.facts:
        db.execute("INSERT INTO facts VALUES (?,?,?,?,?)", (comparison.id, fact.id, fact.text, fact.status, fact.score))
        db.executemany(
            "INSERT OR IGNORE INTO fact_support VALUES (?,?,?)",
            [(comparison.id, fact.id, s) for ids in fact.support.values() for s in ids],
        )
    for entity in comparison.entities:
        db.execute(
            "INSERT INTO entities VALUES (?,?,?,?,?)",
            (comparison.id, entity.id, entity.name, entity.type, json.dumps(list(entity.variants))),
        )
        db.executemany(
            "INSERT OR IGNORE INTO entity_mentions VALUES (?,?,?,?,?,?,?,?)",
            [
                (comparison.id, entity.id, m.article_id, m.sentence_id, m.start, m.end, m.text, m.kind)
                for m in entity.mentions
            ],
        )


@pytest.fixture
def legacy_store(tmp_path, demo_comparison):
    """A store as the previous storydiff left it (user_version 3): one comparison from before spans,
    and one with them."""
    path = tmp_path / "legacy.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("BEGIN")
    for script in OLD_MIGRATIONS:
        for statement in filter(str.strip, script.split(";")):
            db.execute(statement)
    db.execute("PRAGMA user_version = 3")
    with_spans = replace(demo_comparison, id="withspans000")
    _old_save(db, with_spans, spans=True)
    _old_save(db, demo_comparison, spans=False)  # last, so the article rows lack spans too
    db.execute("COMMIT")
    db.close()
    return path, with_spans


def test_migrates_and_saves(tmp_path, demo_comparison):
    with SQLiteStore(tmp_path / "s.db") as store:
        assert store.applied_migrations() == ALL
        assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        store.save_comparison(demo_comparison)
        counts = store.counts()
        assert counts["articles"] == len(demo_comparison.articles) == 4
        assert counts["facts"] == len(demo_comparison.facts)
        assert counts["entities"] == len(demo_comparison.entities)
        assert counts["entity_mentions"] == sum(len(e.mentions) for e in demo_comparison.entities)
        assert counts["quotes"] == len(demo_comparison.quotes)
        assert store.comparison_json(demo_comparison.id)["schema_version"] == 1
        assert store._db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_rerun_does_not_duplicate(tmp_path, demo_comparison):
    with SQLiteStore(tmp_path / "s.db") as store:
        store.save_comparison(demo_comparison)
        first = store.counts()
    with SQLiteStore(tmp_path / "s.db") as store:
        store.save_comparison(demo_comparison)
        assert store.counts() == first


def test_rerun_with_fewer_sentences_leaves_no_stale_rows(tmp_path, demo_comparison):
    article = demo_comparison.articles[0]
    assert len(article.sentences) > 2 and article.removed
    with SQLiteStore(tmp_path / "s.db") as store:
        store.save_articles([article])
        store.save_articles([replace(article, sentences=article.sentences[:2], removed=())])
        rows = store._db.execute("SELECT id FROM sentences WHERE article_id = ? ORDER BY id", (article.id,))
        assert [r[0] for r in rows] == sorted(s.id for s in article.sentences[:2])
        assert store.counts()["removed"] == 0


def test_the_text_is_stored_once(tmp_path, demo_comparison):
    """A paragraph's words are in articles.text and nowhere else: not in sentence rows, the article
    JSON, the comparison JSON, the debris or the mentions."""
    article = max(demo_comparison.articles, key=lambda a: len(a.text))
    paragraph = max(article.paragraphs, key=lambda p: len(p.text))
    with SQLiteStore(tmp_path / "s.db") as store:
        store.save_comparison(demo_comparison)
        tables = [t for (t,) in store._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found = [
            (table, value)
            for table in tables
            for row in store._db.execute(f"SELECT * FROM {table}")
            for value in row
            if isinstance(value, str) and paragraph.text in value
        ]
        assert [(table, value) for table, value in found] == [("articles", article.text)]
        debris = article.removed[0].text
        assert not store._db.execute("SELECT 1 FROM comparisons WHERE instr(data, ?)", (debris,)).fetchall()


def test_crash_mid_write_keeps_previous_state(tmp_path, demo_comparison, monkeypatch):
    path = tmp_path / "s.db"
    with SQLiteStore(path) as store:
        store.save_comparison(demo_comparison)
        before = store.counts()
        import storydiff.store.rows

        original = storydiff.store.rows.put_article
        calls = []

        def failing(db, mark, article):
            calls.append(article)
            if len(calls) == 2:
                raise RuntimeError("simulated crash")
            original(db, mark, article)

        monkeypatch.setattr(storydiff.store.rows, "put_article", failing)
        with pytest.raises(RuntimeError):
            store.save_comparison(demo_comparison)
    with SQLiteStore(path) as store:
        assert store.counts() == before


def test_refuses_newer_schema(tmp_path):
    path = tmp_path / "s.db"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StoreError, match="newer storydiff"):
        SQLiteStore(path)


def test_refuses_a_store_with_a_migration_it_does_not_know(tmp_path):
    path = tmp_path / "s.db"
    SQLiteStore(path).close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO schema_migrations VALUES ('9999_from_the_future', '2099-01-01T00:00:00+00:00')")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match=r"s\.db: made by a newer storydiff .*9999_from_the_future"):
        SQLiteStore(path)


def test_upgrades_an_older_store(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for script in OLD_MIGRATIONS[:2]:
        db.executescript(script)
    db.execute("PRAGMA user_version = 2")
    db.close()
    with SQLiteStore(path) as store:
        assert store.applied_migrations() == ALL
        assert store.counts()["entities"] == 0


def test_a_store_from_before_named_migrations_opens_and_migrates(legacy_store, demo_comparison):
    path, with_spans = legacy_store
    with SQLiteStore(path) as store:
        recorded = dict(store._db.execute("SELECT name, applied_at FROM schema_migrations").fetchall())
        assert sorted(recorded) == sorted(ALL) and set(LEGACY_STEPS) <= set(recorded)
        assert store.counts()["fact_support"] > 0  # rows kept through the table rebuild
        assert store._db.execute("PRAGMA foreign_key_check").fetchall() == []
        # Old comparisons stay listed and their JSON readable; the one from before spans cannot be rebuilt.
        assert {s.id for s in store.comparisons()} == {demo_comparison.id, with_spans.id}
        assert store.comparison_json(demo_comparison.id)["id"] == demo_comparison.id
        with pytest.raises(StoreError, match="stored by an older storydiff; run compare again to refresh it"):
            store.get_comparison(demo_comparison.id)
        with pytest.raises(StoreError, match="older storydiff"):
            store.get_article(demo_comparison.articles[0].id)
        assert store.get_comparison(with_spans.id).to_json() == with_spans.to_json()
        # Comparing again refreshes it, in the new layout.
        store.save_comparison(demo_comparison)
        assert store.get_comparison(demo_comparison.id).to_json() == demo_comparison.to_json()
        assert store.get_comparison(with_spans.id).to_json() == with_spans.to_json()
        assert store._db.execute("PRAGMA foreign_key_check").fetchall() == []
    # A storydiff from before named migrations reads user_version, and must now refuse the store.
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == OLD_CODE_FENCE > len(LEGACY_STEPS)
    db.close()


def test_open_store_without_create_makes_nothing(tmp_path):
    for missing in (tmp_path / "typo" / "x.db", tmp_path / "x.db"):
        with pytest.raises(StoreError, match="no store there"):
            open_store(missing, create=False)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path, create=False)


def test_open_store_opens_an_existing_store_without_create(tmp_path, demo_comparison):
    with open_store(str(tmp_path / "s.db")) as store:
        store.save_comparison(demo_comparison)
    with open_store(tmp_path / "s.db", create=False) as store:
        assert [s.id for s in store.comparisons()] == [demo_comparison.id]


def test_a_postgresql_url_is_not_a_path_and_the_password_stays_secret():
    """A URL goes to the PostgreSQL store (tests/store/test_postgres.py), never to a file of that name;
    port 1 refuses at once, so no server is needed to see the error."""
    from storydiff.errors import MissingExtraError

    with pytest.raises((StoreError, MissingExtraError)) as caught:
        open_store("postgresql://ann:s3cret@127.0.0.1:1/storydiff")
    assert "s3cret" not in str(caught.value)
    if isinstance(caught.value, StoreError):
        assert str(caught.value).startswith("postgresql://ann:***@127.0.0.1:1/storydiff: cannot open the store (")
    with pytest.raises(StoreError, match="not a store location"):
        open_store("ftp://example.org/s.db")


def test_a_file_that_is_not_a_store_is_a_store_error(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"junk\.db: cannot open the store"):
        open_store(junk)


# Read-only places. Root ignores permission bits, so as root the store is opened by a child that
# has dropped to nobody; the directory is world-writable for the same reason (SQLite's WAL needs to
# create its -shm file beside the store to read it).


@pytest.fixture
def shared_dir():
    import shutil
    import tempfile

    path = tempfile.mkdtemp(prefix="storydiff-store-")
    os.chmod(path, 0o777)
    yield path
    os.chmod(path, 0o755)
    shutil.rmtree(path)


def _read_then_write(path: str) -> list[str]:
    from storydiff.models import Problem

    outcomes = []
    try:
        with open_store(path, create=False) as store:
            outcomes.append(f"read {store.counts()['problems']}")
            store.save_articles([], [Problem("x.txt", "is empty")])
            outcomes.append("written")
    except StoreError as exc:
        outcomes.append(f"StoreError: {exc}")
    return outcomes


def _unprivileged(function, *args):
    import multiprocessing

    context = multiprocessing.get_context("fork")
    results = context.Queue()

    def child():
        try:
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            results.put(function(*args))
        except BaseException as exc:  # anything but a StoreError: reported, and the test fails
            results.put([f"{type(exc).__name__}: {exc}"])

    process = context.Process(target=child)
    process.start()
    process.join(60)
    return results.get(timeout=5)


def test_a_read_only_store_reads_and_refuses_writes(shared_dir):
    path = os.path.join(shared_dir, "s.db")
    SQLiteStore(path).close()
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    read, refused = _unprivileged(_read_then_write, path)
    assert read == "read 0"
    assert refused.startswith(f"StoreError: {path}: cannot write to the store (")


def test_a_store_in_a_read_only_directory_is_a_store_error(shared_dir):
    path = os.path.join(shared_dir, "s.db")
    SQLiteStore(path).close()
    os.chmod(path, 0o666)
    os.chmod(shared_dir, 0o555)
    [outcome] = _unprivileged(_read_then_write, path)
    assert outcome.startswith(f"StoreError: {path}: cannot open the store (")
    [outcome] = _unprivileged(_create, os.path.join(shared_dir, "new.db"))
    assert outcome.startswith(f"StoreError: {shared_dir}/new.db: cannot open the store (")


def _create(path: str) -> list[str]:
    try:
        SQLiteStore(path).close()
    except StoreError as exc:
        return [f"StoreError: {exc}"]
    return ["created"]


def test_entities_merge_across_the_store_but_generic_names_stay_apart(tmp_path):
    from storydiff import compare
    from storydiff.compare.entities import merge_across_stories
    from storydiff.names import NameMatcher
    from tests.conftest import DEMO

    with SQLiteStore(tmp_path / "s.db") as store:
        for story in ("monitors", "flood"):
            store.save_comparison(compare([str(DEMO / story)], embedder=None))
        merged = merge_across_stories(store.stored_entities(), NameMatcher())
    ostrel = [e for e in merged if e.name == "Ostrel"]
    assert len(ostrel) == 1 and ostrel[0].stories == 2  # the same town in both stories
    assert all(e.stories == 1 for e in merged if e.name == "Security Council")


def _open_new_store_at_once(path, barrier, results):
    barrier.wait()
    try:
        with SQLiteStore(path) as store:
            results.put(store.applied_migrations())
    except Exception as exc:  # reported to the parent, which fails the test
        results.put(repr(exc))


def test_many_runs_opening_a_new_store_at_once_all_succeed(tmp_path):
    """What is applied is read inside the write lock, so no run sees 'table already exists'."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    for attempt in range(5):
        path = tmp_path / f"new{attempt}.db"
        barrier, results = context.Barrier(8), context.Queue()
        workers = [context.Process(target=_open_new_store_at_once, args=(path, barrier, results)) for _ in range(8)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        outcomes = [results.get(timeout=5) for _ in workers]
        assert outcomes == [ALL] * 8, outcomes


def test_a_story_saved_from_part_of_its_members_keeps_the_others_and_a_merge_moves_them(tmp_path, demo_comparison):
    import numpy as np

    from storydiff.stories import StoryEvent, StoryProfile

    a1, a2, a3, b1 = (a.id for a in demo_comparison.articles[:4])

    def profile(article_id):
        return StoryProfile(article_id, "en", 100, np.array([1.0, 0.0], dtype=np.float32), frozenset(), frozenset())

    store = SQLiteStore(tmp_path / "s.db")
    store.save_articles(demo_comparison.articles)
    store.save_story_state(
        profiles=[profile(a1), profile(a2)], groups={"s-a": [a1, a2]}, gone=[], titles={}, events=[], batch="1"
    )
    store.save_story_state(profiles=[profile(b1)], groups={"s-b": [b1]}, gone=[], titles={}, events=[], batch="2")
    # A later window loaded only a2 of s-a (a1 lies outside its days); a3 joined.
    store.save_story_state(profiles=[profile(a3)], groups={"s-a": [a2, a3]}, gone=[], titles={}, events=[], batch="3")
    assert store.story_article_ids("s-a") == sorted([a1, a2, a3])
    # Then s-b absorbed s-a, having loaded only a3 of it: a1 and a2 follow.
    store.save_story_state(
        profiles=[],
        groups={"s-b": [b1, a3]},
        gone=["s-a"],
        titles={},
        events=[StoryEvent("merge", "s-b", a3, ("s-a",))],
        batch="4",
    )
    assert store.story_article_ids("s-b") == sorted([a1, a2, a3, b1])
    assert [s.id for s in store.stories()] == ["s-b"] and store.health().consistent
