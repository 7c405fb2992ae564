"""Same story or not on real Russian news pairs (pairs-tgcontest-ru), test split, first LIMIT pairs."""

from pathlib import Path

import pytest

from storydiff.config import Config
from storydiff.eval.datasets import get_dataset

pytestmark = pytest.mark.slow

DEVDATA = Path(__file__).resolve().parents[2].parent / "shared" / "devdata"
LIMIT = 20  # pairs, to stay under 90 s on two shared cores
FLOORS = {"same-story-accuracy": 0.74, "same-story-f1": 0.773}  # measured on the test split minus 0.01


@pytest.fixture(scope="module")
def report():
    path = DEVDATA / "pairs-tgcontest-ru"
    if not (path / "pairs.tsv").exists():
        pytest.skip(f"{path} is not present (../shared/devdata is not part of a fresh clone)")
    return get_dataset("pairs-tgcontest-ru").run(path, "test", Config(), LIMIT)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floor(report, name):
    assert report.figure(name).value >= FLOORS[name], report.to_text()


@pytest.mark.xfail(strict=True, reason="known gap: the same-story model (fitted on tgcontest and ECB+ dev "
                   "together) says 'same' too often on tgcontest's hard negatives; on these 20 pairs whole-text "
                   "cosine is ahead (on the whole test split the two are level, 0.776)")
def test_beats_the_baseline(report):
    figure = report.figure("same-story-accuracy")
    assert figure.baseline is not None and figure.value >= figure.baseline, report.to_text()
