"""Issue: wrong input never gives a silent wrong answer (items 1, 2, 3 and 5).

Each test here failed before the fix: a missing path was compared as text, -o destroyed an input,
concurrent first use of a store lost runs, and Markdown passed raw HTML through.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from storydiff.cli import main
from tests.conftest import DEMO

MONITORS = DEMO / "monitors"
A, B = MONITORS / "meridian.txt", MONITORS / "novapress.txt"


def test_missing_path_with_a_space_is_reported_not_compared(tmp_path, capsys):
    code = main(["compare", str(tmp_path / "my article.txt"), str(A), str(B), "--format", "json",
                 "--no-entities", "--no-embeddings"])
    captured = capsys.readouterr()
    assert code == 1
    assert "my article.txt: no such file" in captured.err
    paths = [a["path"] for a in json.loads(captured.out)["articles"]]
    assert sorted(paths) == sorted([str(A), str(B)])


def test_missing_path_leaves_too_few_articles(tmp_path, capsys):
    assert main(["compare", "my article.txt", str(A), "--no-entities", "--no-embeddings"]) == 1
    assert "my article.txt: no such file" in capsys.readouterr().err


def test_file_name_with_a_newline_is_read_as_a_file(tmp_path, capsys):
    odd = tmp_path / "two\nlines.txt"
    odd.write_text(A.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["compare", str(odd), str(B), "--format", "json", "--no-entities", "--no-embeddings"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert str(odd) in [a["path"] for a in data["articles"]]
    assert all("two\nlines" not in a["text"] for a in data["articles"])


def test_text_comes_only_from_the_text_flag_or_stdin(capsys, monkeypatch):
    import io

    article = A.read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(B.read_bytes())))
    code = main(["compare", "-", "--text", article, "--format", "json", "--no-entities", "--no-embeddings"])
    assert code == 0
    paths = sorted(a["path"] for a in json.loads(capsys.readouterr().out)["articles"])
    assert paths == ["<stdin>", "<text 1>"]


def test_no_input_at_all_is_a_usage_error(capsys):
    assert main(["compare"]) == 2
    assert "give article PATHs" in capsys.readouterr().err


def test_output_onto_an_input_is_refused_and_the_input_kept(tmp_path, capsys):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(A.read_bytes())
    b.write_bytes(B.read_bytes())
    before = a.read_bytes()
    assert main(["compare", str(a), str(b), "-o", str(a), "--no-entities", "--no-embeddings"]) == 2
    assert "is one of the inputs" in capsys.readouterr().err
    assert a.read_bytes() == before
    # also when the input came in through a directory
    assert main(["compare", str(tmp_path), "-o", str(b), "--no-entities", "--no-embeddings"]) == 2
    assert b.read_bytes() == B.read_bytes()


def test_output_into_a_directory_is_one_clear_line(tmp_path, capsys):
    assert main(["compare", str(A), str(B), "-o", str(tmp_path), "--no-entities", "--no-embeddings"]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and "is a directory" in err


def test_output_to_an_unwritable_place_is_one_clear_line(tmp_path, capsys):
    if os.geteuid() == 0:
        target = Path("/proc/storydiff-report.md")  # even root cannot create files in /proc
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        target = locked / "r.md"
    assert main(["compare", str(A), str(B), "-o", str(target), "--no-entities", "--no-embeddings"]) == 1
    err = capsys.readouterr().err
    assert "cannot write the report" in err and "Traceback" not in err


def test_output_under_a_file_is_one_clear_line(tmp_path, capsys):
    # a parent that is a file cannot be created even by root
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["compare", str(A), str(B), "-o", str(blocker / "r.md"), "--no-entities", "--no-embeddings"])
    err = capsys.readouterr().err
    assert code == 1 and "cannot write the report" in err and "Traceback" not in err


def test_terminal_report_written_to_a_file_replaces_it_whole(tmp_path):
    out = tmp_path / "report.txt"
    out.write_text("old " * 10000)
    assert main(["compare", str(A), str(B), "-o", str(out), "--no-entities", "--no-embeddings"]) == 0
    text = out.read_text()
    assert "old old" not in text and "Reported by all" in text
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]  # no temporary file left


_CONCURRENT = """
import sys
from storydiff.cli import main
sys.exit(main(["compare", sys.argv[1], sys.argv[2], "--store", sys.argv[3], "--format", "json",
               "--no-entities", "--no-embeddings"]))
