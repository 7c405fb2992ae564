"""Every contract round-trips: JSON -> contract -> JSON is the identity (property-based)."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.models import (
    Article,
    Claim,
    Comparison,
    Dateline,
    DiffOp,
    Entity,
    Fact,
    Mention,
    Problem,
    Quote,
    QuoteLink,
    Removed,
    SameStory,
    Sentence,
    Span,
)

text = st.text(max_size=30)
ident = st.text(alphabet="abcdef0123456789-sq", min_size=1, max_size=12)
offset = st.integers(min_value=-1, max_value=10_000)
optional_text = st.none() | text
spans = st.builds(Span, text, offset, offset)
mentions = st.builds(Mention, ident, ident, offset, offset, text, st.sampled_from(["PERSON", "ORG", "PLACE"]), text,
                     optional_text, st.sampled_from(["name", "title", "pronoun"]))
quotes = st.builds(Quote, ident, ident, text, offset, offset, st.sampled_from(["direct", "partial", "indirect"]),
                   st.none() | ident, optional_text, optional_text, st.booleans(), st.none() | spans,
                   st.none() | spans, st.lists(spans, max_size=2).map(tuple))
# Scores are rounded to 4 places on the wire; draw them on that grid so the round trip is exact.
scores = st.integers(min_value=0, max_value=10_000).map(lambda n: n / 10_000)
links = st.builds(QuoteLink, ident, ident,
                  st.sampled_from(["same", "excerpt", "truncated", "translated", "paraphrase", "altered"]), scores,
                  st.lists(st.builds(DiffOp, st.sampled_from(["equal", "delete", "insert", "replace"]), text, text),
                           max_size=3).map(tuple),
                  st.lists(text, max_size=2).map(tuple))
articles = st.builds(
    Article,
    id=ident, path=text, text=text, encoding=st.just("utf-8"), content_type=st.sampled_from(["text", "html"]),
    source=optional_text, language=st.sampled_from(["en", "ru", "und"]), headline=st.none() | spans,
    published=optional_text, authors=st.lists(text, max_size=2).map(tuple),
    dateline=st.none() | st.builds(Dateline, text, optional_text, optional_text, optional_text, offset, offset),
    credits=st.lists(spans, max_size=2).map(tuple), captions=st.lists(spans, max_size=2).map(tuple),
    removed=st.lists(st.builds(Removed, text, text, offset, offset), max_size=2).map(tuple),
    paragraphs=st.lists(spans, max_size=3).map(tuple),
    sentences=st.lists(st.builds(Sentence, ident, text, offset, offset, offset, offset), max_size=3).map(tuple),
    mentions=st.lists(mentions, max_size=2).map(tuple),
    claims=st.lists(st.builds(Claim, ident, st.sampled_from(["quantity", "date"]), text, text, offset, offset),
                    max_size=2).map(tuple),
    quotes=st.lists(quotes, max_size=2).map(tuple),
    analyses=st.lists(st.sampled_from(["clean", "sentences", "language", "mentions", "quotes"]), unique=True,
                      max_size=5).map(tuple),
    repairs=st.lists(text, max_size=2).map(tuple),
)
facts = st.builds(Fact, ident, text, st.sampled_from(["shared", "partial", "unique", "conflict"]),
                  st.dictionaries(ident, st.lists(ident, max_size=2).map(tuple), max_size=2), scores,
                  st.none() | st.dictionaries(ident, st.lists(text, min_size=1, max_size=2).map(tuple), min_size=1,
                                              max_size=2))
entities = st.builds(Entity, ident, text, st.sampled_from(["PERSON", "ORG", "PLACE"]),
                     st.lists(text, max_size=2).map(tuple), st.lists(text, max_size=2).map(tuple),
                     st.lists(mentions, max_size=2).map(tuple))
comparisons = st.builds(Comparison, ident, st.lists(articles, max_size=2).map(tuple),
                        st.lists(facts, max_size=2).map(tuple),
                        st.lists(st.builds(Problem, text, text), max_size=2).map(tuple), text,
                        st.lists(entities, max_size=2).map(tuple), st.lists(quotes, max_size=2).map(tuple),
                        st.lists(links, max_size=2).map(tuple),
                        st.none() | st.builds(SameStory, scores, st.sampled_from(["same", "related", "different"]),
                                              st.lists(text, max_size=2).map(tuple)))


@settings(max_examples=150, deadline=None)
@given(comparisons)
def test_comparison_json_round_trips(comparison):
    wire = comparison.to_json()
    again = Comparison.from_dict(json.loads(wire))
    assert again.to_json() == wire
    assert again == comparison


def test_a_real_comparison_round_trips(demo_comparison):
    wire = demo_comparison.to_json()
    assert Comparison.from_dict(json.loads(wire)).to_json() == wire
