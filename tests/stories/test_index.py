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
