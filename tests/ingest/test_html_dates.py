"""The date of an HTML page as its reader sees it (fictional pages)."""

import pytest

from storydiff.ingest.html_dates import find_text_date, opening_date, page_date, updated_date


def _tree(html):
    from trafilatura.utils import load_html

    return load_html(html)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Velgrad, 2021-03-04", "2021-03-04"),
        ("am 14.01.2022 um 09:25", "2022-01-14"),
        ("May 06, 2019", "2019-05-06"),
        ("Aug. 18, 2020 4:17 pm", "2020-08-18"),
        ("04 Jun 2020, originally", "2020-06-04"),
        ("21. Januar 2022", "2022-01-21"),
        ("3. März 2021", "2021-03-03"),
        ("08 de Mayo 2022", "2022-05-08"),
        ("12 décembre 2019", "2019-12-12"),
        ("no date here, only 2019", None),
        ("31.02.2020 is no day", None),
    ],
)
def test_full_dates_in_several_languages(text, expected):
    found = find_text_date(text)
    assert (found[0] if found else None) == expected


def test_updated_label_gives_the_date_after_it():
    assert updated_date("By Ana Velic Last updated: 04 Jun 2020, originally created 17 Jun 2019") == "2020-06-04"
    assert updated_date("Letzte Änderung: 14.01.2022 um 09:25 Seitenaufrufe: 12") == "2022-01-14"


def test_a_date_shown_just_before_the_label_is_the_original_one():
    assert updated_date("By Ana Velic / June 12, 2020 9:49 am / Updated: Aug. 18, 2020") == "2020-06-12"


def test_label_without_a_date_right_after_it_is_ignored():
    assert updated_date("Aktualisiert: vor 20 Stunden. Der Hafen von Velgrad am 3. Mai 2021") is None
    assert updated_date("The list is updated as the flood goes on, said 4 May 2021") is None


def test_opening_dateline_date():
    assert opening_date("29.11.2022 – Die Deiche von Velgrad halten.\nMehr Text.") == "2022-11-29"
    assert opening_date("Velgrad, 3. Mai 2021 (vpa) - Die Deiche halten.") == "2021-05-03"
    assert opening_date("The dikes of Velgrad held on 29.11.2022 – a relief.") is None


def test_utc_publication_time_read_in_the_pages_own_time_zone():
    tree = _tree(
        '<html><head><meta property="article:published_time" content="2022-05-04T03:37:37+00:00">'
        '</head><body><time datetime="2022-05-03T23:37:37-04:00">3 May, 11:37 pm</time>'
        "<p>The quay reopened.</p></body></html>"
    )
    found = page_date(tree, "The quay reopened.", "2022-05-04")
    assert found is not None and (found.date, found.how) == ("2022-05-03", "local-time")


def test_extractors_date_when_the_page_shows_nothing_better():
    tree = _tree("<html><body><p>The quay reopened on Tuesday.</p></body></html>")
    found = page_date(tree, "The quay reopened on Tuesday.", "2021-07-01T10:00:00")
    assert found is not None and (found.date, found.how) == ("2021-07-01", "metadata")
    assert page_date(tree, "The quay reopened on Tuesday.", None) is None


def test_updated_label_wins_over_the_metadata():
    tree = _tree(
        '<html><head><meta property="article:published_time" content="2016-08-29T21:54:39Z"></head>'
        '<body><div class="byline">Updated May 06, 2019</div><p>Plant the hydrangeas.</p></body></html>'
    )
    found = page_date(tree, "Plant the hydrangeas.", "2016-08-29")
    assert found is not None and (found.date, found.how) == ("2019-05-06", "updated-label")


@pytest.mark.parametrize(
    "wrapper",
    ["<footer>{}</footer>", "<div role='contentinfo'>{}</div>", "<nav>{}</nav>", "<aside>{}</aside>"],
)
def test_an_updated_label_in_the_site_furniture_is_not_the_story_s_date(wrapper):
    footer = wrapper.format("<p>This page was last modified on 4 November 2020, at 19:02.</p>")
    tree = _tree(f"<html><body><p>Velgrad quay guide.</p>{footer}</body></html>")
    found = page_date(tree, "Velgrad quay guide.", "2020-10-25")
    assert found is not None and (found.date, found.how) == ("2020-10-25", "metadata")


def test_an_updated_label_in_a_box_inside_the_article_counts():
    tree = _tree(
        "<html><body><article><p>Velgrad quay guide.</p><aside><p>Last updated: 4 November 2020</p></aside>"
        "</article></body></html>"
    )
    found = page_date(tree, "Velgrad quay guide.", "2020-10-25")
    assert found is not None and (found.date, found.how) == ("2020-11-04", "updated-label")


