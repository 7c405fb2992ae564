"""Sentence alignment of Russian originals with their English translations (WMT21), test split."""

from pathlib import Path

import pytest

from storydiff.config import Config
from storydiff.eval.datasets import get_dataset

pytestmark = pytest.mark.slow

DEVDATA = Path(__file__).resolve().parents[2].parent / "shared" / "devdata"
LIMIT = None  # the whole split (32 documents, long TED talks included): about 40 s on two shared cores
FLOOR = 0.983  # sentence-align F1 measured on the whole test split (0.993) minus 0.01


@pytest.fixture(scope="module")
def report():
    path = DEVDATA / "parallel-wmt21-ru-en"
    if not (path / "docs.jsonl").exists():
        pytest.skip(f"{path} is not present (../shared/devdata is not part of a fresh clone)")
    return get_dataset("parallel-wmt21-ru-en").run(path, "test", Config(), LIMIT)


def test_floor(report):
    assert report.figure("sentence-align-f1").value >= FLOOR, report.to_text()


def test_beats_the_baseline(report):
    figure = report.figure("sentence-align-f1")
    assert figure.baseline is not None and figure.value > figure.baseline, report.to_text()
