"""A batch: sources -> articles in the store -> stories in the store.

Sources are read as a stream, one window of documents at a time; for each window:
1. A document whose article the store already holds in a story is not analysed again: an
   interrupted batch, run again, resumes where it stopped, and a feed read twice adds nothing.
2. Analyse the new documents in chunks (in this process or on a cluster) and save each chunk's
   articles and problems as it comes back: a crash loses at most the chunks in flight.
3. Place the new articles in stories, among the stored articles of the same days, and save the
   stories they touched, with the events (new, join, merge, split), in one transaction.
Memory holds one window and the stored stories of about two `window_days` around the day being
placed, whatever the size of the corpus and the order of its dates.
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
_LOAD_DAYS = 2  # stored articles are loaded this many days at a time


@dataclass(frozen=True)
class BatchReport:
    documents: int  # read from the sources
    analysed: int  # new articles analysed and saved
    already_stored: int  # skipped: the store had them
    problems: tuple[Problem, ...]
    events: dict[str, int] = field(default_factory=dict)  # story events by kind
    stories_touched: int = 0
    seconds: float = 0.0
    # The most articles (stored and new) a window's grouper held at once: bounded by the articles of
    # about two `window_days` of days, whatever the size of the corpus.
    peak_live_rows: int = 0

    @property
    def rate(self) -> float:
        return self.analysed / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "analysed": self.analysed,
            "already_stored": self.already_stored,
            "problems": [{"path": p.path, "reason": p.reason} for p in self.problems],
            "events": self.events,
            "stories_touched": self.stories_touched,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.rate, 2),
            "peak_live_rows": self.peak_live_rows,
        }

    def to_text(self) -> str:
        events = ", ".join(f"{n} {kind}" for kind, n in sorted(self.events.items())) or "none"
        return (
            f"{self.documents} documents: {self.analysed} analysed ({self.rate:.1f}/s), "
            f"{self.already_stored} already stored, {len(self.problems)} set aside; "
            f"{self.stories_touched} stories touched (events: {events})"
        )


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
    sources: Sequence[str],
    store: Any,
    *,
    config: Config | None = None,
    executor: Executor | None = None,
    chunk_size: int = 32,
    progress: Progress | None = None,
    window: int = 2048,
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
    clock: int | None = None  # the newest day placed: where an undated article is taken to be
    peak_rows = 0
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
        for articles, chunk_problems, chunk_profiles in executor.map_chunks(
            list(_chunks(todo, chunk_size)), config, site_lines
        ):
            store.save_articles(articles, chunk_problems)
            problems += chunk_problems
            profiles += chunk_profiles
            done += len(articles) + len(chunk_problems)
            if progress:
                progress(done, total, "analysing")
        analysed += len(profiles)
        window_events, window_touched, clock, window_rows = _group(profiles, store, config, clock)
        peak_rows = max(peak_rows, window_rows)
        events += window_events
        touched = (touched - window_touched.gone) | window_touched.kept
    return BatchReport(
        documents=read,
        analysed=analysed,
        already_stored=skipped,
        problems=tuple(problems),
        events=dict(Counter(e.kind for e in events)),
        stories_touched=len(touched),
        seconds=time.perf_counter() - started,
        peak_live_rows=peak_rows,
    )


@dataclass(frozen=True)
class _Touched:
    kept: set[str]  # stories this window created or changed
    gone: set[str]  # stories it merged away


def _group(
    profiles: list[Any], store: Any, config: Config, clock: int | None
) -> tuple[list[Any], _Touched, int | None, int]:
    """Place a window's new articles among the stored ones of their days; save what changed.

    The new articles are placed day by day, in order; before each day, the stored articles it can
    meet (up to `window_days` after it) are loaded, and the grouper retires the stories that the day
    has left behind. So memory holds the stored articles of about two windows' days, not all those the
    window's days span (a window read from a feed in no order of dates spans the whole corpus).
    Undated new articles come last and are taken to be published at the clock (the newest day placed
    in this run): they meet the stories still live, or those of the last `window_days` before the
    clock when the window has no dated article, and every stored undated article."""
    from storydiff.stories import StoryGrouper

    if not profiles:
        return [], _Touched(set(), set()), clock, 0
    grouper = StoryGrouper(config.story_grouping)
    span = config.story_grouping.window_days
    fresh = {p.article_id for p in profiles}

    def load(first: int, last: int, undated: bool = False) -> None:
        # A few days at a time: the profiles as loaded (their term dicts) are held only until restored.
        for start in range(first, last + 1, _LOAD_DAYS) if not undated else [first]:
            old, old_story_of = store.load_story_state(start, min(start + _LOAD_DAYS - 1, last), undated=undated)
            grouper.restore([p for p in old if p.article_id not in fresh], old_story_of)

    by_day: dict[int, list[Any]] = {}
    for profile in profiles:
        if profile.day is not None:
            by_day.setdefault(profile.day, []).append(profile)
    events: list[Any] = []
    loaded: int | None = None  # the stored articles up to this day are in the grouper
    for day in sorted(by_day):
        grouper.advance(day)  # retire what this day leaves behind before loading what it can meet
        if loaded is None or day + span > loaded:
            load(day - span if loaded is None else max(loaded + 1, day - span), day + span)
            loaded = day + span
        events += grouper.add(by_day[day])
        clock = day if clock is None else max(clock, day)
    undated = [p for p in profiles if p.day is None]
    if undated:
        if loaded is None and clock is not None:
            load(clock - span, clock)
        load(0, -1, undated=True)  # an empty range of days: the undated stored articles only
        events += grouper.add(undated)
    story_of = grouper.story_of
    touched = ({story_of[p.article_id] for p in profiles} | {e.story for e in events}) & grouper.story_ids()
    # A story leaves only by a merge (a split may give its id back: then it is touched, not gone).
    gone = {o for e in events if e.kind == "merge" for o in e.others}
    groups = {sid: members for sid, members in grouper.groups().items() if sid in touched}
    titles = {sid: grouper.title(sid) for sid in groups}
    batch = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    store.save_story_state(
        profiles=profiles, groups=groups, gone=sorted(gone - touched), titles=titles, events=events, batch=batch
    )
    return events, _Touched(touched, gone - touched), clock, grouper.peak_rows
