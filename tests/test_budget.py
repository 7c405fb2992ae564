"""The per-article time budget, and one article's failure never losing the others."""

import threading
import time

import pytest

import storydiff.pipeline
from storydiff import Config, clean
from storydiff.budget import TimeBudgetExceeded, time_budget
from tests.conftest import DEMO

FLOOD = sorted((DEMO / "flood").iterdir())


def test_a_body_over_its_budget_is_interrupted():
    started = time.monotonic()
    with pytest.raises(TimeBudgetExceeded) as caught, time_budget(0.2, "slow.txt"):
        while True:  # pure Python: the alarm interrupts it
            pass
    assert time.monotonic() - started < 2
    assert caught.value.path == "slow.txt" and "longer than 0.2 s" in caught.value.reason


def test_a_body_within_its_budget_runs_and_leaves_no_alarm_behind():
    with time_budget(1.0, "quick.txt"):
        total = sum(range(1000))
    assert total == 499500
    time.sleep(1.2)  # an alarm left armed would fire here


def test_an_inner_budget_gives_the_outer_one_back():
    with pytest.raises(TimeBudgetExceeded) as caught, time_budget(0.6, "outer"):
        with time_budget(5.0, "inner"):
            time.sleep(0.1)
        while True:
            pass
    assert caught.value.path == "outer"


def test_off_the_main_thread_the_budget_is_checked_when_the_work_ends():
    outcome: list[str] = []

    def work() -> None:
        try:
            with time_budget(0.1, "threaded"):
                time.sleep(0.3)
        except TimeBudgetExceeded as exc:
            outcome.append(exc.path)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["threaded"]


def test_a_slow_article_is_set_aside_and_the_others_are_cleaned(monkeypatch):
    real = storydiff.pipeline.run_article_stages

    def slow_for_one(stages, article):
        if article.path == str(FLOOD[0]):
            while True:
                pass
        return real(stages, article)

    monkeypatch.setattr(storydiff.pipeline, "run_article_stages", slow_for_one)
    result = clean(FLOOD, config=Config(article_seconds=0.5))
    assert {a.path for a in result.articles} == {str(p) for p in FLOOD[1:]}
    assert [(p.path, "longer than 0.5 s" in p.reason) for p in result.problems] == [(str(FLOOD[0]), True)]


def test_an_article_that_breaks_a_stage_is_set_aside_with_the_reason(monkeypatch):
    real = storydiff.pipeline.run_article_stages

    def broken_for_one(stages, article):
        if article.path == str(FLOOD[1]):
            raise ValueError("simulated bug")
        return real(stages, article)

    monkeypatch.setattr(storydiff.pipeline, "run_article_stages", broken_for_one)
    result = clean(FLOOD)
    assert len(result.articles) == len(FLOOD) - 1
    (problem,) = result.problems
    assert problem.path == str(FLOOD[1]) and "internal error: ValueError: simulated bug" in problem.reason


def test_the_budget_is_a_setting_and_does_not_change_comparison_ids():
    from storydiff.config import load_config

    assert load_config(overrides={"article_seconds": 5}).article_seconds == 5.0
    assert Config(article_seconds=5).fingerprint() == Config().fingerprint()
