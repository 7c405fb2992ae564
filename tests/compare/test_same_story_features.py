"""The same-story pair features that tell similar events apart, and average-linkage story groups
(fictional articles and probabilities)."""

from dataclasses import fields, replace

from storydiff.compare.same_story import PairEvidence, StoryJudge, _with_probability, story_groups
from storydiff.config import SameStorySettings
from storydiff.models import Article, Entity, Mention
from storydiff.pipeline import clean, from_text

STORM_A = (
    "Storm floods Varnholm harbour\n\nA storm flooded the harbour of Varnholm on 4 May. "
    "Harbour master Edda Lindqvist said twelve boats sank. The road to Ostrel was closed."
)
STORM_B = (
    "Varnholm harbour under water\n\nTwelve boats sank when a storm hit Varnholm on 4 May, "
    "harbour master Edda Lindqvist said. Police closed the Ostrel road."
)
STORM_C = (
    "Storm floods Kessel harbour\n\nA storm flooded the harbour of Kessel on 9 May. "
    "Harbour master Aron Malm said six boats sank. The coast road was closed."
)


def _articles(*texts: str) -> list[Article]:
    return list(clean([from_text(t, f"{n}.txt") for n, t in enumerate(texts)]).articles)


def _pair(evidence: list[PairEvidence], first: int, second: int) -> PairEvidence:
    return next(e for e in evidence if (e.first, e.second) == (first, second))


def test_a_day_both_give_is_shared_and_different_days_clash():
    evidence = StoryJudge(None).evidence(_articles(STORM_A, STORM_B, STORM_C))
    same, other = _pair(evidence, 0, 1), _pair(evidence, 0, 2)
    assert (same.date_shared, same.date_clash, same.lead_date_clash) == (1.0, 0.0, 0.0)
    assert (other.date_shared, other.date_clash, other.lead_date_clash) == (0.0, 1.0, 1.0)


def test_articles_without_days_neither_share_nor_clash():
    plain = "Storm floods harbour\n\nA storm flooded the harbour. Twelve boats sank."
    evidence = StoryJudge(None).evidence(_articles(plain, STORM_A))
    assert (evidence[0].date_shared, evidence[0].date_clash, evidence[0].lead_date_clash) == (0.0, 0.0, 0.0)


def _entity(key: str, kind: str, articles: list[Article], counts: list[int]) -> Entity:
    mentions = tuple(
        Mention(a.id, a.sentences[0].id, 0, 1, key, kind, key)  # type: ignore[arg-type]
        for a, n in zip(articles, counts, strict=True)
        for _ in range(n)
    )
    return Entity(key, key, kind, (key,), (), mentions)  # type: ignore[arg-type]


def test_places_and_people_clash_when_none_is_shared():
    articles = _articles(STORM_A, STORM_C)
    entities = [
        _entity("varnholm", "PLACE", articles, [2, 0]),
        _entity("kessel", "PLACE", articles, [0, 2]),
        _entity("lindqvist", "PERSON", articles, [1, 0]),
        _entity("malm", "PERSON", articles, [0, 1]),
        _entity("coastguard", "ORG", articles, [1, 1]),
    ]
    evidence = StoryJudge(None).evidence(articles, entities)[0]
    assert (evidence.place_clash, evidence.person_clash) == (1.0, 1.0)
    assert 0.0 < evidence.entity_cosine < 0.5  # only the one organisation in common

    shared = [_entity("varnholm", "PLACE", articles, [2, 1]), _entity("lindqvist", "PERSON", articles, [1, 1])]
    evidence = StoryJudge(None).evidence(articles, shared)[0]
    assert (evidence.place_clash, evidence.person_clash) == (0.0, 0.0)
    assert evidence.entity_cosine > 0.9


def test_every_feature_has_a_weight_and_clashes_count_against():
    weights = [f.name for f in fields(SameStorySettings) if f.name.endswith("_weight")]
    evidence = PairEvidence(0, 1, 0.8, 0.6, 0.5, 0.5, 0.0, (), 0.0, 0.8, 0.7, 1.0, 1.0, 0.3, 0.8, 0.6, 0.5)
    assert len(evidence.vector()) == len(weights)
    settings = SameStorySettings()
    calm = _with_probability(evidence, settings).probability
    clashing = _with_probability(replace(evidence, place_clash=1.0, date_clash=1.0, lead_date_clash=1.0), settings)
    assert clashing.probability < calm


def _evidence(first: int, second: int, probability: float) -> PairEvidence:
    return PairEvidence(first, second, 0, 0, 0, 0, 0, (), probability)


def test_story_groups_do_not_merge_two_stories_on_one_stray_pair():
    # 0-1 and 2-3 are two stories; one pair across them (1-2) is high, the other three are low.
    probability = {(0, 1): 0.9, (2, 3): 0.9, (1, 2): 0.6, (0, 2): 0.1, (0, 3): 0.1, (1, 3): 0.1}
    pairs = [_evidence(a, b, p) for (a, b), p in probability.items()]
    assert story_groups(4, pairs, 0.5) == [0, 0, 1, 1]
    assert story_groups(4, pairs, 0.95) == [0, 1, 2, 3]
    assert story_groups(4, [_evidence(a, b, 0.8) for a, b in probability], 0.5) == [0, 0, 0, 0]
    assert story_groups(1, [], 0.5) == [0]
