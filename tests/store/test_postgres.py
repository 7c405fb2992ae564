"""PostgreSQL specifics: routing and secrets, migrations (once, even when many runs open a new store
at once), whole-or-nothing writes, read-only users, and `health()` naming each kind of damage.

The shared behaviours are in test_contract.py; these tests need a server (see conftest.py) and skip
without one, except the few that must fail before any server is reached."""

from __future__ import annotations

import multiprocessing
import sys
import uuid
from dataclasses import replace
from urllib.parse import urlsplit, urlunsplit

import pytest

from storydiff.errors import MissingExtraError, StoreError
from storydiff.models import Problem
from storydiff.store import open_store
from storydiff.store.migrations import MIGRATIONS

psycopg = pytest.importorskip("psycopg")

from storydiff.store.postgres import PostgresStore  # noqa: E402  (after the skip: it needs psycopg)

ALL = [m.name for m in MIGRATIONS]
FORK = multiprocessing.get_context("fork")
UNREACHABLE = "postgresql://ann:s3cret-pw@127.0.0.1:1/stories"  # port 1: refused at once, no wait


def _sql(url, *statements):
    """Run statements in the test's schema, as another tool (or a damaged disk) might."""
    with psycopg.connect(url, autocommit=True) as db:
        return [
            db.execute(s).fetchall() if s.lstrip().upper().startswith("SELECT") else db.execute(s) for s in statements
        ]


def _tables(url):
    [rows] = _sql(url, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return sorted(name for (name,) in rows)


# Without a server


def test_an_unreachable_server_is_one_line_without_the_password():
    with pytest.raises(StoreError) as caught:
        open_store(UNREACHABLE)
    message = str(caught.value)
    assert message.startswith("postgresql://ann:***@127.0.0.1:1/stories: cannot open the store (")
    assert "s3cret-pw" not in message and "\n" not in message


def test_without_the_driver_the_message_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    with pytest.raises(MissingExtraError, match=r"pip install 'storydiff\[postgres\]'"):
        open_store(UNREACHABLE)


# With a server


def test_a_url_opens_a_migrated_postgresql_store(postgres_url):
    with open_store(postgres_url) as store:
        assert isinstance(store, PostgresStore)
        assert store.applied_migrations() == ALL
        assert ":***@" in store.location and "not-shown-3x" not in store.location
    assert "schema_migrations" in _tables(postgres_url) and "vectors" in _tables(postgres_url)
    with open_store(postgres_url, create=False) as store:  # opened again: nothing left to apply
        assert store.applied_migrations() == ALL


def test_without_create_an_empty_schema_is_no_store_and_stays_empty(postgres_url):
    with pytest.raises(StoreError, match="no store there"):
        open_store(postgres_url, create=False)
    assert _tables(postgres_url) == []


def test_refuses_a_store_with_a_migration_it_does_not_know(postgres_url):
    PostgresStore(postgres_url).close()
    _sql(postgres_url, "INSERT INTO schema_migrations VALUES ('9999_from_the_future', 'now')")
    with pytest.raises(StoreError, match="made by a newer storydiff.*9999_from_the_future"):
        open_store(postgres_url)


def test_rerun_with_fewer_sentences_leaves_no_stale_rows(postgres_url, demo_comparison):
    article = demo_comparison.articles[0]
    assert len(article.sentences) > 2 and article.removed
    with PostgresStore(postgres_url) as store:
        store.save_articles([article])
        store.save_articles([replace(article, sentences=article.sentences[:2], removed=())])
        assert store.counts()["sentences"] == 2 and store.counts()["removed"] == 0


def test_crash_mid_write_keeps_previous_state(postgres_url, demo_comparison, monkeypatch):
    with PostgresStore(postgres_url) as store:
        store.save_comparison(demo_comparison)
        before = store.counts()
        import storydiff.store.rows

        original, calls = storydiff.store.rows.put_article, []

        def failing(db, mark, article):
            calls.append(article)
            if len(calls) == 2:
                raise RuntimeError("simulated crash")
            original(db, mark, article)

        monkeypatch.setattr(storydiff.store.rows, "put_article", failing)
        with pytest.raises(RuntimeError):
            store.save_comparison(replace(demo_comparison, id="another-id"))
        monkeypatch.undo()
        assert store.counts() == before  # and the connection is usable after the rollback
        assert [c.id for c in store.comparisons()] == [demo_comparison.id]


def test_a_failed_statement_is_a_store_error_without_the_password(postgres_url, demo_comparison):
    with PostgresStore(postgres_url) as store:
        _sql(postgres_url, "ALTER TABLE problems ADD CONSTRAINT short CHECK (length(reason) < 5)")
        with pytest.raises(StoreError) as caught:
            store.save_articles([], [Problem("x.txt", "a reason too long")])
        assert ": cannot write to the store (" in str(caught.value) and "not-shown-3x" not in str(caught.value)
        assert store.problems() == []


def test_a_read_only_user_reads_and_is_refused_writes(postgres_url, demo_comparison):
    with PostgresStore(postgres_url) as store:
        store.save_comparison(demo_comparison)
        schema = store.schema
    role = f"reader_{uuid.uuid4().hex[:8]}"
    try:
        _sql(
            postgres_url,
            f"CREATE ROLE {role} LOGIN PASSWORD 'reader-pw'",
            f"GRANT USAGE ON SCHEMA {schema} TO {role}",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}",
        )
    except psycopg.errors.InsufficientPrivilege:
        pytest.skip("the test server's user may not create roles")
    parts = urlsplit(postgres_url)
    reader = urlunsplit(parts._replace(netloc=f"{role}:reader-pw@{parts.hostname}:{parts.port or 5432}"))
    try:
        with open_store(reader, create=False) as store:
            assert store.get_comparison(demo_comparison.id).to_json() == demo_comparison.to_json()
            assert store.health().consistent
            with pytest.raises(StoreError, match=r"cannot write to the store \(permission denied"):
                store.save_articles([], [Problem("x.txt", "is empty")])
    finally:
        _sql(postgres_url, f"DROP OWNED BY {role}", f"DROP ROLE {role}")


