"""Do these articles tell the same story? A decision of its own, made from the whole articles.

Two reports of one event share specific things: names, places, numbers, dates, and many statements
that say the same. Two reports of similar events (two earthquakes, two arrests of footballers) read
alike sentence by sentence but differ in exactly those specifics. For every pair of articles:

- `doc`: cosine of the articles' mean sentence vectors (what they are about);
- `match`: how much of each article has a close statement in the other (mean best cosine);
- `names`: overlap of the names they mention (entity ids when the entity stage ran, so Москва and
  Moscow count as one, plus capitalised words);
- `numbers`: overlap of specific numbers (two digits or more, years aside);
- `years`: 1 when both give years and none is shared (evidence against);
- `title`: cosine of the first statements (the headlines when both have one);
- `entity_cosine`: cosine of the articles' entity profiles (mentions per entity), so that the actors
  an article is about weigh more than a name it mentions once;
- `place_clash` / `person_clash`: both name places (people) and share none: similar events in
  different towns, or said by different people;
- `date_shared` / `date_clash`: a day of the month ("4 May") given by both, or both give days and
  none is shared; `lead_date_clash`: a day the opening gives that the other article never gives.
  Two reports of one event name its day; two similar events happen on different days.
- the news item (headline and the first two sentences): two reports of one story each give the
  other's; two items of one thread (a kidnapping, and a deputy's comment on it) give at most one of
  them, as background. `cover` / `cover_best`: mean best cosine of each article's news-item statements
  in the other, the worse / better direction; `headline_cover`: the same for the headlines alone;
  `lead_missing`: share of a lead's names and figures the other never gives (an entity counts as given
  when the other shares its id or a stem of its words), the larger of the two; `headline_people_missing`:
  the same for the people a headline names (a comment names its speaker; the event's report does not).

A logistic model on these (weights in `SameStorySettings`, fitted on the dev splits of tgcontest and
ECB+, on eleven of the features: the others weigh 0) gives a calibrated probability. The story's
groups are formed by average linkage: two groups join while the mean probability of the pairs across
them reaches `same_threshold`. One group: "same"; several groups with some pair at `related_threshold`
or above: "related"; otherwise "different".
Everything is numpy over articles × sentences: linear in the number of sentences per article pair.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

import numpy as np

from storydiff.analyse.claims import read_claims
from storydiff.compare.features import features_of
from storydiff.config import SameStorySettings
from storydiff.embed import Embedder
from storydiff.lang import LanguagePacks, default_language_packs
from storydiff.models import Article, Entity, SameStory

__all__ = ["PairEvidence", "StoryJudge", "same_story", "story_groups", "story_note"]

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]+")
_LEAD = 2  # sentences after the headline that state the news item


@dataclass(frozen=True)
class PairEvidence:
    """The features of one article pair and the probability they give."""

    first: int
    second: int
    doc: float
    match: float
    names: float
    numbers: float
    years: float
    shared_names: tuple[str, ...]
    probability: float
    top: float = 0.0  # mean of the three closest statement pairs
    lead: float = 0.0  # cosine of the opening statements (headline or first sentence)
    name_count: float = 0.0  # log(1 + shared names)
    number_count: float = 0.0  # log(1 + shared specific numbers)
    words: float = 0.0  # Jaccard of content-word stems
    whole: float = 0.0  # cosine of the whole texts, each encoded as one (headline first)
    title: float = 0.0  # cosine of the first statements (the headlines when both have one)
    entity_cosine: float = 0.0  # cosine of the entity profiles (mentions per entity)
    place_clash: float = 0.0  # both name places, none shared
    person_clash: float = 0.0  # both name people, none shared
    date_shared: float = 0.0  # a day of the month both give
    date_clash: float = 0.0  # both give days, none shared
    lead_date_clash: float = 0.0  # a day in one opening that the other never gives
    cover: float = 0.0  # how well each article gives the other's news item (headline and lead), the worse
    cover_best: float = 0.0  # the same, the better of the two directions
    headline_cover: float = 0.0  # the closest statement to each headline in the other, the worse
    lead_missing: float = 0.0  # share of one lead's specifics (names, figures) the other never gives, the larger
    headline_people_missing: float = 0.0  # a person one headline names whom the other never gives, the larger share

    def vector(self) -> list[float]:
        """In the order of the `*_weight` fields of `SameStorySettings`."""
        return [
            self.doc,
            self.match,
            self.names,
            self.numbers,
            self.years,
            self.top,
            self.lead,
            self.name_count,
            self.number_count,
            self.words,
            self.whole,
            self.title,
            self.entity_cosine,
            self.place_clash,
            self.person_clash,
            self.date_shared,
            self.date_clash,
            self.lead_date_clash,
            self.cover,
            self.cover_best,
            self.headline_cover,
            self.lead_missing,
            self.headline_people_missing,
        ]


@dataclass(frozen=True)
class _Profile:
    """What one article gives that the pair features compare."""

    names: frozenset[str]
    words: frozenset[str]
    numbers: frozenset[str]
    years: frozenset[str]
    entities: dict[str, int]  # entity id -> mentions in this article
    places: frozenset[str]
    people: frozenset[str]
    dates: frozenset[str]  # --MM-DD
    lead_dates: frozenset[str]  # the dates of the headline and the first two sentences
    lead_words: frozenset[str]  # content-word stems of the headline and the first two sentences
    lead_specifics: tuple[frozenset[str], ...]  # the lead's names (each its keys) and figures
    headline_people: tuple[frozenset[str], ...]  # the people the headline names (entity stage), each its keys
    specifics: frozenset[str]  # entity ids, word stems and figures of the whole article


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _share(own: frozenset[str], other: frozenset[str]) -> float:
    """How much of `own` the other gives (1 when `own` is empty: nothing is missing)."""
    return len(own & other) / len(own) if own else 1.0


def _missing(own: tuple[frozenset[str], ...], other: frozenset[str]) -> float:
    """Share of one lead's specifics (each a set of keys) of which the other gives no key."""
    return sum(not keys & other for keys in own) / len(own) if own else 0.0


