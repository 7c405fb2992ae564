"""The generated corpus: deterministic, with known stories told in several languages."""

import re
from collections import Counter
from datetime import date

from storydiff.bench.corpus import generate


def test_the_generated_corpus_is_deterministic_and_its_stories_are_known():
    first = list(generate(300, seed=3))
    assert first == list(generate(300, seed=3)) and first != list(generate(300, seed=4))
    assert len(first) == 300 and len({a.id for a in first}) == 300
    stories = Counter(a.story for a in first)
    assert all(1 <= n <= 8 for n in stories.values()) and len(stories) > 40
    assert {a.language for a in first} == {"en", "ru", "de"}
    for article in first:
        assert article.text.startswith(article.title) and "{" not in article.text


def test_one_story_names_the_same_people_and_places_in_every_language():
    articles = [a for a in generate(200, seed=5)]
    by_story: dict[str, list] = {}
    for article in articles:
        by_story.setdefault(article.story, []).append(article)
    multilingual = [group for group in by_story.values() if {"en", "ru"} <= {a.language for a in group}]
    assert multilingual
    for group in multilingual:
        english = next(a for a in group if a.language == "en")
        russian = next(a for a in group if a.language == "ru")
        numbers = [set(re.findall(r"\d{2,}", a.text)) for a in (english, russian)]
        assert numbers[0] & numbers[1]  # the same event: the same figures, whatever the language
        assert abs((date.fromisoformat(english.published) - date.fromisoformat(russian.published)).days) <= 1
        assert any("а" <= ch <= "я" for ch in russian.text.lower())
