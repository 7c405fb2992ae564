"""The typed contracts that flow between pipeline stages.

ingest -> RawDocument -> clean -> Article -> analyse (sentences, language, mentions, claims, quotes)
       -> compare (a story's articles) -> Comparison -> report

Every span carries character offsets into `Article.text`, the decoded text the cleaner saw, so
anything a report shows can be traced back and highlighted. Every contract has `to_dict` and
`from_dict`, and JSON -> contract -> JSON gives the same JSON (a property test holds this), so the
store can give back exactly what it was given.

`Article.analyses` records which per-article stages have run: a stage checks it for what it needs
instead of guessing from empty fields (see `storydiff.stages`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, NewType

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "ArticleId",
    "Claim",
    "ClaimKind",
    "Comparison",
    "Dateline",
    "DiffOp",
    "DiffOpName",
    "Entity",
    "EntityType",
    "Fact",
    "FactKind",
    "FactStatus",
    "Mention",
    "Problem",
    "Quote",
    "QuoteKind",
    "QuoteLink",
    "QuoteRelation",
    "RawDocument",
    "Removed",
    "SameStory",
    "Sentence",
    "SentenceId",
    "Span",
    "content_id",
    "sentence_id",
]

SCHEMA_VERSION = 1

FactStatus = Literal["shared", "partial", "unique", "conflict"]
# statement: sentences that state one fact; event: every outlet's sentences that mention the story's
# event (the arrest, the quake), whatever else they say (`compare.events`).
FactKind = Literal["statement", "event"]
EntityType = Literal["PERSON", "ORG", "PLACE"]
QuoteKind = Literal["direct", "partial", "indirect"]
QuoteRelation = Literal["same", "excerpt", "truncated", "translated", "paraphrase", "altered", "misattributed"]
ClaimKind = Literal["quantity", "date"]
DiffOpName = Literal["equal", "delete", "insert", "replace", "aligned"]

# Ids are strings on the wire; the types say which kind of id a function takes.
ArticleId = NewType("ArticleId", str)
SentenceId = NewType("SentenceId", str)


def sentence_id(article_id: str, index: int) -> SentenceId:
    """`<article>-s<n>`: built here only; code reads `Sentence.index`, never parses the id."""
    return SentenceId(f"{article_id}-s{index}")


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
    repairs: tuple[str, ...] = ()  # what decoding repaired ("2 stray bytes replaced", "mojibake repaired")
    # lines the page's markup showed to be the site's (links, furniture), taken out before `text`, each
    # with its reason; offsets -1: not in the text. The cleaner lists them with its own removals.
    set_aside: tuple[Removed, ...] = ()

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text with its whitespace runs made single spaces: the same article read
        twice (from a feed and an archive, with CRLF or LF) hashes the same; derived, so not stored."""
        return hashlib.sha256(" ".join(self.text.split()).encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "text": self.text, "content_type": self.content_type,
                "encoding": self.encoding, "fetched_at": self.fetched_at, "title": self.title,
                "published": self.published, "authors": list(self.authors), "site_name": self.site_name,
                "repairs": list(self.repairs), "set_aside": [r.to_dict() for r in self.set_aside]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RawDocument:
        return cls(origin=data["origin"], text=data["text"], content_type=data["content_type"],
                   encoding=data["encoding"], fetched_at=data.get("fetched_at"), title=data.get("title"),
                   published=data.get("published"), authors=tuple(data.get("authors", ())),
                   site_name=data.get("site_name"), repairs=tuple(data.get("repairs", ())),
                   set_aside=tuple(Removed.from_dict(r) for r in data.get("set_aside", ())))


@dataclass(frozen=True)
class Span:
    """A piece of the article text with offsets into `Article.text` (-1, -1: not in the text, such
    as a headline from page metadata)."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(data["text"], data["start"], data["end"])


@dataclass(frozen=True)
class Removed:
    """Debris the cleaner removed, and why (the rule or heuristic that fired)."""

    text: str
    reason: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Removed:
        return cls(data["text"], data["reason"], data["start"], data["end"])


@dataclass(frozen=True)
class Dateline:
    """`WASHINGTON, Jan 6 (Reuters) -`: where and when the story was filed, and by whom."""

    text: str
    place: str | None
    date: str | None  # ISO 8601 when the year is known or inferable, otherwise as written
    agency: str | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "date": self.date, "agency": self.agency, "text": self.text,
                "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Dateline:
        return cls(data["text"], data.get("place"), data.get("date"), data.get("agency"), data["start"], data["end"])


@dataclass(frozen=True)
class Sentence:
    id: SentenceId
    text: str
    start: int
    end: int
    paragraph: int
    index: int  # position in the article: the id is made from it and never parsed back

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "start": self.start, "end": self.end,
                "paragraph": self.paragraph, "index": self.index}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sentence:
        return cls(SentenceId(data["id"]), data["text"], data["start"], data["end"], data.get("paragraph", 0),
                   data["index"])


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
                "end": self.end, "text": self.text, "kind": self.kind, "type": self.type, "normal": self.normal,
                "role": self.role}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(data["article"], data["sentence"], data["start"], data["end"], data["text"], data["type"],
                   data["normal"], data.get("role"), data.get("kind", "name"))


@dataclass(frozen=True)
class Claim:
    """A checkable value a sentence states: a quantity (1,200; nine; $2.10) or a date (October 20).

    Read per article by the claims stage; the story stage compares them across aligned statements.
    `value` is normalised (a number without separators, or `--MM-DD`) so that two articles agree
    when they give the same value in different words."""

    sentence_id: str
    kind: ClaimKind
    value: str
    text: str  # as written
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(data["sentence_id"], data["kind"], data["value"], data["text"], data["start"], data["end"])


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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(data["id"], data["name"], data["type"], tuple(data["variants"]), tuple(data["roles"]),
                   tuple(Mention.from_dict(m) for m in data["mentions"]))


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
    # The words in the text that name the speaker (a mention, a title, a pronoun, or a description),
    # set per article; the story stage maps it to an entity and sets `speaker`.
    speaker_span: Span | None = None
    # The attribution as a unit: the cue ("said", "according to", "told reporters") and the whole
    # attributed statement, in pieces when an attribution interrupts it ("…," said Smith. "…") or
    # the reported clause around a few quoted words. `text` stays the quoted words. Empty: `text`.
    cue_span: Span | None = None
    content: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "article": self.article_id, "text": self.text, "start": self.start,
                "end": self.end, "kind": self.kind, "speaker": self.speaker, "speaker_name": self.speaker_name,
                "verb": self.verb, "complete": self.complete,
                "speaker_span": self.speaker_span.to_dict() if self.speaker_span else None,
                "cue_span": self.cue_span.to_dict() if self.cue_span else None,
                "content": [s.to_dict() for s in self.content]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        span = data.get("speaker_span")
        cue = data.get("cue_span")
        return cls(data["id"], data["article"], data["text"], data["start"], data["end"], data["kind"],
                   data.get("speaker"), data.get("speaker_name"), data.get("verb"), data["complete"],
                   Span.from_dict(span) if span else None, Span.from_dict(cue) if cue else None,
                   tuple(Span.from_dict(s) for s in data.get("content", ())))


@dataclass(frozen=True)
class DiffOp:
    """One step of a word diff between two versions of a quote."""

    op: DiffOpName
    a: str  # words in the first version
    b: str  # words in the second

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "a": self.a, "b": self.b}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DiffOp:
        return cls(data["op"], data["a"], data["b"])


@dataclass(frozen=True)
class QuoteLink:
    """The same quote in two articles, and how the versions differ."""

    a: str  # quote ids
    b: str
    relation: QuoteRelation
    score: float
    diff: tuple[DiffOp, ...]
    notes: tuple[str, ...] = ()  # what changed: "speaker changed: State Department -> Antony Blinken"

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "relation": self.relation, "score": round(self.score, 4),
                "diff": [d.to_dict() for d in self.diff], "notes": list(self.notes)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuoteLink:
        return cls(data["a"], data["b"], data["relation"], data["score"],
                   tuple(DiffOp.from_dict(d) for d in data["diff"]), tuple(data.get("notes", ())))


@dataclass(frozen=True)
class Article:
    """A cleaned article: its parts, what was removed, and what the per-article stages found.

    `analyses` names the stages that have run (clean, sentences, language, mentions, claims, quotes);
    a field a stage has not set yet holds its empty default, and a stage that needs it refuses to run.
    """

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
    claims: tuple[Claim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    analyses: tuple[str, ...] = ()
    repairs: tuple[str, ...] = ()  # what decoding the input repaired, said to the user

    @property
    def body(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def label(self) -> str:
        """A short name for reports: the outlet when known, else the file name."""
        if self.source:
            return self.source
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    def has(self, analysis: str) -> bool:
        return analysis in self.analyses

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
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "credits": [c.text for c in self.credits],
            "captions": [c.text for c in self.captions],
            "removed": [r.to_dict() for r in self.removed],
            "body": self.body,
            "text": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
            # Offsets of every part, so the article can be rebuilt exactly from its JSON.
            "spans": {
                "headline": self.headline.to_dict() if self.headline else None,
                "credits": [c.to_dict() for c in self.credits],
                "captions": [c.to_dict() for c in self.captions],
                "paragraphs": [p.to_dict() for p in self.paragraphs],
            },
            "mentions": [m.to_dict() for m in self.mentions],
            "claims": [c.to_dict() for c in self.claims],
            "quotes": [q.to_dict() for q in self.quotes],
            "analyses": list(self.analyses),
            "repairs": list(self.repairs),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        spans = data["spans"]
        headline = spans.get("headline")
        return cls(
            id=data["id"],
            path=data["path"],
            text=data["text"],
            encoding=data["encoding"],
            content_type=data["content_type"],
            source=data.get("source"),
            language=data["language"],
            headline=Span.from_dict(headline) if headline else None,
            published=data.get("published"),
            authors=tuple(data.get("authors", ())),
            dateline=Dateline.from_dict(data["dateline"]) if data.get("dateline") else None,
            credits=tuple(Span.from_dict(c) for c in spans.get("credits", ())),
            captions=tuple(Span.from_dict(c) for c in spans.get("captions", ())),
            removed=tuple(Removed.from_dict(r) for r in data.get("removed", ())),
            paragraphs=tuple(Span.from_dict(p) for p in spans.get("paragraphs", ())),
            sentences=tuple(Sentence.from_dict(x) for x in data.get("sentences", ())),
            mentions=tuple(Mention.from_dict(m) for m in data.get("mentions", ())),
            claims=tuple(Claim.from_dict(c) for c in data.get("claims", ())),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", ())),
            analyses=tuple(data.get("analyses", ())),
            repairs=tuple(data.get("repairs", ())),
        )


@dataclass(frozen=True)
class Fact:
    """One statement, with the sentences that report it in each article."""

    id: str
    text: str
    status: FactStatus
    support: dict[str, tuple[str, ...]]  # article id -> sentence ids
    score: float  # mean pairwise similarity of the supporting units (1.0 for unique facts)
    conflicts: dict[str, tuple[str, ...]] | None = None  # article id -> its numbers/dates others contradict
    # article id -> (start, end) in the article text of each part of its sentences that was aligned:
    # reports show every outlet's whole sentence with these parts marked, never a cut-out fragment.
    spans: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    # For a fact that several articles support: the calibrated probability that two of its statements
    # from different articles are a true pair (`AlignmentSettings.confidence_*`); None for one article.
    confidence: float | None = None
    kind: FactKind = "statement"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "status": self.status,
            "kind": self.kind,
            "support": {k: list(v) for k, v in sorted(self.support.items())},
            "score": round(self.score, 4),
            "confidence": None if self.confidence is None else round(self.confidence, 3),
            "conflicts": {k: list(v) for k, v in sorted((self.conflicts or {}).items())},
            "spans": {k: [list(span) for span in v] for k, v in sorted(self.spans.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fact:
        conflicts = data.get("conflicts") or None
        spans = {k: tuple((int(a), int(b)) for a, b in v) for k, v in (data.get("spans") or {}).items()}
        return cls(data["id"], data["text"], data["status"], {k: tuple(v) for k, v in data["support"].items()},
                   data["score"], {k: tuple(v) for k, v in conflicts.items()} if conflicts else None, spans,
                   data.get("confidence"), data.get("kind", "statement"))


@dataclass(frozen=True)
class Problem:
    """An input that could not be used, kept with its path and the reason."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Problem:
        return cls(data["path"], data["reason"])


@dataclass(frozen=True)
class SameStory:
    """Do these articles tell the same story? Decided from the whole set of articles (shared specific
    facts, entities, dates, places), not from whether some pair of sentences looks alike."""

    score: float  # calibrated: about the probability that they tell the same story
    verdict: Literal["same", "related", "different"]
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), "verdict": self.verdict, "reasons": list(self.reasons)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SameStory:
        return cls(data["score"], data["verdict"], tuple(data.get("reasons", ())))


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
    same_story: SameStory | None = None

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
            "problems": [p.to_dict() for p in self.problems],
            "same_story": self.same_story.to_dict() if self.same_story else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Comparison:
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(f"comparison JSON has schema_version {data.get('schema_version')!r}, "
                             f"this storydiff reads {SCHEMA_VERSION}")
        return cls(
            id=data["id"],
            articles=tuple(Article.from_dict(a) for a in data["articles"]),
            facts=tuple(Fact.from_dict(f) for f in data["facts"]),
            problems=tuple(Problem.from_dict(p) for p in data.get("problems", ())),
            aligner=data.get("aligner", ""),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", ())),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", ())),
            quote_links=tuple(QuoteLink.from_dict(x) for x in data.get("quote_links", ())),
            same_story=SameStory.from_dict(data["same_story"]) if data.get("same_story") else None,
        )

    def to_json(self, indent: int | None = 2) -> str:
        """Deterministic JSON: sorted keys, ids derived from content."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, indent=indent)
