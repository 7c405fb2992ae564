"""The cost-curve benchmark runs the real batch path on a generated corpus and reports its figures."""

from __future__ import annotations

import pytest

from storydiff.bench.curve import _child


@pytest.mark.slow
def test_one_size_of_the_curve_goes_through_the_batch_path(tmp_path):
    row = _child(24, 12, tmp_path)
    assert row["analysed"] == 24 and row["days"] == 2
    assert 1 <= row["stories"] <= 24 and row["rate"] > 0 and 0 < row["batch_mb"] <= row["peak_mb"]
    assert row["gold_stories"] >= 1 and 0.0 < row["b_cubed"] <= 1.0
    assert 1 <= row["live_rows"] <= 24