# Several runs at once


def _open_new_store_at_once(url, barrier, results):
    barrier.wait()
    try:
        with PostgresStore(url) as store:
            results.put(store.applied_migrations())
    except Exception as exc:  # reported to the parent, which fails the test
        results.put(repr(exc))


def _save_one(url, comparison, n, barrier, results):
    barrier.wait()
    try:
        with PostgresStore(url) as store:
            store.save_comparison(replace(comparison, id=f"{comparison.id}-{n}"))
            store.save_articles(reversed(comparison.articles), [Problem(f"bad-{n}.txt", "is empty")])
        results.put("saved")
    except Exception as exc:
        results.put(repr(exc))


def _together(target, args, n):
    barrier, results = FORK.Barrier(n), FORK.Queue()
    workers = [FORK.Process(target=target, args=(*args(i), barrier, results)) for i in range(n)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    return [results.get(timeout=5) for _ in workers]


def test_many_runs_opening_a_new_store_at_once_all_succeed(postgres_url):
    """What is applied is read under the advisory lock, so no run sees 'relation already exists'."""
    assert _together(_open_new_store_at_once, lambda i: (postgres_url,), 6) == [ALL] * 6


def test_concurrent_writers_all_land_and_the_store_stays_consistent(postgres_url, demo_comparison):
    assert _together(_save_one, lambda i: (postgres_url, demo_comparison, i), 4) == ["saved"] * 4
    with open_store(postgres_url, create=False) as store:
        health = store.health()
        assert health.consistent, health.to_text()
        assert (health.counts["articles"], health.counts["comparisons"], health.counts["problems"]) == (
            len(demo_comparison.articles),
            4,
            4,
        )
        for summary in store.comparisons():
            n = summary.id.rsplit("-", 1)[1]
            assert (
                store.get_comparison(summary.id).to_json()
                == replace(demo_comparison, id=f"{demo_comparison.id}-{n}").to_json()
            )


# health(): what `storydiff doctor` prints


@pytest.fixture
def saved(postgres_url, demo_comparison):
    with PostgresStore(postgres_url) as store:
        store.save_comparison(demo_comparison)
    return postgres_url


def _findings(url):
    with open_store(url, create=False) as store:
        return store.health().findings


def test_a_saved_comparison_is_consistent(saved, demo_comparison):
    with open_store(saved, create=False) as store:
        health = store.health()
    assert health.consistent, health.to_text()
    assert health.counts["articles"] == len(demo_comparison.articles) and health.counts["comparisons"] == 1
    assert health.to_text().startswith(f"{store.location}: consistent (")


def test_a_missing_fact_row_is_a_half_comparison(saved):
    _sql(saved, "DELETE FROM facts WHERE id = (SELECT min(id) FROM facts)")  # its support rows cascade
    assert sorted({f.kind for f in _findings(saved)}) == ["half comparison"]


def test_a_missing_article_row_of_a_comparison_is_named(saved):
    _sql(saved, "DELETE FROM comparison_articles WHERE article_id = (SELECT min(article_id) FROM comparison_articles)")
    (finding,) = _findings(saved)
    assert finding.kind == "half comparison" and "article rows for" in finding.detail


def test_rows_pointing_at_nothing_are_orphans(saved):
    # A foreign key dropped (by hand, or by a tool that rebuilt a table) lets an orphan in.
    _sql(
        saved,
        "ALTER TABLE sentences DROP CONSTRAINT sentences_article_id_fkey",
        "INSERT INTO sentences (id, article_id, start, \"end\") VALUES ('x-s0', 'gone', 0, 1)",
    )
    (finding,) = _findings(saved)
    assert finding.kind == "orphan" and "sentence without its article: x-s0" in finding.detail


def test_sentence_offsets_outside_the_text_are_named(saved):
    _sql(saved, 'UPDATE sentences SET "end" = 10000000 WHERE id = (SELECT min(id) FROM sentences)')
    assert [f.kind for f in _findings(saved)] == ["article"]


def test_an_invalid_index_is_named(saved):
    try:  # what a failed CREATE INDEX CONCURRENTLY leaves; marking it so by hand needs a superuser
        _sql(saved, "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'entities_name'::regclass")
    except psycopg.errors.InsufficientPrivilege:
        pytest.skip("the test server's user is not a superuser")
    (finding,) = _findings(saved)
    assert finding.kind == "index" and "entities_name" in finding.detail


def test_a_migration_missing_is_named(saved):
    # Checked on a bare connection: opening the store would apply the missing step first.
    from storydiff.store.doctor import check_postgres

    _sql(saved, "DELETE FROM schema_migrations WHERE name = '0006_vectors'")
    with psycopg.connect(saved) as db:
        (finding,) = check_postgres(db, "db").findings
    assert finding.kind == "migrations" and "0006_vectors" in finding.detail


# Stories (`storydiff batch`): the same rows as in a SQLite store


def _story_state(store, articles):
    import numpy as np

    from storydiff.stories import StoryEvent, StoryProfile

    first, second = articles[0].id, articles[1].id
    profiles = [
        StoryProfile(
            first,
            "en",
            20000,
            np.array([0.5, -1.0], dtype=np.float32),
            frozenset({"dam"}),
            frozenset({"12"}),
            "The dam",
        ),
        StoryProfile(second, "ru", None, np.array([1.0, 0.0], dtype=np.float32), frozenset(), frozenset()),
    ]
    store.save_articles(articles)
    store.save_story_state(
        profiles=profiles,
        groups={"s1": [first, second]},
        gone=[],
        titles={"s1": "The dam"},
        events=[StoryEvent("new", "s1", first), StoryEvent("join", "s1", second, (), 0.75)],
        batch="b1",
    )
    loaded, story_of = store.load_story_state(19990, 20010, True)
    return (
        sorted((p.article_id, p.language, p.day, p.vector.tolist(), sorted(p.keys), p.title) for p in loaded),
        story_of,
        [s.to_dict() for s in store.stories()],
        store.story_article_ids("s1"),
        store.grouped_articles([first, "not-stored"]),
    )


def test_stories_are_kept_as_in_a_sqlite_store(postgres_url, tmp_path, demo_comparison):
    pytest.importorskip("numpy")
    with open_store(tmp_path / "s.db") as lite, open_store(postgres_url) as pg:
        expected = _story_state(lite, demo_comparison.articles)
        assert _story_state(pg, demo_comparison.articles) == expected
        assert pg.health().consistent
    assert len(expected[0]) == 2 and expected[3] == sorted(a.id for a in demo_comparison.articles[:2])
