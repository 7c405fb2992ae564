"""Same story as its own decision (fictional articles)."""

from storydiff.compare.same_story import PairEvidence, StoryJudge, story_note
from storydiff.config import SameStorySettings
from storydiff.models import SameStory
from storydiff.pipeline import compare, from_text
from storydiff.report.markdown import render_markdown

QUAKE_A = (
    "Quake shakes Varnholm\n\nA magnitude 6.1 earthquake struck the town of Varnholm on Tuesday, "
    "killing three people. Mayor Edda Lindqvist said 40 houses were damaged. Rescue teams from Ostrel "
    "arrived in the evening."
)
QUAKE_A2 = (
    "Three dead as earthquake hits Varnholm\n\nThree people were killed when a 6.1-magnitude quake hit "
    "Varnholm on Tuesday. About 40 homes were damaged, Mayor Edda Lindqvist said. Teams from Ostrel "
    "joined the rescue."
)
FERRY = (
    "New ferry for Kessel Bay\n\nThe Kessel Bay ferry company bought a second boat for 12 million crowns. "
    "Director Aron Malm said the boat would sail from May. Tickets will cost the same as before."
)


def test_same_event_is_same_story():
    c = compare([from_text(QUAKE_A, "a.txt"), from_text(QUAKE_A2, "b.txt")])
    assert c.same_story is not None and c.same_story.verdict == "same"
    assert 0.5 <= c.same_story.score <= 1.0
    assert story_note(c.same_story) is None


def test_unrelated_articles_are_different_stories_and_reports_say_so():
    c = compare([from_text(QUAKE_A, "quake.txt"), from_text(FERRY, "ferry.txt")])
    assert c.same_story is not None and c.same_story.verdict in ("related", "different")
    assert any(r.startswith("story 1") for r in c.same_story.reasons)
    assert all(len(f.support) == 1 for f in c.facts)  # nothing aligned across the two stories
    assert "tell" in render_markdown(c) and "stories" in render_markdown(c)


def test_groups_of_three_articles():
    judge = StoryJudge(None)
    c = compare([from_text(QUAKE_A, "a.txt"), from_text(QUAKE_A2, "b.txt"), from_text(FERRY, "c.txt")])
    verdict, groups = judge.judge(c.articles, c.entities)
    assert len(groups) == 3
    assert c.same_story is not None and c.same_story.verdict != "same"


def test_probability_is_logistic_in_the_settings():
    settings = SameStorySettings()
    judge = StoryJudge(None, settings)
    assert judge.settings is settings
    evidence = PairEvidence(
        0,
        1,
        1.0,
        1.0,
        1.0,
        1.0,
        0.0,
        (),
        0.0,
        1.0,
        1.0,
        2.0,
        1.0,
        0.5,
        0.9,
        0.9,
        0.9,
        cover=0.9,
        cover_best=0.9,
        headline_cover=0.9,
    )
    from storydiff.compare.same_story import _with_probability

    high = _with_probability(evidence, settings).probability
    low = _with_probability(PairEvidence(0, 1, 0.1, 0.1, 0.0, 0.0, 1.0, (), 0.0, 0.1, 0.1, 0.0, 0.0), settings)
    assert 0.0 < low.probability < 0.5 < high < 1.0


def test_story_note():
    assert story_note(SameStory(0.9, "same")) is None
    assert "different stories" in (story_note(SameStory(0.02, "different", ("story 1: a", "story 2: b"))) or "")
