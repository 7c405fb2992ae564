"""Headlines from an HTML page's structure (fictional pages)."""

import pytest

from storydiff.ingest.html import page_headline, strip_site_name


@pytest.mark.parametrize(
    ("title", "site", "host", "expected"),
    [
        ("Storm hits Velgrad | Coastline Daily", "Coastline Daily", None, "Storm hits Velgrad"),
        ("Storm hits Velgrad - Coastline Daily", None, None, "Storm hits Velgrad"),
        ("coastlinedaily.com - Storm hits Velgrad", None, "www.coastlinedaily.com", "Storm hits Velgrad"),
        ("Storm hits Velgrad", None, None, "Storm hits Velgrad"),
        ("Velgrad: what the storm left behind", None, None, "Velgrad: what the storm left behind"),
    ],
)
def test_strip_site_name(title, site, host, expected):
    assert strip_site_name(title, site, host) == expected


def _tree(html):
    from trafilatura.utils import load_html

    return load_html(html)


def test_h1_agreeing_with_og_title_wins_over_a_logo_h1():
    tree = _tree('<html><head><meta property="og:title" content="Storm hits Velgrad quay">'
                 "<title>Storm hits Velgrad quay | Coastline Daily</title></head><body>"
                 "<h1>Coastline Daily</h1><h1>Storm hits the Velgrad quay</h1><p>Text.</p></body></html>")
    assert page_headline(tree) == "Storm hits the Velgrad quay"


def test_declared_title_without_site_name_when_no_h1_agrees():
    tree = _tree("<html><head><title>Storm hits Velgrad quay | Coastline Daily</title></head><body>"
                 "<h1>Menu</h1><p>Text.</p></body></html>")
    assert page_headline(tree, site_name="Coastline Daily") == "Storm hits Velgrad quay"
