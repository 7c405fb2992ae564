"""`storydiff rejects` and `storydiff doctor` as a user runs them."""

from __future__ import annotations

import json
import shutil

from storydiff.cli import main
from tests.conftest import DEMO

FLOOD = sorted((DEMO / "flood").iterdir())
FAST = ["--no-entities", "--no-embeddings"]


def test_set_aside_inputs_are_listed_retried_and_the_store_checked(tmp_path, capsys):
    store = tmp_path / "s.db"
    late, empty = tmp_path / "late.txt", tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["compare", str(FLOOD[0]), str(FLOOD[1]), str(late), str(empty), "--store", str(store),
                 "-f", "json", "-o", str(tmp_path / "r.json"), *FAST]) == 1
    capsys.readouterr()

    assert main(["rejects", "--store", str(store)]) == 0
    listed = capsys.readouterr().out
    assert f"{late}: no such file" in listed and f"{empty}: " in listed

    shutil.copy(FLOOD[2], late)  # the missing file arrives; the empty one stays empty
    assert main(["rejects", "--store", str(store), "--retry"]) == 1  # one still set aside
    captured = capsys.readouterr()
    assert f"read now, saved: {late}" in captured.err
    assert str(late) not in captured.out and f"{empty}: " in captured.out

    empty.write_text(FLOOD[3].read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["rejects", "--store", str(store), "--retry", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"rejects": []}

    assert main(["doctor", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{store}: consistent (") and "4 articles" in out


def test_doctor_names_damage_and_exits_1(tmp_path, capsys):
    import sqlite3

    store = tmp_path / "s.db"
    assert main(["compare", str(FLOOD[0]), str(FLOOD[1]), "--store", str(store), "-f", "json",
                 "-o", str(tmp_path / "r.json"), *FAST]) == 0
    db = sqlite3.connect(store)
    db.execute("DELETE FROM comparison_articles WHERE rowid IN (SELECT rowid FROM comparison_articles LIMIT 1)")
    db.commit()
    db.close()
    capsys.readouterr()
    assert main(["doctor", "--store", str(store), "-f", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["consistent"] is False and report["findings"][0]["kind"] == "half comparison"


def test_doctor_on_a_missing_store_creates_nothing(tmp_path, capsys):
    assert main(["doctor", "--store", str(tmp_path / "typo" / "s.db")]) == 1
    assert "no store there" in capsys.readouterr().err
    assert not (tmp_path / "typo").exists()
