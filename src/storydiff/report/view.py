"""What every report shows, computed once: per article, what it reports, adds and omits."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from storydiff.models import Article, Comparison, Entity, Fact, Quote, QuoteLink

__all__ = ["ArticleView", "EntityRow", "QuoteGroup", "StoryView", "story_view"]


@dataclass(frozen=True)
class ArticleView:
    article: Article
    unique: tuple[Fact, ...]  # only this article reports them
    omitted: tuple[Fact, ...]  # others report them, this one does not (most-reported first)
    fact_ids_by_sentence: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class EntityRow:
    entity: Entity
    counts: dict[str, int]  # article id -> mentions in that article


@dataclass(frozen=True)
class QuoteGroup:
    """One statement as each outlet gives it: the linked quotes, and the links between them."""

    quotes: tuple[Quote, ...]
    links: tuple[QuoteLink, ...]

    @property
    def speakers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q.speaker_name or "unknown" for q in self.quotes))

    @property
    def relations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(link.relation for link in self.links))


@dataclass(frozen=True)
class StoryView:
    comparison: Comparison
    shared: tuple[Fact, ...]
    partial: tuple[Fact, ...]
    conflicts: tuple[Fact, ...]
    articles: tuple[ArticleView, ...]
    labels: dict[str, str]  # article id -> unique display label
    entities: tuple[EntityRow, ...] = ()
    quote_groups: tuple[QuoteGroup, ...] = ()
    speakers_by_article: dict[str, tuple[tuple[str, int], ...]] | None = None  # article id -> (speaker, quotes)

    def label(self, article_id: str) -> str:
        return self.labels[article_id]


def _labels(articles: tuple[Article, ...]) -> dict[str, str]:
    """Unique display names; an article in another language than most is marked with it."""
    languages = Counter(a.language for a in articles)
    majority = languages.most_common(1)[0][0] if articles else ""
    labels: dict[str, str] = {}
    for article in articles:
        label = article.label
        if article.language != majority:
            label = f"{label} [{article.language}]"
        if label in labels.values():
            label = f"{label} ({article.path.replace(chr(92), '/').rsplit('/', 1)[-1]})"
        labels[article.id] = label
    return labels


def story_view(comparison: Comparison) -> StoryView:
    facts = comparison.facts
    views = []
    for article in comparison.articles:
        by_sentence: dict[str, list[str]] = {}
        for fact in facts:
            for sentence_id in fact.support.get(article.id, ()):
                by_sentence.setdefault(sentence_id, []).append(fact.id)
        omitted = sorted(
            (f for f in facts if article.id not in f.support),
            key=lambda f: -len(f.support),
        )
        views.append(
            ArticleView(
                article=article,
                unique=tuple(f for f in facts if f.status == "unique" and article.id in f.support),
                omitted=tuple(omitted),
                fact_ids_by_sentence={k: tuple(v) for k, v in by_sentence.items()},
            )
        )
    return StoryView(
        comparison=comparison,
        shared=tuple(f for f in facts if f.status == "shared"),
        partial=tuple(f for f in facts if f.status == "partial"),
        conflicts=tuple(f for f in facts if f.status == "conflict"),
        articles=tuple(views),
        labels=_labels(comparison.articles),
        entities=tuple(_entity_rows(comparison)),
        quote_groups=tuple(_quote_groups(comparison)),
        speakers_by_article=_speakers(comparison),
    )


def _quote_groups(comparison: Comparison) -> list[QuoteGroup]:
    """Linked quotes in groups (connected through their links), linked ones first."""
    parent = {q.id: q.id for q in comparison.quotes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in comparison.quote_links:
        parent[find(link.b)] = find(link.a)
    members: dict[str, list[Quote]] = {}
    for quote in comparison.quotes:
        members.setdefault(find(quote.id), []).append(quote)
    order = {a.id: n for n, a in enumerate(comparison.articles)}
    groups = []
    for root, quotes in members.items():
        links = tuple(link for link in comparison.quote_links if find(link.a) == root)
        quotes.sort(key=lambda q: (order[q.article_id], q.start))
        groups.append(QuoteGroup(tuple(quotes), links))
    groups.sort(key=lambda g: (-len({q.article_id for q in g.quotes}), order[g.quotes[0].article_id],
                               g.quotes[0].start))
    return groups


def _speakers(comparison: Comparison) -> dict[str, tuple[tuple[str, int], ...]]:
    out: dict[str, tuple[tuple[str, int], ...]] = {}
    for article in comparison.articles:
        counts = Counter(q.speaker_name or "unknown" for q in comparison.quotes if q.article_id == article.id)
        out[article.id] = tuple(counts.most_common())
    return out


def _entity_rows(comparison: Comparison) -> list[EntityRow]:
    rows = []
    for entity in comparison.entities:
        counts: dict[str, int] = {}
        for mention in entity.mentions:
            counts[mention.article_id] = counts.get(mention.article_id, 0) + 1
        rows.append(EntityRow(entity, counts))
    return rows
