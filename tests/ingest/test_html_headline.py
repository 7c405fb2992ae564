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
        # the hyphen of a compound is no separator
        ("Velgrad rowers win the 1.500 Meter-Distanz", None, None, "Velgrad rowers win the 1.500 Meter-Distanz"),
        ("Faster quay builds with pip-tools", None, None, "Faster quay builds with pip-tools"),
        ("Storm hits Velgrad quay ~ Coastline Daily", None, None, "Storm hits Velgrad quay"),
        ("Coastline Daily › Storm hits Velgrad quay", "Coastline Daily", None, "Storm hits Velgrad quay"),
        # the page's date or time after the headline
        ("Storm hits Velgrad quay : 06.11.2023, 11.41 Uhr", None, None, "Storm hits Velgrad quay"),
        ("Storm hits Velgrad quay | 12:30 pm | Coastline Daily", "Coastline Daily", None, "Storm hits Velgrad quay"),
        # a site name that holds a separator itself, or the end of a longer declared site name
        (
            "Storm hits Velgrad quay | Coastline – Forum for sailors",
            "Coastline – Forum for sailors",
            None,
            "Storm hits Velgrad quay",
        ),
        (
            "Storm hits Velgrad quay - Harbour news in Velgrad - Coastline Daily and Weekly",
            "(C) 2020 By Harbour News in Velgrad - Coastline Daily and Weekly",
            None,
            "Storm hits Velgrad quay",
        ),
    ],
)
def test_strip_site_name(title, site, host, expected):
    assert strip_site_name(title, site, host) == expected


def _tree(html):
    from trafilatura.utils import load_html

    return load_html(html)


def test_h1_agreeing_with_og_title_wins_over_a_logo_h1():
    tree = _tree(
        '<html><head><meta property="og:title" content="Storm hits Velgrad quay">'
        "<title>Storm hits Velgrad quay | Coastline Daily</title></head><body>"
        "<h1>Coastline Daily</h1><h1>Storm hits the Velgrad quay</h1><p>Text.</p></body></html>"
    )
    assert page_headline(tree) == "Storm hits the Velgrad quay"


def test_declared_title_without_site_name_when_no_h1_agrees():
    tree = _tree(
        "<html><head><title>Storm hits Velgrad quay | Coastline Daily</title></head><body>"
        "<h1>Menu</h1><p>Text.</p></body></html>"
    )
    assert page_headline(tree, site_name="Coastline Daily") == "Storm hits Velgrad quay"


def test_single_h1_wins_over_a_differently_worded_declared_title():
    tree = _tree(
        "<html><head><title>Car loans or leasing? | Velgrad Money</title></head><body>"
        "<h1>Paying for your car</h1><p>Text.</p></body></html>"
    )
    assert page_headline(tree, site_name="Velgrad Money") == "Paying for your car"


def test_banner_h1_that_is_the_titles_tail_is_not_the_headline():
    tree = _tree(
        "<html><head><title>Cross body lead - Dance figures - Salsa in Velgrad</title></head><body>"
        "<h1>Dance figures - Salsa in Velgrad</h1><p>Text.</p></body></html>"
    )
    assert page_headline(tree) == "Cross body lead"


def test_h2_that_is_one_part_of_the_declared_title():
    tree = _tree(
        "<html><head><title>velgrad.example - News - New flood maps for the coast</title></head><body>"
        "<h1>News | Entry</h1><h2>New flood maps for the coast</h2><p>Text.</p></body></html>"
    )
    assert page_headline(tree, host="velgrad.example") == "New flood maps for the coast"


def test_kicker_span_inside_the_h1_is_dropped():
    tree = _tree(
        "<html><head><title>Energy, costs: dikes get dearer - Velgrad Post</title></head><body><h1>"
        '<span class="kicker">Energy – costs</span><span class="invisible">: </span>'
        "<span>Dikes get dearer, builders protest</span></h1><p>Text.</p></body></html>"
    )
    assert page_headline(tree) == "Dikes get dearer, builders protest"


def test_without_h1_the_one_element_marked_headline_wins_over_the_title():
    tree = _tree(
        "<html><head><title>Tidy rooms | Coastline Magazine</title></head><body>"
        "<div class='l-headline'>Five ways to tidy a small flat</div>"
        "<div class='l-headline mobile'>Five ways to tidy a small flat</div><p>Text.</p></body></html>"
    )
    assert page_headline(tree) == "Five ways to tidy a small flat"


def test_without_h1_several_marked_headlines_are_teasers_not_the_story():
    tree = _tree(
        "<html><head><title>Tidy rooms in small flats | Coastline Magazine</title></head><body>"
        "<div class='headline'>Five ways to tidy a small flat</div>"
        "<div class='headline'>Why storms close the quay</div><p>Text.</p></body></html>"
    )
    assert page_headline(tree) == "Tidy rooms in small flats"


def test_the_visible_entry_title_wins_over_the_declared_wording():
    tree = _tree(
        '<html><head><meta property="og:title" content="Storm! Velgrad quay closed all week"></head><body>'
        "<h1>Coastline Daily</h1><h1>Weather desk</h1>"
        '<div class="entry-title">Storm: the Velgrad quay is closed all week</div><p>Ferries stayed in port.</p>'
        "</body></html>"
    )
    assert page_headline(tree) == "Storm: the Velgrad quay is closed all week"


@pytest.mark.parametrize(
    "marked",
    [
        '<span class="breadcrumb-page-title">Storm: the Velgrad quay is closed all week</span>',  # a breadcrumb
        '<nav><div class="post-title">Storm: the Velgrad quay is closed all week</div></nav>',  # a menu
        '<div class="post-title">Storm: the Velgrad quay is closed all week</div>'
        '<div class="post-title">Storm: the Velgrad quay reopens next week</div>',  # a list of posts
    ],
)
def test_a_marked_title_in_furniture_or_among_several_is_not_the_headline(marked):
    tree = _tree(
        '<html><head><meta property="og:title" content="Storm! Velgrad quay closed all week"></head>'
        f"<body>{marked}<p>Ferries stayed in port.</p></body></html>"
    )
    assert page_headline(tree) == "Storm! Velgrad quay closed all week"
