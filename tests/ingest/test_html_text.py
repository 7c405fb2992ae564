"""The page's text pieces (`ingest.html_text.page_pieces`), on invented pages."""

import pytest

from storydiff.ingest.html_text import page_pieces

pytest.importorskip("trafilatura")


def _pieces(body, host=None):
    from trafilatura.utils import load_html

    return page_pieces(load_html(f"<html><head><title>Quay</title></head><body>{body}</body></html>"), host)


def test_text_after_a_comment_is_the_pages_and_the_comment_is_not():
    from lxml import html  # a parser that keeps comments (trafilatura's drops them)

    pieces = page_pieces(
        html.document_fromstring(
            "<body><!-- top -->Velgrad <p>Ferries <!-- ad slot -->stayed<!-- x --> in port"
            "<b>all</b> week<!-- y -->.</p>"
            "<!-- z -->Quay closed<script>var a = 1;</script><!-- in body -->tail</body>"
        )
    )
    assert [p.text for p in pieces] == [
        "Velgrad",
        "Ferries",
        "stayed",
        "in port",
        "all",
        "week",
        ".",
        "Quay closed",
        "tail",
    ]
    assert [p.element.tag for p in pieces] == ["body", "p", "p", "p", "b", "p", "p", "body", "body"]


def test_hidden_text_stays_out_but_the_text_after_it_is_in():
    pieces = _pieces("<p>Ferries<style>p {}</style> stayed<noscript><i>Enable <!-- c -->it</i></noscript> in port</p>")
    assert [p.text for p in pieces] == ["Ferries", "stayed", "in port"]


def test_links_and_furniture_are_marked_where_they_hold_text():
    pieces = _pieces(
        '<nav><a href="/home">Home</a> menu</nav><article><aside>Fact box</aside><p>Story <a href="/more">more</a>'
        ' <a href="https://other.example/x">source</a></p></article><aside role="note">Sidebar</aside>'
        '<div role="contentinfo">Imprint</div><div role="complementary"><p>Teaser</p></div>after',
        host="velgrad.example",
    )
    marks = {p.text: (p.link, p.furniture) for p in pieces}
    assert marks["Home"] == (True, True) and marks["menu"] == (False, True)
    assert marks["Fact box"] == (False, False)  # an <aside> inside the story is the story's
    assert marks["Story"] == (False, False) and marks["more"] == (True, False) and marks["source"] == (False, False)
    assert marks["Sidebar"] == (False, True) and marks["Imprint"] == (False, True) and marks["Teaser"] == (False, True)
    assert marks["after"] == (False, False)
