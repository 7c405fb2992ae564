"""factrueval (factRuEval-2016 dev set, MIT): Russian mention F1 and person identification.

Floors are the measured test-split figures minus 0.01 (`storydiff eval --dataset factrueval --split test`).
"""

from pathlib import Path

import pytest

from storydiff.config import Config

DEVDATA = Path(__file__).resolve().parents[2].parent / "shared" / "devdata"
DATA = DEVDATA / "ner-factrueval-ru"

FLOORS = {
    "mentions PER F1": 0.929,
    "mentions LOC F1": 0.885,
    "mentions ORG F1": 0.65,
    "mentions all F1": 0.837,
    "naeval tokens PER F1": 0.957,
    "naeval tokens LOC F1": 0.883,
    "naeval tokens ORG F1": 0.752,
    "person identification pair precision": 0.99,
    "person identification pair F1": 0.857,
    "person identification B3 F1": 0.944,
    "entity identification B3 F1": 0.955,
}


@pytest.fixture(scope="module")
def report():
    if not (DATA / "devset").is_dir():
        pytest.skip(f"devdata not available ({DATA}): factRuEval is read from ../shared/devdata")
    pytest.importorskip("natasha", reason="the Russian recogniser needs pip install 'storydiff[nlp]'")
    from storydiff.eval.datasets import get_dataset

    return get_dataset("factrueval").run(DATA, "test", Config(), None)


@pytest.mark.slow
@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_above_floor(report, figure):
    assert report.figure(figure).value >= FLOORS[figure], report.to_text()


@pytest.mark.slow
def test_identification_beats_the_baseline(report):
    f1 = report.figure("person identification pair F1")
    assert f1.baseline is not None and f1.value > f1.baseline, report.to_text()


@pytest.mark.slow
@pytest.mark.parametrize("figure", ["person identification B3 F1", "entity identification B3 F1"])
def test_identification_beats_the_surname_baseline(report, figure):
    f1 = report.figure(figure)
    assert f1.baseline is not None and f1.value > f1.baseline, report.to_text()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["PER", "ORG", "LOC"])
def test_mentions_beat_natasha_alone(report, kind):
    for figure in (f"mentions {kind} F1", f"naeval tokens {kind} F1"):
        f1 = report.figure(figure)
        assert f1.baseline is not None and f1.value > f1.baseline, report.to_text()


@pytest.mark.slow
def test_reports_the_published_natasha_figure(report):
    assert "0.959" in report.figure("mentions PER F1").note
    assert "0.825" in report.figure("naeval tokens ORG F1").note


# --- the set's conversion, on invented files in its published format ---


def test_conversion_of_descriptors_and_naeval_spans(tmp_path):
    from storydiff.eval.datasets.factrueval import load_documents

    text = "Глава компании Ромашка Ивар Глеймер посетил мэрию Тарска."
    (tmp_path / "book_1.txt").write_text(text, encoding="utf-8")
    spans = [
        ("1", "org_descr", "компании"),
        ("2", "org_name", "Ромашка"),
        ("3", "name", "Ивар"),
        ("4", "surname", "Глеймер"),
        ("5", "org_descr", "мэрию"),
        ("6", "loc_name", "Тарска"),
    ]
    (tmp_path / "book_1.spans").write_text(
        "".join(f"{i} {t} {text.index(w)} {len(w)} 0 1\n" for i, t, w in spans), encoding="utf-8"
    )
    (tmp_path / "book_1.objects").write_text("10 Org 1 2\n11 Person 3 4\n12 Org 5 6\n13 LocOrg 6\n", encoding="utf-8")
    (tmp_path / "book_1.coref").write_text("1 10\nname Ромашка\n\n2 11\n\n3 12\n\n4 13\n", encoding="utf-8")
    doc = load_documents(tmp_path)[0]
    words = {text[s:e] + "/" + k for s, e, k in doc.mentions.values()}
    assert words == {"Ромашка/ORG", "Ивар Глеймер/PER", "Тарска/ORG", "Тарска/LOC"}
    # naeval: an organisation only by its own name; "мэрию Тарска" gives none
    assert {text[s:e] + "/" + k for s, e, k in doc.standard} == {"Ромашка/ORG", "Ивар Глеймер/PER", "Тарска/LOC"}
    assert doc.named == {"10", "11", "13"}
    assert [sorted(e) for e in doc.entities] == [["10"], ["11"], ["12"], ["13"]]
