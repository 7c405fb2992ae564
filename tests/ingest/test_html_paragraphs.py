"""The paragraph classifier for debris inside the story's block (`ingest.html_paragraphs`), on
invented pages."""

import pytest

from storydiff.ingest.html_paragraphs import (
    FEATURES,
    ParagraphModel,
    drop_debris_paragraphs,
    has_evidence,
    line_features,
    paragraph_model,
)
from storydiff.ingest.html_text import page_pieces

pytest.importorskip("trafilatura")

STORY = [
    "Ferries stayed in port all week as the storm closed the Velgrad quay to traffic and trade.",
    "The harbour master said the quay would reopen on Friday once the divers had checked it.",
    "Fishing boats were moved to the inner basin, where the breakwater shelters them from the swell.",
    "Traders said the closure cost them a week of deliveries and some of their customers.",
]


def _pieces(body):
    from trafilatura.utils import load_html

    return page_pieces(load_html(f"<html><head></head><body><article>{body}</article></body></html>"))


def _page(*extra):
    lines = [*STORY, *extra]
    return _pieces("".join(f"<p>{line}</p>" for line in lines)), "\n".join(lines)


def test_shipped_model_matches_the_features():
    model = paragraph_model()
    assert model is not None and len(model.weights) == len(FEATURES) and 0.5 <= model.threshold < 1


def test_label_lines_stay_for_the_cleaner():
    """The cleaner removes them with its reason (`clean.boilerplate.remove_label_lines`)."""
    pieces, text = _page("Read also: Storm closes the quay for a second week")
    assert drop_debris_paragraphs(pieces, text) == text


def test_picture_credit_goes_and_the_story_stays():
    pieces, text = _page("© Harbour Press Agency")
    assert drop_debris_paragraphs(pieces, text) == "\n".join(STORY)


def test_story_lines_that_mention_cue_words_stay():
    said = "Readers can subscribe to the port's newsletter to learn when the quay reopens, the master said."
    pieces, text = _page(said, "History")
    assert drop_debris_paragraphs(pieces, text) == text


def test_short_lines_without_evidence_stay():
    """A subheading or a list of names is short and capitalised like a menu, but says nothing of the site's."""
    pieces, text = _page("Timeline", "- Anna Berg 3", "- Jonas Holm 2")
    assert drop_debris_paragraphs(pieces, text) == text


def test_never_takes_a_large_part_of_the_text():
    sure = ParagraphModel(weights=(0.0,) * len(FEATURES), bias=10.0, threshold=0.5)
    pieces, text = _page(*[f"Photo: Harbour Press {i}" for i in range(8)])
    assert drop_debris_paragraphs(pieces, text, sure) == text


def test_features_read_the_page():
    pieces = _pieces("".join(f"<p>{line}</p>" for line in STORY) + '<p><a href="/other">Other story</a></p>')
    lines = [*STORY, "Other story", "Not on the page at all"]
    rows = [dict(zip(FEATURES, f, strict=True)) for f in line_features(pieces, lines)]
    assert rows[0]["first_line"] == 1 and rows[0]["own_markup"] == 1 and rows[0]["link_share"] == 0
    assert rows[-2]["link_share"] == 1 and rows[-2]["site_link_share"] == 1
    assert rows[-1]["not_shown"] == 1
    assert line_features(pieces, [""]) == [None]


def test_evidence_needs_a_cue_and_never_a_heading_or_table_row():
    pieces = _pieces("<h2>Share prices</h2><p>www.example.org</p><p>Timeline</p>")
    lines = ["Share prices", "www.example.org", "Timeline", "| Share | 3 |"]
    features = line_features(pieces, lines)
    assert [has_evidence(line, f) for line, f in zip(lines, features, strict=True)] == [False, True, False, False]


def test_without_a_page_the_text_is_left_alone():
    text = "\n".join([*STORY, "Read also: a teaser"])
    assert drop_debris_paragraphs([], text) == text


@pytest.mark.parametrize(
    ("line", "contact"),
    [
        ("Write to desk@velgrad-post.example for corrections", 1.0),
        ("Follow @velgradpost for updates", 1.0),
        ("More at https://velgrad.example/quay", 1.0),
        ("See www.velgrad.example", 1.0),
        ("© Velgrad Post", 1.0),
        ("(C) 2021 Velgrad Post", 1.0),
        ("The ferry left at 9 @ the quay", 0.0),  # an "@" alone is no address or handle
        ("Ferries stayed in port all week.", 0.0),
    ],
)
def test_contact_feature(line, contact):
    row = dict(zip(FEATURES, line_features(_page()[0], [line])[0], strict=True))
    assert row["contact"] == contact
