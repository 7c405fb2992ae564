"""Nearest neighbours among the articles a new one may meet.

Up to `ann_min_rows` rows in its window, an exact search (one matrix product) is both faster and
exact. Beyond, when usearch is installed (extra `ann`), an approximate HNSW index over every row
answers with `neighbours * ann_oversample` candidates, which are then kept to the window; if too
few are left (a small window in a large corpus), the exact search over the window decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["NeighbourIndex"]


class NeighbourIndex:
    def __init__(self, ann_min_rows: int, oversample: int) -> None:
        self.ann_min_rows = ann_min_rows
        self.oversample = oversample
        # One contiguous matrix, grown by doubling: a query scores it in one product, where stacking
        # the window's rows for every query cost more than the search itself.
        self._matrix: np.ndarray | None = None
        self._count = 0
        self._ann: Any = None
        self._ann_missing = False

    def __len__(self) -> int:
        return self._count

    @property
    def _vectors(self) -> np.ndarray:
        return self._matrix[: self._count] if self._matrix is not None else np.empty((0, 0), dtype=np.float32)

    def add(self, vector: np.ndarray) -> None:
        if self._matrix is None:
            self._matrix = np.empty((64, vector.shape[0]), dtype=vector.dtype)
        elif self._count == len(self._matrix):
            grown = np.empty((2 * len(self._matrix), self._matrix.shape[1]), dtype=self._matrix.dtype)
            grown[: self._count] = self._matrix
            self._matrix = grown
        self._matrix[self._count] = vector
        self._count += 1
        if self._ann is not None:
            self._ann.add(self._count - 1, vector.astype(np.float32))
        elif self._count >= self.ann_min_rows:
            self._start_ann()

    def _start_ann(self) -> None:
        if self._ann_missing:
            return
        try:
            from usearch.index import Index
        except ImportError:  # exact search only: correct, slower on a large window
            self._ann_missing = True
            return
        self._ann = Index(ndim=int(self._vectors.shape[1]), metric="cos", dtype="f32")
        self._ann.add(np.arange(self._count), self._vectors.astype(np.float32))

    @property
    def approximate(self) -> bool:
        return self._ann is not None

    def nearest(self, vector: np.ndarray, window: Sequence[int], count: int) -> list[int]:
        """Up to `count` rows of `window` closest to `vector`."""
        if not window:
            return []
        if self._ann is not None and len(window) > self.ann_min_rows:
            found = self._ann.search(vector.astype(np.float32), min(self._count, count * self.oversample))
            allowed = set(window)
            rows = [int(k) for k in found.keys if int(k) in allowed][:count]
            if len(rows) >= min(count, len(window)):
                return rows
        scores = (self._vectors @ vector)[np.asarray(window, dtype=np.intp)]
        order = np.argsort(-scores)[:count]
        return [window[int(k)] for k in order]