"""


@pytest.mark.slow
def test_concurrent_first_use_of_a_new_store_loses_no_run(tmp_path):
    db = tmp_path / "new.db"
    runs = [subprocess.Popen([sys.executable, "-c", _CONCURRENT, str(A), str(B), str(db)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(run.wait(timeout=300), run.stdout.read(), run.stderr.read()) for run in runs]
    for code, out, err in results:
        assert code == 0, err
        assert json.loads(out)["facts"]
        assert "already exists" not in err
    from storydiff.store import SQLiteStore

    with SQLiteStore(db) as store:
        assert store.counts()["comparisons"] == 1
        assert store.counts()["articles"] == 2


def test_a_store_problem_still_prints_the_report(tmp_path, capsys):
    not_a_db = tmp_path / "junk.db"
    not_a_db.write_bytes(b"this is not a database" * 100)
    code = main(["compare", str(A), str(B), "--store", str(not_a_db), "--format", "json",
                 "--no-entities", "--no-embeddings"])
    captured = capsys.readouterr()
    assert code == 1
    assert json.loads(captured.out)["facts"]
    assert "not saved" in captured.err and "junk.db" in captured.err


_PAYLOADS = ("<script>alert(1)</script>", "<svg onload=alert(2)>", "<img src=x onerror=alert(3)>",
             "[click](javascript:alert(4))")


def _hostile_story(tmp_path: Path) -> list[str]:
    a = tmp_path / "<img src=x onerror=alert(5)>.txt"
    a.write_text(A.read_text(encoding="utf-8").replace("monitors", "monitors " + _PAYLOADS[0], 2)
                 + f"\n\nThe envoy said {_PAYLOADS[1]} the mission would go on. {_PAYLOADS[3]}\n", encoding="utf-8")
    page = tmp_path / "page.html"
    body = "".join(f"<p>{p} Talks went on in the capital for a third day, officials said.</p>"
                   for p in B.read_text(encoding="utf-8").split("\n\n"))
    page.write_text(
        "<html><head><title>&lt;script&gt;alert(6)&lt;/script&gt; Monitors</title>"
        '<meta name="author" content="&lt;svg onload=alert(7)&gt;"></head>'
        f"<body><article>{body}<p>&lt;img src=x onerror=alert(3)&gt; ends here.</p></article></body></html>",
        encoding="utf-8")
    return [str(a), str(page)]


def test_markdown_report_escapes_html_from_text_names_and_metadata(tmp_path, capsys):
    from markdown_it import MarkdownIt

    assert main(["compare", *_hostile_story(tmp_path), "--format", "markdown", "--no-embeddings"]) == 0
    markdown = capsys.readouterr().out
    assert "alert(1)" in markdown  # the payload is shown, as text
    rendered = MarkdownIt("commonmark").render(markdown).lower()
    for live in ("<script", "<svg", "<img", 'href="javascript:'):
        assert live not in rendered, live
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", rendered)  # no element carries an event handler


def test_the_same_file_twice_says_duplicate_not_unreadable(capsys):
    assert main(["compare", str(A), str(A), "--no-entities", "--no-embeddings"]) == 1
    err = capsys.readouterr().err
    assert "same text as another input" in err and "could not be read" not in err


def test_non_utf8_file_names_for_output_and_store_are_one_line(tmp_path, capsys):
    import os

    odd = os.fsdecode(os.fsencode(str(tmp_path)) + b"/r\xff.md")
    store = os.fsdecode(os.fsencode(str(tmp_path)) + b"/s\xfe.db")
    code = main(["compare", str(A), str(B), "-o", odd, "--store", store, "--no-entities", "--no-embeddings"])
    err = capsys.readouterr().err
    assert code == 0 and "Traceback" not in err
    assert os.path.exists(odd) and os.path.exists(store)


def test_entities_on_a_mistyped_store_creates_nothing(tmp_path, capsys):
    assert main(["entities", "--store", str(tmp_path / "typo" / "x.db")]) == 1
    assert "no store there" in capsys.readouterr().err
    assert not (tmp_path / "typo").exists()


def test_every_printing_command_takes_o_and_v_after_the_command(tmp_path, capsys):
    out = tmp_path / "names.jsonl"
    names = ["names", "compare", "Mukhtar Tileuberdi", "Мухтар Тлеуберди"]
    assert main([*names, "-f", "jsonl", "-o", str(out), "-v"]) == 0
    assert json.loads(out.read_text())["same"] is True
    quotes = tmp_path / "quotes.jsonl"
    assert main(["quotes", str(A), "-o", str(quotes), "-f", "jsonl"]) == 0
    assert json.loads(quotes.read_text().splitlines()[0])["path"] == str(A)
    assert main(["quotes", str(A), "-o", str(A)]) == 2  # never over an input
    text = tmp_path / "report.txt"
    assert main(["compare", str(A), str(B), "-f", "text", "-o", str(text), "--no-entities", "--no-embeddings"]) == 0
    assert "Reported by all" in text.read_text()


def test_an_internal_error_is_one_line_and_exit_3(monkeypatch, capsys):
    import storydiff.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(storydiff.pipeline, "compare", broken)
    assert main(["compare", str(A), str(B)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: RuntimeError: simulated bug" in err and "Traceback" not in err
