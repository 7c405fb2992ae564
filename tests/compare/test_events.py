"""Event facts: every outlet's sentences on the story's event, beside the statement facts (invented
stories: an arrest told by three outlets, and another arrest in another city)."""

from dataclasses import replace

import pytest

from storydiff.compare.align import FactAligner
from storydiff.compare.events import event_groups, triggers_of
from storydiff.compare.units import units_of
from storydiff.config import AlignmentSettings
from storydiff.lang import default_language_packs
from storydiff.models import Fact
from storydiff.pipeline import compare, from_text

VOSS = [
    "Police arrested the singer Mirela Voss at her home in Dorvik on 14 March 2025.\n\n"
    "Voss, arrested after a two-month inquiry into missing charity funds, did not speak to reporters.\n\n"
    "The charity runs four shelters in the north of the country.\n\n"
    "Her concert tour was due to start in May.",
    "The singer Mirela Voss was arrested in Dorvik on 14 March 2025, police said.\n\n"
    "Her lawyer said the arrest was a misunderstanding and that Voss would cooperate.\n\n"
    "Ticket sales for the tour have been suspended.",
    "Dorvik police have arrested Mirela Voss, the singer who founded a charity for homeless families.\n\n"
    "The arrest follows complaints from two donors about the charity's accounts.\n\n"
    "A court hearing is expected next week.\n\n"
    "In 2019 police arrested Tomas Brann, a banker, in Halvern over a similar complaint.",
]
BRANN = [
    "Police in Halvern arrested the banker Tomas Brann on Tuesday over loans to his own firm.\n\n"
    "Brann was arrested at the airport as he returned from a trip abroad.",
    "The banker Tomas Brann was arrested in Halvern on Tuesday, prosecutors said.\n\n"
    "Brann's bank said it was cooperating with investigators after the arrest.",
]


@pytest.fixture(scope="module")
def articles():
    comparison = compare([from_text(t, f"a{k}.txt") for k, t in enumerate(VOSS + BRANN)], embedder=None, entities=False)
    return list(comparison.articles)


def _texts(articles, fact: Fact) -> set[str]:
    sentences = {s.id: s.text for a in articles for s in a.sentences}
    return {sentences[s] for ids in fact.support.values() for s in ids}


def test_every_outlet_s_sentences_on_the_arrest_form_one_event_fact(articles):
    facts = FactAligner(None).align(articles, groups=[0, 0, 0, 1, 1])
    events = [f for f in facts if f.kind == "event"]
    voss = next(f for f in events if any("Voss" in t for t in _texts(articles, f)))
    texts = _texts(articles, voss)
    assert len(voss.support) == 3 and voss.conflicts is None and voss.confidence is None
    assert any(t.startswith("Voss, arrested after") for t in texts)  # the arrest among other facts
    assert any(t.startswith("Her lawyer said the arrest") for t in texts)
    assert any(t.startswith("The arrest follows complaints") for t in texts)
    assert not any("shelters" in t or "tour" in t or "hearing" in t for t in texts)  # other facts only
    assert not any("2019" in t for t in texts)  # the same action in another year: another arrest
    assert not any("Brann" in t for t in texts)


def test_another_arrest_in_another_story_group_never_joins(articles):
    facts = FactAligner(None).align(articles, groups=[0, 0, 0, 1, 1])
    story = {a.id: g for a, g in zip(articles, [0, 0, 0, 1, 1], strict=True)}
    for fact in facts:
        assert len({story[a] for a in fact.support}) == 1
    brann = [f for f in facts if f.kind == "event" and any("Brann was arrested" in t for t in _texts(articles, f))]
    assert len(brann) == 1 and len(brann[0].support) == 2


def test_event_facts_can_be_turned_off(articles):
    facts = FactAligner(None, AlignmentSettings(event_facts=False)).align(articles, groups=[0, 0, 0, 1, 1])
    assert all(f.kind == "statement" for f in facts)


def test_a_sentence_supports_its_statement_fact_and_the_event_fact(articles):
    facts = FactAligner(None).align(articles, groups=[0, 0, 0, 1, 1])
    lead = next(s.id for s in articles[1].sentences if s.text.startswith("The singer Mirela Voss was arrested"))
    kinds = {f.kind for f in facts if lead in f.support.get(articles[1].id, ())}
    assert kinds == {"statement", "event"}


def test_triggers_are_the_words_several_leads_share():
    stop = default_language_packs().words("stopwords")
    leads = [
        ["Rescuers searched the rubble after the quake struck Velgrad"],
        ["The quake struck before dawn, rescuers said"],
        ["Schools closed in Ostrel"],
    ]
    triggers = triggers_of(leads, stop, share=0.5)
    assert triggers["quake"] == pytest.approx(2 / 3) and triggers["struc"] == pytest.approx(2 / 3)  # stems
    assert "velgr" not in triggers and "schoo" not in triggers  # a name; one lead only


def test_a_mention_naming_other_people_is_another_event(articles):
    """With the entity stage, a mention whose named people no other outlet's mention gives is dropped."""
    aligner = FactAligner(None)
    voss = articles[:3]
    units = [u for a in voss for u in units_of(a)]
    feats = aligner.features(units)

    def names(text: str) -> frozenset[str]:
        return frozenset({"brann"} if "Tomas Brann" in text else {"voss"} if "Voss" in text else set())

    named = [replace(f, entities=names(u.text)) for f, u in zip(feats, units, strict=True)]
    without_years = [replace(f, years=frozenset()) for f in named]  # the year alone would drop it too
    (mentions,) = event_groups(voss, units, without_years, None, AlignmentSettings(), default_language_packs())
    assert not any("Brann" in units[m.unit].text for m in mentions)
    assert any("lawyer" in units[m.unit].text for m in mentions)  # no names at all: no clash


def test_event_kind_survives_json():
    fact = Fact("f1", "text", "shared", {"a": ("a-s0",)}, 0.5, kind="event")
    assert Fact.from_dict(fact.to_dict()).kind == "event"
    assert Fact.from_dict({**fact.to_dict(), "kind": None} | {"kind": "statement"}).kind == "statement"
