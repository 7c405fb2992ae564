"""Boxes a page's markup names as the site's, and what a page shows after its story (fictional pages)."""

import pytest

from storydiff.ingest.html_boxes import boxed_pieces, names_furniture
from storydiff.ingest.html_links import drop_link_lines
from storydiff.ingest.html_text import page_pieces

pytest.importorskip("trafilatura")

STORY = "Ferries stayed in port all week as the storm closed the Velgrad quay to all traffic and trade."
MORE = "The harbour master said the quay would reopen on Friday once the divers had checked it."
STORY_LINES = [
    line.replace("the", word, 1) for word in ("the", "our", "that", "this") for line in (STORY, MORE)
]  # eight different paragraphs
STORY_HTML = "".join(f"<p>{line}</p>" for line in STORY_LINES)


def _pieces(body):
    from trafilatura.utils import load_html

    return page_pieces(load_html(f"<html><head></head><body>{body}</body></html>"))


def _element(tag, **attrs):
    from lxml import etree

    element = etree.Element(tag)
    for key, value in attrs.items():
        element.set(key, value)
    return element


@pytest.mark.parametrize(
    ("tag", "attrs", "named"),
    [
        ("div", {"class": "author-bio"}, True),
        ("div", {"class": "box newsletterSignup"}, True),  # camel case splits into words
        ("section", {"id": "comments"}, True),
        ("div", {"class": "post-share"}, True),
        ("div", {"class": "ad"}, True),
        ("div", {"class": "adjust-width"}, False),  # a short word counts only whole
        ("div", {"class": "tag-newsletter category-social"}, False),  # files the story under a tag
        ("article", {"class": "post comments-open"}, False),  # the story's own element
        ("div", {"class": "entry-content"}, False),
    ],
)
def test_names_furniture_reads_class_and_id_words(tag, attrs, named):
    assert names_furniture(_element(tag, **attrs)) is named


def test_a_line_shown_only_in_a_named_box_is_dropped():
    bio = "Mira Tolvan writes about ports and shipping for the Coastline Courier."
    signup = "Get the morning tide report in your inbox every day."
    pieces = _pieces(
        f"<div class='story'>{STORY_HTML}"
        f"<div class='author-box'><p>{bio}</p></div><div id='newsletter-signup'><p>{signup}</p></div></div>"
    )
    text = "\n".join([*STORY_LINES, bio, signup])
    assert drop_link_lines(pieces, text) == "\n".join(STORY_LINES)
    assert drop_link_lines(pieces, text, named_boxes=False) == text


def test_boxes_that_would_take_much_of_the_text_are_not_trusted():
    # the extractor's text is mostly a box's: the story is not where its longest paragraph says
    teasers = [f"Teaser number {n} about a quite different story on the coast" for n in range(6)]
    pieces = _pieces(
        f"<div><p>{STORY}</p><div class='related'>" + "".join(f"<p>{t}</p>" for t in teasers) + "</div></div>"
    )
    text = "\n".join([STORY, *teasers])
    assert drop_link_lines(pieces, text) == text


def test_a_named_wrapper_that_holds_the_story_is_not_a_box():
    # "content-sidebar-wrap" wraps the story and its sidebar: the name says nothing of the story
    pieces = _pieces(f"<div class='content-sidebar-wrap'><div><p>{STORY}</p><p>{MORE}</p></div></div>")
    text = f"{STORY}\n{MORE}"
    assert drop_link_lines(pieces, text) == text


def test_a_line_also_shown_in_the_story_stays_when_a_box_repeats_it():
    pieces = _pieces(f"<div><p>{STORY}</p><p>{MORE}</p></div><div class='related-posts'><p>{MORE}</p></div>")
    text = f"{STORY}\n{MORE}"
    assert drop_link_lines(pieces, text) == text


def test_lines_after_the_block_that_holds_the_story_are_boxed():
    thanks = "Tell us what you think below."
    pieces = _pieces(f"<div><div class='text'>{STORY_HTML}</div><div class='note'>{thanks}</div></div>")
    text = "\n".join([*STORY_LINES, thanks])
    assert boxed_pieces(pieces, text) == [False] * 8 + [True]
    assert drop_link_lines(pieces, text) == "\n".join(STORY_LINES)


def test_a_story_split_by_an_ad_goes_on_in_the_same_markup():
    end = "Divers went down on Thursday."
    pieces = _pieces(
        f"<div><div class='text'>{STORY_HTML}</div><div>Ad</div><div class='text'><p>{end}</p></div></div>"
    )
    text = "\n".join([*STORY_LINES, end])
    assert drop_link_lines(pieces, text) == text


def test_a_story_that_runs_on_past_its_first_block_keeps_its_end():
    # the first block holds only the opening: nothing holds nearly all the story but the page
    rest = "Divers went down on Thursday morning and found the quay's pillars sound after all."
    pieces = _pieces(f"<article><p>{MORE}</p></article><div><p>{STORY}</p><p>{rest}</p></div>")
    text = f"{MORE}\n{STORY}\n{rest}"
    assert not any(boxed_pieces(pieces, text))


def test_nothing_is_boxed_when_the_page_does_not_show_the_story():
    pieces = _pieces(f"<div class='sidebar'><p>{MORE}</p></div>")
    assert boxed_pieces(pieces, "A text the page does not show anywhere at all.") == [False]
