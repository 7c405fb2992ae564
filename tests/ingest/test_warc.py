import gzip
from io import BytesIO

import pytest

from storydiff.models import Problem, RawDocument
from tests.ingest.fake_news import TITLE, article_html

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from storydiff.ingest import read_warc  # noqa: E402


def _response(writer, uri, body, status="200 OK", content_type="text/html; charset=utf-8", date=None):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": date} if date else None
    record = writer.create_warc_record(
        uri, "response", payload=BytesIO(body), http_headers=headers, warc_headers_dict=warc_headers
    )
    writer.write_record(record)


def _archive(path, gzip_records):
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip_records)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        _response(writer, "https://gazette.example.test/bridge", article_html().encode(), date="2025-01-07T04:30:00Z")
        _response(
            writer,
            "https://gazette.example.test/notes.txt",
            "Council notes: the bridge vote.".encode("cp1252"),
            content_type="text/plain; charset=cp1252",
        )
        _response(writer, "https://gazette.example.test/logo.png", b"\x89PNG\r\n", content_type="image/png")
        _response(writer, "https://gazette.example.test/gone", b"<p>Not here</p>", status="404 Not Found")
        _response(writer, "https://gazette.example.test/blank", b"   ")
        request = writer.create_warc_record(
            "https://gazette.example.test/bridge", "request", payload=BytesIO(b"GET /bridge HTTP/1.1\r\n\r\n")
        )
        writer.write_record(request)


@pytest.mark.parametrize(("name", "gzipped"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_responses_become_documents(tmp_path, name, gzipped):
    path = tmp_path / name
    _archive(path, gzipped)
    page, notes, blank = list(read_warc(str(path)))
    assert isinstance(page, RawDocument) and isinstance(notes, RawDocument)
    assert (page.origin, page.title, page.content_type, page.fetched_at) == (
        "https://gazette.example.test/bridge",
        TITLE,
        "html",
        "2025-01-07T04:30:00Z",
    )
    assert "stone bridge" in page.text and "Copyright" not in page.text
    assert (notes.content_type, notes.text, notes.encoding) == ("text", "Council notes: the bridge vote.", "cp1252")
    assert notes.fetched_at and notes.fetched_at.endswith("Z")
    assert blank == Problem("https://gazette.example.test/blank", "is empty")


@pytest.mark.parametrize("gzipped", [False, True])
def test_truncated_archive_keeps_what_was_read(tmp_path, gzipped):
    path = tmp_path / "crawl.warc"
    _archive(path, gzipped)
    data = path.read_bytes()
    for fraction in (0.3, 0.5, 0.7):  # (a cut between two records leaves a valid, shorter archive)
        cut = tmp_path / f"cut{fraction}.warc"
        cut.write_bytes(data[: int(len(data) * fraction)])
        items = list(read_warc(str(cut)))
        assert items, fraction
        assert isinstance(items[-1], Problem) and "breaks off" in items[-1].reason, (fraction, items[-1])
        assert all(isinstance(i, RawDocument) or i.path.startswith(("https://", f"{cut}#")) for i in items)


def test_not_a_warc(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not an archive\n" * 5)
    [problem] = read_warc(str(path))
    assert isinstance(problem, Problem) and problem.reason.startswith("not a ")
    gz = tmp_path / "junk.warc.gz"
    gz.write_bytes(gzip.compress(b"still not an archive\n"))
    [problem] = read_warc(str(gz))
    assert isinstance(problem, Problem)
    assert list(read_warc(str(tmp_path / "none.warc"))) == [Problem(str(tmp_path / "none.warc"), "no such file")]