def test_text_right_after_the_menu_is_the_page_s_own():
    tree = _tree(
        "<html><body><nav><a href='/'>Home</a></nav>Last updated: 4 November 2020<p>Velgrad.</p></body></html>"
    )
    found = page_date(tree, "Velgrad.", "2020-10-25")
    assert found is not None and (found.date, found.how) == ("2020-11-04", "updated-label")


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("am 15/07/2014 von", None, "2014-07-15"),  # no month 15: day first whatever the language
        ("posted 07/15/2014", None, "2014-07-15"),
        ("05/04/2022 08:43", None, None),  # either order, and nothing to choose by
        ("05/04/2022 08:43", True, "2022-04-05"),
        ("05/04/2022 08:43", False, "2022-05-04"),
        ("06-06-2021", None, "2021-06-06"),
        ("05/04-2022", True, None),  # mixed separators: not a date
    ],
)
def test_dates_written_with_slashes(text, day_first, expected):
    found = find_text_date(text, day_first=day_first)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(("lang", "expected"), [("en-US", "2022-05-04"), ("de-DE", "2022-04-05"), ("en", "2021-01-01")])
def test_the_page_language_orders_a_slashed_updated_date(lang, expected):
    tree = _tree(
        f'<html lang="{lang}"><body><p class="byline">Updated: 05/04/2022</p><p>The quay reopened.</p></body></html>'
    )
    found = page_date(tree, "The quay reopened.", "2021-01-01")
    assert found is not None and found.date == expected


def test_utc_publication_time_read_in_the_offset_of_the_pages_other_stamps():
    tree = _tree(
        '<html><head><meta property="article:published_time" content="2021-09-10T02:15:00+00:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-09-10T02:15:00Z",'
        ' "dateModified": "2021-09-10T09:00:00-05:00"}</script></head>'
        "<body><p>The ferry to Velgrad ran late.</p></body></html>"
    )
    found = page_date(tree, "The ferry to Velgrad ran late.", "2021-09-10")
    assert found is not None and (found.date, found.how) == ("2021-09-09", "local-time")


def test_stamps_in_several_offsets_give_no_time_zone():
    tree = _tree(
        '<html><head><meta property="article:published_time" content="2021-09-10T02:15:00+00:00"></head>'
        '<body><time datetime="2021-09-10T09:00:00-05:00">x</time><time datetime="2021-09-10T16:00:00+02:00">y</time>'
        "<p>The ferry to Velgrad ran late.</p></body></html>"
    )
    found = page_date(tree, "The ferry to Velgrad ran late.", "2021-09-10")
    assert found is not None and (found.date, found.how) == ("2021-09-10", "metadata")


def test_a_copyright_year_guess_gives_way_to_the_date_under_the_headline():
    tree = _tree(
        "<html><body><h1>Velgrad quay reopens</h1><p class='byline'>By Ana Velic, 14 March 2021</p>"
        "<p>The quay reopened after the storm.</p><footer>© 2021 Coastline Daily</footer></body></html>"
    )
    found = page_date(tree, "The quay reopened after the storm.", "2021-01-01", headline="Velgrad quay reopens")
    assert found is not None and (found.date, found.how) == ("2021-03-14", "after-headline")


def test_a_first_of_the_month_the_page_states_is_no_guess():
    tree = _tree(
        '<html><head><meta property="article:published_time" content="2021-03-01T08:00:00+01:00"></head>'
        "<body><h1>Velgrad quay reopens</h1><p>By Ana Velic, 14 March 2021</p><p>The quay reopened.</p></body></html>"
    )
    found = page_date(tree, "The quay reopened.", "2021-03-01", headline="Velgrad quay reopens")
    assert found is not None and (found.date, found.how) == ("2021-03-01", "metadata")


def test_without_an_extracted_date_the_date_under_the_headline():
    tree = _tree(
        "<html><body><h1>Velgrad quay reopens</h1><p>14.03.2021 | Ana Velic</p><p>The quay reopened.</p></body></html>"
    )
    found = page_date(tree, "The quay reopened.", None, headline="Velgrad quay reopens")
    assert found is not None and (found.date, found.how) == ("2021-03-14", "after-headline")
    assert page_date(tree, "The quay reopened.", None) is None  # no headline to find it by


def test_visible_text_leaves_out_furniture_and_scripts_but_not_the_text_after_them():
    from storydiff.ingest.html_dates import _visible_text

    tree = _tree(
        "<html><body><nav>Menu <b>Home</b></nav> Velgrad, 3 May 2022<script>var d = 1;</script> by Jan Novak"
        "<article><aside>Fact box <i>2021</i></aside><p>The quay reopened.</p></article>"
        '<aside>Other story <span>1 May</span> teaser</aside> after <div role="navigation"><p>Tags</p></div>'
        '<main><div role="complementary">Key facts</div></main><div role="contentinfo">Imprint <p>2020</p>'
        "<footer>Inner</footer> inside</div> end <footer>Last modified 2023</footer></body></html>"
    )
    shown = "Velgrad, 3 May 2022 by Jan Novak Fact box 2021 The quay reopened. after Key facts end"
    assert _visible_text(tree) == shown
