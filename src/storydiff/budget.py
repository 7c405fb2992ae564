"""A time budget per article: one pathological input must not hold up a batch.

Every stage is linear in its input and inputs are capped in size, so the budget is a safety net, not
the plan: it catches what the limits miss (a regular expression that backtracks, a page built to
be slow). The budget is a real-time alarm (`SIGALRM`) where that is possible: on the main thread of
a POSIX process. The alarm interrupts Python code between bytecodes; a single C call (one regular
expression search, one lxml parse) runs to its end first. Elsewhere (a worker thread) the time is
checked when the article's work ends, so the article is still set aside, only later.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from storydiff.errors import BadInputError

__all__ = ["TimeBudgetExceeded", "time_budget"]


class TimeBudgetExceeded(BadInputError):
    """An article took longer than its budget; it is set aside with this reason like any bad input."""

    def __init__(self, path: str, seconds: float) -> None:
        super().__init__(path, f"took longer than {seconds:g} s to analyse; set aside "
                               "(raise article_seconds in the config to allow more)")
        self.seconds = seconds


def _alarm_available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None, path: str) -> Iterator[None]:
    """Raise `TimeBudgetExceeded` when the body runs longer than `seconds` (None or 0: no budget)."""
    if not seconds or seconds <= 0:
        yield
        return
    started = time.monotonic()
    if not _alarm_available():
        yield
        if time.monotonic() - started > seconds:
            raise TimeBudgetExceeded(path, seconds)
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeBudgetExceeded(path, seconds)

    previous_handler = signal.signal(signal.SIGALRM, expire)
    outer_remaining, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if outer_remaining > 0:  # an enclosing budget keeps running, minus the time spent here
            signal.setitimer(signal.ITIMER_REAL, max(outer_remaining - (time.monotonic() - started), 0.001))
