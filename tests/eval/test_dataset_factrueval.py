"""factrueval (factRuEval-2016 dev set, MIT): Russian mention F1 and person identification.

Floors are the measured test-split figures minus 0.01 (`storydiff eval --dataset factrueval --split test`).
"""

from pathlib import Path

import pytest

from storydiff.config import Config

pytestmark = pytest.mark.slow

DEVDATA = Path(__file__).resolve().parents[2].parent / "shared" / "devdata"
DATA = DEVDATA / "ner-factrueval-ru"

FLOORS = {
    "mentions PER F1": 0.885,
    "mentions LOC F1": 0.863,
    "mentions ORG F1": 0.616,
    "mentions all F1": 0.805,
    "person identification pair precision": 0.99,
    "person identification pair F1": 0.831,
}


@pytest.fixture(scope="module")
def report():
    if not (DATA / "devset").is_dir():
        pytest.skip(f"devdata not available ({DATA}): factRuEval is read from ../shared/devdata")
    pytest.importorskip("natasha", reason="the Russian recogniser needs pip install 'storydiff[nlp]'")
    from storydiff.eval.datasets import get_dataset

    return get_dataset("factrueval").run(DATA, "test", Config(), None)


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_above_floor(report, figure):
    assert report.figure(figure).value >= FLOORS[figure], report.to_text()


def test_identification_beats_the_baseline(report):
    f1 = report.figure("person identification pair F1")
    assert f1.baseline is not None and f1.value > f1.baseline, report.to_text()


def test_reports_the_published_natasha_figure(report):
    assert "0.959" in report.figure("mentions PER F1").note
