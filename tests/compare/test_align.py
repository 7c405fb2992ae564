"""Fact alignment on the seeds asserts what ../shared/seeds/README.md says a reader wants."""

from storydiff import compare
from storydiff.compare import AlignmentSettings


def _facts_with(comparison, *needles):
    out = []
    for fact in comparison.facts:
        texts = " ".join(
            s.text for a in comparison.articles for s in a.sentences
            if s.id in {i for ids in fact.support.values() for i in ids}
        )
        if all(n in texts for n in needles):
            out.append(fact)
    return out


def test_seed_shared_facts_are_aligned(seed_comparison):
    c = seed_comparison
    for needles in (
        ("closely monitoring reports that peacekeeping", "monitoring the entry of CSTO peacekeepers"),
        ("legitimately invited", "invitation was legitimate"),
        ("legitimate invitation or not", "request and how legitimate"),
        ("Antony Blinken spoke with", "Anthony Blinken had a telephone conversation"),
        ("constitutional institutions and media freedom", "«constitutional institutions and media freedoms»"),
    ):
        facts = _facts_with(c, *needles)
        assert facts and facts[0].status == "shared", needles


def test_seed_unique_facts(seed_comparison):
    c = seed_comparison
    reuters, ria = c.articles
    for needle, article in (
        ("number about 2,500", reuters),
        ("seizure of Kazakh institutions", reuters),
        ("restoration of internet access", ria),
        ("increase in prices for liquefied gas", ria),
        ("security officials were killed", ria),
        ("Until January 19, a state of emergency", ria),
    ):
        # Statement facts: the event fact may gather this sentence too, as one on the story's event.
        facts = [f for f in _facts_with(c, needle) if f.kind == "statement"]
        assert facts, needle
        assert all(f.status == "unique" and set(f.support) == {article.id} for f in facts), needle


def test_statuses_across_three_articles(demo_comparison):
    statuses = {f.status for f in demo_comparison.facts}
    assert {"shared", "partial", "unique"} <= statuses
    n = len(demo_comparison.articles)
    for fact in demo_comparison.facts:
        expected = "shared" if len(fact.support) == n else "partial" if len(fact.support) > 1 else "unique"
        if fact.conflicts:
            expected = "conflict"  # several articles, disagreeing on a number or a date
        assert fact.status == expected


def test_every_sentence_supports_some_fact(demo_comparison):
    supported = {s for f in demo_comparison.facts for ids in f.support.values() for s in ids}
    for article in demo_comparison.articles:
        assert {s.id for s in article.sentences} <= supported


def test_lexical_fallback_without_embeddings(seeds):
    c = compare([str(p) for p in seeds], embedder=None)
    assert c.aligner == "lexical"
    assert any(f.status == "shared" for f in c.facts)


def test_settings_change_the_outcome(seeds):
    strict = compare([str(p) for p in seeds], settings=AlignmentSettings(threshold=0.99))
    assert all(f.status == "unique" for f in strict.facts if f.kind == "statement")  # events: own settings
