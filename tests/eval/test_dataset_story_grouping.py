"""Corpus-level story grouping on ECB+, GVC and the generated corpus (test splits), beside the
TF-IDF + agglomerative baseline. Floors are the measured test figures minus 0.01."""

from pathlib import Path

import pytest

from storydiff.config import Config
from storydiff.eval.datasets import get_dataset

pytestmark = pytest.mark.slow

DEVDATA = Path(__file__).resolve().parents[2].parent / "shared" / "devdata"
# Measured on the test splits: ECB+ 0.971 (TF-IDF 0.867), GVC 0.961 (1.000; 0.970 before the rarity
# features), generated 0.979 (0.635), generated-dense 0.951 (dev seeds 0.948/0.961/0.960; 0.739
# before the merge cap and rarity features, 0.31 before the dated-pair features).
FLOORS = {
    "grouping-ecbplus": 0.961,
    "grouping-gvc": 0.96,
    "grouping-generated": 0.977,
    "grouping-generated-dense": 0.941,
}
FOLDERS = {
    "grouping-ecbplus": "events-ecbplus",
    "grouping-gvc": "incidents-gvc",
    "grouping-generated": "",
    "grouping-generated-dense": "",
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_story_grouping_floor(name):
    path = DEVDATA / FOLDERS[name]
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared/devdata is not part of a fresh clone)")
    report = get_dataset(name).run(path, "test", Config(), None)
    assert report.figure("story-grouping-bcubed-f1").value >= FLOORS[name], report.to_text()


def test_the_generated_corpus_is_grouped_better_than_tfidf():
    report = get_dataset("grouping-generated").run(DEVDATA, "test", Config(), 30)
    figure = report.figure("story-grouping-bcubed-f1")
    assert figure.value > figure.baseline, report.to_text()


NEWSWCL_FLOOR = 0.92  # held aside, never tuned on: all 25 articles measured 0.935 (TF-IDF 0.889)


def test_newswcl50_grouping_floor_held_aside():
    path = DEVDATA / "framing-newswcl50"
    if not (path / "urls.tsv").exists():
        pytest.skip(f"{path} is not present (../shared/devdata is not part of a fresh clone)")
    report = get_dataset("grouping-newswcl50").run(path, "all", Config(), None)
    figure = report.figure("story-grouping-bcubed-f1")
    assert figure.value >= NEWSWCL_FLOOR, report.to_text()
    assert figure.baseline is not None and figure.value > figure.baseline, report.to_text()
