"""The pipeline as a library: read -> clean -> per-article stages -> story stages -> Comparison.

The CLI, the reports and the store are thin layers over these functions. Every function takes one
`Config` (defaults when omitted) and, optionally, the `Backends` holding the models (tests inject
fakes there); the keyword arguments `embedder`, `rules_dirs`, `settings`, `entities` and `aliases`
are shorthands that override the config.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storydiff.backends import Backends, default_backends
from storydiff.budget import time_budget
from storydiff.config import AlignmentSettings, Config
from storydiff.embed.base import Embedder, RememberingEmbedder
from storydiff.errors import BadInputError, NothingToCompareError, StorydiffError
from storydiff.models import Article, Comparison, Problem, Quote, RawDocument, SameStory, content_id
from storydiff.stages import ARTICLE_STAGES, Story, article_stages, run_article_stages

if TYPE_CHECKING:  # the store (and sqlite3) load only when a command uses one
    from storydiff.clean.site import SiteLines
    from storydiff.store.base import Store

__all__ = [
    "ArticleQuotes",
    "CleanResult",
    "analyse_documents",
    "Input",
    "analyse_articles",
    "clean",
    "compare",
    "compare_articles",
    "find_entities",
    "find_quotes",
    "from_text",
    "quotes_by_article",
    "resolve_config",
    "retry_rejects",
]

log = logging.getLogger(__name__)

Input = str | os.PathLike[str] | RawDocument
STORY_STEPS = ("entities", "same story", "alignment", "quote links")  # what `progress` names after the articles
DUPLICATE = "same text as another input; compared once"  # a problem that is no reject: nothing to retry
Progress = Callable[[int, int, str], None]  # (done, total, current input)
_UNSET: Any = object()


@dataclass(frozen=True)
class CleanResult:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


def resolve_config(
    config: Config | None = None,
    *,
    embedder: str | None = _UNSET,
    rules_dirs: Sequence[str | os.PathLike[str]] = (),
    settings: AlignmentSettings | None = None,
    entities: bool | None = None,
    aliases: str | os.PathLike[str] | None = None,
) -> Config:
    """The config with the library's keyword shorthands applied."""
    config = config or Config()
    if embedder is not _UNSET:
        config = replace(config, models=replace(config.models, embedder=embedder))
    if entities is not None:
        config = replace(config, models=replace(config.models, entities=entities))
    if rules_dirs:
        config = replace(config, rules_dirs=config.rules_dirs + tuple(Path(d) for d in rules_dirs))
    if settings is not None:
        config = replace(config, alignment=settings)
    if aliases is not None:
        config = replace(config, aliases=Path(aliases))
    return config


def from_text(text: str, name: str = "<text>") -> RawDocument:
    """An article given as text rather than a path (HTML is recognised and extracted).

    A string passed to `compare` or `clean` is always a path: text must come through here, so that a
    missing file is reported as missing, never compared as if its name were an article.
    """
    from storydiff.ingest import read_text_input

    return read_text_input(text, name)


def _documents(inputs: Iterable[Input], problems: list[Problem], config: Config) -> list[RawDocument]:
    from storydiff.ingest import expand_paths, read_document

    documents: list[RawDocument] = []
    for item in inputs:
        if isinstance(item, RawDocument):
            documents.append(item)
            continue
        found = False
        for path in expand_paths([os.fspath(item)]):
            found = True
            try:
                documents.append(read_document(path, config.max_bytes))
            except BadInputError as exc:
                log.info("%s", exc)
                problems.append(Problem(exc.path, exc.reason))
        if not found:  # a directory with nothing to read: say so rather than compare nothing quietly
            problems.append(Problem(os.fspath(item), "a directory with no article files (text or HTML) in it"))
    return documents


