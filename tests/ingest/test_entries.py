import pytest

from storydiff.errors import BadInputError
from storydiff.ingest.entries import (
    Entry,
    document_from_entry,
    document_from_response,
    fragment_text,
    looks_like_markup,
    normalise_date,
)
from tests.ingest.fake_news import TITLE, article_html


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("Mon, 06 Jan 2025 23:30:00 -0500", "2025-01-06"),  # RSS: the writer's own day, not UTC's
        ("2025-01-06T23:30:00-05:00", "2025-01-06"),
        ("2025-01-06T10:00:00Z", "2025-01-06"),
        ("2025-01-06", "2025-01-06"),
        ("2024-03-05 10:00 EST", "2024-03-05"),
        (1736208000, "2025-01-07"),
        ("1736208000000", "2025-01-07"),  # milliseconds
        ("next Tuesday", None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_normalise_date(value, day):
    assert normalise_date(value) == day


def test_fragment_text_keeps_paragraphs_and_drops_scripts():
    html = (
        "<p>The ferry to <b>Isle Quarn</b> sails again.</p><script>var x = 1;</script><div>Tickets&nbsp;are free.</div>"
    )
    assert fragment_text(html) == "The ferry to Isle Quarn sails again.\n\nTickets are free."


def test_markup_is_told_from_text_that_mentions_brackets():
    assert looks_like_markup("<p>Hello</p>")
    assert not looks_like_markup("Prices rose where a < b and c > d, the report said.")


def test_entry_metadata_wins_over_the_page():
    document = document_from_entry(
        Entry(
            origin="api#3",
            html=article_html(),
            title="  Bridge   vote  ",
            published="2025-02-01T08:00:00Z",
            source="Gazette Wire",
            authors=("Mara Quill",),
        )
    )
    assert document.content_type == "html"
    assert "stone bridge" in document.text and "Copyright" not in document.text
    assert (document.title, document.published, document.site_name, document.authors) == (
        "Bridge vote",
        "2025-02-01",
        "Gazette Wire",
        ("Mara Quill",),
    )


def test_entry_html_in_the_text_field_and_a_short_fragment():
    document = document_from_entry(Entry(origin="o", text="<p>Only a teaser about the <em>bridge</em>.</p>"))
    assert document.content_type == "html"
    assert document.text == "Only a teaser about the bridge."


def test_entry_plain_text_and_no_text():
    document = document_from_entry(Entry(origin="o", text="  Plain words about the council.  ", title=TITLE))
    assert (document.content_type, document.text, document.title) == ("text", "Plain words about the council.", TITLE)
    with pytest.raises(BadInputError, match="no article text"):
        document_from_entry(Entry(origin="o", text="   ", html=""))


def test_response_uses_declared_type_and_charset():
    page = document_from_response(article_html().encode("cp1252"), "https://example.test/a", "text/html", "cp1252")
    assert page.content_type == "html" and page.encoding == "cp1252" and page.title == TITLE
    text = document_from_response("Zürich café news.".encode(), "https://example.test/b", "text/plain", None)
    assert (text.content_type, text.text) == ("text", "Zürich café news.")
    with pytest.raises(BadInputError, match="binary"):
        document_from_response(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "u", "text/html", None)
    with pytest.raises(BadInputError, match="empty"):
        document_from_response(b"  \n", "u", "text/html", None)


def test_a_feed_fragment_without_a_date_gets_none_not_a_date_its_story_mentions():
    from storydiff.ingest.entries import Entry, document_from_entry

    fragment = ("<p>Talvora and Oskeria signed a ten-year gas transit agreement, officials said.</p>"
                "<p>The first gas is due to flow in January 2026, the prime minister said on Monday.</p>")
    document = document_from_entry(Entry(origin="https://wire.example/1", html=fragment))
    assert document.published is None
    dated = document_from_entry(Entry(origin="https://wire.example/1", html=fragment,
                                      published="Mon, 03 Mar 2025 21:05:00 +0000"))
    assert dated.published == "2025-03-03"
