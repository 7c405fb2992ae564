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
        self._vectors: list[np.ndarray] = []
        self._ann: Any = None
        self._ann_missing = False

    def __len__(self) -> int:
        return len(self._vectors)

    def add(self, vector: np.ndarray) -> None:
        self._vectors.append(vector)
        if self._ann is not None:
            self._ann.add(len(self._vectors) - 1, vector.astype(np.float32))
        elif len(self._vectors) >= self.ann_min_rows:
            self._start_ann()

    def _start_ann(self) -> None:
        if self._ann_missing:
            return
        try:
            from usearch.index import Index
        except ImportError:  # exact search only: correct, slower on a large window
            self._ann_missing = True
            return
        self._ann = Index(ndim=int(self._vectors[0].shape[0]), metric="cos", dtype="f32")
        self._ann.add(np.arange(len(self._vectors)), np.vstack(self._vectors).astype(np.float32))

    @property
    def approximate(self) -> bool:
        return self._ann is not None

    def nearest(self, vector: np.ndarray, window: Sequence[int], count: int) -> list[int]:
        """Up to `count` rows of `window` closest to `vector`."""
        if not window:
            return []
        if self._ann is not None and len(window) > self.ann_min_rows:
            found = self._ann.search(vector.astype(np.float32), min(len(self._vectors), count * self.oversample))
            allowed = set(window)
            rows = [int(k) for k in found.keys if int(k) in allowed][:count]
            if len(rows) >= min(count, len(window)):
                return rows
        matrix = np.vstack([self._vectors[k] for k in window])
        order = np.argsort(-(matrix @ vector))[:count]
        return [window[int(k)] for k in order]