def _read_and_clean(
    inputs: Iterable[Input],
    config: Config,
    backends: Backends,
    stages: Sequence[str],
    progress: Progress | None,
    site_lines: SiteLines | None = None,
    *,
    remember: bool = False,
) -> CleanResult:
    """Per-article work: read, clean, then the named stages, one article at a time. The lines a site
    repeats across its stories are learnt from these documents unless given (a batch learns them
    from all its documents, not one chunk's). `remember`: an article cleaned as one the backends
    analysed lately takes that analysis (a comparison run again; batches read each article once)."""
    from storydiff.clean import Cleaner, learn_site_lines
    from storydiff.clean.rules import load_rules

    problems: list[Problem] = []
    documents = _documents(inputs, problems, config)
    if site_lines is None:
        site_lines = learn_site_lines(documents)
    cleaner = Cleaner(load_rules(config.rules_dirs), packs=backends.packs())
    pipeline = article_stages(backends, stages)
    recent = backends.recent_articles() if remember else None
    articles = []
    for done, document in enumerate(documents):
        if progress:
            progress(done, len(documents), document.origin)
        try:
            with time_budget(config.article_seconds, document.origin):
                article = cleaner.clean(document, site_lines.for_document(document))
                if recent is None:
                    articles.append(run_article_stages(pipeline, article))
                else:
                    key = (backends.config, tuple(stage.name for stage in pipeline), article)
                    articles.append(recent.analysed(key, partial(run_article_stages, pipeline, article)))
        except BadInputError as exc:  # over its time budget
            log.warning("%s", exc)
            problems.append(Problem(exc.path, exc.reason))
        except StorydiffError:  # a missing extra, a bad setting: the same for every article, so stop
            raise
        except Exception as exc:  # one article's bug must not lose the batch: set it aside, say why
            log.warning("%s: could not be analysed", document.origin, exc_info=True)
            problems.append(
                Problem(
                    document.origin,
                    f"could not be analysed (internal error: {type(exc).__name__}: {exc}); please report it",
                )
            )
    if progress and documents:
        progress(len(documents), len(documents), "")
    return CleanResult(tuple(articles), tuple(problems))


def _story_articles(result: CleanResult, backends: Backends) -> CleanResult:
    """Story-level preparation: the same text twice is compared once; a dateline without a year
    takes the year the story's other articles give."""
    from storydiff.clean.dateline import resolve_years_from_peers

    problems = list(result.problems)
    articles: list[Article] = []
    seen: set[str] = set()
    for article in result.articles:
        if article.id in seen:
            problems.append(Problem(article.path, DUPLICATE))
            continue
        seen.add(article.id)
        articles.append(article)
    return CleanResult(tuple(resolve_years_from_peers(articles, packs=backends.packs())), tuple(problems))


def clean(
    inputs: Iterable[Input],
    *,
    config: Config | None = None,
    rules_dirs: Sequence[str] = (),
    progress: Progress | None = None,
    backends: Backends | None = None,
) -> CleanResult:
    """Read and clean every input, with sentences and language. Bad inputs become `problems`; they
    never stop the others."""
    config = resolve_config(config, rules_dirs=rules_dirs)
    backends = backends or default_backends(config)
    result = _read_and_clean(inputs, config, backends, ("sentences", "language"), progress)
    return _story_articles(result, backends)


def analyse_documents(
    documents: Sequence[RawDocument],
    *,
    config: Config | None = None,
    backends: Backends | None = None,
    progress: Progress | None = None,
    site_lines: SiteLines | None = None,
) -> CleanResult:
    """Clean each document and run every per-article stage (the unit of work of a batch, local or on
    a cluster); a document that cannot be analysed becomes a problem. `site_lines`: what the whole
    batch taught about its sites' repeated lines (learnt from `documents` when not given)."""
    config = config or Config()
    backends = backends or default_backends(config)
    return _read_and_clean(documents, config, backends, ARTICLE_STAGES, progress, site_lines)


def retry_rejects(store: Store, *, config: Config | None = None, backends: Backends | None = None) -> CleanResult:
    """Read the store's quarantined inputs again (a file fixed, a disk mounted, a limit raised): each one
    now readable is cleaned, saved and leaves the quarantine; each one still bad stays, with the reason
    it fails for now. Inputs given as text (`<stdin>`, `<text>`) cannot be read again and stay as they are."""
    config = config or Config()
    backends = backends or default_backends(config)
    quarantined = sorted(
        {
            p.path
            for p in store.problems()
            if not (p.path.startswith("<") and p.path.endswith(">")) and not p.reason.startswith(DUPLICATE)
        }
    )
    result = _read_and_clean(quarantined, config, backends, ("sentences", "language"), None)
    store.save_articles(result.articles)
    retried = {a.path for a in result.articles} | {p.path for p in result.problems}
    store.forget_problems(retried, result.problems)  # the still failing come back with their reason of today
    return result


