"""Long queries answered in a process of their own, for `bahth serve`.

Long queries take turns (search/lane.py), but one running in a thread of the
server's interpreter holds that interpreter about half the time, and every short
query beside it waits as long: with eight clients sending the worst queries,
keyword queries took two to four times their quiet p95 (bench/README.md). In a
process of its own a long query runs on another core. The lane still admits
them one at a time and refuses those beyond its waiting room; this process
answers each in turn, with an Engine of its own over the same index. So is a
short query whose «did you mean» looks for spelling candidates, the other work
that takes turns: ``refer`` tells the server's own engine to leave it here.
"""

import contextlib
import multiprocessing
import pickle
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing import resource_tracker
from pathlib import Path
from typing import NoReturn

from indexer.interrupt import sigint_deferred
from search import filters
from search.engine import Engine, ResultPage
from search.lane import Busy

# Seconds a long query's answer is waited for: far beyond the slowest measured
# (bench/README.md: hostile queries' p95 0.6 s), so only a process that died
# while answering runs into it.
TIMEOUT = 60.0

_engine: Engine | None = None


class Referred(Exception):
    """A query's spelling candidates are to be looked for in the process."""


@contextmanager
def refer() -> Iterator[None]:
    """Where the server's own engine looks for spelling candidates: nowhere;
    it raises Referred instead, for the query to be answered in the process."""
    raise Referred
    yield  # a generator, for contextmanager


def _open(index_dir: str) -> None:
    # The server stops this process; Ctrl-C is the server's to answer.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _engine
    _engine = Engine(index_dir)
    # Read ahead, so that the first misspelled query need not wait for it (the
    # server's own engine never looks for candidates, and never reads it); a
    # damaged or missing index is reported by requests.
    with contextlib.suppress(Exception):
        _engine.prepare_suggestions()


def _answer(
    text: str, page: int, per_page: int, narrow: filters.Narrow
) -> tuple[ResultPage, str | None]:
    assert _engine is not None  # _open ran first
    try:
        result, suggestion = _engine.answer(text, page, per_page, narrow)
    except Exception as error:
        _raise_sendable(error)
    result.texts = []  # read for the suggestion, made here; not worth sending
    return result, suggestion


def _raise_sendable(error: Exception) -> NoReturn:
    """Raise ``error`` as the server can receive it: one that could not be
    unpickled there would stop the pool's results for good, and every later long
    query would wait for ever."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        raise RuntimeError(f"{type(error).__name__}: {error}") from None
    raise error


class LongQueries:
    """A process that answers queries as ``Engine.answer`` does, one at a time."""

    def __init__(self, index_dir: str | Path, timeout: float = TIMEOUT) -> None:
        self.timeout = timeout
        # Multiprocessing's resource tracker, started by the first process, would
        # unblock SIGINT after sigint_deferred blocked it: started before.
        resource_tracker.ensure_running()  # type: ignore[attr-defined]
        with sigint_deferred():
            self._pool = multiprocessing.get_context("spawn").Pool(
                1, initializer=_open, initargs=(str(index_dir),)
            )

    def answer(
        self, text: str, page: int, per_page: int, narrow: filters.Narrow
    ) -> tuple[ResultPage, str | None]:
        """``Engine.answer(text, page, per_page, narrow)``, in the process; its
        exceptions are raised here. Raises lane.Busy if no answer comes within
        ``timeout`` seconds (a process that died while answering is replaced,
        but what it was answering never comes)."""
        pending = self._pool.apply_async(_answer, (text, page, per_page, narrow))
        try:
            answered: tuple[ResultPage, str | None] = pending.get(self.timeout)
        except multiprocessing.TimeoutError:
            raise Busy(f"no answer from the long-query process in {self.timeout:g} s") from None
        return answered

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()
