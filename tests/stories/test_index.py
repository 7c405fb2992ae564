"""The neighbour index: exact on small windows, HNSW on large ones, and the same answers."""

from __future__ import annotations

import builtins

import numpy as np
import pytest

from storydiff.stories.index import NeighbourIndex


def _vectors(count: int, seed: int = 4) -> np.ndarray:
    rng = np.random.default_rng(seed)
    matrix = rng.normal(size=(count, 32)).astype(np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_the_approximate_index_finds_what_the_exact_search_finds():
    pytest.importorskip("usearch")
    vectors = _vectors(3000)
    exact, approximate = NeighbourIndex(10**9, 8), NeighbourIndex(100, 8)
    for vector in vectors:
        exact.add(vector)
        approximate.add(vector)
    assert approximate.approximate and not exact.approximate
    window = list(range(0, 3000, 2))  # half the rows: the others are outside the time window
    hits = total = 0
    for query in _vectors(50, seed=9):
        truth = set(exact.nearest(query, window, 10))
        found = approximate.nearest(query, window, 10)
        assert set(found) <= set(window) and len(found) == 10
        hits += len(truth & set(found))
        total += 10
    assert hits / total >= 0.9


def test_without_usearch_the_search_stays_exact(monkeypatch):
    real_import = builtins.__import__

    def no_usearch(name, *args, **kwargs):
        if name.startswith("usearch"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_usearch)
    index = NeighbourIndex(5, 8)
    vectors = _vectors(40)
    for vector in vectors:
        index.add(vector)
    assert not index.approximate
    assert index.nearest(vectors[3], list(range(40)), 1) == [3]


def test_retired_rows_leave_the_index_and_the_others_keep_their_numbers():
    vectors = _vectors(300)
    index = NeighbourIndex(10**9, 8)
    assert [index.add(v) for v in vectors[:200]] == list(range(200))
    index.retire(range(0, 150))  # more than half: the live rows are packed
    assert len(index) == 50 and index._count == 50
    assert [index.add(v) for v in vectors[200:]] == list(range(200, 300))
    live = list(range(150, 300))
    assert index.nearest(vectors[170], live, 1) == [170] and index.nearest(vectors[250], live, 1) == [250]
    exact = NeighbourIndex(10**9, 8)
    for vector in vectors:
        exact.add(vector)
    for query in _vectors(20, seed=5):  # the same answers as an index that never retired anything
        assert index.nearest(query, live, 5) == exact.nearest(query, live, 5)


def _approximate_run(vectors: np.ndarray, queries: np.ndarray) -> list[list[int]]:
    index = NeighbourIndex(990, 8)  # the graph is built at once from 990 rows, then row by row
    for vector in vectors[:1000]:
        index.add(vector)
    index.retire(range(0, 200))
    for vector in vectors[1000:]:
        index.add(vector)
    assert index.approximate
    window = list(range(200, len(vectors)))
    return [index.nearest(query, window, 10) for query in queries]


def test_the_approximate_index_gives_the_same_answers_in_every_run():
    pytest.importorskip("usearch")
    # Near-duplicates, as a desk's reports of one event: the order the graph took its rows in decides
    # among close rows (a multi-threaded bulk add differed in about one run of three).
    base = _vectors(600)
    vectors = np.concatenate([base, base + 0.05 * _vectors(600, seed=6)])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[::13]
    first = _approximate_run(vectors, queries)
    assert all(len(found) == 10 and min(found) >= 200 for found in first)
    for _ in range(4):
        assert _approximate_run(vectors, queries) == first