def analyse_articles(
    articles: Sequence[Article],
    *,
    config: Config | None = None,
    backends: Backends | None = None,
    stages: Sequence[str] = ARTICLE_STAGES,
) -> list[Article]:
    """Run the per-article stages an article has not had yet (a stored article is not re-read)."""
    config = config or Config()
    backends = backends or default_backends(config)
    pipeline = article_stages(backends, stages)
    return [run_article_stages([s for s in pipeline if s.name not in a.analyses], a) for a in articles]


def find_entities(
    articles: Sequence[Article],
    *,
    config: Config | None = None,
    backends: Backends | None = None,
    aliases: str | None = None,
    matcher: Any = None,
) -> tuple[list[Article], Any]:
    """Recognise each article's mentions, then merge them into the story's entities."""
    from storydiff.compare.entities import EntityResolver

    config = resolve_config(config, aliases=aliases, entities=True)
    backends = backends or default_backends(config)
    recognized = analyse_articles(articles, config=config, backends=backends, stages=("mentions",))
    return recognized, EntityResolver(matcher or backends.matcher(), packs=backends.packs()).resolve(recognized)


def find_quotes(articles: Sequence[Article], entities: Sequence[Any] = ()) -> list[Quote]:
    """Each article's quotes (found per article unless already found), speakers given the story's
    entities."""
    from storydiff.compare.speakers import resolve_speakers

    found = analyse_articles(articles, stages=("quotes",))
    return resolve_speakers((q for article in found for q in article.quotes), entities)


@dataclass(frozen=True)
class ArticleQuotes:
    article: Article
    quotes: tuple[Quote, ...]


def quotes_by_article(
    inputs: Iterable[Input],
    *,
    config: Config | None = None,
    backends: Backends | None = None,
    one_story: bool = False,
    progress: Progress | None = None,
) -> tuple[list[ArticleQuotes], tuple[Problem, ...]]:
    """Each input's quotes with speakers. Each file is its own story (its names are resolved among
    its own mentions) unless `one_story`: then names are merged across all the files, as in compare."""
    from storydiff.compare.entities import EntityResolver
    from storydiff.compare.speakers import resolve_speakers

    config = config or Config()
    backends = backends or default_backends(config)
    result = _story_articles(_read_and_clean(inputs, config, backends, ARTICLE_STAGES, progress), backends)
    resolver = EntityResolver(backends.matcher(), packs=backends.packs())
    groups = [list(result.articles)] if one_story else [[a] for a in result.articles]
    out = []
    for group in groups:
        entities = resolver.resolve(group).entities if config.models.entities else ()
        for article in group:
            out.append(ArticleQuotes(article, tuple(resolve_speakers(article.quotes, entities))))
    return out, result.problems


