"""Checks of the extracted text against the page it came from (fictional pages)."""

import pytest

from storydiff.ingest.html_lead import restore_lead
from storydiff.ingest.html_links import drop_link_lines, link_share
from storydiff.ingest.html_text import page_pieces

pytest.importorskip("trafilatura")

LEAD = "Ferries stayed in port all week as the storm closed the Velgrad quay to all traffic."
BODY = "The harbour master said the quay would reopen on Friday once the divers had checked it."


def _tree(html):
    from trafilatura.utils import load_html

    return load_html(html)


def _page(body, head=""):
    return _tree(f"<html><head>{head}</head><body>{body}</body></html>")


def test_pieces_mark_links_furniture_and_skip_scripts_and_comments():
    tree = _page(
        "<!-- a note --> Opening <p>Quay <a href='/other'>closed <b>again</b></a> today<script>var x;</script>"
        " later</p><nav><a href='#top'>Top</a></nav>"
    )
    pieces = [(p.text, p.link, p.furniture) for p in page_pieces(tree)]
    assert pieces == [
        ("Opening", False, False),
        ("Quay", False, False),
        ("closed", True, False),
        ("again", True, False),
        ("today", False, False),
        ("later", False, False),
        ("Top", False, True),  # an anchor on the same page is not a link elsewhere
    ]


def test_teaser_lines_shown_as_links_are_dropped():
    tree = _page(
        f"<article><p>{BODY}</p><p>Read also: <a href='/b'>Divers find old anchor under the quay</a></p>"
        "<ul><li><a href='/c'>Mayor opens the new ferry terminal</a></li></ul></article>"
    )
    text = f"{BODY}\nRead also: Divers find old anchor under the quay\nMayor opens the new ferry terminal"
    assert drop_link_lines(page_pieces(tree), text) == BODY


def test_links_to_other_sites_and_short_cross_links_are_the_story_s_own():
    source = "Velgrad harbour office report on the storm"
    tree = _page(
        f"<article><p>{BODY}</p><ul><li><a href='https://harbour.example.org/report'>{source}</a></li>"
        "<li><a href='/wiki/Quay'>Velgrad quay</a></li></ul></article>"
    )
    text = f"{BODY}\n{source}\nVelgrad quay"
    assert drop_link_lines(page_pieces(tree, "www.coastline.example"), text) == text


def test_links_to_the_same_site_by_full_address_are_teasers():
    teaser = "Divers find an old anchor under the quay"
    tree = _page(f"<p>{BODY}</p><p><a href='https://news.coastline.example/anchor'>{teaser}</a></p>")
    assert drop_link_lines(page_pieces(tree, "www.coastline.example"), f"{BODY}\n{teaser}") == BODY


def test_a_teaser_in_a_script_without_spaces_is_dropped():
    teaser = "港口因风暴关闭整整一周渡轮全部停航"
    tree = _page(f"<p>{BODY}</p><p><a href='/a'>{teaser}</a></p>")
    assert drop_link_lines(page_pieces(tree), f"{BODY}\n{teaser}") == BODY


@pytest.mark.parametrize(
    "wrapper",
    [
        "<nav>{}</nav>",
        "<footer>{}</footer>",
        "<aside>{}</aside>",
        "<div role='contentinfo'>{}</div>",
    ],
)
def test_a_line_shown_only_in_the_site_furniture_is_dropped(wrapper):
    blurb = "Coastline Daily is a family paper from Velgrad that has covered the coast and its ferries since 1900."
    tree = _page(wrapper.format(f"<span>{blurb}</span>") + f"<article><p>{BODY}</p></article>")
    assert drop_link_lines(page_pieces(tree), f"{blurb}\n{BODY}") == BODY


def test_an_aside_inside_the_article_is_the_story_s_own_box():
    box = "Velgrad quay: built in 1890, closed twice since then, and now to be rebuilt."
    tree = _page(f"<article><p>{BODY}</p><aside><p>{box}</p></aside></article>")
    assert drop_link_lines(page_pieces(tree), f"{BODY}\n{box}") == f"{BODY}\n{box}"


def test_a_line_also_shown_in_the_story_is_kept():
    box = "Velgrad quay: built in 1890, closed twice since then."
    tree = _page(f"<article><p>{BODY}</p><p>{box}</p></article><aside><p>{box}</p></aside>")
    assert drop_link_lines(page_pieces(tree), f"{BODY}\n{box}") == f"{BODY}\n{box}"


