"""ECB+ (two events of one kind per topic), test split, first LIMIT topics, 3+3 documents each."""

from pathlib import Path

import pytest

from storydiff.config import Config
from storydiff.eval.datasets import get_dataset

pytestmark = pytest.mark.slow

DEVDATA = Path(__file__).resolve().parents[2].parent / "shared" / "devdata"
LIMIT = 5  # topics, to stay under 90 s on two shared cores
FLOORS = {"sentence-pair-f1": 0.499, "story-grouping-bcubed-f1": 0.925}  # test split minus 0.01
CROSS_EVENT_CEILING = 0.01  # share of cross-event sentence pairs aligned, test split plus 0.01


@pytest.fixture(scope="module")
def report():
    path = DEVDATA / "events-ecbplus"
    if not (path / "ECBplus_coreference_sentences.csv").exists():
        pytest.skip(f"{path} is not present (../shared/devdata is not part of a fresh clone)")
    return get_dataset("events-ecbplus").run(path, "test", Config(), LIMIT)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floor(report, name):
    assert report.figure(name).value >= FLOORS[name], report.to_text()


def test_few_cross_event_pairs_aligned(report):
    figure = report.figure("cross-event-pairs-aligned")
    assert figure.value <= CROSS_EVENT_CEILING, report.to_text()
    assert figure.baseline is not None and figure.value < figure.baseline


# Sentence-pair F1 does not beat the cosine baseline yet (recall is lower; see the module docstring of
# storydiff.eval.datasets.ecbplus): precision and the cross-event share do.
@pytest.mark.parametrize("name", ["sentence-pair-precision", "story-grouping-bcubed-f1"])
def test_beats_the_baseline(report, name):
    figure = report.figure(name)
    assert figure.baseline is not None and figure.value > figure.baseline, report.to_text()
