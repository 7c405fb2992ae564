"""Wrong decodings never pass silently: each case is repaired and said, or refused with its reason."""

import pytest

from storydiff.errors import BadInputError
from storydiff.ingest.text import decode_bytes

RUSSIAN = "«Мы откроем порт в понедельник», — сказал министр."
ENGLISH = "The minister said the port would reopen on Monday after the storm."


def test_one_stray_byte_does_not_turn_a_utf8_file_into_cp1250():
    data = (RUSSIAN + "\n\n").encode("utf-8") + ENGLISH.encode("utf-8") + b" \xff end.\n"
    decoded = decode_bytes(data, "a.txt")
    assert RUSSIAN in decoded.text and "Â«" not in decoded.text
    assert decoded.encoding == "utf-8"
    assert any("stray byte" in r for r in decoded.repairs)


def test_a_file_mixing_encodings_by_paragraph_is_read_paragraph_by_paragraph():
    data = RUSSIAN.encode("utf-8") + b"\n\n" + RUSSIAN.encode("cp1251") + b"\n\n" + ENGLISH.encode("ascii")
    decoded = decode_bytes(data, "mixed.txt")
    assert decoded.text.count(RUSSIAN) == 2
    assert decoded.encoding == "utf-8+windows-1251" or decoded.encoding.startswith("utf-8+")
    assert any("decoded as" in r for r in decoded.repairs)


def test_utf16_without_a_byte_order_mark_is_text_not_binary():
    decoded = decode_bytes((ENGLISH + "\n\n" + RUSSIAN).encode("utf-16-le"), "u16.txt")
    assert ENGLISH in decoded.text and RUSSIAN in decoded.text
    assert decoded.encoding == "utf-16"


def test_a_pdf_is_refused_by_name_even_when_it_starts_as_ascii():
    with pytest.raises(BadInputError) as error:
        decode_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" * 20, "report.txt")
    assert error.value.reason == "is a PDF document, not text or HTML"


def test_mojibake_is_repaired_and_said():
    damaged = RUSSIAN.encode("utf-8").decode("cp1252", errors="ignore")  # what an upstream scraper did
    assert "Ð" in damaged
    decoded = decode_bytes(("«Hello», she said.".encode().decode("cp1252") + "\n").encode("utf-8"), "m.txt")
    assert decoded.text.startswith("«Hello»")
    assert any("mojibake" in r for r in decoded.repairs)


def test_a_legacy_file_without_utf8_is_decoded_whole():
    decoded = decode_bytes(("Café society met in Zürich; the mayor said it was très bien. " * 5).encode("cp1252"),
                           "legacy.txt")
    assert "Café" in decoded.text and "Zürich" in decoded.text
    assert "\ufffd" not in decoded.text


def test_repairs_reach_the_article_and_the_command_line(tmp_path, capsys):
    import json

    from storydiff.cli import main

    path = tmp_path / "stray.txt"
    path.write_bytes((ENGLISH + "\n\n").encode("utf-8") + "Кто-то сказал «да».".encode() + b" \xff\n")
    assert main(["clean", str(path)]) == 0
    captured = capsys.readouterr()
    assert "stray byte" in captured.err and str(path) in captured.err
    assert any("stray byte" in r for r in json.loads(captured.out)["repairs"])
