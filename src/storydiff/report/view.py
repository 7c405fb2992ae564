"""What every report shows, computed once: per article, what it reports, adds and omits."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from storydiff.models import Article, Comparison, Entity, Fact, FactStatus, Quote, QuoteLink, Sentence

__all__ = [
    "ArticleView",
    "DiffPiece",
    "EntityRow",
    "Excerpt",
    "QuoteGroup",
    "QuotePair",
    "Segment",
    "SentenceView",
    "StoryView",
    "story_view",
]

# A sentence backing several facts is shown in the strongest status among them.
_STATUS_ORDER: tuple[FactStatus, ...] = ("shared", "conflict", "partial", "unique")


@dataclass(frozen=True)
class Segment:
    """A run of a sentence's text; `entity` is set when the run is a mention of one of the story's entities."""

    text: str
    entity: Entity | None = None


@dataclass(frozen=True)
class SentenceView:
    sentence: Sentence
    status: FactStatus
    facts: tuple[Fact, ...]  # the facts this sentence supports
    segments: tuple[Segment, ...]  # the sentence text, cut at entity mentions

    @property
    def fact_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.facts)


@dataclass(frozen=True)
class ArticleView:
    article: Article
    unique: tuple[Fact, ...]  # only this article reports them
    omitted: tuple[Fact, ...]  # others report them, this one does not (most-reported first)
    fact_ids_by_sentence: dict[str, tuple[str, ...]]
    paragraphs: tuple[tuple[SentenceView, ...], ...] = ()  # in paragraph order


@dataclass(frozen=True)
class Excerpt:
    """One outlet's own words for a fact: its whole supporting sentences, with the aligned parts
    marked, so a reader checks the fact against what each outlet wrote rather than a cut-out clause."""

    article_id: str
    pieces: tuple[tuple[str, bool], ...]  # (text, aligned); sentences are separated by " … "

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.pieces)


@dataclass(frozen=True)
class EntityRow:
    entity: Entity
    counts: dict[str, int]  # article id -> mentions in that article

    @property
    def other_spellings(self) -> tuple[str, ...]:
        return tuple(v for v in self.entity.variants if v != self.entity.name)


@dataclass(frozen=True)
class DiffPiece:
    """Words of one version of a quote: kept, matched across languages, or only in this version."""

    kind: Literal["equal", "aligned", "deleted", "inserted"]
    text: str


@dataclass(frozen=True)
class QuotePair:
    """Two linked quotes, each with its words marked against the other."""

    link: QuoteLink
    a: Quote
    b: Quote
    a_words: tuple[DiffPiece, ...]
    b_words: tuple[DiffPiece, ...]


def _diff_sides(link: QuoteLink) -> tuple[tuple[DiffPiece, ...], tuple[DiffPiece, ...]]:
    left: list[DiffPiece] = []
    right: list[DiffPiece] = []
    for op in link.diff:
        if op.op in ("equal", "aligned"):
            left.append(DiffPiece(op.op, op.a))
            right.append(DiffPiece(op.op, op.b))
        else:
            if op.a:
                left.append(DiffPiece("deleted", op.a))
            if op.b:
                right.append(DiffPiece("inserted", op.b))
    return tuple(left), tuple(right)


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

    @property
    def pairs(self) -> tuple[QuotePair, ...]:
        quotes = {q.id: q for q in self.quotes}  # both ends of every link are in the group
        return tuple(QuotePair(link, quotes[link.a], quotes[link.b], *_diff_sides(link)) for link in self.links)


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
    excerpts_by_fact: dict[str, tuple[Excerpt, ...]] | None = None  # fact id -> each outlet's sentences
    # Event facts: every outlet's sentences on the story's event. Apart from the statement facts above:
    # their sentences carry statement facts of their own, which set each sentence's status.
    events: tuple[Fact, ...] = ()

    def excerpts(self, fact: Fact) -> tuple[Excerpt, ...]:
        return (self.excerpts_by_fact or {}).get(fact.id, ())

    def label(self, article_id: str) -> str:
        return self.labels[article_id]

    @property
    def headline(self) -> str:
        return next((a.headline.text for a in self.comparison.articles if a.headline), "Story comparison")

    @property
    def unique_count(self) -> int:
        return sum(len(av.unique) for av in self.articles)

    @property
    def linked_quote_groups(self) -> tuple[QuoteGroup, ...]:
        return tuple(g for g in self.quote_groups if g.links)

    def speakers(self, article_id: str) -> tuple[tuple[str, int], ...]:
        return (self.speakers_by_article or {}).get(article_id, ())

    def disagreement(self, fact: Fact) -> str:
        """Each outlet's contested values ("Outlet: values; ..."), empty when nobody disagrees."""
        items = sorted((fact.conflicts or {}).items())
        return "; ".join(f"{self.label(a)}: {', '.join(v)}" for a, v in items)


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
    facts = tuple(f for f in comparison.facts if f.kind == "statement")
    facts_by_id = {f.id: f for f in facts}
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
        fact_ids_by_sentence = {k: tuple(v) for k, v in by_sentence.items()}
        views.append(
            ArticleView(
                article=article,
                unique=tuple(f for f in facts if f.status == "unique" and article.id in f.support),
                omitted=tuple(omitted),
                fact_ids_by_sentence=fact_ids_by_sentence,
                paragraphs=_paragraphs(article, fact_ids_by_sentence, facts_by_id, comparison.entities),
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
        excerpts_by_fact=_excerpts(comparison),
        events=tuple(f for f in comparison.facts if f.kind == "event"),
    )


def _excerpts(comparison: Comparison) -> dict[str, tuple[Excerpt, ...]]:
    sentences: dict[str, tuple[Article, Sentence]] = {s.id: (a, s) for a in comparison.articles for s in a.sentences}
    order = {a.id: n for n, a in enumerate(comparison.articles)}
    out: dict[str, tuple[Excerpt, ...]] = {}
    for fact in comparison.facts:
        excerpts = []
        for article_id in sorted(fact.support, key=lambda a: order.get(a, len(order))):
            spans = fact.spans.get(article_id, ())
            pieces: list[tuple[str, bool]] = []
            for sentence_id in fact.support[article_id]:
                if sentence_id not in sentences:
                    continue
                article, sentence = sentences[sentence_id]
                if pieces:
                    pieces.append((" … ", False))
                pieces += _marked(article.text, sentence, spans)
            if pieces:
                excerpts.append(Excerpt(article_id, tuple(pieces)))
        out[fact.id] = tuple(excerpts)
    return out


def _marked(text: str, sentence: Sentence, spans: tuple[tuple[int, int], ...]) -> list[tuple[str, bool]]:
    """The sentence cut into runs, each run aligned or not; whitespace (line breaks) made single spaces."""
    flags = [False] * (sentence.end - sentence.start)
    for start, end in spans:
        for k in range(max(start, sentence.start), min(end, sentence.end)):
            flags[k - sentence.start] = True
    runs: list[tuple[str, bool]] = []
    cursor = 0
    for k in range(1, len(flags) + 1):
        if k == len(flags) or flags[k] != flags[cursor]:
            runs.append((text[sentence.start + cursor : sentence.start + k], flags[cursor]))
            cursor = k
    cleaned = [(_one_line(run), aligned) for run, aligned in runs]
    if cleaned:  # no leading or trailing blanks around the sentence
        cleaned[0] = (cleaned[0][0].lstrip(), cleaned[0][1])
        cleaned[-1] = (cleaned[-1][0].rstrip(), cleaned[-1][1])
    return [(run, aligned) for run, aligned in cleaned if run]


def _one_line(text: str) -> str:
    out = " ".join(text.split())
    # keep a single space where the run began or ended with one, so runs join into readable text
    if text[:1].isspace():
        out = " " + out
    if text[-1:].isspace() and out.strip():
        out += " "
    return out


def _paragraphs(
    article: Article, fact_ids: dict[str, tuple[str, ...]], facts: dict[str, Fact], entities: tuple[Entity, ...]
) -> tuple[tuple[SentenceView, ...], ...]:
    mentions = sorted(
        ((m.start, m.end, entity) for entity in entities for m in entity.mentions if m.article_id == article.id),
        key=lambda t: (t[0], t[1], t[2].id, t[2].name),
    )
    paragraphs: dict[int, list[SentenceView]] = {}
    for sentence in article.sentences:
        supported = tuple(facts[i] for i in fact_ids.get(sentence.id, ()))
        statuses = {f.status for f in supported}
        status: FactStatus = next((s for s in _STATUS_ORDER if s in statuses), "unique")
        inside = [(start, end, e) for start, end, e in mentions if sentence.start <= start and end <= sentence.end]
        paragraphs.setdefault(sentence.paragraph, []).append(
            SentenceView(sentence, status, supported, _segments(article.text, sentence, inside))
        )
    return tuple(tuple(paragraphs[n]) for n in sorted(paragraphs))


def _segments(text: str, sentence: Sentence, mentions: list[tuple[int, int, Entity]]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    cursor = sentence.start
    for start, end, entity in mentions:
        if start < cursor:
            continue  # overlapping mentions: keep the first
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        out.append(Segment(text[start:end], entity))
        cursor = end
    if cursor < sentence.end:
        out.append(Segment(text[cursor : sentence.end]))
    return tuple(out)


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
