import json

import pytest

from storydiff.ingest import read_source
from storydiff.ingest.sources import EMPTY_DIRECTORY, source_kind
from storydiff.models import Problem, RawDocument
from tests.ingest.fake_news import TITLE, article_html, article_text

RSS = (
    "<?xml version='1.0'?><rss version='2.0'><channel><title>Gazette</title>"
    "<item><title>Ferry</title><link>https://gazette.example.test/ferry</link>"
    "<description>The ferry to Isle Quarn sails again.</description></item></channel></rss>"
)


@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "story.txt").write_text(article_text(), encoding="utf-8")
    (tmp_path / "page.html").write_text(article_html(), encoding="utf-8")
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "sniffed.dat").write_text(RSS, encoding="utf-8")  # a feed by its content
    (tmp_path / "rows.csv").write_text(f"title,text\nMill,{article_text()[:80]}\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    return tmp_path


def test_kinds_by_extension_and_content(folder):
    kinds = {
        name: source_kind(str(folder / name))
        for name in ("story.txt", "page.html", "feed.rss", "sniffed.dat", "rows.csv")
    }
    assert kinds == {
        "story.txt": "file",
        "page.html": "file",
        "feed.rss": "feed",
        "sniffed.dat": "feed",
        "rows.csv": "records",
    }
    assert source_kind("https://example.test/x") == "url"
    assert source_kind(str(folder)) == "directory"
    assert source_kind("a.warc.gz") == "warc" and source_kind("a.ndjson") == "records"
    assert source_kind("export.jsonl.gz") == "records"


def test_a_directory_yields_every_kind_and_its_problems(folder):
    items = list(read_source(str(folder)))
    documents = [i for i in items if isinstance(i, RawDocument)]
    problems = [i for i in items if isinstance(i, Problem)]
    origins = sorted(d.origin for d in documents)
    assert origins == sorted(
        [
            str(folder / "story.txt"),
            str(folder / "page.html"),
            f"{folder / 'rows.csv'}#2",
            "https://gazette.example.test/ferry",
            "https://gazette.example.test/ferry",
        ]
    )
    assert [p.path for p in problems] == [str(folder / "empty.txt")]
    assert next(d for d in documents if d.origin.endswith("page.html")).title == TITLE


def test_explicit_files_and_mapping(tmp_path):
    path = tmp_path / "api.jsonl"
    path.write_text(
        json.dumps({"story_body": "The lighthouse keeper retired.", "hed": "Keeper retires"}) + "\n", encoding="utf-8"
    )
    [document] = read_source(str(path), mapping={"text": "story_body", "title": "hed"})
    assert (document.origin, document.title) == (f"{path}#1", "Keeper retires")


def test_missing_and_empty_sources(tmp_path):
    assert list(read_source(str(tmp_path / "nope.txt"))) == [Problem(str(tmp_path / "nope.txt"), "no such file")]
    (tmp_path / "empty").mkdir()
    assert list(read_source(str(tmp_path / "empty"))) == [Problem(str(tmp_path / "empty"), EMPTY_DIRECTORY)]


@pytest.mark.parametrize("module", ["feedparser", "warcio.archiveiterator", "httpx", "numpy"])
def test_a_missing_extra_names_itself(tmp_path, monkeypatch, module):
    from storydiff.errors import MissingExtraError
    from storydiff.ingest import duplicates as dedupe_module

    dedupe_module._factors.cache_clear()
    monkeypatch.setitem(__import__("sys").modules, module, None)  # makes `import module` fail
    (tmp_path / "a.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "a.warc").write_bytes(b"WARC/1.0\r\n")
    calls = {
        "feedparser": lambda: list(read_source(str(tmp_path / "a.rss"))),
        "warcio.archiveiterator": lambda: list(read_source(str(tmp_path / "a.warc"))),
        "httpx": lambda: list(read_source("https://example.test/a")),
        "numpy": lambda: __import__("storydiff.ingest", fromlist=["x"]).near_duplicate_groups(
            [RawDocument(origin="a", text="some words here", content_type="text", encoding="utf-8")]
        ),
    }
    with pytest.raises(MissingExtraError, match=r"pip install 'storydiff\[ingest\]'"):
        calls[module]()
    dedupe_module._factors.cache_clear()
