"""Alignment weighs evidence against a match as well as for it (fictional statements)."""

from dataclasses import replace

from storydiff.compare.align import FactAligner
from storydiff.compare.features import features_of
from storydiff.compare.units import Unit
from storydiff.config import AlignmentSettings
from storydiff.pipeline import compare, from_text


def _unit(k: int, article: str, text: str) -> Unit:
    return Unit(f"{article}-s{k}/c0", article, f"{article}-s{k}", text, 0, len(text))


def test_a_number_inside_a_word_is_not_a_number():
    features = features_of("Line B19 and the COVID-19 ward reopened in 2031 with 2,500 beds")
    assert features.numbers == {"2031", "2500"}
    assert features.years == {"2031"}


def test_a_bare_list_number_does_not_align():
    aligner = FactAligner(None)
    bare, word = features_of("19."), features_of("The Varnholm ferry route B-19 reopened on Tuesday")
    assert bare.content < AlignmentSettings().min_content
    assert aligner._pair_score(bare, word, 0.9) == 0.0


def test_other_years_lower_a_match():
    aligner = FactAligner(None)
    same = aligner.scores([_unit(0, "a", "The Varnholm bridge collapsed in 2019 after heavy rain"),
                           _unit(0, "b", "The Varnholm bridge collapsed in 2019 after heavy rain fell")])
    other = aligner.scores([_unit(0, "a", "The Varnholm bridge collapsed in 2019 after heavy rain"),
                            _unit(0, "b", "The Varnholm bridge collapsed in 2023 after heavy rain fell")])
    assert other[0][1] < same[0][1]


def test_other_actors_and_numbers_lower_a_match_when_weighed():
    settings = AlignmentSettings(name_clash_penalty=0.1, number_clash_penalty=0.05)
    aligner = FactAligner(None, settings)
    a = replace(features_of("The mayor opened 12 new schools in Ostrel"), entities=frozenset({"e1"}))
    b = replace(features_of("The mayor opened 40 new schools in Ostrel"), entities=frozenset({"e2"}))
    c = replace(features_of("The mayor opened 12 new schools in Ostrel"), entities=frozenset({"e1"}))
    assert aligner._pair_score(a, b, 0.9) < aligner._pair_score(a, c, 0.9) - 0.1


def test_a_sentence_can_support_two_facts():
    """a-s1 restates a-s0 and says what b-s0 says: it supports that fact as well as its own."""
    aligner = FactAligner(None, AlignmentSettings(threshold=0.4, extra_support_margin=0.1))
    units = [_unit(0, "a", "x"), _unit(1, "a", "y"), _unit(0, "b", "z"), _unit(1, "b", "w")]
    matrix = [[0.0, 0.5, 0.9, 0.1],
              [0.5, 0.0, 0.9, 0.1],
              [0.9, 0.9, 0.0, 0.1],
              [0.1, 0.1, 0.1, 0.0]]
    groups = aligner._extra_support(units, matrix, [[0, 2], [1], [3]])
    assert groups[0] == [0, 2, 1]
    assert groups[1:] == [[1], [3]]
    far = aligner._extra_support(units, [[0.0, 0.5, 0.9, 0.1], [0.5, 0.0, 0.3, 0.1],
                                         [0.9, 0.3, 0.0, 0.1], [0.1, 0.1, 0.1, 0.0]], [[0, 2], [1], [3]])
    assert far[0] == [0, 2]  # not close enough to b-s0


def test_articles_of_different_stories_are_not_aligned():
    first = from_text("The Ostrel council approved a new tram line on Monday.\n\n"
                      "The line will link the harbour with the university by 2031.")
    second = from_text("The Ostrel council approved a new tram line on Monday.\n\n"
                       "The line will link the harbour with the university by 2031, officials said.")
    together = compare([first, second], entities=False)
    assert any(len(f.support) == 2 for f in together.facts)
    aligner = FactAligner(None)
    articles = list(together.articles)
    apart = aligner.align(articles, groups=[0, 1])
    assert all(len(f.support) == 1 for f in apart)
