"""Faults a store must survive: a run killed mid-write, several writers at once, a full disk, a
read-only file. After each one the store is consistent (`Store.health()`, what `storydiff doctor`
prints): every article once, no orphan rows, no half comparisons."""

import dataclasses
import multiprocessing
import os
import random
import signal
import stat
import time

import pytest

from storydiff.errors import StoreError
from storydiff.models import Problem
from storydiff.store import open_store
from storydiff.store.sqlite import SQLiteStore
from tests.store.test_sqlite import _unprivileged, shared_dir  # noqa: F401  (fixture)

FORK = multiprocessing.get_context("fork")


def _variant(comparison, n):
    return dataclasses.replace(comparison, id=f"{comparison.id}-{n}")


def _health(path):
    with open_store(path, create=False) as store:
        return store.health()


def _write_forever(path, comparison, ready):
    with SQLiteStore(path) as store:
        ready.set()
        n = 0
        while True:
            store.save_comparison(_variant(comparison, n % 7))
            store.save_articles(comparison.articles, [Problem(f"bad-{n}.txt", "is empty")])
            n += 1


@pytest.mark.slow
def test_sigkill_at_random_moments_never_leaves_a_half_write(tmp_path, demo_comparison):
    path = tmp_path / "s.db"
    SQLiteStore(path).close()
    rng = random.Random(20261127)
    for _ in range(12):
        ready = FORK.Event()
        writer = FORK.Process(target=_write_forever, args=(path, demo_comparison, ready))
        writer.start()
        assert ready.wait(30)
        time.sleep(rng.uniform(0.05, 0.8))
        os.kill(writer.pid, signal.SIGKILL)
        writer.join(10)
        health = _health(path)
        assert health.consistent, health.to_text()
    with open_store(path, create=False) as store:
        assert store.counts()["articles"] == len(demo_comparison.articles)  # every article once
        for summary in store.comparisons():  # and each comparison rebuilds whole
            assert store.get_comparison(summary.id).to_json() == _variant(
                demo_comparison, int(summary.id.rsplit("-", 1)[1])).to_json()


def _save_one(path, comparison, n, barrier, results):
    barrier.wait()
    try:
        with SQLiteStore(path) as store:
            store.save_comparison(_variant(comparison, n))
        results.put("saved")
    except Exception as exc:  # reported to the parent, which fails the test
        results.put(repr(exc))


@pytest.mark.parametrize("existing", [False, True], ids=["new store", "old store"])
def test_concurrent_writers_all_land_and_the_store_stays_consistent(tmp_path, demo_comparison, existing):
    path = tmp_path / "s.db"
    if existing:
        with SQLiteStore(path) as store:
            store.save_comparison(_variant(demo_comparison, 99))
    barrier, results = FORK.Barrier(4), FORK.Queue()
    writers = [FORK.Process(target=_save_one, args=(path, demo_comparison, n, barrier, results)) for n in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(120)
    assert [results.get(timeout=5) for _ in writers] == ["saved"] * 4
    health = _health(path)
    assert health.consistent, health.to_text()
    assert health.counts["comparisons"] == 4 + existing


def test_a_full_disk_fails_the_write_whole_and_says_so(tmp_path, demo_comparison):
    path = tmp_path / "s.db"
    with SQLiteStore(path) as store:
        store.save_comparison(_variant(demo_comparison, 0))
        before = store.counts()
        # The same error SQLite gives when the disk fills up: no page can be added.
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(StoreError) as caught:
            store.save_comparison(_variant(demo_comparison, 1))
        assert str(caught.value) == f"{path}: cannot write to the store (database or disk is full)"
        assert store.counts() == before  # nothing of the failed write is left
    health = _health(path)
    assert health.consistent, health.to_text()


def _health_text(path):
    try:
        return [_health(path).to_text()]
    except StoreError as exc:
        return [f"StoreError: {exc}"]


def test_a_read_only_store_can_still_be_checked(shared_dir, demo_comparison):  # noqa: F811
    path = os.path.join(shared_dir, "s.db")
    with SQLiteStore(path) as store:
        store.save_comparison(demo_comparison)
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    [text] = _unprivileged(_health_text, path)
    assert text.startswith(f"{path}: consistent ("), text
