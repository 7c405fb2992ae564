"""collection5 (Collection5 / ne5, no licence stated: measured only) and the NER scoring it shares
with factrueval. Scoring tests use invented spans; the dataset test reads ../shared/devdata.

Floors are the measured test-split figures on the first 80 documents minus 0.01
(`storydiff eval --dataset collection5 --split test --limit 80`).
"""

from pathlib import Path

import pytest

from storydiff.config import Config
from storydiff.eval.datasets._ner_sets import BCubed, Tally, aligned, token_tally, without_overlaps
from storydiff.eval.datasets.collection5 import _apart, _unquoted

DEVDATA = Path(__file__).resolve().parents[2].parent / "shared" / "devdata"
DATA = DEVDATA / "ner-collection5-ru"
LIMIT = 80

FLOORS = {
    "mentions PER F1": 0.916,
    "mentions ORG F1": 0.866,
    "mentions LOC F1": 0.96,
    "mentions all F1": 0.912,
    "naeval tokens PER F1": 0.958,
    "naeval tokens ORG F1": 0.914,
    "naeval tokens LOC F1": 0.974,
    "mentions glosses apart all F1": 0.949,
}


# --- scoring (invented examples) ---


def test_overlapping_spans_keep_the_earliest_longest():
    assert without_overlaps([(5, 9, "LOC"), (0, 9, "ORG"), (12, 15, "PER")]) == [(0, 9, "ORG"), (12, 15, "PER")]


def test_spans_off_token_bounds_are_dropped():
    tokens = [(0, 4), (5, 9)]
    assert aligned([(0, 9, "ORG"), (1, 4, "PER")], tokens) == [(0, 9, "ORG")]


def test_token_tally_gives_credit_for_each_word():
    from collections import defaultdict

    tally: dict[str, Tally] = defaultdict(Tally)
    text = "Банк Лиловый Остров открылся"
    token_tally(tally, [(5, 12, "ORG")], [(0, 19, "ORG")], text)  # one word of three found
    assert (tally["ORG"].tp, tally["ORG"].fp, tally["ORG"].fn) == (1, 0, 2)
    assert tally["all"].tp == 1


def test_bcubed_on_one_document():
    score = BCubed()
    score.add({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "y", "c": "y"})
    p, r, _ = score.prf()
    assert p == pytest.approx((1 + 0.5 + 0.5) / 3)
    assert r == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_quotes_go_only_from_both_sides():
    text = 'ЗАО "Тихая гавань" и "Сосна"'
    assert _unquoted(text, 21, 28) == (22, 27)
    assert _unquoted(text, 0, 18) == (0, 18)


def test_glosses_and_legal_forms_apart():
    text = 'Лев Вьюгин (Lev Vyugin) и ООО "Мох"'
    assert [text[s:e] for s, e, _ in _apart(text, 0, 23, "PER")] == ["Лев Вьюгин", "Lev Vyugin"]
    assert [text[s:e] for s, e, _ in _apart(text, 26, 35, "ORG")] == ["Мох"]
    assert _apart(text, 0, 10, "PER") == [(0, 10, "PER")]


# --- the dataset ---


@pytest.fixture(scope="module")
def report():
    if not (DATA / "ne5.raw.jsonl.gz").is_file():
        pytest.skip(f"devdata not available ({DATA}): Collection5 is read from ../shared/devdata")
    pytest.importorskip("natasha", reason="the Russian recogniser needs pip install 'storydiff[nlp]'")
    from storydiff.eval.datasets import get_dataset

    return get_dataset("collection5").run(DATA, "test", Config(), LIMIT)


@pytest.mark.slow
@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_above_floor(report, figure):
    assert report.figure(figure).value >= FLOORS[figure], report.to_text()


@pytest.mark.slow
def test_beats_natasha_alone_once_glosses_are_apart(report):
    f1 = report.figure("mentions glosses apart all F1")
    assert f1.baseline is not None and f1.value > f1.baseline, report.to_text()


@pytest.mark.slow
def test_reports_the_published_natasha_figure(report):
    assert "0.984" in report.figure("naeval tokens PER F1").note
