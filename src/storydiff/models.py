"""The typed contracts that flow between pipeline stages.

ingest -> RawDocument -> clean -> Article -> analyse (sentences) -> compare -> Comparison -> report

Every span carries character offsets into `Article.text`, the decoded text the cleaner saw, so
anything a report shows can be traced back and highlighted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Comparison",
    "Dateline",
    "Entity",
    "EntityType",
    "Fact",
    "FactStatus",
    "Mention",
    "Problem",
    "Quote",
    "QuoteKind",
    "QuoteLink",
    "RawDocument",
    "Removed",
    "Sentence",
    "Span",
    "content_id",
]

SCHEMA_VERSION = 1

FactStatus = Literal["shared", "partial", "unique", "conflict"]
EntityType = Literal["PERSON", "ORG", "PLACE"]
QuoteKind = Literal["direct", "partial", "indirect"]
QuoteRelation = Literal["same", "excerpt", "truncated", "translated", "paraphrase", "altered", "misattributed"]


def content_id(*parts: str, length: int = 12) -> str:
    """A stable id derived from content, so the same input always gets the same id."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True)
class RawDocument:
    """One input as read: decoded text plus what we learnt while reading it."""

    origin: str  # path or URL as the user gave it
    text: str  # decoded text; for HTML, the main text the extractor returned
    content_type: Literal["text", "html"]
    encoding: str
    fetched_at: str | None = None
    title: str | None = None  # from HTML metadata
    published: str | None = None  # from HTML metadata, ISO 8601
    authors: tuple[str, ...] = ()
    site_name: str | None = None


@dataclass(frozen=True)
class Span:
    """A piece of the article text with offsets into `Article.text`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Removed:
    """Debris the cleaner removed, and why (the rule or heuristic that fired)."""

    text: str
    reason: str
    start: int
    end: int


@dataclass(frozen=True)
class Dateline:
    """`WASHINGTON, Jan 6 (Reuters) -`: where and when the story was filed, and by whom."""

    text: str
    place: str | None
    date: str | None  # ISO 8601 when the year is known or inferable, otherwise as written
    agency: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Mention:
    """A name (or a role standing for one) in an article, found by a recogniser."""

    article_id: str
    sentence_id: str
    start: int  # offsets into Article.text
    end: int
    text: str
    type: EntityType
    normal: str  # the name in its dictionary form (Мухтаром Тлеуберди -> Мухтар Тлеуберди)
    role: str | None = None  # "Secretary of State" when the text gives one next to the name
    # "title": a role alone ("the Secretary") standing for a name; "pronoun": "she" when one person fits
    kind: Literal["name", "title", "pronoun"] = "name"

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article_id, "sentence": self.sentence_id, "start": self.start,
                "end": self.end, "text": self.text, "kind": self.kind}


@dataclass(frozen=True)
class Entity:
    """One real referent, merged across spellings, scripts and articles."""

    id: str
    name: str  # canonical: the commonest full form in Latin script
    type: EntityType
    variants: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: tuple[Mention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "variants": list(self.variants),
            "roles": list(self.roles),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True)
class Quote:
    """Words an article attributes to someone, with or without quote marks."""

    id: str
    article_id: str
    text: str  # the quoted words, without the marks
    start: int  # offsets of `text` in Article.text
    end: int
    kind: QuoteKind
    speaker: str | None  # entity id, when the speaker is one of the story's entities
    speaker_name: str | None  # as resolved (canonical entity name) or as written
    verb: str | None  # said, told, added, claimed, according to, in a statement ...
    complete: bool  # False when it begins or ends mid-thought (a lost opening, a cut ending)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "article": self.article_id, "text": self.text, "start": self.start,
                "end": self.end, "kind": self.kind, "speaker": self.speaker, "speaker_name": self.speaker_name,
                "verb": self.verb, "complete": self.complete}


@dataclass(frozen=True)
class QuoteLink:
    """The same quote in two articles, and how the versions differ."""

    a: str  # quote ids
    b: str
    relation: QuoteRelation
    score: float
    diff: tuple[tuple[str, str, str], ...]  # (op, words in a, words in b); op: equal|delete|insert|replace
    notes: tuple[str, ...] = ()  # what changed: "speaker changed: State Department -> Antony Blinken"

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "relation": self.relation, "score": round(self.score, 4),
                "diff": [{"op": op, "a": x, "b": y} for op, x, y in self.diff], "notes": list(self.notes)}


@dataclass(frozen=True)
class Article:
    """A cleaned article: its parts, what was removed, and its body sentences."""

    id: str
    path: str
    text: str
    encoding: str
    content_type: str
    source: str | None
    language: str
    headline: Span | None
    published: str | None
    authors: tuple[str, ...]
    dateline: Dateline | None
    credits: tuple[Span, ...]
    captions: tuple[Span, ...]
    removed: tuple[Removed, ...]
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...] = ()

    @property
    def body(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def label(self) -> str:
        """A short name for reports: the outlet when known, else the file name."""
        if self.source:
            return self.source
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "source": self.source,
            "language": self.language,
            "encoding": self.encoding,
            "content_type": self.content_type,
            "headline": self.headline.text if self.headline else None,
            "published": self.published,
            "authors": list(self.authors),
            "dateline": _dateline_dict(self.dateline),
            "credits": [c.text for c in self.credits],
            "captions": [c.text for c in self.captions],
            "removed": [asdict(r) for r in self.removed],
            "body": self.body,
            "text": self.text,
            "sentences": [
                {"id": s.id, "text": s.text, "start": s.start, "end": s.end} for s in self.sentences
            ],
        }


def _dateline_dict(dateline: Dateline | None) -> dict[str, Any] | None:
    if dateline is None:
        return None
    return {
        "place": dateline.place,
        "date": dateline.date,
        "agency": dateline.agency,
        "text": dateline.text,
        "start": dateline.start,
        "end": dateline.end,
    }


@dataclass(frozen=True)
class Fact:
    """One statement, with the sentences that report it in each article."""

    id: str
    text: str
    status: FactStatus
    support: dict[str, tuple[str, ...]]  # article id -> sentence ids
    score: float  # mean pairwise similarity of the supporting units (1.0 for unique facts)
    conflicts: dict[str, tuple[str, ...]] | None = None  # article id -> its numbers/dates others contradict

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "status": self.status,
            "support": {k: list(v) for k, v in sorted(self.support.items())},
            "score": round(self.score, 4),
            "conflicts": {k: list(v) for k, v in sorted((self.conflicts or {}).items())},
        }


@dataclass(frozen=True)
class Problem:
    """An input that could not be used, kept with its path and the reason."""

    path: str
    reason: str


@dataclass(frozen=True)
class Comparison:
    """Everything storydiff knows about one story told by several articles."""

    id: str
    articles: tuple[Article, ...]
    facts: tuple[Fact, ...]
    problems: tuple[Problem, ...] = ()
    aligner: str = ""
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quote_links: tuple[QuoteLink, ...] = ()

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "aligner": self.aligner,
            "articles": [a.to_dict() for a in self.articles],
            "facts": [f.to_dict() for f in self.facts],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "quote_links": [link.to_dict() for link in self.quote_links],
            "framing": {},
            "voices": {},
            "problems": [asdict(p) for p in self.problems],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """Deterministic JSON: sorted keys, ids derived from content."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, indent=indent)
