"""The pipeline as a library: read -> clean -> analyse -> align -> Comparison.

The CLI, the reports and the store are thin layers over these functions.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from storydiff.analyse import Analyser
from storydiff.analyse.entities import EntityRecognizer
from storydiff.analyse.quotes import QuoteFinder
from storydiff.clean import Cleaner
from storydiff.clean.dateline import resolve_years_from_peers
from storydiff.clean.rules import load_rules
from storydiff.compare import AlignmentSettings, FactAligner
from storydiff.compare.entities import EntityResolution, EntityResolver
from storydiff.compare.quotes import QuoteLinker
from storydiff.embed import available_embedder
from storydiff.errors import BadInputError, NothingToCompareError
from storydiff.ingest import expand_paths, read_document, read_text_input
from storydiff.models import Article, Comparison, Entity, Problem, RawDocument, content_id
from storydiff.names import NameMatcher, load_aliases

__all__ = ["CleanResult", "Input", "clean", "compare", "compare_articles", "find_entities", "from_text"]

log = logging.getLogger(__name__)

Input = str | os.PathLike[str] | RawDocument
Progress = Callable[[int, int, str], None]  # (done, total, current input)


@dataclass(frozen=True)
class CleanResult:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


def from_text(text: str, name: str = "<text>") -> RawDocument:
    """An article given as text rather than a path (HTML is recognised and extracted).

    A string passed to `compare` or `clean` is always a path: text must come through here, so that a
    missing file is reported as missing, never compared as if its name were an article.
    """
    return read_text_input(text, name)


def _documents(inputs: Iterable[Input], problems: list[Problem]) -> list[RawDocument]:
    documents: list[RawDocument] = []
    for item in inputs:
        if isinstance(item, RawDocument):
            documents.append(item)
            continue
        for path in expand_paths([os.fspath(item)]):
            try:
                documents.append(read_document(path))
            except BadInputError as exc:
                log.warning("%s", exc)
                problems.append(Problem(exc.path, exc.reason))
    return documents


def clean(
    inputs: Iterable[Input], *, rules_dirs: Sequence[str] = (), progress: Progress | None = None
) -> CleanResult:
    """Read and clean every input. Bad inputs become `problems`; they never stop the others."""
    problems: list[Problem] = []
    documents = _documents(inputs, problems)
    cleaner, analyser = Cleaner(load_rules(rules_dirs)), Analyser()
    articles = []
    seen: set[str] = set()
    for done, document in enumerate(documents):
        if progress:
            progress(done, len(documents), document.origin)
        article = analyser.analyse(cleaner.clean(document))
        if article.id in seen:
            problems.append(Problem(document.origin, "same text as another input; compared once"))
            continue
        seen.add(article.id)
        articles.append(article)
    return CleanResult(tuple(resolve_years_from_peers(articles)), tuple(problems))


def find_entities(
    articles: Sequence[Article], *, aliases: str | None = None, matcher: NameMatcher | None = None
) -> tuple[list[Article], EntityResolution]:
    """Recognise each article's mentions, then merge them into the story's entities."""
    recognizer = EntityRecognizer()
    recognized = [recognizer.recognize(a) for a in articles]
    resolver = EntityResolver(matcher or NameMatcher(load_aliases(aliases)))
    return recognized, resolver.resolve(recognized)


def compare_articles(
    articles: Sequence[Article],
    *,
    embedder: str | None = "use-m3",
    settings: AlignmentSettings | None = None,
    problems: Sequence[Problem] = (),
    entities: bool = True,
    aliases: str | None = None,
) -> Comparison:
    """Find and merge entities, then align the facts of already-cleaned articles."""
    if len(articles) < 2:
        # Name what was set aside: the user must see which file was missing or a duplicate.
        named = "; ".join(f"{p.path}: {p.reason}" for p in problems[:5])
        more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise NothingToCompareError(
            f"need at least two readable articles to compare, got {len(articles)}"
            + (f" (set aside: {named}{more})" if problems else "")
        )
    found: tuple[Entity, ...] = ()
    if entities:
        articles, resolution = find_entities(articles, aliases=aliases)
        found = resolution.entities
    model = available_embedder(embedder) if embedder else None
    aligner = FactAligner(model, settings)
    facts = aligner.align(articles, found)
    finder = QuoteFinder()
    quotes = [q for article in articles for q in finder.find(article, found)]
    links = QuoteLinker(model).link(articles, quotes)
    return Comparison(
        id=content_id(*sorted(a.id for a in articles)),
        articles=tuple(articles),
        facts=tuple(facts),
        problems=tuple(problems),
        aligner=aligner.name,
        entities=found,
        quotes=tuple(quotes),
        quote_links=tuple(links),
    )


def compare(
    inputs: Iterable[Input],
    *,
    embedder: str | None = "use-m3",
    rules_dirs: Sequence[str] = (),
    settings: AlignmentSettings | None = None,
    progress: Progress | None = None,
    entities: bool = True,
    aliases: str | None = None,
) -> Comparison:
    """Compare two or more articles (paths, directories or RawDocuments, see `from_text`) end to end."""
    result = clean(inputs, rules_dirs=rules_dirs, progress=progress)
    return compare_articles(result.articles, embedder=embedder, settings=settings, problems=result.problems,
                            entities=entities, aliases=aliases)
