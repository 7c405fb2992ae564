"""The `Store` contract, run against every backend: what one gives back, all must."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime

import numpy as np
import pytest

from storydiff.errors import StoreError
from storydiff.models import Problem
from storydiff.store import Store, open_store
from tests.store.memory_store import InMemoryStore


@pytest.fixture(params=["sqlite", "memory", "postgresql"])
def store(request, tmp_path) -> Iterator[Store]:
    made: Store
    if request.param == "sqlite":
        made = open_store(tmp_path / "s.db")
    elif request.param == "postgresql":  # a schema of this test's own; skipped when there is no server
        made = open_store(request.getfixturevalue("postgres_url"))
    else:
        made = InMemoryStore()
    with made:
        yield made


def test_is_a_store(store):
    assert isinstance(store, Store)
    assert store.location


def test_comparison_comes_back_as_saved(store, demo_comparison):
    store.save_comparison(demo_comparison)
    back = store.get_comparison(demo_comparison.id)
    assert back is not None
    assert back.to_json() == demo_comparison.to_json()
    assert store.comparison_json(demo_comparison.id) == demo_comparison.to_dict()
    assert store.get_comparison("no-such-id") is None
    assert store.comparison_json("no-such-id") is None


def test_articles_come_back_as_saved(store, demo_comparison):
    problems = (Problem("missing.txt", "no such file"),)
    store.save_articles(demo_comparison.articles, problems)
    for article in demo_comparison.articles:
        back = store.get_article(article.id)
        assert back is not None and back.to_dict() == article.to_dict()
    assert [a.id for a in store.iter_articles()] == sorted(a.id for a in demo_comparison.articles)
    assert store.get_article("no-such-id") is None
    assert store.problems() == list(problems)


def test_comparisons_are_listed(store, demo_comparison):
    assert store.comparisons() == []
    store.save_comparison(demo_comparison)
    [summary] = store.comparisons()
    assert summary.id == demo_comparison.id
    assert summary.aligner == demo_comparison.aligner
    assert summary.article_ids == tuple(a.id for a in demo_comparison.articles)
    assert datetime.fromisoformat(summary.created_at).tzinfo is not None


def test_saving_twice_duplicates_nothing(store, demo_comparison):
    store.save_comparison(demo_comparison)
    first = store.counts()
    store.save_comparison(demo_comparison)
    store.save_articles(demo_comparison.articles)
    assert store.counts() == first
    assert len(store.comparisons()) == 1
    c = demo_comparison
    assert first["articles"] == len(c.articles) and first["comparisons"] == 1
    assert first["sentences"] == sum(len(a.sentences) for a in c.articles)
    assert first["facts"] == len(c.facts) and first["entities"] == len(c.entities)
    assert first["quotes"] == len(c.quotes) and first["quote_links"] == len(c.quote_links)


def test_a_later_article_save_does_not_change_a_saved_comparison(store, demo_comparison):
    """`clean --store` after `compare --store` saves the same article with fewer analyses: the
    comparison still gives back the articles it was made from, get_article the latest save."""
    store.save_comparison(demo_comparison)
    first = demo_comparison.articles[0]
    cleaned_only = replace(first, mentions=(), quotes=(), sentences=first.sentences[:1], analyses=("clean",))
    store.save_articles([cleaned_only])
    assert store.get_article(first.id).to_dict() == cleaned_only.to_dict()
    assert store.get_comparison(demo_comparison.id).to_json() == demo_comparison.to_json()


def test_entities_are_listed_for_merging(store, demo_comparison):
    store.save_comparison(demo_comparison)
    entities = store.stored_entities()
    assert sorted(e.id for e in entities) == sorted(e.id for e in demo_comparison.entities)
    by_id = {e.id: e for e in demo_comparison.entities}
    for stored in entities:
        assert stored.comparison_id == demo_comparison.id
        assert stored.name == by_id[stored.id].name and stored.variants == by_id[stored.id].variants
        assert 0 < stored.mentions <= len(by_id[stored.id].mentions)


def test_vectors_come_back_as_float32(store):
    store.save_vectors("use-m3", {"a1": [0.5, -1.25, 3.0], "b2": np.array([1e-3, 2.0], dtype=np.float64)})
    found = store.get_vectors("use-m3", ["a1", "b2", "not-cached"])
    assert set(found) == {"a1", "b2"}
    assert all(v.dtype == np.float32 for v in found.values())
    np.testing.assert_array_equal(found["a1"], np.array([0.5, -1.25, 3.0], dtype=np.float32))
    np.testing.assert_allclose(found["b2"], [1e-3, 2.0], rtol=1e-6)
    found["a1"][0] = 99  # the caller's copy: the cache is unchanged
    assert store.get_vectors("use-m3", ["a1"])["a1"][0] == 0.5
    assert store.get_vectors("other-model", ["a1"]) == {}
    store.save_vectors("use-m3", {"a1": np.zeros(3, dtype=np.float32)})  # saved again: replaced
    np.testing.assert_array_equal(store.get_vectors("use-m3", ["a1"])["a1"], np.zeros(3))
    assert store.counts()["vectors"] == 2


def test_many_vectors_at_once(store):
    vectors = {f"k{i}": np.full(4, i, dtype=np.float32) for i in range(1200)}
    store.save_vectors("m", vectors)
    found = store.get_vectors("m", list(vectors))
    assert len(found) == 1200 and found["k1199"][0] == 1199


def test_a_closed_store_raises_store_error(store):
    store.close()
    with pytest.raises(StoreError):
        store.counts()


def test_forgotten_problems_leave_the_quarantine_and_replacements_come_in(store):
    store.save_articles([], [Problem("a.txt", "is empty"), Problem("b.html", "no main text"),
                             Problem("b.html", "looks binary")])
    store.forget_problems(["b.html", "never-seen.txt"], [Problem("b.html", "still no main text")])
    assert store.problems() == [Problem("a.txt", "is empty"), Problem("b.html", "still no main text")]
    store.forget_problems(["a.txt"])
    assert store.problems() == [Problem("b.html", "still no main text")]