def _clash(a: frozenset[str], b: frozenset[str]) -> float:
    """1 when both give some and share none: evidence of two different events."""
    return 1.0 if a and b and not a & b else 0.0


def _profile_cosine(a: dict[str, int], b: dict[str, int]) -> float:
    dot = sum(count * b.get(key, 0) for key, count in a.items())
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _dates(text: str, packs: LanguagePacks) -> frozenset[str]:
    return frozenset(c.value for c in read_claims(text, packs=packs) if c.kind == "date")


def _specific_numbers(text: str) -> frozenset[str]:
    """Figures of two digits or more, years aside: the specifics two reports of one event share."""
    years = frozenset(_YEAR.findall(text))
    return frozenset(n for n in _NUMBER.findall(text) if len(n.replace(".", "").replace(",", "")) >= 2) - years


def _stem(word: str) -> str:
    """A prefix that outlasts Russian case endings: Клинцы/Клинцах -> клин, Иона/Ионы -> ион."""
    return word.casefold()[: max(3, min(4, len(word) - 2))]


def _stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _WORD.findall(text) if len(w) > 2)


def _lead_names(article: Article, entities: Sequence[Entity], lead: list[str]) -> list[tuple[frozenset[str], bool]]:
    """The names of the headline and the lead, each as its keys: the entity id and the stems of the
    words naming it here, so that another article gives it when it shares the entity or one of the
    words (the entity stage may keep Иона and Iona, or Клинцах and Клинцы, apart). Mentions are
    found in the sentences only: a headline names an entity when a word of it starts like a mention.
    Without entities: the capitalised words after each statement's first. Each with: is it a person
    the headline names (who acts or speaks in the news item: a comment on an event names its speaker)?"""
    if not entities:
        words = [w for t in lead for w in _WORD.findall(t)[1:] if w[:1].isupper() and len(w) > 2]
        return [(frozenset({stem}), False) for stem in dict.fromkeys(_stem(w) for w in words)]
    sentences = article.sentences[: len(lead) - (1 if article.headline and article.headline.text.strip() else 0)]
    end = sentences[-1].end if sentences else -1
    headline = _stems(article.headline.text) if article.headline else frozenset()
    out = []
    for e in entities:
        own = [m for m in e.mentions if m.article_id == article.id]
        stems = frozenset(_stem(w) for m in own for w in _WORD.findall(m.text) if w[:1].isupper() and len(w) > 2)
        if any(m.start < end for m in own) or stems & headline:
            out.append((stems | {e.id}, e.type == "PERSON" and bool(stems & headline)))
    return out


