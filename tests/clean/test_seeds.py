"""The seed pair: the real scraped input that motivated storydiff (read from ../shared, never copied)."""

import re

import pytest

from storydiff import clean


@pytest.fixture(scope="module")
def articles(seeds):
    reuters, ria = clean([str(p) for p in seeds]).articles
    return reuters, ria


def test_headlines(articles):
    reuters, ria = articles
    assert reuters.headline.text == "U.S. questions Russia-led peacekeeping troops in Kazakhstan"
    assert ria.headline is None  # its video caption is not a headline


def test_datelines(articles):
    reuters, ria = articles
    assert (reuters.dateline.place, reuters.dateline.date, reuters.dateline.agency) == (
        "Washington", "2022-01-06", "Reuters")
    assert (ria.dateline.place, ria.dateline.date) == ("Washington", "2022-01-06")
    assert ria.dateline.start > 50  # found in the middle of the paragraph


def test_credits_and_captions(articles):
    reuters, ria = articles
    assert [c.text[:12] for c in reuters.credits] == ["Reporting by"]
    assert "Richard Chang" not in reuters.authors and "Doina Chiacu" in reuters.authors
    assert len(reuters.captions) == 1 and reuters.captions[0].text.endswith("via REUTERS TV")
    assert len(ria.captions) == 1 and ria.captions[0].text.endswith("Screenshot of the video")


def test_all_debris_removed(articles):
    reuters, ria = articles
    reasons = sorted(r.reason for r in reuters.removed)
    assert reasons.count("promo") == 3 and reasons.count("link-residue") == 2
    assert {"reading-time", "standards-footer"} <= set(reasons)
    assert [r.reason for r in ria.removed] == ["video-unsupported"]
    for article in articles:
        assert not re.search(r"Register now|read more|minute read|Your browser|Our Standards", article.body)
        for removed in article.removed:
            assert article.text[removed.start:removed.end] == removed.text


def test_every_real_sentence_kept(articles, seeds):
    reuters, ria = articles
    assert len(reuters.sentences) == 9
    assert len(ria.sentences) == 16
    # Each sentence is traceable to the original text by its offsets.
    for article in articles:
        for sentence in article.sentences:
            assert article.text[sentence.start:sentence.end] == sentence.text
    # Everything of the RIA text but caption, dateline and the video line is in the body.
    kept = sum(len(s.text) for s in ria.sentences)
    assert kept > 0.9 * (len(ria.text) - 200)
    assert any(s.text.startswith("request and how legitimate") for s in ria.sentences)
    assert any(s.text.startswith("«18 security officials") for s in ria.sentences)
