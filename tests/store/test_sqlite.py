import sqlite3

import pytest

from storydiff.store import SQLiteStore
from storydiff.store.migrations import MIGRATIONS


def test_migrates_and_saves(tmp_path, demo_comparison):
    with SQLiteStore(tmp_path / "s.db") as store:
        assert store.schema_version == len(MIGRATIONS)
        store.save_comparison(demo_comparison)
        counts = store.counts()
        assert counts["articles"] == len(demo_comparison.articles) == 4
        assert counts["facts"] == len(demo_comparison.facts)
        assert counts["entities"] == len(demo_comparison.entities)
        assert counts["entity_mentions"] == sum(len(e.mentions) for e in demo_comparison.entities)
        assert store.comparison_json(demo_comparison.id)["schema_version"] == 1


def test_rerun_does_not_duplicate(tmp_path, demo_comparison):
    with SQLiteStore(tmp_path / "s.db") as store:
        store.save_comparison(demo_comparison)
        first = store.counts()
    with SQLiteStore(tmp_path / "s.db") as store:
        store.save_comparison(demo_comparison)
        assert store.counts() == first


def test_crash_mid_write_keeps_previous_state(tmp_path, demo_comparison, monkeypatch):
    path = tmp_path / "s.db"
    with SQLiteStore(path) as store:
        store.save_comparison(demo_comparison)
        before = store.counts()
        original = store._put_article
        calls = []

        def failing(db, article):
            calls.append(article)
            if len(calls) == 2:
                raise RuntimeError("simulated crash")
            original(db, article)

        monkeypatch.setattr(store, "_put_article", failing)
        db = sqlite3.connect(path)
        db.execute("DELETE FROM articles WHERE 0")
        db.close()
        with pytest.raises(RuntimeError):
            store.save_comparison(demo_comparison)
    with SQLiteStore(path) as store:
        assert store.counts() == before


def test_refuses_newer_schema(tmp_path):
    path = tmp_path / "s.db"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    from storydiff.errors import StoreError

    with pytest.raises(StoreError, match="newer storydiff"):
        SQLiteStore(path)


def test_upgrades_an_older_store(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:2]:
        db.executescript(script)
    db.execute("PRAGMA user_version = 2")
    db.close()
    with SQLiteStore(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert store.counts()["entities"] == 0


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
            results.put(store.schema_version)
    except Exception as exc:  # reported to the parent, which fails the test
        results.put(repr(exc))


def test_many_runs_opening_a_new_store_at_once_all_succeed(tmp_path):
    """The schema version is read inside the write lock, so no run sees 'table already exists'."""
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
        assert outcomes == [len(MIGRATIONS)] * 8, outcomes
