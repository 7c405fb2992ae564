"""Sentence alignment of two texts that translate or reprint each other.

A translation keeps the order of its original, so the pairing is a monotonic path through the two
sentence lists (Gale & Church, Bleualign, Vecalign): a dynamic programme over beads of 1-1, 1-2, 2-1
(up to `parallel_max_bead` sentences a side) and 1-0 / 0-1 skips. A bead scores the embedding
cosine of its sentences (joined when there are several) less the mean cosine of each side's nearest
neighbours in the other text: a hub sentence ("Thank you.") close to everything gains nothing.
The programme runs in a band around the diagonal, widened by the length difference, so its cost
grows with the length of the texts rather than with their product.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storydiff.config import AlignmentSettings
from storydiff.embed import Embedder

__all__ = ["Bead", "align_parallel"]


@dataclass(frozen=True)
class Bead:
    """Sentences of the first text (indices) that translate these sentences of the second; one side
    is empty for a sentence left without counterpart."""

    first: tuple[int, ...]
    second: tuple[int, ...]
    score: float


def _windows(vectors: np.ndarray, texts: Sequence[str], size: int, embedder: Embedder) -> np.ndarray:
    """Vectors of every run of `size` consecutive sentences (the run's text encoded as one)."""
    if size == 1:
        return vectors
    joined = [" ".join(texts[i : i + size]) for i in range(len(texts) - size + 1)]
    return np.asarray(embedder.encode(joined), dtype=np.float32) if joined else np.zeros((0, vectors.shape[1]))


def _hubness(cosine: np.ndarray, k: int, axis: int) -> np.ndarray:
    """Mean of the k largest cosines along `axis`: how close a sentence is to the other text at large."""
    if cosine.shape[axis] == 0:
        return np.zeros(cosine.shape[1 - axis], dtype=np.float32)
    k = min(k, cosine.shape[axis])
    top = -np.partition(-cosine, k - 1, axis=axis)
    top = top[:k] if axis == 0 else top[:, :k]
    result: np.ndarray = top.mean(axis=axis)
    return result


def align_parallel(
    first: Sequence[str],
    second: Sequence[str],
    embedder: Embedder,
    settings: AlignmentSettings | None = None,
) -> list[Bead]:
    """Beads covering every sentence of both texts once, in order."""
    s = settings or AlignmentSettings()
    n, m = len(first), len(second)
    if not n or not m:
        return [Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)]
    single_a = np.asarray(embedder.encode(list(first)), dtype=np.float32)
    single_b = np.asarray(embedder.encode(list(second)), dtype=np.float32)
    sizes = range(1, max(1, s.parallel_max_bead) + 1)
    runs_a = {k: _windows(single_a, first, k, embedder) for k in sizes if k <= n}
    runs_b = {k: _windows(single_b, second, k, embedder) for k in sizes if k <= m}
    shapes = [(p, q) for p in runs_a for q in runs_b if p + q <= s.parallel_max_bead + 1]
    # Bead score: cosine less the hubness of both sides, each measured against the other's sentences.
    margin: dict[tuple[int, int], np.ndarray] = {}
    for p, q in shapes:
        cosine = runs_a[p] @ runs_b[q].T
        hub_a = _hubness(runs_a[p] @ single_b.T, s.parallel_neighbours, axis=1)
        hub_b = _hubness(single_a @ runs_b[q].T, s.parallel_neighbours, axis=0)
        extra = s.parallel_merge_penalty * (p + q - 2)
        margin[(p, q)] = cosine - 0.5 * (hub_a[:, None] + hub_b[None, :]) - extra
    # Band: |j - i·m/n| within `parallel_band` plus the length difference (a reprint may cut a block).
    width = s.parallel_band + abs(n - m)

    def inside(i: int, j: int) -> bool:
        return abs(j - i * m / n) <= width

    best = np.full((n + 1, m + 1), -np.inf)
    back: dict[tuple[int, int], tuple[int, int]] = {}
    best[0, 0] = 0.0
    moves = [(1, 0), (0, 1), *shapes]
    for i in range(n + 1):
        centre = i * m / n
        for j in range(max(0, int(centre - width)), min(m, int(centre + width) + 1) + 1):
            if (i or j) == 0 or not inside(i, j):
                continue
            top, step = -np.inf, (0, 0)
            for p, q in moves:
                pi, pj = i - p, j - q
                if pi < 0 or pj < 0 or best[pi, pj] == -np.inf:
                    continue
                gain = -s.parallel_skip if not (p and q) else float(margin[(p, q)][pi, pj])
                if best[pi, pj] + gain > top:
                    top, step = best[pi, pj] + gain, (p, q)
            best[i, j] = top
            back[(i, j)] = step
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        p, q = back[(i, j)]
        score = float(margin[(p, q)][i - p, j - q]) if p and q else 0.0
        beads.append(Bead(tuple(range(i - p, i)), tuple(range(j - q, j)), score))
        i, j = i - p, j - q
    return beads[::-1]