def test_a_line_shown_once_as_plain_text_is_kept():
    # the headline is a link in the breadcrumb, but the page also shows it as the story's <h1>
    tree = _page(
        "<div class='crumbs'><a href='/s'>Storm closes the Velgrad quay</a></div>"
        f"<h1>Storm closes the Velgrad quay</h1><p>{BODY} See <a href='/m'>the map</a>.</p>"
    )
    pieces = page_pieces(tree)
    text = f"Storm closes the Velgrad quay\n{BODY} See the map."
    assert drop_link_lines(pieces, text) == text
    assert link_share(pieces, "Storm closes the Velgrad quay") == 0.0


def test_a_page_that_is_all_links_is_left_to_the_caller():
    tree = _page("<a href='/a'>First story about the quay</a><a href='/b'>Second story about it</a>")
    text = "First story about the quay\nSecond story about it"
    assert drop_link_lines(page_pieces(tree), text) == text


def _lead_page(lead_html, description=LEAD):
    return _page(
        f"<header><p>Coastline Daily: news from the coast of Velgrad since the year 1900 and more</p></header>"
        f"<h1>Storm closes the quay</h1>{lead_html}<p>{BODY}</p><footer><p>{LEAD}</p></footer>",
        head=f'<meta property="og:description" content="{description}">',
    )


def test_a_dropped_lead_is_put_back_before_the_body():
    tree = _lead_page(f"<div class='teaser'><p>{LEAD}</p></div>")
    assert restore_lead(tree, page_pieces(tree), BODY, "Storm closes the quay") == f"{LEAD}\n{BODY}"


def test_a_lead_goes_after_a_headline_the_extractor_kept():
    tree = _lead_page(f"<div class='teaser'><p>{LEAD}</p></div>")
    text = f"Storm closes the quay\n{BODY}"
    assert (
        restore_lead(tree, page_pieces(tree), text, "Storm closes the quay") == f"Storm closes the quay\n{LEAD}\n{BODY}"
    )


def test_a_lead_longer_than_a_cut_description_is_put_back_whole():
    tree = _lead_page(f"<p class='intro'>{LEAD} Divers will check it.</p>", description=LEAD[:60] + "…")
    out = restore_lead(tree, page_pieces(tree), BODY, "Storm closes the quay")
    assert out == f"{LEAD} Divers will check it.\n{BODY}"


def test_a_lead_split_by_inline_markup_is_found_and_kept_as_written():
    tree = _lead_page(
        "<p>Ferries stayed in port all week as the storm closed the <b>Velgrad</b> quay to all traffic.</p>"
    )
    assert restore_lead(tree, page_pieces(tree), BODY, "Storm closes the quay") == f"{LEAD}\n{BODY}"


@pytest.mark.parametrize(
    "lead_html",
    [
        "",  # the description is shown only in the footer (the site's furniture)
        f"<p>{BODY}</p>",  # not shown as a lead at all
    ],
)
def test_no_lead_without_one_between_headline_and_body(lead_html):
    tree = _lead_page(lead_html)
    assert restore_lead(tree, page_pieces(tree), BODY, "Storm closes the quay") == BODY


def test_a_lead_already_extracted_is_not_repeated():
    tree = _lead_page(f"<p>{LEAD}</p>")
    text = f"{LEAD}\n{BODY}"
    assert restore_lead(tree, page_pieces(tree), text, "Storm closes the quay") == text


def test_a_slogan_before_the_headline_is_not_a_lead():
    slogan = "Coastline Daily: news from the coast of Velgrad since the year 1900 and more"
    tree = _lead_page("", description=slogan)
    assert restore_lead(tree, page_pieces(tree), BODY, "Storm closes the quay") == BODY


def test_lines_shown_only_above_the_headline_do_not_mark_where_the_body_starts():
    tree = _lead_page(f"<div class='teaser'><p>{LEAD}</p></div>")
    banner = "Coastline Daily: news from the coast of Velgrad since the year 1900 and more"
    text = f"{banner}\n{BODY}"
    assert restore_lead(tree, page_pieces(tree), text, "Storm closes the quay") == f"{banner}\n{LEAD}\n{BODY}"


QUESTION = "How do the ferry pilots of Velgrad know when the quay is safe again after a storm?"
ANSWER = "The harbour office posts a notice once the divers have checked the quay walls and the moorings."


def _question_page(post_html):
    return _page(
        f"<h1>When is the quay safe?</h1><div class='post'>{post_html}</div><div class='answer'><p>{ANSWER}</p></div>",
        head=f'<meta property="og:description" content="{QUESTION}">',
    )


