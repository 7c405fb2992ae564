"""The pipeline's stages, each declaring what it needs and what it sets (spaCy's requires/assigns).

Per-article stages are pure functions of one article (and the config and models they were built
with), so they can run on any worker, in any order that respects their declarations, and be rerun
on a stored article without reading the input again. Each records its name in `Article.analyses`;
`run_article_stage` refuses to run a stage whose needs no earlier stage has met, instead of letting
it return the article silently unchanged.

Story stages take the analysed articles of one story: merge entities, give quotes their speakers'
entities, align facts (with conflicts), link quotes. They fill a `Story` one field at a time.

    read    (ingest)                 -> RawDocument
    clean                  sets clean
    sentences   needs clean          sets sentences
    language    needs clean          sets language
    mentions    needs sentences, language      sets mentions
    claims      needs sentences      sets claims (quantities and dates, with offsets)
    quotes      needs sentences (reads mentions when present)   sets quotes
    -- story --
    entities    needs mentions       sets entities, speakers of quotes
    align       needs sentences (reads claims)   sets facts (and their conflicts)
    quote-links needs quotes         sets quote_links
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from storydiff.errors import StageError
from storydiff.models import Article, Entity, Fact, Quote, QuoteLink, Sentence, sentence_id

if TYPE_CHECKING:
    from storydiff.backends import Backends
    from storydiff.lang import LanguagePacks

__all__ = [
    "ARTICLE_STAGES",
    "ArticleStage",
    "ClaimStage",
    "LanguageStage",
    "MentionStage",
    "QuoteStage",
    "SentenceStage",
    "Story",
    "article_stages",
    "run_article_stage",
    "run_article_stages",
]


@runtime_checkable
class ArticleStage(Protocol):
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]

    def run(self, article: Article) -> Article:
        """The article with this stage's fields set (pure: the same article gives the same result)."""
        ...


def run_article_stage(stage: ArticleStage, article: Article) -> Article:
    missing = stage.requires - set(article.analyses)
    if missing:
        raise StageError(
            f"stage {stage.name!r} needs {', '.join(sorted(missing))}, which no earlier stage set for {article.path}"
        )
    result = stage.run(article)
    analyses = article.analyses if stage.name in article.analyses else (*article.analyses, stage.name)
    return replace(result, analyses=analyses)


def run_article_stages(stages: Sequence[ArticleStage], article: Article) -> Article:
    for stage in stages:
        article = run_article_stage(stage, article)
    return article


class SentenceStage:
    """Sentence boundaries with offsets, paragraph by paragraph (robust to scraped and MT text)."""

    name = "sentences"
    requires = frozenset({"clean"})
    assigns = frozenset({"sentences"})

    def __init__(self, packs: LanguagePacks) -> None:
        self.packs = packs  # abbreviations and splice words of every language

    def run(self, article: Article) -> Article:
        from storydiff.analyse.sentences import split_sentences

        sentences: list[Sentence] = []
        for number, paragraph in enumerate(article.paragraphs):
            for start, end in split_sentences(article.text, paragraph.start, paragraph.end, packs=self.packs):
                index = len(sentences)
                sentences.append(Sentence(sentence_id(article.id, index), article.text[start:end], start, end,
                                          number, index))
        return replace(article, sentences=tuple(sentences))


class LanguageStage:
    """ISO 639-1 code of the body ("und" when the text gives too little to tell)."""

    name = "language"
    requires = frozenset({"clean"})
    assigns = frozenset({"language"})

    def __init__(self, packs: LanguagePacks) -> None:
        self.packs = packs  # the languages to tell apart

    def run(self, article: Article) -> Article:
        from storydiff.analyse.language import detect_language

        return replace(article, language=detect_language(article.body or article.text, packs=self.packs))


class MentionStage:
    """People, organisations and places, with roles, titles and pronouns, in one article."""

    name = "mentions"
    requires = frozenset({"sentences", "language"})
    assigns = frozenset({"mentions"})

    def __init__(self, backends: Backends) -> None:
        from storydiff.analyse.entities import EntityRecognizer

        self._recognizer = EntityRecognizer(backends, packs=backends.packs())

    def run(self, article: Article) -> Article:
        return self._recognizer.recognize(article)


class ClaimStage:
    """The quantities and dates each sentence states, with offsets (compared across the story later)."""

    name = "claims"
    requires = frozenset({"sentences"})
    assigns = frozenset({"claims"})

    def __init__(self, packs: LanguagePacks) -> None:
        self.packs = packs  # month names, number words and scales of every language

    def run(self, article: Article) -> Article:
        from storydiff.analyse.claims import claims_of

        return replace(article, claims=claims_of(article, self.packs))


class QuoteStage:
    """Direct, partial and indirect quotes, each with the mention or words that name its speaker."""

    name = "quotes"
    requires = frozenset({"sentences"})
    reads = frozenset({"mentions"})  # used when present: without them speakers are words as written
    assigns = frozenset({"quotes"})

    def __init__(self, packs: LanguagePacks) -> None:
        from storydiff.analyse.quotes import QuoteFinder

        self._finder = QuoteFinder(packs=packs)

    def run(self, article: Article) -> Article:
        return replace(article, quotes=tuple(self._finder.find(article)))


ARTICLE_STAGES = ("sentences", "language", "mentions", "claims", "quotes")


def article_stages(backends: Backends, names: Sequence[str] = ARTICLE_STAGES) -> list[ArticleStage]:
    """The per-article stages by name, in the order given; mentions only when entities are on."""
    built: list[ArticleStage] = []
    for name in names:
        if name == "sentences":
            built.append(SentenceStage(backends.packs()))
        elif name == "language":
            built.append(LanguageStage(backends.packs()))
        elif name == "mentions":
            if backends.config.models.entities:
                built.append(MentionStage(backends))
        elif name == "claims":
            built.append(ClaimStage(backends.packs()))
        elif name == "quotes":
            built.append(QuoteStage(backends.packs()))
        else:
            raise StageError(f"unknown article stage {name!r}; known: {', '.join(ARTICLE_STAGES)}")
    return built


@dataclass(frozen=True)
class Story:
    """What the story stages know so far about one story's articles."""

    articles: tuple[Article, ...]
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quote_links: tuple[QuoteLink, ...] = ()
    aligner: str = ""
