"""Debris that web pages leave in the main text: navigation links, empty metadata labels, the site's
own appeals for money. All texts are made up (fictional places, people and outlets)."""

import pytest

from storydiff.clean import Cleaner
from storydiff.models import RawDocument

PARAGRAPH = (
    "Floodwater in the river port of Velgrad rose again on Tuesday. Crews worked through the night to "
    "raise the sandbag walls along the quay. The mayor said schools would stay shut until Friday."
)


def _clean(text: str):
    return Cleaner().clean(RawDocument(origin="p.html", text=text, content_type="html", encoding="utf-8"))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('... weiter zu "Die Deichkarte"', "link-label"),
        ("Continue to part two", "link-label"),
        ("Release Date:", "empty-meta-label"),
        ("Veröffentlicht am:", "empty-meta-label"),
        ("Unterstütze Velgradblatt bereits mit 3 Euro!", "donation-appeal"),
        ("Support Coastline Daily", "donation-appeal"),
        ("We need your help to keep the Velgrad archive online Donate", "donation-appeal"),
    ],
)
def test_page_debris_line_is_removed(line, reason):
    article = _clean(f"{PARAGRAPH}\n\n{line}\n\n{PARAGRAPH}")
    assert line not in article.body
    assert reason in [r.reason for r in article.removed]


@pytest.mark.parametrize(
    "line",
    [
        "Support for the sandbag plan grew among the fishermen of the lower town.",
        "The charity asked people to donate",
        "Back to the quay, the mayor said, once the water falls.",
        "Release date: 4 May, the ministry said.",
    ],
)
def test_reporting_that_looks_alike_is_kept(line):
    article = _clean(f"{PARAGRAPH}\n\n{line}\n\n{PARAGRAPH}")
    assert line in article.body
