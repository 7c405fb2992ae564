"""Nearest neighbours among the articles a new one may meet.

Rows are numbered in order of addition and never renumbered; a retired row (its story can no longer
be met) leaves the index, so it holds the live rows only, whatever the size of the corpus.

Up to `ann_min_rows` rows in its window, an exact search (one matrix product) is both faster and
exact. Beyond, when usearch is installed (extra `ann`), an approximate HNSW index over the live rows
answers with `neighbours * ann_oversample` candidates, which are then kept to the window; if too
few are left (a small window in a large corpus), the exact search over the window decides.

The HNSW graph depends on the order its rows arrive in: a multi-threaded bulk add inserts them in
an order the scheduler picks, so two runs of one input could find other neighbours (and a story
more or less). Every add, removal and search here is single-threaded, in row order, with fixed
graph parameters, so the same input gives the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

__all__ = ["NeighbourIndex"]

# usearch's defaults today, fixed here so that an upgrade does not change which neighbours are found.
_CONNECTIVITY, _EXPANSION_ADD, _EXPANSION_SEARCH = 16, 128, 64


class NeighbourIndex:
    def __init__(self, ann_min_rows: int, oversample: int) -> None:
        self.ann_min_rows = ann_min_rows
        self.oversample = oversample
        # One contiguous matrix (positions in order of addition, grown by doubling): a query scores it
        # in one product, where stacking the window's rows for every query cost more than the search.
        # Retired rows stay in place until they are half of it, then the live ones are packed.
        self._matrix: np.ndarray | None = None
        self._ids = np.empty(0, dtype=np.int64)  # position -> row, ascending
        self._alive = np.empty(0, dtype=bool)
        self._count = 0  # positions used
        self._live = 0
        self._next = 0  # the next row's number
        self._ann: Any = None
        self._ann_missing = False

    def __len__(self) -> int:
        """Live rows."""
        return self._live

    @property
    def _vectors(self) -> np.ndarray:
        return self._matrix[: self._count] if self._matrix is not None else np.empty((0, 0), dtype=np.float32)

    def add(self, vector: np.ndarray) -> int:
        """A new row; returns its number."""
        if self._matrix is None:
            self._resize(64, vector)
        elif self._count == len(self._matrix):
            self._resize(2 * len(self._matrix), vector)
        assert self._matrix is not None
        row = self._next
        self._next += 1
        self._matrix[self._count] = vector
        self._ids[self._count] = row
        self._alive[self._count] = True
        self._count += 1
        self._live += 1
        if self._ann is not None:
            self._ann.add(row, vector.astype(np.float32), threads=1)
        elif self._live >= self.ann_min_rows:
            self._start_ann()
        return row

    def _resize(self, size: int, vector: np.ndarray) -> None:
        dtype = self._matrix.dtype if self._matrix is not None else vector.dtype
        matrix = np.empty((size, vector.shape[0]), dtype=dtype)
        ids, alive = np.empty(size, dtype=np.int64), np.zeros(size, dtype=bool)
        if self._count:
            matrix[: self._count] = self._vectors
        ids[: self._count] = self._ids[: self._count]
        alive[: self._count] = self._alive[: self._count]
        self._matrix, self._ids, self._alive = matrix, ids, alive

    def retire(self, rows: Iterable[int]) -> None:
        """Rows no query will look for again: out of the index (their numbers are not reused)."""
        rows = np.fromiter(rows, dtype=np.int64)
        if not len(rows):
            return
        positions = self._positions(rows)
        self._alive[positions] = False
        self._live -= len(rows)
        if self._ann is not None:
            self._ann.remove(rows, threads=1)
        if self._count - self._live >= max(self._live, 64):  # half retired: pack the live rows
            keep = self._alive[: self._count]
            live_vectors, live_ids = self._vectors[keep], self._ids[: self._count][keep]
            assert self._matrix is not None
            size = max(64, 2 * len(live_ids))
            self._matrix = np.empty((size, self._matrix.shape[1]), dtype=self._matrix.dtype)
            self._ids, self._alive = np.empty(size, dtype=np.int64), np.zeros(size, dtype=bool)
            self._count = len(live_ids)
            self._matrix[: self._count] = live_vectors
            self._ids[: self._count] = live_ids
            self._alive[: self._count] = True

    def _positions(self, rows: np.ndarray) -> np.ndarray:
        return np.searchsorted(self._ids[: self._count], rows)

    def _start_ann(self) -> None:
        if self._ann_missing:
            return
        try:
            from usearch.index import Index
        except ImportError:  # exact search only: correct, slower on a large window
            self._ann_missing = True
            return
        self._ann = Index(
            ndim=int(self._vectors.shape[1]),
            metric="cos",
            dtype="f32",
            connectivity=_CONNECTIVITY,
            expansion_add=_EXPANSION_ADD,
            expansion_search=_EXPANSION_SEARCH,
        )
        keep = self._alive[: self._count]
        self._ann.add(self._ids[: self._count][keep], self._vectors[keep].astype(np.float32), threads=1)

    @property
    def approximate(self) -> bool:
        return self._ann is not None

    def nearest(self, vector: np.ndarray, window: Sequence[int], count: int) -> list[int]:
        """Up to `count` rows of `window` (live rows) closest to `vector`."""
        if not window:
            return []
        if self._ann is not None and len(window) > self.ann_min_rows:
            found = self._ann.search(vector.astype(np.float32), min(self._live, count * self.oversample), threads=1)
            allowed = set(window)
            rows = [int(k) for k in found.keys if int(k) in allowed][:count]
            if len(rows) >= min(count, len(window)):
                return rows
        scores = (self._vectors @ vector)[self._positions(np.asarray(window, dtype=np.int64))]
        order = np.argsort(-scores)[:count]
        return [window[int(k)] for k in order]