def _profile(article: Article, texts: list[str], entities: Sequence[Entity], packs: LanguagePacks) -> _Profile:
    text = " ".join(texts)
    feats = features_of(text, packs=packs)
    counts = {e.id: n for e in entities if (n := sum(m.article_id == article.id for m in e.mentions))}
    typed = {e.id: e.type for e in entities}
    years = frozenset(_YEAR.findall(text))
    numbers = _specific_numbers(text)
    lead = texts[: _LEAD + (1 if article.headline and article.headline.text.strip() else 0)]
    lead_words = frozenset().union(*(features_of(t, packs=packs).words for t in lead))
    lead_names = _lead_names(article, [e for e in entities if e.id in counts], lead)
    return _Profile(
        # Entity ids when the entity stage ran (they hold across languages and spellings), else the
        # capitalised words.
        names=frozenset(counts) if counts else feats.names,
        words=feats.words,
        numbers=numbers,
        years=years,
        entities=counts if counts else dict.fromkeys(feats.names, 1),
        places=frozenset(k for k in counts if typed[k] == "PLACE"),
        people=frozenset(k for k in counts if typed[k] == "PERSON"),
        dates=_dates(text, packs),
        lead_dates=_dates(" ".join(texts[:3]), packs),
        lead_words=lead_words,
        lead_specifics=tuple(k for k, _ in lead_names)
        + tuple(frozenset({n}) for n in _specific_numbers(" ".join(lead))),
        headline_people=tuple(k for k, in_headline in lead_names if in_headline),
        specifics=frozenset(counts) | _stems(text) | numbers,
    )


class StoryJudge:
    def __init__(
        self,
        embedder: Embedder | None,
        settings: SameStorySettings | None = None,
        *,
        packs: LanguagePacks | None = None,
    ) -> None:
        self.embedder = embedder
        self.settings = settings or SameStorySettings()
        self.packs = packs if packs is not None else default_language_packs()

    def evidence(self, articles: Sequence[Article], entities: Sequence[Entity] = ()) -> list[PairEvidence]:
        texts = [
            ([a.headline.text] if a.headline and a.headline.text.strip() else [])
            + ([s.text for s in a.sentences] or [a.text[:2000]])
            for a in articles
        ]
        vectors: list[np.ndarray] = []
        if self.embedder is not None:
            flat = self.embedder.encode([t for ts in texts for t in ts])
            matrix = np.asarray(flat, dtype=np.float32)
            wholes = np.asarray(self.embedder.encode(["\n".join(ts)[:4000] for ts in texts]), dtype=np.float32)
            start = 0
            for ts in texts:
                vectors.append(matrix[start : start + len(ts)])
                start += len(ts)
        profiles = [_profile(a, ts, entities, self.packs) for a, ts in zip(articles, texts, strict=True)]
        # Each article's news item: its headline and the first sentences that state it.
        leads = [_LEAD + (1 if a.headline and a.headline.text.strip() else 0) for a in articles]
        label = {e.id: e.name for e in entities}
        out = []
        for i in range(len(articles)):
            for j in range(i + 1, len(articles)):
                p, q = profiles[i], profiles[j]
                if vectors:
                    a, b = vectors[i], vectors[j]
                    ma, mb = a.mean(axis=0), b.mean(axis=0)
                    doc = float(ma @ mb / (np.linalg.norm(ma) * np.linalg.norm(mb) + 1e-9))
                    cosine = a @ b.T
                    match = float((cosine.max(axis=1).mean() + cosine.max(axis=0).mean()) / 2)
                    best = np.sort(cosine.max(axis=1))[::-1][:3]
                    top = float(best.mean())
                    lead = float(cosine[:2, :2].max())
                    title = float(cosine[0, 0])
                    whole = float(wholes[i] @ wholes[j])
                    # Two reports of one story each give the other's news item; of two items of one
                    # thread, one gives the other's only as background, and the other never gives it.
                    covers = (
                        float(cosine[: leads[i]].max(axis=1).mean()),
                        float(cosine[:, : leads[j]].max(axis=0).mean()),
                    )
                    headline_cover = float(min(cosine[0].max(), cosine[:, 0].max()))
                else:  # no embedder: words stand in for meaning
                    doc = match = top = lead = title = whole = _overlap(p.words, q.words)
                    covers = (_share(p.lead_words, q.words), _share(q.lead_words, p.words))
                    headline_cover = min(covers)
                shared = p.names & q.names
                lead_clash = any(
                    own and other.dates and not own & other.dates
                    for own, other in ((p.lead_dates, q), (q.lead_dates, p))
                )
                evidence = PairEvidence(
                    i,
                    j,
                    doc,
                    match,
                    _overlap(p.names, q.names),
                    _overlap(p.numbers, q.numbers),
                    _clash(p.years, q.years),
                    tuple(sorted(label[n] for n in shared if n in label))[:5],
                    0.0,
                    top,
                    lead,
                    math.log1p(len(shared)),
                    math.log1p(len(p.numbers & q.numbers)),
                    len(p.words & q.words) / max(len(p.words | q.words), 1),
                    whole,
                    title,
                    _profile_cosine(p.entities, q.entities),
                    _clash(p.places, q.places),
                    _clash(p.people, q.people),
                    1.0 if p.dates & q.dates else 0.0,
                    _clash(p.dates, q.dates),
                    1.0 if lead_clash else 0.0,
                    min(covers),
                    max(covers),
                    headline_cover,
                    max(_missing(p.lead_specifics, q.specifics), _missing(q.lead_specifics, p.specifics)),
                    max(_missing(p.headline_people, q.specifics), _missing(q.headline_people, p.specifics)),
                )
                out.append(_with_probability(evidence, self.settings))
        return out

    def judge(self, articles: Sequence[Article], entities: Sequence[Entity] = ()) -> tuple[SameStory, list[int]]:
        """The verdict, and each article's story group (0, 1, …; one group when all tell one story)."""
        s = self.settings
        pairs = self.evidence(articles, entities)
        groups = story_groups(len(articles), pairs, s.same_threshold)
        count = max(groups, default=0) + 1
        # Without an embedder the verdict rests on words alone (the weights were fitted with one):
        # it is given, but the articles are not kept apart on it.
        kept_apart = groups if self.embedder is not None else [0] * len(articles)
        if not pairs:
            return SameStory(1.0, "same", ()), kept_apart
        score = min(max(p.probability for p in pairs if k in (p.first, p.second)) for k in range(len(articles)))
        reasons = []
        best = max(pairs, key=lambda p: p.probability)
        if best.shared_names:
            reasons.append("shared names: " + ", ".join(best.shared_names))
        if count == 1:
            verdict = "same"
        else:
            across = [p.probability for p in pairs if groups[p.first] != groups[p.second]]
            verdict = "related" if max(across) >= s.related_threshold else "different"
            score = min(score, max(across))
            for g in range(count):
                members = [articles[k].label for k in range(len(articles)) if groups[k] == g]
                reasons.append(f"story {g + 1}: " + ", ".join(members))
        clashes = [p for p in pairs if p.years and groups[p.first] != groups[p.second]]
        if clashes:
            reasons.append("different years")
        return SameStory(round(score, 4), verdict, tuple(reasons)), kept_apart  # type: ignore[arg-type]


