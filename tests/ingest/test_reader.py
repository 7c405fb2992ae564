import pytest

from storydiff.errors import BadInputError
from storydiff.ingest import expand_paths, read_document


def test_missing_file(tmp_path):
    with pytest.raises(BadInputError, match="no such file"):
        read_document(str(tmp_path / "nope.txt"))


def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    for name in ("empty.txt", "blank.txt"):
        with pytest.raises(BadInputError, match="empty"):
            read_document(str(tmp_path / name))


def test_binary_file(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4)
    with pytest.raises(BadInputError, match="binary"):
        read_document(str(tmp_path / "photo.jpg"))


def test_too_large(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 100)
    with pytest.raises(BadInputError, match="too large"):
        read_document(str(tmp_path / "big.txt"), max_bytes=100)


def test_detects_and_reports_legacy_encodings(tmp_path):
    text = "ВАШИНГТОН, 6 янв — НоваПресс. Соединенные Штаты следят за ситуацией в стране, заявили в Белом доме."
    (tmp_path / "cp1251.txt").write_bytes(text.encode("cp1251"))
    document = read_document(str(tmp_path / "cp1251.txt"))
    assert document.text == text
    assert document.encoding in {"cp1251", "windows-1251"}
    (tmp_path / "bom.txt").write_bytes("Hello world, this is text.".encode("utf-16"))
    assert read_document(str(tmp_path / "bom.txt")).text.startswith("Hello")


def test_directory_expands_to_visible_article_files(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>two</p>")
    assert [p.rsplit("/", 1)[-1] for p in expand_paths([str(tmp_path)])] == ["a.txt", "b.html"]


def test_html_keeps_metadata():
    from tests.conftest import DEMO

    document = read_document(str(DEMO / "flood" / "dispatch24.html"))
    assert document.content_type == "html"
    assert document.title == "Nine dead, dozens missing after Osna dam collapses"
    assert document.published == "2025-03-04"
    assert document.authors == ("Karl Mendes",)
    assert "cookie" not in document.text.lower()
