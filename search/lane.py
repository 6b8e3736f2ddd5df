"""One long query at a time, so that long queries cannot slow everyone's short ones.

Every query's work is bounded (search/query.py), but a long one still costs a
hundred times a short one, and the request threads share one interpreter: eight
clients sending long queries back to back made the keyword queries of
bench/isolation.py 17 times slower at the 95th percentile. Long queries (and
spelling candidates) therefore run one at a time, while short ones never wait
for them. A few more wait their turn; beyond that they are refused at once
rather than held, so that waiting ones never occupy every request thread.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Busy(Exception):
    """Too many long queries are waiting; this one was not started."""


class Lane:
    def __init__(self, waiting: int) -> None:
        self._running = threading.Lock()
        self._admitted = threading.BoundedSemaphore(waiting + 1)

    @contextmanager
    def __call__(self) -> Iterator[None]:
        """Runs the block when no other long query runs; raises Busy if ``waiting``
        others are already waiting."""
        if not self._admitted.acquire(blocking=False):
            raise Busy("too many long queries at once")
        try:
            with self._running:
                yield
        finally:
            self._admitted.release()
