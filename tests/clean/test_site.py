"""Lines a site repeats across its stories are its debris; a story's own lines, and one story's
updates, are not."""

from __future__ import annotations

from storydiff.clean import Cleaner
from storydiff.clean.site import SiteLines, learn_site_lines, line_key, site_of
from storydiff.models import RawDocument

FURNITURE = "Harbour Ledger | independent since 1998"
SLOGAN = "Our coast, our stories"

LEADS = [
    "The ferry between Ostrava Bay and the islands was cancelled on Tuesday after a storm damaged the pier.",
    "City councillors in Lunden voted 14 to 9 to close the old tram depot by the end of next year.",
    "A fire at a warehouse near the northern docks burned for six hours before crews brought it under control.",
    "The regional hospital opened a new children's ward after three years of building and two delays.",
    "Fishermen protested outside the port authority over new limits on the size of the autumn herring catch.",
]


BACKGROUND = "The port has lost a third of its traffic since the new bridge opened in 2019."


def _page(n: int, lead: str, *, extra: str = "", host: str = "harbour-ledger.example") -> RawDocument:
    text = "\n".join(
        line
        for line in (
            FURNITURE,
            lead,
            BACKGROUND if n < 3 else "",  # a series' background paragraph, on three of five stories
            extra,
            SLOGAN,
            f"Updated {n} hours ago",
        )
        if line
    )
    return RawDocument(origin=f"https://www.{host}/news/{n}", text=text, content_type="text", encoding="utf-8")


def test_site_of_reads_the_host_or_the_declared_site_name():
    assert site_of(_page(1, LEADS[0])) == "harbour-ledger.example"
    named = RawDocument(
        origin="export.jsonl#3", text="x", content_type="text", encoding="utf-8", site_name="  Harbour   Ledger "
    )
    assert site_of(named) == "harbour ledger"
    assert site_of(RawDocument(origin="folder/a.txt", text="x", content_type="text", encoding="utf-8")) is None


def test_lines_on_many_stories_of_one_site_are_learnt_and_the_storys_own_lines_are_not():
    pages = [_page(n, lead, extra="Background" if n == 0 else "") for n, lead in enumerate(LEADS)]
    learnt = learn_site_lines(pages)
    keys = learnt.for_document(pages[0])
    assert line_key(FURNITURE) in keys and line_key(SLOGAN) in keys
    assert line_key("Updated 7 hours ago") in keys  # figures may change from page to page
    assert line_key("Background") not in keys  # on one story only: a heading of that story
    assert line_key(LEADS[0]) not in keys
    # Another site's page learns nothing from this one.
    assert learnt.for_document(_page(9, LEADS[0], host="other.example")) == frozenset()


def test_updates_of_one_story_count_once():
    """Three versions of one story repeat every line: that is not evidence of the site's furniture."""
    versions = [_page(n, LEADS[0], extra="What we know so far") for n in range(3)]
    others = [_page(10 + n, lead) for n, lead in enumerate(LEADS[1:3])]
    keys = learn_site_lines(versions + others).for_document(versions[0])
    assert line_key("What we know so far") not in keys
    assert line_key(FURNITURE) in keys  # on three distinct stories


def test_a_site_with_too_few_stories_teaches_nothing():
    assert len(learn_site_lines([_page(n, lead) for n, lead in enumerate(LEADS[:2])])) == 0
    assert len(learn_site_lines([])) == 0


def test_the_cleaner_removes_the_sites_lines_with_their_reason_and_keeps_the_story():
    pages = [_page(n, lead) for n, lead in enumerate(LEADS)]
    learnt = learn_site_lines(pages)
    article = Cleaner().clean(pages[1], learnt.for_document(pages[1]))
    removed = {r.text: r.reason for r in article.removed}
    assert removed.get(FURNITURE) == "site-repeated-line"
    assert removed.get(SLOGAN) == "site-repeated-line"
    body = " ".join(p.text for p in article.paragraphs)
    assert LEADS[1] in body and BACKGROUND in body  # a sentence needs far more evidence than a label
    # Without what other pages taught, the furniture is not known as such.
    alone = Cleaner().clean(pages[1])
    assert FURNITURE not in {r.text for r in alone.removed}


def test_a_chunk_carries_only_its_own_sites_lines():
    learnt = SiteLines({"a.example": frozenset({"x"}), "b.example": frozenset({"y"})})
    chunk = [RawDocument(origin="https://a.example/1", text="t", content_type="text", encoding="utf-8")]
    assert learnt.restricted_to(chunk).by_site == {"a.example": frozenset({"x"})}


def test_a_fixed_footer_sentence_on_nearly_every_story_is_learnt():
    footer = "No part of this page may be copied or sold without the written consent of the publisher."
    pages = [
        RawDocument(
            origin=f"https://harbour-ledger.example/{n}",
            text=f"{lead}\n{footer}",
            content_type="text",
            encoding="utf-8",
        )
        for n, lead in enumerate(LEADS)
    ]
    assert line_key(footer) in learn_site_lines(pages).for_document(pages[0])
    assert line_key(footer) not in learn_site_lines(pages[:4]).for_document(pages[0])  # four stories: too few


def test_comparing_pages_of_one_site_learns_from_the_pages_given():
    from storydiff.pipeline import clean

    result = clean([_page(n, lead) for n, lead in enumerate(LEADS)])
    assert all(FURNITURE in {r.text for r in a.removed if r.reason == "site-repeated-line"} for a in result.articles)


def test_learning_as_the_documents_stream_past_gives_what_one_pass_gives():
    from storydiff.clean.site import SiteLineLearner

    pages = [_page(n, lead) for n, lead in enumerate(LEADS)]
    learner = SiteLineLearner()
    learner.add(pages[:2])
    assert learner.lines().for_document(pages[0]) == frozenset()  # two stories: too few yet
    learner.add(pages[2:])
    assert learner.lines() == learn_site_lines(pages)


def test_a_site_with_many_one_off_lines_forgets_them_but_keeps_its_furniture():
    from storydiff.clean.site import SiteLineLearner

    learner = SiteLineLearner(max_keys_per_site=10)
    pages = [
        RawDocument(
            origin=f"https://harbour-ledger.example/{n}",
            text=f"{FURNITURE}\n{lead} Number {n}.\nA heading only this story has: {'x' * (n + 1)}",
            content_type="text",
            encoding="utf-8",
        )
        for n, lead in enumerate(LEADS * 6)
    ]
    learner.add(pages)
    keys = learner.lines().for_document(pages[0])
    assert line_key(FURNITURE) in keys
    assert not any(key.startswith("a heading only") for key in keys)
    assert len(learner._seen_on["harbour-ledger.example"]) <= 20


def test_a_line_seen_on_one_story_is_kept_as_numbers_until_a_second_story_prints_it():
    from storydiff.clean.site import SiteLineLearner

    learner = SiteLineLearner()
    site = "harbour-ledger.example"
    learner.add([_page(0, LEADS[0], extra="Only the ferry story says this")])
    assert learner._seen_on[site] == {}  # one story so far: no line is kept as text
    learner.add([_page(1, LEADS[1])])
    assert line_key(FURNITURE) in learner._seen_on[site]
    assert "only the ferry story says this" not in learner._seen_on[site]
    learner.add([_page(n, lead) for n, lead in enumerate(LEADS) if n >= 2])
    assert line_key(FURNITURE) in learner.lines().for_document(_page(0, LEADS[0]))
