"""Quote spans and speakers on the seeds and on hand-made damaged text."""

import pytest

from storydiff import clean, compare, from_text
from storydiff.analyse.quotes import QuoteFinder, find_quote_spans


def _spans(text):
    article = clean([from_text(text)]).articles[0]
    return [(s.kind, s.complete, article.text[s.start:s.end]) for s in find_quote_spans(article)]


def test_straight_curly_and_guillemet_quotes():
    text = ('Ministers met on Monday in the capital.\n\n"We will not sign," the minister said.\n\n'
            "The envoy said: “Talks are over.” Later she added that «nothing is agreed».\n")
    found = _spans(text)
    assert ("direct", True, "We will not sign") in found
    assert ("direct", True, "Talks are over.") in found
    assert ("partial", True, "nothing is agreed") in found


def test_quote_over_two_paragraphs():
    text = ('The talks ended early on Friday, officials said.\n\n"We came to talk about the border.\n\n'
            '"We leave with nothing," the envoy said.\n')
    found = _spans(text)
    assert ("direct", True, 'We came to talk about the border.\n\n"We leave with nothing') in found


def test_broken_machine_translated_marks():
    text = ("The ministry spoke on Tuesday about the plan. mandate. That is not clear to us today, «Moore said. "
            "The president asked the bloc for help» in countering the threat. » Nothing else was said.\n")
    found = _spans(text)
    assert ("direct", False, "mandate. That is not clear to us today") in found
    assert ("partial", True, "in countering the threat.") in found


def test_apostrophes_are_not_quote_marks():
    assert _spans("The United States' full support for Kazakhstan's courts was repeated. We're here.\n") == []


def test_seed_quotes_and_speakers(seed_comparison):
    c = seed_comparison
    reuters, ria = c.articles
    by_article = {a.id: [q for q in c.quotes if q.article_id == a.id] for a in c.articles}
    psaki = next(e for e in c.entities if "Psaki" in e.variants)
    questions = next(q for q in by_article[reuters.id] if q.text.startswith("We have questions"))
    assert questions.speaker == psaki.id  # continues the attributed quote before it
    seizure = next(q for q in by_article[reuters.id] if "seizure" in q.text)
    assert seizure.kind == "partial" and seizure.speaker == psaki.id  # "… ," she said
    truncated = next(q for q in by_article[ria.id] if q.text.startswith("request and how legitimate"))
    assert truncated.speaker == psaki.id and not truncated.complete  # reversed «» marks
    statement = next(q for q in by_article[reuters.id] if q.text.startswith("The Secretary reiterated"))
    assert statement.speaker_name == "State Department" and statement.verb == "said"


def test_seed_quote_links(seed_comparison):
    c = seed_comparison
    quotes = {q.id: q for q in c.quotes}
    relations = {(quotes[link.a].text[:20], quotes[link.b].text[:20]): link for link in c.quote_links}
    psaki = relations[("We have questions ab", "request and how legi")]
    assert psaki.relation in {"truncated", "translated"}
    changed = relations[("The Secretary reiter", "a peaceful resolutio")]
    assert changed.relation == "misattributed"
    assert any("State Department -> " in note and "Blinken" in note for note in changed.notes)


def test_quotes_are_in_the_text(seed_comparison):
    texts = {a.id: a.text for a in seed_comparison.articles}
    for quote in seed_comparison.quotes:
        assert texts[quote.article_id][quote.start:quote.end] == quote.text


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("We will not sign the deal today.", "We will sign the deal today.", "altered"),
        ("We will sign the deal with 40 partners today.", "We will sign the deal with 14 partners today.", "altered"),
        ("We will sign the deal today.", "We will sign the deal today.", "same"),
    ],
)
def test_relations_in_one_language(a, b, expected):
    c = compare([from_text(f'Talks went on.\n\n"{a}" the minister said in the capital.\n', "<text 1>"),
                 from_text(f'Talks went on.\n\n"{b}" the minister said in the capital city.\n', "<text 2>")],
                embedder=None)
    assert [link.relation for link in c.quote_links] == [expected]


def test_finder_without_entities_still_names_written_speakers():
    text = 'The deal was signed.\n\n"It is a good day," said the head of the port authority.\n'
    article = clean([from_text(text)]).articles[0]
    quote = QuoteFinder().find(article)[0]
    assert quote.speaker is None and quote.speaker_name == "the head of the port authority"
