"""wikidata-names (CC0): Latin name tokens vs their Russian spelling, with hard look-alike negatives.

Floors are the measured test-split figures minus 0.01 (`storydiff eval --dataset wikidata-names --split test`).
The transcription tables and the pair model were learned from the dev split only, with the dev sample set aside.
"""

from pathlib import Path

import pytest

from storydiff.config import Config

pytestmark = pytest.mark.slow

DEVDATA = Path(__file__).resolve().parents[2].parent / "shared" / "devdata"
DATA = DEVDATA / "names-wikidata-en-ru"

FLOORS = {"merge precision": 0.967, "merge recall": 0.897, "merge F1": 0.931}


@pytest.fixture(scope="module")
def report():
    if not (DATA / "wd_russian_80").exists():
        pytest.skip(f"devdata not available ({DATA}): the Wikidata name pairs are read from ../shared/devdata")
    from storydiff.eval.datasets import get_dataset

    return get_dataset("wikidata-names").run(DATA, "test", Config(), None)


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_above_floor(report, figure):
    assert report.figure(figure).value >= FLOORS[figure], report.to_text()


def test_beats_the_baseline(report):
    f1 = report.figure("merge F1")
    assert f1.baseline is not None and f1.value > f1.baseline + 0.1, report.to_text()
    precision = report.figure("merge precision")
    assert precision.baseline is not None and precision.value > precision.baseline, report.to_text()


def test_sample_is_balanced_and_deterministic(report):
    from storydiff.eval.datasets.wikidata_names import name_pairs

    assert report.figure("merge F1").count == 4000
    first = name_pairs(DATA, "test", 50)
    assert first == name_pairs(DATA, "test", 50)
    assert sum(item.same for item in first) == 50
    assert all(a.latin == b.latin and a.cyrillic != b.cyrillic for a, b in zip(first[::2], first[1::2], strict=True))


def test_one_inner_letter_apart_is_one_name_not_a_negative():
    from storydiff.eval.datasets.wikidata_names import _inner_variant

    assert _inner_variant("gerhardo", "gerardo")  # a silent h inside
    assert _inner_variant("bralt", "brault")
    assert not _inner_variant("malkov", "malkova")  # the other gender's form changes the end
    assert not _inner_variant("marta", "maria")  # a changed letter is another name
    assert not _inner_variant("hostrel", "ostrel")  # the first letter counts
