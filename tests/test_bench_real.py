"""The batch benchmark's real-article mode: sets read through the dataset loaders (invented files in a
temporary folder), absent sets left out; and the benchmark itself on ../shared/devdata."""

import subprocess
import sys
from pathlib import Path

import pytest

from storydiff.bench.real import real_sets

DEVDATA = Path(__file__).resolve().parents[1].parent / "shared" / "devdata"


def _fake_devdata(root: Path) -> Path:
    pairs = root / "pairs-tgcontest-ru"
    pairs.mkdir(parents=True)
    rows = ["first_title\tfirst_text\tsecond_title\tsecond_text\tlabel"]
    for n in range(3):
        rows.append(f"Мост {n}\tВ Приморске открыли мост номер {n}.\tПаром\tПаром в Приморске отменён.\tBAD")
    (pairs / "pairs.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    polnear = root / "quotes-polnear-train"
    (polnear / "text").mkdir(parents=True)
    (polnear / "attributions").mkdir()
    for n in range(4):
        (polnear / "text" / f"story{n}.txt").write_text(
            f"Mayor Ilse Varga said bridge {n} would open.", encoding="utf-8"
        )
        (polnear / "attributions" / f"story{n}_ann1.ann").write_text("", encoding="utf-8")
    return root


def test_real_sets_read_present_folders_only_each_article_once(tmp_path):
    sets = dict(real_sets(_fake_devdata(tmp_path), per_set=3, split="all"))
    assert sorted(sets) == ["polnear-en", "tgcontest-ru"]  # no ECB+ or GVC folder here
    russian = sets["tgcontest-ru"]
    # Three distinct first articles, and the ferry article (the second of every pair) once.
    assert len(russian) == 3 and len({d.text for d in russian}) == 3
    assert russian[0].title == "Мост 0" and russian[0].text.startswith("Мост 0\n\n")
    assert [d.origin for d in sets["polnear-en"]] == ["story0", "story1", "story2"]
    assert all(d.content_type == "text" for docs in sets.values() for d in docs)


def test_the_split_halves_the_items(tmp_path):
    root = _fake_devdata(tmp_path)
    dev = {d.origin for d in dict(real_sets(root, 10, "dev"))["polnear-en"]}
    test = {d.origin for d in dict(real_sets(root, 10, "test"))["polnear-en"]}
    assert not dev & test and dev | test == {f"story{n}" for n in range(4)}


@pytest.mark.slow
@pytest.mark.skipif(not DEVDATA.is_dir(), reason="../shared/devdata is absent (a fresh clone)")
def test_benchmark_on_real_articles_prints_every_set_and_the_total():
    result = subprocess.run(
        [sys.executable, "-m", "storydiff.bench.batch", "--real", str(DEVDATA), "--per-set", "2"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    lines = result.stdout.splitlines()
    assert "vs spaCy" in lines[0]
    names = {line.split()[0] for line in lines[1:]}
    assert {"tgcontest-ru", "polnear-en", "all"} <= names
