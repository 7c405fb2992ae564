"""`run_batch`: sources to stories in a store, resumable, and the same result on one process or a cluster."""

from __future__ import annotations

import json
from dataclasses import asdict

import numpy as np
import pytest

from storydiff.bench.corpus import generate
from storydiff.config import Config
from storydiff.eval.datasets.ecbplus import b_cubed
from storydiff.run import LocalExecutor, run_batch
from storydiff.run.batch import _group
from storydiff.store.sqlite import SQLiteStore
from storydiff.stories import StoryProfile
from tests.store.memory_store import InMemoryStore

FAST = Config().with_overrides({"models.entities": False})


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for article in generate(60, seed=11):
            out.write(json.dumps(asdict(article), ensure_ascii=False) + "\n")
    gold = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        gold[f"{path}#{n}"] = json.loads(line)["story"]
    return path, gold


def _score(store, gold):
    stories = store.stories()
    predicted = {a.path: s.id for s in stories for a in s.articles}
    paths = sorted(predicted)
    ids = {sid: n for n, sid in enumerate(sorted(set(predicted.values())))}
    return b_cubed([ids[predicted[p]] for p in paths], [gold[p] for p in paths]), len(paths)


def test_a_batch_groups_the_generated_stories_and_a_rerun_adds_nothing(tmp_path, corpus):
    path, gold = corpus
    with SQLiteStore(tmp_path / "s.db") as store:
        report = run_batch([str(path)], store, config=FAST)
        assert report.analysed == 60 and report.already_stored == 0 and not report.problems
        (precision, recall, f1), grouped = _score(store, gold)
        assert grouped == 60 and f1 >= 0.9, (precision, recall)
        again = run_batch([str(path)], store, config=FAST)
        assert again.analysed == 0 and again.already_stored == 60 and again.stories_touched == 0
        assert store.health().consistent, store.health().to_text()


class _Crashing(LocalExecutor):
    """Analyses the first chunk, then dies as a killed run would."""

    def map_chunks(self, chunks, config, site_lines=None):
        for n, result in enumerate(super().map_chunks(chunks, config, site_lines)):
            if n == 1:
                raise KeyboardInterrupt
            yield result


def test_an_interrupted_batch_resumes_without_losing_or_repeating_articles(tmp_path, corpus):
    path, gold = corpus
    with SQLiteStore(tmp_path / "s.db") as store:
        with pytest.raises(KeyboardInterrupt):
            run_batch([str(path)], store, config=FAST, executor=_Crashing(), chunk_size=16)
        assert store.counts()["articles"] == 16 and not store.stories()
        resumed = run_batch([str(path)], store, config=FAST, chunk_size=16)
        # The 16 saved before the crash had no story yet: they are analysed again (replaced whole) and grouped.
        assert resumed.already_stored == 0 and resumed.analysed == 60
        assert store.counts()["articles"] == 60
        (_, _, f1), grouped = _score(store, gold)
        assert grouped == 60 and f1 >= 0.9
        assert store.health().consistent
        again = run_batch([str(path)], store, config=FAST, chunk_size=16)
        assert again.already_stored == 60 and again.analysed == 0


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_stories_as_one_process(tmp_path, corpus):
    from distributed import Client, LocalCluster

    from storydiff.run import DaskExecutor

    path, _ = corpus
    with SQLiteStore(tmp_path / "local.db") as store:
        run_batch([str(path)], store, config=FAST, chunk_size=8)
        local = {s.id: {a.id for a in s.articles} for s in store.stories()}
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
        SQLiteStore(tmp_path / "dask.db") as store,
    ):
        executor = DaskExecutor(client)
        report = run_batch([str(path)], store, config=FAST, executor=executor, chunk_size=8)
        assert report.analysed == 60 and not report.problems
        assert {s.id: {a.id for a in s.articles} for s in store.stories()} == local
        assert store.health().consistent


def test_a_batch_learns_what_a_site_repeats_from_all_its_documents_not_one_chunk(tmp_path):
    """Five stories of one site, in chunks of two: its masthead line is removed from every page."""
    leads = [
        "The ferry between Ostrava Bay and the islands was cancelled on Tuesday after a storm damaged the pier.",
        "City councillors in Lunden voted 14 to 9 to close the old tram depot by the end of next year.",
        "A fire at a warehouse near the northern docks burned for six hours before crews controlled it.",
        "The regional hospital opened a new children's ward after three years of building and two delays.",
        "Fishermen protested outside the port authority over new limits on the autumn herring catch.",
    ]
    path = tmp_path / "export.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n, lead in enumerate(leads):
            text = f"Harbour Ledger | independent since 1998\n{lead}\nMore details are expected on Friday."
            out.write(json.dumps({"text": text, "source": "Harbour Ledger", "published": f"2026-03-0{n + 1}"}) + "\n")
    with SQLiteStore(tmp_path / "s.db") as store:
        report = run_batch([str(path)], store, config=FAST, chunk_size=2)
        assert report.analysed == 5
        for article in store.iter_articles():
            reasons = {r.text: r.reason for r in article.removed}
            assert reasons.get("Harbour Ledger | independent since 1998") == "site-repeated-line", article.path
            assert any(lead in " ".join(p.text for p in article.paragraphs) for lead in leads)