def compare_articles(
    articles: Sequence[Article],
    *,
    config: Config | None = None,
    backends: Backends | None = None,
    problems: Sequence[Problem] = (),
    embedder: str | None = _UNSET,
    settings: AlignmentSettings | None = None,
    entities: bool | None = None,
    aliases: str | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """The story stages over already-cleaned articles (the per-article stages they lack run first).
    `progress` hears (step, len(STORY_STEPS), "story: <stage>") before each story stage."""
    config = resolve_config(config, embedder=embedder, settings=settings, entities=entities, aliases=aliases)
    backends = backends or default_backends(config)
    if len(articles) < 2:
        # Name what was set aside: the user must see which file was missing or a duplicate.
        named = "; ".join(f"{p.path}: {p.reason}" for p in problems[:5])
        more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise NothingToCompareError(
            f"need at least two readable articles to compare, got {len(articles)}"
            + (f" (set aside: {named}{more})" if problems else "")
        )

    def step(k: int) -> None:
        if progress:
            progress(k, len(STORY_STEPS), f"story: {STORY_STEPS[k]}" if k < len(STORY_STEPS) else "")

    story = Story(tuple(analyse_articles(articles, config=config, backends=backends)))
    step(0)
    story = _resolve_entities(story, backends)
    step(1)
    # The story stages ask for many of the same sentences: each is encoded once per comparison.
    model = backends.embedder()
    encoder = RememberingEmbedder(model, backends.encoded_requests()) if model is not None else None
    verdict, groups = _same_story(story, backends, encoder)
    step(2)
    story = _align(story, backends, encoder, groups if backends.config.same_story.separate_stories else None)
    step(3)
    story = _link_quotes(story, backends, encoder)
    step(4)
    return Comparison(
        id=content_id(*sorted(a.id for a in story.articles), config.fingerprint()),
        articles=story.articles,
        facts=story.facts,
        problems=tuple(problems),
        aligner=story.aligner,
        entities=story.entities,
        quotes=story.quotes,
        quote_links=story.quote_links,
        same_story=verdict,
    )


def _resolve_entities(story: Story, backends: Backends) -> Story:
    from storydiff.compare.entities import EntityResolver
    from storydiff.compare.speakers import resolve_speakers

    entities: tuple[Any, ...] = ()
    if backends.config.models.entities:
        entities = EntityResolver(backends.matcher(), packs=backends.packs()).resolve(story.articles).entities
    quotes = resolve_speakers((q for a in story.articles for q in a.quotes), entities)
    return replace(story, entities=entities, quotes=tuple(quotes))


def _same_story(story: Story, backends: Backends, embedder: Embedder | None) -> tuple[SameStory, list[int]]:
    """Do the articles tell one story? The verdict, and each article's story group."""
    from storydiff.compare.same_story import StoryJudge

    judge = StoryJudge(embedder, backends.config.same_story, packs=backends.packs())
    return judge.judge(story.articles, story.entities)


def _align(story: Story, backends: Backends, embedder: Embedder | None, groups: Sequence[int] | None = None) -> Story:
    from storydiff.compare.align import FactAligner

    aligner = FactAligner(embedder, backends.config.alignment, packs=backends.packs())
    facts = aligner.align(story.articles, story.entities, groups=groups)
    return replace(story, facts=tuple(facts), aligner=aligner.name)


def _link_quotes(story: Story, backends: Backends, embedder: Embedder | None) -> Story:
    from storydiff.compare.quotes import QuoteLinker

    linker = QuoteLinker(embedder, backends.config.quote_links, backends.matcher(), packs=backends.packs())
    return replace(story, quote_links=tuple(linker.link(story.articles, story.quotes)))


def compare(
    inputs: Iterable[Input],
    *,
    config: Config | None = None,
    backends: Backends | None = None,
    embedder: str | None = _UNSET,
    rules_dirs: Sequence[str] = (),
    settings: AlignmentSettings | None = None,
    progress: Progress | None = None,
    entities: bool | None = None,
    aliases: str | None = None,
) -> Comparison:
    """Compare two or more articles (paths, directories or RawDocuments, see `from_text`) end to end."""
    config = resolve_config(
        config, embedder=embedder, rules_dirs=rules_dirs, settings=settings, entities=entities, aliases=aliases
    )
    backends = backends or default_backends(config)
    documents = 0
    steps = len(STORY_STEPS)

    def per_article(done: int, total: int, origin: str) -> None:
        nonlocal documents
        documents = total
        if progress:  # one bar over both phases: every article, then every story stage
            progress(done, total + steps, origin)

    def per_story_stage(done: int, total: int, stage: str) -> None:
        if progress:
            progress(documents + done, documents + steps, stage)

    result = _story_articles(
        _read_and_clean(inputs, config, backends, ARTICLE_STAGES, per_article, remember=True), backends
    )
    return compare_articles(
        result.articles, config=config, backends=backends, problems=result.problems, progress=per_story_stage
    )
