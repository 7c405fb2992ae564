"""The hashed word stems of every article the grouper holds, for TF-IDF cosines in bulk.

An article meets dozens of candidates, and a re-checked story scores all its pairs: one cosine at a
time over Python dicts cost more than every other feature together. Here each row's stems are kept
as arrays (columns of a shared vocabulary, sublinear counts) beside the vocabulary's document
frequencies, so one query scores all its candidates in a few array operations. Weights follow
`grouping.term_cosine` exactly: IDF `log((1 + N) / (1 + df)) + 1` over the `N` rows added so far.

A retired row (its story can no longer be met) gives back its arrays but stays in `N` and in the
document frequencies: how rare a word is stays what the corpus says, so retiring changes no score.
What is kept per stem is a count: the vocabulary grows with the corpus far slower than the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

__all__ = ["TermTable"]


class TermTable:
    def __init__(self) -> None:
        self._column: dict[int, int] = {}  # hashed stem -> column
        self._slots: list[int] = []  # column -> hashed stem
        self._df = np.zeros(1024, dtype=np.int64)  # column -> rows using it (grown by doubling)
        self._columns: dict[int, NDArray[np.intp]] = {}  # live row -> its columns
        self._counts: dict[int, NDArray[np.float64]] = {}  # live row -> their sublinear counts
        self._rows = 0  # rows added, retired ones included
        # A query's weights spread over the vocabulary, zeroed again after each query.
        self._dense = np.zeros(1024, dtype=np.float64)

    def __len__(self) -> int:
        """Rows added, retired ones included: the `N` of the IDF."""
        return self._rows

    def df(self, slot: int) -> int:
        """How many rows use the stem."""
        column = self._column.get(slot)
        return int(self._df[column]) if column is not None else 0

    def add(self, terms: dict[int, float]) -> int:
        """A new row: its stems count once each in the document frequencies. Returns its number."""
        for slot in terms:
            if slot not in self._column:
                self._column[slot] = len(self._slots)
                self._slots.append(slot)
        columns = np.fromiter((self._column[slot] for slot in terms), np.intp, len(terms))
        if len(self._column) > len(self._df):
            size = max(2 * len(self._df), len(self._column))
            self._df = np.concatenate([self._df, np.zeros(size - len(self._df), dtype=np.int64)])
            self._dense = np.zeros(size, dtype=np.float64)
        self._df[columns] += 1  # a row's columns are distinct
        row = self._rows
        self._rows += 1
        self._columns[row] = columns
        self._counts[row] = np.fromiter(terms.values(), np.float64, len(terms))
        return row

    def terms(self, row: int) -> dict[int, float]:
        """A live row's stems and counts, in the order it gave them: the same query as its own dict,
        so a caller need not keep the dicts (the largest part of a profile)."""
        return {self._slots[c]: w for c, w in zip(self._columns[row].tolist(), self._counts[row].tolist(), strict=True)}

    def retire(self, rows: Iterable[int]) -> None:
        """Rows no query will score again: their arrays go, their counts stay (see the module)."""
        for row in rows:
            del self._columns[row], self._counts[row]

    def _idf(self, df: NDArray[np.int64]) -> NDArray[np.float64]:
        idf: NDArray[np.float64] = np.log((1 + len(self)) / (1 + df)) + 1.0
        return idf

    def cosines(self, terms: dict[int, float], rows: Sequence[int]) -> NDArray[np.float64]:
        """The TF-IDF cosine of `terms` (a row's or a new article's) with each of `rows` (live rows),
        0 where they share no stem; IDF over the rows added so far."""
        out = np.zeros(len(rows), dtype=np.float64)
        if not terms or not rows:
            return out
        known = [(self._column[slot], count) for slot, count in terms.items() if slot in self._column]
        counts = np.fromiter(terms.values(), np.float64, len(terms))
        # Stems no row uses weigh in the query's norm only (document frequency 0).
        df = np.zeros(len(terms), dtype=np.int64)
        if known:
            columns = np.fromiter((c for c, _ in known), np.intp, len(known))
            df[: len(known)] = self._df[columns]
            counts = np.concatenate([[w for _, w in known], [w for s, w in terms.items() if s not in self._column]])
        query_norm = float(np.sqrt(np.sum((counts * self._idf(df)) ** 2)))
        if not known or not query_norm:
            return out
        idf = self._idf(df[: len(known)])
        dense = self._dense
        dense[columns] = counts[: len(known)] * idf * idf
        try:
            row_columns = [self._columns[r] for r in rows]
            lengths = np.fromiter((len(c) for c in row_columns), np.intp, len(rows))
            if not lengths.any():
                return out
            flat = np.concatenate(row_columns)
            weights = np.concatenate([self._counts[r] for r in rows])
            segment = np.repeat(np.arange(len(rows)), lengths)
            dots = np.bincount(segment, weights=weights * dense[flat], minlength=len(rows))
            norms = np.sqrt(
                np.bincount(segment, weights=(weights * self._idf(self._df[flat])) ** 2, minlength=len(rows))
            )
        finally:
            dense[columns] = 0.0
        shared = (dots != 0) & (norms != 0)
        out[shared] = dots[shared] / (query_norm * norms[shared])
        return out
