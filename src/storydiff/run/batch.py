"""A batch: sources -> articles in the store -> stories in the store.

Sources are read as a stream, one window of documents at a time; for each window:
1. A document whose article the store already holds in a story is not analysed again: an
   interrupted batch, run again, resumes where it stopped, and a feed read twice adds nothing.
2. Analyse the new documents in chunks (in this process or on a cluster) and save each chunk's
   articles and problems as it comes back: a crash loses at most the chunks in flight.
3. Place the new articles in stories, among the stored articles of the same days, and save the
   stories they touched, with the events (new, join, merge, split), in one transaction.
Memory holds one window and the stories of its days, whatever the size of the corpus.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from storydiff.clean.site import SiteLineLearner
from storydiff.config import Config
from storydiff.models import Problem, RawDocument, content_id
from storydiff.run.executor import Executor, LocalExecutor

__all__ = ["BatchReport", "run_batch"]

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class BatchReport:
    documents: int  # read from the sources
    analysed: int  # new articles analysed and saved
    already_stored: int  # skipped: the store had them
    problems: tuple[Problem, ...]
    events: dict[str, int] = field(default_factory=dict)  # story events by kind
    stories_touched: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.analysed / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "analysed": self.analysed, "already_stored": self.already_stored,
                "problems": [{"path": p.path, "reason": p.reason} for p in self.problems],
                "events": self.events, "stories_touched": self.stories_touched,
                "seconds": round(self.seconds, 3), "articles_per_second": round(self.rate, 2)}

    def to_text(self) -> str:
        events = ", ".join(f"{n} {kind}" for kind, n in sorted(self.events.items())) or "none"
        return (f"{self.documents} documents: {self.analysed} analysed ({self.rate:.1f}/s), "
                f"{self.already_stored} already stored, {len(self.problems)} set aside; "
                f"{self.stories_touched} stories touched (events: {events})")


def _documents(sources: Sequence[str], config: Config, problems: list[Problem]) -> Iterator[RawDocument]:
    from storydiff.ingest import read_source

    for source in sources:
        for item in read_source(source, max_bytes=config.max_bytes):
            if isinstance(item, Problem):
                problems.append(item)
            else:
                yield item


def _chunks(documents: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    chunk: list[RawDocument] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_batch(
    sources: Sequence[str], store: Any, *, config: Config | None = None, executor: Executor | None = None,
    chunk_size: int = 32, progress: Progress | None = None, window: int = 2048,
) -> BatchReport:
    """Sources are read as a stream, `window` documents at a time: each window is analysed, saved and
    grouped before the next is read, so memory holds one window (and the stories of its days), never
    the whole corpus. What the sites repeat is learnt as the stream goes (`SiteLineLearner`)."""
    config = config or Config()
    executor = executor or LocalExecutor()
    started = time.perf_counter()
    problems: list[Problem] = []
    read = analysed = skipped = done = 0
    seen: set[str] = set()  # article ids of this run: a text read twice is analysed once
    events: list[Any] = []
    touched: set[str] = set()
    learner = SiteLineLearner()
    for documents in _chunks(_documents(sources, config, problems), window):
        read += len(documents)
        learner.add(documents)
        ids = [content_id(d.text) for d in documents]  # the id the cleaner gives the article
        # Grouped articles are done. One saved but not grouped (the run stopped before its stories
        # were saved) is analysed again: saving an article replaces it whole, so nothing is doubled.
        stored = store.grouped_articles(ids)
        todo = []
        for document, article_id in zip(documents, ids, strict=True):
            if article_id in stored or article_id in seen:
                skipped += 1
                continue
            seen.add(article_id)
            todo.append(document)
        site_lines = learner.lines()
        profiles = []
        total = done + len(todo)
        for articles, chunk_problems, chunk_profiles in executor.map_chunks(list(_chunks(todo, chunk_size)),
                                                                           config, site_lines):
            store.save_articles(articles, chunk_problems)
            problems += chunk_problems
            profiles += chunk_profiles
            done += len(articles) + len(chunk_problems)
            if progress:
                progress(done, total, "analysing")
        analysed += len(profiles)
        window_events, window_touched = _group(profiles, store, config)
        events += window_events
        touched = (touched - window_touched.gone) | window_touched.kept
    return BatchReport(
        documents=read, analysed=analysed, already_stored=skipped,
        problems=tuple(problems), events=dict(Counter(e.kind for e in events)), stories_touched=len(touched),
        seconds=time.perf_counter() - started,
    )


@dataclass(frozen=True)
class _Touched:
    kept: set[str]  # stories this window created or changed
    gone: set[str]  # stories it merged away


def _group(profiles: list[Any], store: Any, config: Config) -> tuple[list[Any], _Touched]:
    """Place a window's new articles among the stored ones of their days; save what changed."""
    from storydiff.stories import StoryGrouper

    if not profiles:
        return [], _Touched(set(), set())
    grouper = StoryGrouper(config.story_grouping)
    days = [p.day for p in profiles if p.day is not None]
    window = config.story_grouping.window_days
    if days and all(p.day is not None for p in profiles):
        # The stored articles these can meet: published within the window of the new ones.
        old, old_story_of = store.load_story_state(min(days) - window, max(days) + window, undated=False)
    else:  # an undated new article may belong to any stored story
        old, old_story_of = store.load_story_state(None, None, undated=True)
    fresh = {p.article_id for p in profiles}
    old = [p for p in old if p.article_id not in fresh]
    grouper.restore(old, old_story_of)
    before = set(grouper.stories)
    events = grouper.add(profiles)
    story_of = grouper.story_of
    touched = {story_of[p.article_id] for p in profiles} | {e.story for e in events}
    touched &= set(grouper.stories)
    gone = (before - set(grouper.stories)) | {o for e in events if e.kind == "merge" for o in e.others}
    groups = {sid: members for sid, members in grouper.groups().items() if sid in touched}
    titles = {sid: _title(grouper, sid) for sid in groups}
    batch = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    store.save_story_state(profiles=profiles, groups=groups, gone=sorted(gone - touched), titles=titles,
                           events=events, batch=batch)
    return events, _Touched(touched, gone - touched)


def _title(grouper: Any, story_id: str) -> str:
    """The headline of the story's earliest article that has one."""
    members = [grouper.profiles[k] for k in grouper.stories[story_id].members]
    titled = sorted((p.day if p.day is not None else 10**9, p.article_id, p.title) for p in members if p.title)
    return titled[0][2] if titled else ""