def test_a_batch_read_in_small_windows_groups_as_well_and_holds_one_window_at_a_time(tmp_path, corpus):
    """Each window is analysed, saved and grouped before the next is read; stories still span windows."""
    path, gold = corpus
    with SQLiteStore(tmp_path / "s.db") as store:
        report = run_batch([str(path)], store, config=FAST, window=16)
        assert report.documents == 60 and report.analysed == 60 and not report.problems
        (precision, recall, f1), grouped = _score(store, gold)
        assert grouped == 60 and f1 >= 0.9, (precision, recall)
        assert store.health().consistent, store.health().to_text()
        again = run_batch([str(path)], store, config=FAST, window=16)
        assert again.analysed == 0 and again.already_stored == 60


# -- a window placed day by day, with the stored stories of those days only


class _Recording(InMemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.loads: list[tuple[int | None, int | None, bool]] = []

    def load_story_state(self, first_day, last_day, undated):  # type: ignore[no-untyped-def]
        self.loads.append((first_day, last_day, undated))
        return super().load_story_state(first_day, last_day, undated)


def _report(article: str, topic: int, day: int | None, town: str) -> StoryProfile:
    """An invented report: its lead on one of eight axes, one town named."""
    vector = np.zeros(8, dtype=np.float32)
    vector[topic] = 1.0
    return StoryProfile(article, "en", day, vector, frozenset({town}), frozenset(), f"report {article}")


def test_a_window_loads_the_stored_stories_of_its_own_days_and_a_late_article_still_meets_them():
    store = _Recording()
    _group([_report("a1", 0, 100, "ostrl"), _report("b1", 1, 200, "vrn")], store, FAST, None)
    store.loads.clear()
    # A feed in no order of dates: the late a2 (the clock is at 200) meets the stored story of its days.
    events, _, clock, rows = _group([_report("b2", 1, 201, "vrn"), _report("a2", 0, 101, "ostrl")], store, FAST, 200)
    assert {e.article: e.story for e in events} == {"a2": "s-a1", "b2": "s-b1"} and clock == 201
    assert rows == 2  # a1 and a2 were retired before b1 was loaded
    span = FAST.story_grouping.window_days
    # Only the days each new article can meet, a few at a time: never the 100 days between.
    days = [d for first, last, _ in store.loads for d in range(first, last + 1)]
    assert days == [*range(101 - span, 101 + span + 1), *range(201 - span, 201 + span + 1)]
    assert store.story_article_ids("s-a1") == ["a1", "a2"] and store.story_article_ids("s-b1") == ["b1", "b2"]


def test_an_undated_article_meets_the_stories_of_the_days_before_the_clock():
    store = _Recording()
    _group([_report("b1", 1, 200, "vrn")], store, FAST, None)
    store.loads.clear()
    events, _, clock, _ = _group([_report("u1", 1, None, "vrn")], store, FAST, 200)
    assert [(e.kind, e.story) for e in events] == [("join", "s-b1")] and clock == 200
    span = FAST.story_grouping.window_days
    days = [d for first, last, _ in store.loads for d in range(first, last + 1)]
    assert days == list(range(200 - span, 200 + 1)) and store.loads[-1] == (0, -1, True)  # then the undated


def test_the_memory_store_keeps_members_a_window_did_not_load_as_the_sql_stores_do():
    from storydiff.stories.grouping import StoryEvent

    store = InMemoryStore()  # the SQL stores' rows: tests/store/test_sqlite.py
    reports = {a: _report(a, 0, 100, "ostrl") for a in ("a1", "a2", "a3", "b1")}
    store.save_story_state(
        profiles=[reports["a1"], reports["a2"]], groups={"s-a": ["a1", "a2"]}, gone=[], titles={}, events=[], batch="1"
    )
    store.save_story_state(profiles=[reports["b1"]], groups={"s-b": ["b1"]}, gone=[], titles={}, events=[], batch="2")
    # A later window loaded only a2 of s-a (a1 lies outside its days); a3 joined.
    store.save_story_state(
        profiles=[reports["a3"]], groups={"s-a": ["a2", "a3"]}, gone=[], titles={}, events=[], batch="3"
    )
    assert store.story_article_ids("s-a") == ["a1", "a2", "a3"]
    store.save_story_state(
        profiles=[],
        groups={"s-b": ["a3", "b1"]},
        gone=["s-a"],
        titles={},
        events=[StoryEvent("merge", "s-b", "a3", ("s-a",))],
        batch="4",
    )
    assert store.story_article_ids("s-b") == ["a1", "a2", "a3", "b1"] and store.story_article_ids("s-a") == []
