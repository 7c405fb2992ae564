"""A corpus of bad inputs: each one is set aside with one exact line naming it and the reason, and
a batch of them mixed with good articles still gives its report (exit 1: something was set aside)."""

from __future__ import annotations

import gzip
import io
import os
import zipfile
from pathlib import Path

import pytest

from storydiff.cli import main
from tests.conftest import DEMO

GOOD = sorted((DEMO / "flood").iterdir())


def _write(name: str, data: bytes):
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path
    return build


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", "A short article.")
    return buffer.getvalue()


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe.txt"
    os.mkfifo(path)
    return path


def _loop(tmp: Path) -> Path:
    (tmp / "loop-a.txt").symlink_to(tmp / "loop-b.txt")
    (tmp / "loop-b.txt").symlink_to(tmp / "loop-a.txt")
    return tmp / "loop-a.txt"


def _dangling(tmp: Path) -> Path:
    (tmp / "gone.txt").symlink_to(tmp / "never-there.txt")
    return tmp / "gone.txt"


def _empty_dir(tmp: Path) -> Path:
    (tmp / "story").mkdir()
    (tmp / "story" / "notes.md").write_text("# not an article\n")  # our own outputs and notes are skipped
    return tmp / "story"


CASES = {
    "missing": (lambda tmp: tmp / "my article.txt", "no such file"),
    "empty": (_write("empty.txt", b""), "is empty"),
    "only whitespace": (_write("blank.txt", b"  \n\n\t \r\n"), "is empty"),
    "random bytes": (_write("noise.txt", bytes(range(256)) * 8),
                     "looks binary (NUL or control bytes), not text or HTML"),
    "pdf": (_write("doc.txt", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"),
            "is a PDF document, not text or HTML"),
    "zip": (_write("a.txt", _zip()), "is a ZIP archive (or an Office document), not text or HTML"),
    "gzip": (_write("page.html", gzip.compress(b"<html><body><p>Hello</p></body></html>")),
             "is gzip-compressed data, not text or HTML"),
    "png": (_write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
            "is a PNG image, not text or HTML"),
    "fifo": (_fifo, "not a regular file"),
    "device": (lambda tmp: Path("/dev/zero"), "not a regular file"),
    "symlink loop": (_loop, "a symbolic link that leads nowhere (a loop or a missing target)"),
    "dangling symlink": (_dangling, "a symbolic link that leads nowhere (a loop or a missing target)"),
    "directory without articles": (_empty_dir, "a directory with no article files (text or HTML) in it"),
    "html without an article": (
        _write("menu.html", b"<html><head><script>var a = 1;</script></head><body><nav><a href='/'>Home</a>"
                            b"</nav></body></html>"),
        "HTML page has no article text (the main text found is 1 word(s): navigation or markup)"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_bad_input_is_one_exact_line_and_exit_1(case, tmp_path, capsys):
    build, reason = CASES[case]
    path = build(tmp_path)
    assert main(["clean", str(path), "-o", str(tmp_path / "out.jsonl")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"storydiff: skipped {path}: {reason}", err
    assert (tmp_path / "out.jsonl").read_text() == ""  # nothing made up from it


def test_a_file_over_the_size_limit_is_set_aside(tmp_path, capsys):
    config = tmp_path / "storydiff.toml"
    config.write_text("max_bytes = 100\n")
    big = tmp_path / "long.txt"
    big.write_text("A sentence about the flood. " * 10)
    assert main(["clean", str(big), "--config", str(config), "-o", str(tmp_path / "o.jsonl")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"storydiff: skipped {big}: too large (280 bytes; the limit is 100)")


def test_junk_mixed_with_articles_still_gives_the_report_and_names_every_reject(tmp_path, capsys):
    story = tmp_path / "story"
    story.mkdir()
    for good in GOOD[:2]:
        (story / good.name).write_bytes(good.read_bytes())
    rejects = {}
    for case in ("empty", "random bytes", "pdf", "zip", "png", "symlink loop"):
        build, reason = CASES[case]
        rejects[build(story)] = reason
    report = tmp_path / "report.json"
    code = main(["compare", str(story), "-o", str(report), "--no-entities", "--no-embeddings"])
    err = capsys.readouterr().err
    assert code == 1 and report.exists()
    for path, reason in rejects.items():
        if path.exists() or path.is_symlink():
            assert f"storydiff: skipped {path}: {reason}" in err, (path, err)
    import json

    assert len(json.loads(report.read_text())["articles"]) == 2
