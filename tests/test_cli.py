import json

from storydiff.cli import main
from tests.conftest import DEMO


def test_compare_json_to_file(tmp_path, capsys):
    out = tmp_path / "out.json"
    assert main(["compare", str(DEMO / "gas-deal"), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    assert len(data["articles"]) == 4 and data["facts"]


def test_format_from_extension_and_store(tmp_path):
    out, db = tmp_path / "r.html", tmp_path / "s.db"
    assert main(["compare", str(DEMO / "flood"), "-o", str(out), "--store", str(db)]) == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert db.exists()


def test_bad_inputs_are_reported_and_the_rest_compared(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.bin").write_bytes(b"\x00\x01\x02" * 100)
    code = main(
        [
            "compare",
            str(DEMO / "monitors" / "meridian.txt"),
            str(DEMO / "monitors" / "novapress.txt"),
            str(tmp_path / "empty.txt"),
            str(tmp_path / "binary.bin"),
            str(tmp_path / "missing.txt"),
            "--format",
            "json",
        ]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert len(json.loads(captured.out)["articles"]) == 2
    for name, reason in (("empty.txt", "is empty"), ("binary.bin", "binary"), ("missing.txt", "no such file")):
        assert any(name in line and reason in line for line in captured.err.splitlines()), captured.err


def test_nothing_to_compare_is_exit_1(tmp_path, capsys):
    assert main(["compare", str(DEMO / "flood" / "meridian.txt")]) == 1
    assert "at least two" in capsys.readouterr().err


def test_clean_jsonl(capsys):
    assert main(["clean", str(DEMO / "flood"), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    first = json.loads(lines[0])
    assert {"headline", "dateline", "credits", "captions", "removed", "body", "sentences"} <= set(first)


def test_terminal_report(capsys):
    assert main(["compare", str(DEMO / "monitors")]) == 0
    out = capsys.readouterr().out
    assert "Reported by all" in out and "Debris removed" in out


def test_usage_error_is_exit_2(capsys):
    import pytest

    with pytest.raises(SystemExit) as exc:
        main(["compare", "--no-such-option"])
    assert exc.value.code == 2
    assert main(["compare"]) == 2


def test_eval_text(capsys):
    assert main(["eval", "--task", "structure"]) == 0
    assert "structure" in capsys.readouterr().out


def test_progress_bar_counts_every_input(monkeypatch):
    from storydiff.pipeline import clean

    seen = []
    clean([str(DEMO / "flood")], progress=lambda done, total, origin: seen.append((done, total)))
    assert seen == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]  # ends at 100 %


def test_names_compare_two_names(capsys):
    assert main(["names", "compare", "Mukhtar Tileuberdi", "Мухтар Тлеуберди"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("same\t") and "last names agree" in out


def test_names_compare_pairs_jsonl(tmp_path, capsys):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("Psaki\tPsaledakis\nCSTO\tОДКБ\n", encoding="utf-8")
    assert main(["names", "compare", "--pairs", str(pairs), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["a"], r["same"]) for r in rows] == [("Psaki", False), ("CSTO", True)]
    assert all({"a", "b", "same", "score", "reasons"} <= set(r) for r in rows)


def test_names_compare_needs_two_names(capsys):
    assert main(["names", "compare", "only-one"]) == 2


def test_entities_command_and_explain(capsys):
    assert main(["entities", str(DEMO / "monitors"), "--aliases", "demo/aliases.toml"]) == 0
    out = capsys.readouterr().out
    assert "Helena Vasquez-Moore" in out and "Хелена Васкес-Мур" in out
    assert main(["entities", str(DEMO / "monitors"), "--explain", "Tleuberdi"]) == 0
    assert "no entity named" in capsys.readouterr().out
    assert main(["entities", str(DEMO / "monitors"), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all({"id", "name", "type", "variants", "mentions"} <= set(r) for r in rows)


def test_quotes_jsonl_one_object_per_article(capsys):
    assert main(["quotes", str(DEMO / "flood"), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 4 and all({"path", "quotes"} <= set(r) for r in rows)
    quotes = [q for r in rows for q in r["quotes"]]
    assert any(q["speaker_name"] in {"Rustam Khaidarov", "Rustam Khaydarov"} for q in quotes)
    assert all(
        {"id", "article", "text", "start", "end", "kind", "speaker", "speaker_name", "verb", "complete"} <= set(q)
        for q in quotes
    )


def test_every_listing_command_speaks_text_json_and_jsonl(tmp_path, capsys):
    """One set of format names: text for people, jsonl one object per line, json one array of them."""
    from tests.conftest import DEMO

    files = [str(p) for p in sorted((DEMO / "flood").iterdir())[:2]]
    for command in (["clean", *files], ["quotes", *files], ["names", "compare", "Almaty", "Alma-Ata"]):
        outputs = {}
        for fmt in ("text", "json", "jsonl"):
            assert main([*command, "-f", fmt]) == 0, (command, fmt)
            outputs[fmt] = capsys.readouterr().out
        lines = [json.loads(line) for line in outputs["jsonl"].splitlines()]
        assert json.loads(outputs["json"]) == lines and lines, command
        assert outputs["text"].strip() and not outputs["text"].lstrip().startswith(("{", "[")), command


def test_progress_runs_through_the_story_stages_to_the_end():
    from storydiff import compare
    from storydiff.pipeline import STORY_STEPS
    from tests.conftest import DEMO

    seen = []
    compare(
        [str(DEMO / "flood")],
        embedder=None,
        entities=False,
        progress=lambda done, total, origin: seen.append((done, total, origin)),
    )
    files = len(list((DEMO / "flood").iterdir()))
    assert {total for _, total, _ in seen} == {files + len(STORY_STEPS)}
    assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen)
    assert seen[-1][0] == files + len(STORY_STEPS)
    assert [origin for _, _, origin in seen if origin.startswith("story: ")] == [f"story: {s}" for s in STORY_STEPS]


def test_the_progress_bar_shows_counts_and_a_rate_on_a_terminal(monkeypatch):
    import io
    import time

    from storydiff.cli.output import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with ProgressBar("analysing") as bar:
        for done in range(5):
            bar(done, 4, f"a{done}.txt")
            time.sleep(0.02)
        bar._bar.refresh()
        shown = terminal.getvalue()
    assert "analysing" in shown and "4/4" in shown and "/s" in shown


def test_eval_help_names_every_dataset():
    from storydiff.cli.parser import build_parser
    from storydiff.eval.datasets import dataset_names

    commands = next(action for action in build_parser()._actions if "eval" in (getattr(action, "choices", None) or {}))
    dataset = next(action for action in commands.choices["eval"]._actions if "--dataset" in action.option_strings)
    missing = [name for name in dataset_names() if name not in dataset.help]
    assert not missing, missing
