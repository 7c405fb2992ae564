"""`Store.health()`: a consistent store says so; each kind of damage is named."""

import sqlite3

import pytest

from storydiff.store import open_store
from storydiff.store.sqlite import SQLiteStore


@pytest.fixture
def saved(tmp_path, demo_comparison):
    path = tmp_path / "s.db"
    with SQLiteStore(path) as store:
        store.save_comparison(demo_comparison)
    return path


def _damage(path, *statements):
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = OFF")  # the kind of write an older or foreign tool might do
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


def _kinds(path):
    with open_store(path, create=False) as store:
        return sorted({f.kind for f in store.health().findings})


def test_a_saved_comparison_is_consistent(saved, demo_comparison):
    with open_store(saved, create=False) as store:
        health = store.health()
    assert health.consistent, health.to_text()
    assert health.counts["articles"] == len(demo_comparison.articles) and health.counts["comparisons"] == 1
    assert health.to_text().startswith(f"{saved}: consistent (")


def test_a_missing_fact_row_is_a_half_comparison(saved):
    _damage(saved, "DELETE FROM fact_support", "DELETE FROM facts WHERE rowid IN (SELECT rowid FROM facts LIMIT 1)")
    assert _kinds(saved) == ["half comparison"]


def test_a_missing_article_row_of_a_comparison_is_named(saved):
    _damage(saved, "DELETE FROM comparison_articles WHERE rowid IN (SELECT rowid FROM comparison_articles LIMIT 1)")
    with open_store(saved, create=False) as store:
        (finding,) = store.health().findings
    assert finding.kind == "half comparison" and "article rows for" in finding.detail


def test_rows_pointing_at_nothing_are_orphans(saved):
    _damage(saved, "INSERT INTO sentences (id, article_id, start, \"end\") VALUES ('x-s0', 'gone', 0, 1)",
            "DELETE FROM quotes WHERE rowid IN (SELECT rowid FROM quotes LIMIT 1)")
    with open_store(saved, create=False) as store:
        health = store.health()
    text = health.to_text()
    assert not health.consistent
    assert "sentence without its article: x-s0" in text
    assert "half comparison" in text  # the quote row the comparison JSON still lists


def test_sentence_offsets_outside_the_text_are_named(saved):
    _damage(saved, "UPDATE sentences SET \"end\" = 10000000 WHERE rowid IN (SELECT rowid FROM sentences LIMIT 1)")
    assert _kinds(saved) == ["article"]


def test_a_damaged_file_is_reported_as_damage_never_as_consistent(tmp_path, saved):
    from storydiff.errors import StoreError

    data = bytearray(saved.read_bytes())
    data[4096 * 2: 4096 * 4] = b"\xff" * (4096 * 2)  # keep the header, overwrite table pages
    broken = tmp_path / "broken.db"
    broken.write_bytes(bytes(data))
    try:
        with open_store(broken, create=False) as store:
            health = store.health()
    except StoreError as exc:  # damage SQLite sees at once: one line naming the file
        assert str(exc).startswith(f"{broken}: cannot ")
    else:
        assert not health.consistent and health.findings[0].kind == "integrity", health.to_text()
