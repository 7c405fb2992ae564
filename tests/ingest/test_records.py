import gzip
import json

import pytest

from storydiff.ingest import FieldMapping, read_records
from storydiff.models import Problem, RawDocument
from tests.ingest.fake_news import TITLE, article_html, article_text


def _split(items):
    items = list(items)
    return [i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, Problem)]


def test_jsonl_guesses_common_field_names_and_nests(tmp_path):
    path = tmp_path / "export.jsonl"
    rows = [
        {
            "headline": TITLE,
            "body": article_text(),
            "publishedAt": "2025-03-02T09:00:00Z",
            "source": {"id": "bg", "name": "Brindlemoor Gazette"},
            "author": "Mara Quill",
            "url": "https://example.test/1",
        },
        {
            "title": "Second story",
            "raw_html": article_html("Second story"),
            "pubDate": "Sun, 02 Mar 2025 10:00:00 +0100",
            "outlet": "Wexley Post",
            "authors": ["Ann Orr", {"name": "Bo Lind"}],
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    documents, problems = _split(read_records(str(path)))
    assert problems == []
    first, second = documents
    assert (first.origin, first.title, first.published, first.site_name, first.authors, first.content_type) == (
        f"{path}#1",
        TITLE,
        "2025-03-02",
        "Brindlemoor Gazette",
        ("Mara Quill",),
        "text",
    )
    assert first.text == article_text()
    assert (second.origin, second.content_type, second.site_name, second.authors) == (
        f"{path}#2",
        "html",
        "Wexley Post",
        ("Ann Orr", "Bo Lind"),
    )
    assert "Copyright" not in second.text and second.published == "2025-03-02"


def test_jsonl_bad_records_are_problems_and_the_file_goes_on(tmp_path):
    path = tmp_path / "bad.ndjson"
    lines = [
        '{"text": "One fine article about the harbour."}',
        "{not json",
        "[1, 2]",
        '{"title": "no text"}',
        "x" * 300,
        '{"text": "Last article about the lighthouse."}',
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    documents, problems = _split(read_records(str(path), max_record_bytes=200))
    assert [d.origin for d in documents] == [f"{path}#1", f"{path}#6"]
    assert [(p.path, p.reason.split(" (")[0]) for p in problems] == [
        (f"{path}#2", "not valid JSON"),
        (f"{path}#3", "not a record"),
        (f"{path}#4", "has no article text"),
        (f"{path}#5", "record too large"),
    ]


def test_explicit_mapping_and_gzip(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(
            json.dumps(
                {
                    "story": "Text of the story about the mill.",
                    "head": "The mill",
                    "text": "ignored",
                    "meta": {"site": "Quarn Daily"},
                }
            )
            + "\n"
        )
    [document] = read_records(str(path), {"text": "story", "title": "head", "source": "meta.site"})
    assert (document.text, document.title, document.site_name) == (
        "Text of the story about the mill.",
        "The mill",
        "Quarn Daily",
    )
    with pytest.raises(ValueError, match="unknown field roles"):
        FieldMapping.of({"body_text": "x"})


def test_csv_rows_named_as_a_spreadsheet_shows_them(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "Title;Content;Date;Site\n"
        f'"{TITLE}";"{article_text()}";2025-03-02;Gazette\n'
        ";;;\n"
        '"Only a title";"";2025-03-03;Gazette\n'
        '"Too;many";"fields";x;y;z\n',
        encoding="utf-8",
    )
    documents, problems = _split(read_records(str(path)))
    [document] = documents
    # the quoted article spans several lines, but it is row 2 of the sheet
    assert (document.origin, document.title, document.published, document.site_name) == (
        f"{path}#2",
        TITLE,
        "2025-03-02",
        "Gazette",
    )
    assert [p.path for p in problems] == [f"{path}#4", f"{path}#5"]


def test_missing_file_is_one_problem(tmp_path):
    assert list(read_records(str(tmp_path / "nope.csv"))) == [Problem(str(tmp_path / "nope.csv"), "no such file")]
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(b"not gzip at all")
    [problem] = read_records(str(broken))
    assert problem.path == str(broken) and "cannot be read" in problem.reason


def test_an_unexpected_error_in_one_record_does_not_stop_the_file(tmp_path, monkeypatch):
    import storydiff.ingest.records as records_module

    real = records_module.document_from_entry

    def flaky(entry):
        if "boom" in (entry.text or ""):
            raise RuntimeError("parser tripped")
        return real(entry)

    monkeypatch.setattr(records_module, "document_from_entry", flaky)
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "boom"}\n{"text": "The quay was repaired."}\n', encoding="utf-8")
    problem, document = read_records(str(path))
    assert problem == Problem(f"{path}#1", "could not be read (internal error: RuntimeError: parser tripped)")
    assert document.text == "The quay was repaired."
