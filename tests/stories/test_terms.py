"""TermTable: bulk TF-IDF cosines agree with `term_cosine` one pair at a time."""

from __future__ import annotations

import math

import pytest

from storydiff.stories import term_cosine
from storydiff.stories.terms import TermTable

# Invented hashed stems: 1 "flood" (every row), 2 "dam", 3 "river", 4 "quake", 5 "harbour".
ROWS = [{1: 1.0, 2: 1.69, 3: 1.0}, {1: 1.0, 3: 2.1}, {1: 1.0, 4: 1.0}, {}, {5: 1.0, 4: 1.69}]


def _table() -> tuple[TermTable, dict[int, int]]:
    table, df = TermTable(), {}
    for row in ROWS:
        table.add(row)
        for slot in row:
            df[slot] = df.get(slot, 0) + 1
    return table, df


def test_bulk_cosines_match_one_pair_at_a_time_and_df_counts_rows():
    table, df = _table()
    assert len(table) == 5 and table.df(1) == 3 and table.df(99) == 0
    idf = lambda slot: math.log((1 + len(ROWS)) / (1 + df.get(slot, 0))) + 1.0  # noqa: E731
    # Known rows as queries, and a new article with a stem no row uses (99: it weighs in its norm only).
    for query in [*ROWS, {2: 1.0, 3: 1.0, 99: 1.0}]:
        got = table.cosines(query, range(len(ROWS)))
        assert got.tolist() == pytest.approx([term_cosine(query, row, idf) for row in ROWS], abs=1e-12)


def test_rows_sharing_no_stem_score_zero_and_empty_inputs_are_safe():
    table, _ = _table()
    assert table.cosines({5: 1.0}, [0, 1, 3]).tolist() == [0.0, 0.0, 0.0]
    assert table.cosines({}, [0, 1]).tolist() == [0.0, 0.0]
    assert table.cosines({1: 1.0}, []).tolist() == []
    # A query leaves nothing behind: the same query twice gives the same answer.
    first = table.cosines({2: 1.0, 3: 1.0}, [0, 1])
    assert table.cosines({2: 1.0, 3: 1.0}, [0, 1]).tolist() == first.tolist()


def test_the_vocabulary_grows_past_its_first_allocation():
    table = TermTable()
    for row in range(300):
        table.add({10 * row + k: 1.0 for k in range(5)})  # 1500 distinct stems
    assert table.df(2994) == 1 and table.df(2995) == 0
    assert table.cosines({2990: 1.0, 2991: 1.0}, [299, 0]).tolist()[1] == 0.0
    assert table.cosines({2990: 1.0, 2991: 1.0}, [299]).tolist()[0] > 0.5


def test_a_retired_row_gives_back_its_arrays_and_keeps_its_counts():
    table, df = _table()
    before = table.cosines({2: 1.0, 3: 1.0}, [1, 2, 4]).tolist()
    table.retire([0, 3])
    assert len(table) == 5 and table.df(2) == 1 and 0 not in table._columns
    # Rarities stay the corpus's: the live rows score as before.
    assert table.cosines({2: 1.0, 3: 1.0}, [1, 2, 4]).tolist() == before
    assert table.add({1: 1.0}) == 5 and table.df(1) == 4
    # A live row's stems come back as it gave them (same order: the same sums), so no dict is kept.
    assert list(table.terms(4).items()) == list(ROWS[4].items()) and table.terms(1) == ROWS[1]