def story_groups(count: int, pairs: Sequence[PairEvidence], threshold: float) -> list[int]:
    """Each article's story group (0, 1, … in order of first member): average-linkage clustering
    that joins two groups while the mean probability across them reaches `threshold`. One stray
    high pair between two stories does not merge them, as it would in connected components."""
    probability = np.zeros((count, count))
    for pair in pairs:
        probability[pair.first, pair.second] = probability[pair.second, pair.first] = pair.probability
    clusters = [[k] for k in range(count)]
    while len(clusters) > 1:
        best, join = max(
            (float(probability[np.ix_(clusters[a], clusters[b])].mean()), (a, b))
            for a in range(len(clusters))
            for b in range(a + 1, len(clusters))
        )
        if best < threshold:
            break
        clusters[join[0]].extend(clusters.pop(join[1]))
    group = {k: n for n, members in enumerate(sorted(clusters, key=min)) for k in members}
    return [group[k] for k in range(count)]


def _with_probability(evidence: PairEvidence, s: SameStorySettings) -> PairEvidence:
    weights = [getattr(s, f.name) for f in fields(s) if f.name.endswith("_weight")]  # in vector() order
    z = s.bias + sum(w * x for w, x in zip(weights, evidence.vector(), strict=True))
    return replace(evidence, probability=1 / (1 + math.exp(-z)))


def same_story(
    articles: Sequence[Article],
    embedder: Embedder | None,
    entities: Sequence[Entity] = (),
    settings: SameStorySettings | None = None,
    *,
    packs: LanguagePacks | None = None,
) -> SameStory:
    return StoryJudge(embedder, settings, packs=packs).judge(articles, entities)[0]


def story_note(verdict: SameStory | None) -> str | None:
    """The line a report shows when the articles do not tell one story (None when they do)."""
    if verdict is None or verdict.verdict == "same":
        return None
    kind = "different stories" if verdict.verdict == "different" else "related but different stories"
    details = "; ".join(r for r in verdict.reasons if r.startswith("story ") or r == "different years")
    return f"These articles tell {kind} (same-story score {verdict.score:.2f})" + (f": {details}" if details else "")