def test_a_dropped_question_comes_back_whole_before_its_answers():
    tree = _question_page(f"<p>{QUESTION}</p><blockquote>quay closed</blockquote><p>Is there a rule for it?</p>")
    out = restore_lead(tree, page_pieces(tree), ANSWER, "When is the quay safe?")
    assert out == f"{QUESTION}\nquay closed\nIs there a rule for it?\n{ANSWER}"


def test_a_box_with_a_heading_gives_back_only_the_lead_paragraph():
    tree = _question_page(f"<p>{QUESTION}</p><h3>Related questions</h3><p>Is there a rule for it?</p>")
    out = restore_lead(tree, page_pieces(tree), ANSWER, "When is the quay safe?")
    assert out == f"{QUESTION}\n{ANSWER}"


def test_teasers_the_extractor_wrote_as_list_items_are_dropped():
    teaser = "Ferry timetable changes for the winter season in Velgrad"
    tree = _page(f"<p>{BODY}</p><ul><li><a href='/winter-timetable'>{teaser}</a></li></ul>")
    assert drop_link_lines(page_pieces(tree, "example.com"), f"{BODY}\n- {teaser}") == BODY


def test_the_title_of_a_teaser_list_goes_with_it_but_a_story_s_own_colon_line_stays():
    teaser = "Ferry timetable changes for the winter season in Velgrad"
    tree = _page(f"<p>{BODY}</p><p>The divers said:</p><p>More on this topic:</p><a href='/winter'>{teaser}</a>")
    pieces = page_pieces(tree, "example.com")
    assert drop_link_lines(pieces, f"{BODY}\nMore on this topic:\n{teaser}") == BODY
    assert drop_link_lines(pieces, f"The divers said:\n{BODY}") == f"The divers said:\n{BODY}"


def test_a_body_that_opens_with_a_list_item_still_marks_where_the_body_starts():
    tree = _lead_page(f"<div class='teaser'><p>{LEAD}</p></div><ul><li>Quay closed until Friday</li></ul>")
    text = f"- Quay closed until Friday\n{BODY}"
    out = restore_lead(tree, page_pieces(tree), text, "Storm closes the quay")
    assert out == f"{LEAD}\n{text}"


def test_a_line_shown_only_above_the_headline_is_the_page_s_banner():
    banner = "Coastline Courier press releases"
    tree = _page(f"<div><p>{banner}</p></div><h1>Storm closes quay</h1><div><p>{LEAD}</p><p>{BODY}</p></div>")
    text = f"{banner}\n{LEAD}\n{BODY}"
    assert drop_link_lines(page_pieces(tree), text, headline="Storm closes quay") == f"{LEAD}\n{BODY}"
    assert drop_link_lines(page_pieces(tree), text) == text  # without a headline, nothing to go by


def test_a_story_shown_above_its_headline_keeps_its_lines():
    # the headline shown again only below the story (a footer's "share: ..."): no header to speak of
    tree = _page(f"<div><p>{LEAD}</p><p>{BODY}</p></div><div>Storm closes quay</div>")
    text = f"{LEAD}\n{BODY}"
    assert drop_link_lines(page_pieces(tree), text, headline="Storm closes quay") == text


def test_lines_a_page_step_took_out_are_set_aside_with_its_reason():
    from storydiff.ingest.html import _lines_gone

    before = f"{BODY}\nRead also: Divers find old anchor under the quay\n\n{LEAD}\n{LEAD}"
    after = f"{BODY}\n{LEAD}"
    gone = _lines_gone(before, after, "page-link-or-furniture")
    assert [(r.text, r.reason, r.start, r.end) for r in gone] == [
        ("Read also: Divers find old anchor under the quay", "page-link-or-furniture", -1, -1),
        (LEAD, "page-link-or-furniture", -1, -1),  # one of two copies went; blank lines are no debris
    ]


def test_the_cleaner_lists_what_the_page_set_aside_before_its_own_removals():
    from storydiff.clean import Cleaner
    from storydiff.clean.explain import explain_cleaning
    from storydiff.clean.rules import load_rules
    from storydiff.models import RawDocument, Removed

    teaser = Removed("Mayor opens the new ferry terminal", "page-link-or-furniture", -1, -1)
    raw = RawDocument("page.html", f"{LEAD}\n{BODY}", "html", "utf-8", set_aside=(teaser,))
    assert RawDocument.from_dict(raw.to_dict()) == raw
    article = Cleaner(load_rules()).clean(raw)
    assert article.removed[0] == teaser
    assert "[page-link-or-furniture] 'Mayor opens the new ferry terminal'" in explain_cleaning(article)
