"""Story profiles from analysed articles: which names count as places and people, and the years and
days an undated report gives (invented articles)."""

from __future__ import annotations

from dataclasses import replace

from storydiff.eval.alignment import article_from_segments
from storydiff.models import Mention
from storydiff.stories import name_key, profiles_of


def _article(mentions: tuple[tuple[str, str, str], ...] = ()):  # type: ignore[no-untyped-def]
    article = article_from_segments(
        "flood", ["Floodwater reached Ostrel on 4 May 2021.", "Mayor Mira Tovane said she expected more rain."], "en"
    )
    found = tuple(
        Mention(article.id, "", 0, 0, text, kind, text, None, how)  # type: ignore[arg-type]
        for text, kind, how in mentions
    )
    return replace(article, mentions=found)


def test_places_and_people_come_from_the_entity_stage_names_only():
    article = _article(
        (
            ("Ostrel", "PLACE", "name"),
            ("Mira Tovane", "PERSON", "name"),
            ("she", "PERSON", "pronoun"),
            ("Tovane Water Board", "ORG", "name"),
        )
    )
    profile = profiles_of([article], None)[0]
    assert profile.places == {name_key("Ostrel")}
    assert profile.people == {name_key("Mira Tovane")}  # the pronoun adds nothing
    assert name_key("Tovane Water Board") in profile.keys and name_key("she") not in profile.keys


def test_without_the_entity_stage_there_are_no_places_or_people_but_years_and_days_are_read():
    profile = profiles_of([_article()], None)[0]
    assert profile.places == profile.people == frozenset()
    assert profile.years == {"2021"}
    assert profile.dates == {"--05-04"}
    assert "2021" not in profile.numbers  # a year is not a figure
