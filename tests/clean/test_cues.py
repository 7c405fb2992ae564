"""Boilerplate cues (`clean.cues`): labels that open a line, weaker words anywhere (invented lines)."""

import pytest

from storydiff.clean.cues import boilerplate_cues


@pytest.mark.parametrize(
    "line",
    [
        "Read also: Ferry strike ends after four days",
        "Lesen Sie auch: Fähren bleiben im Hafen",
        "LIRE AUSSI – Le port de Velgrad rouvre",
        "» Lea también: El muelle reabre el viernes",
        "Читайте также: паром вернулся в порт",
        "Advertisement",
        "Anzeige",
        "Foto: Jan Novak / Harbour Press",
        "Photo credit: Harbour Press",
        "All rights reserved.",
        "相关阅读：渡轮停航",
        "関連記事",
        "Ayrıca okuyun: Feribotlar limanda kaldı",
    ],
)
def test_label_lines(line):
    assert boilerplate_cues().is_label_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Read more about the storm in the harbour master's long report on the quay and its repairs.",
        "Comments from the harbour master came late on Friday.",
        "Reklamacje przyjmuje kapitanat portu.",  # "reklama" is not a word's start here
        "Share prices of the ferry company fell by a tenth.",
        "The ferry company will advertise new crossings next week.",
        "Photo: " + "word " * 30,  # too long to be a credit line
    ],
)
def test_not_label_lines(line):
    assert not boilerplate_cues().is_label_line(line)


def test_word_cues_count_different_cues():
    cues = boilerplate_cues()
    assert cues.word_cues("Subscribe to our newsletter and share it") == 3
    assert cues.word_cues("The ferries stayed in port.") == 0
    assert cues.word_cues("Subscriptions rose") == 1  # a stem ("subscri*") matches longer words
    assert cues.word_cues("Fotografen warteten") == 0  # a whole word ("foto") does not


def test_cleaner_removes_label_lines_on_pages_only():
    from storydiff.clean import Cleaner
    from storydiff.models import RawDocument

    story = "The ferries stayed in port all week as the storm closed the quay to traffic and trade."
    text = f"{story}\nAyrıca okuyun: Feribotlar limanda kaldı\n{story.replace('week', 'day')}"
    page = Cleaner().clean(RawDocument(origin="p.html", text=text, content_type="html", encoding="utf-8"))
    assert [r.reason for r in page.removed] == ["boilerplate-label"]
    plain = Cleaner().clean(RawDocument(origin="p.txt", text=text, content_type="text", encoding="utf-8"))
    assert "boilerplate-label" not in [r.reason for r in plain.removed]


def test_grouped_patterns_match_as_one_plain_alternation_would(tmp_path):
    """The cues are compiled grouped by first letter (for speed); what they find is what the plain
    alternation of the phrases, longest first, finds (invented phrases that share first letters)."""
    import re

    path = tmp_path / "cues.toml"
    path.write_text(
        '[lead]\nen = ["read also", "read", "ad:", "advert", "© velgrad"]\nde = ["anzeige", "lesen sie auch"]\n'
        '[word]\nen = ["share", "share this", "subscri*", "sub", "s-", "ad", "photo", "新闻"]\nfr = ["abonn*"]\n',
        encoding="utf-8",
    )
    cues = boilerplate_cues(path)

    def plain(phrase, stem=False):
        body = re.escape(phrase)
        if phrase[0].isalpha() and not "\u3400" <= phrase[0] <= "\u9fff":
            body = r"(?<!\w)" + body
        if not stem and phrase[-1].isalpha() and not "\u3400" <= phrase[-1] <= "\u9fff":
            body += r"(?!\w)"
        return body

    words = ["share", "share this", "sub", "s-", "ad", "photo", "新闻"]
    stems = ["subscri", "abonn"]
    leads = ["read also", "read", "ad:", "advert", "© velgrad", "anzeige", "lesen sie auch"]
    word = re.compile("|".join([plain(p, stem=True) for p in stems] + [plain(p) for p in sorted(words, key=len)[::-1]]))
    lead = re.compile(r"^[\s\W_]{0,3}(?:" + "|".join(plain(p) for p in sorted(leads, key=len)[::-1]) + ")")
    lines = [
        "Share this: subscribers and abonnés, ad-free photos",
        "sharethis reshare share-this s- sub subs ad:s",
        "» Read also: the quay",
        "Reading the tide tables",
        "Advertisement",
        "Ad: ferries",
        "© Velgrad Press",
        "Lesen Sie auch: Fähren",
        "新闻：渡轮",
        "",
    ]
    for line in lines:
        folded = line.casefold()
        assert [m.span() for m in cues.word.finditer(folded)] == [m.span() for m in word.finditer(folded)], line
        assert [m.span() for m in cues.lead.finditer(folded)] == [m.span() for m in lead.finditer(folded)], line
