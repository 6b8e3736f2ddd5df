"""Live reindexing: keep the index in step with the seeds folder as files change.

In a server process::

    from indexer.watch import Watcher

    watcher = Watcher(seeds_dir, index_dir)
    watcher.start()   # returns at once; syncing happens in a background thread
    ...               # serve; each search.engine.Engine query sees the latest commit
    watcher.stop()    # on shutdown (also: ``with Watcher(...) as watcher:``)

File system events only mark paths as changed. A worker thread waits until the
events pause (or a burst has gone on for ``max_delay``) and then runs one
``update_index`` restricted to those paths, so an editor's write-then-rename is
one commit and a thousand copied files a few (at most MAX_BATCH files each). The
writer lock is taken only for that commit, so a ``bahth index`` run in between
waits at most one batch; if the other writer holds the lock, the watcher keeps its
changes and tries again.

The watcher thread shares the interpreter lock with the server's request threads:
while a burst is being indexed, searches slow down and the burst takes longer to
index (see bench/freshness.py). Running ``bahth watch`` as a process of its own
avoids that; the index is the only thing the two share.
"""

import itertools
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from watchdog import events
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver
from whoosh.index import LockError

from .build import update_index

log = logging.getLogger(__name__)

# A batch is committed once no event has come for QUIET seconds, or MAX_DELAY
# seconds after its first event while a burst goes on, so a search sees a new file
# within about a second.
QUIET = 0.15
MAX_DELAY = 0.5
# Files indexed per commit at most (a few tenths of a second of work): the first
# files of a big burst become searchable while the rest are still being read.
MAX_BATCH = 100
# Each poll stats every seed file (about 0.3 s of CPU for 31,000 files, 15 % of a
# core at this interval), so polling is slower to notice changes than events.
POLL_INTERVAL = 2.0
# After this many idle seconds the whole folder is compared (about 0.6 s of work
# for 31,000 files): the kernel drops events when its queue overflows, say when
# tens of thousands of files arrive at once, and watchdog does not report that.
RESCAN = 600.0
# How long one attempt waits for another writer before the watcher checks whether
# it has been stopped and tries again.
LOCK_WAIT = 1.0
# Pause after an unexpected indexing error, so a persistent one does not spin.
RETRY_DELAY = 2.0

# Reading a file raises "opened" and "closed_no_write" events; leaving them out
# keeps the watcher from reacting to its own reads. A folder's "modified" event
# only repeats what its files' events say. "attrib" is kept for a file copied in
# unreadable and then given its permissions (watchdog 7; Python 3.10 has watchdog 6,
# which does not report it).
EVENTS = [
    getattr(events, name)
    for name in (
        "FileCreatedEvent",
        "FileModifiedEvent",
        "FileClosedEvent",
        "FileAttribEvent",
        "FileDeletedEvent",
        "FileMovedEvent",
        "DirCreatedEvent",
        "DirDeletedEvent",
        "DirMovedEvent",
    )
    if hasattr(events, name)
]


class _Pending:
    """Paths changed since the last sync; ``everything`` when a folder moved or at start."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._paths: dict[str, None] = {}  # an ordered set: a burst is indexed in arrival order
        self._everything = False
        self._first: float | None = None
        self._last: float | None = None
        self._busy = False  # a taken batch is being indexed
        self._stopped = False

    def mark(self, rel: str | None = None) -> None:
        """Record a change to ``rel``, or to anything when ``rel`` is None."""
        with self._cond:
            if rel is None:
                self._everything = True
            else:
                self._paths[rel] = None
            now = time.monotonic()
            self._first = self._first or now
            self._last = now
            self._cond.notify_all()

    def put_back(self, batch: set[str] | None) -> None:
        """Return a batch that could not be indexed, to be taken again first."""
        with self._cond:
            if batch is None:
                self._everything = True
            else:
                self._paths = dict.fromkeys(batch) | self._paths
            self._first = self._last = self._first or time.monotonic()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()

    def take(
        self, quiet: float, max_delay: float, rescan: float | None = None
    ) -> set[str] | None | Literal[False]:
        """Wait for a batch that has settled and return its paths: a set, or None when
        everything must be compared (also after ``rescan`` idle seconds). Returns
        False once stopped."""
        rescan_at = rescan and time.monotonic() + rescan
        with self._cond:
            while not self._stopped:
                if self._first is None:
                    if rescan_at and time.monotonic() >= rescan_at:
                        self.mark()
                    else:
                        self._cond.wait(rescan_at and rescan_at - time.monotonic())
                    continue
                now = time.monotonic()
                due = min(self._last + quiet, self._first + max_delay)  # type: ignore[operator]  # set with _first
                if now < due:
                    self._cond.wait(due - now)
                    continue
                if self._everything:
                    batch = None
                    self._paths, self._everything = {}, False
                else:
                    batch = set(itertools.islice(self._paths, MAX_BATCH))
                    self._paths = {rel: None for rel in self._paths if rel not in batch}
                if not self._paths:
                    self._first = self._last = None
                self._busy = True
                return batch
            return False

    def done(self) -> None:
        with self._cond:
            self._busy = False
            self._cond.notify_all()

    def wait_idle(self, timeout: float | None) -> bool:
        with self._cond:
            return self._cond.wait_for(
                lambda: self._stopped or not (self._busy or self._first), timeout
            )


class _Handler(FileSystemEventHandler):
    def __init__(self, seeds: str, pending: _Pending) -> None:
        self._seeds = seeds
        self._pending = pending

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            # A folder created, moved or deleted carries files the events may not
            # list one by one: compare the whole tree.
            self._pending.mark()
            return
        for path in (event.src_path, event.dest_path):
            if path:
                rel = os.path.relpath(os.fsdecode(path), self._seeds)
                if not rel.startswith(".."):
                    self._pending.mark(Path(rel).as_posix())


class Watcher:
    """Keeps the index in ``index_dir`` in sync with ``seeds`` from a background thread.

    ``poll`` uses watchdog's polling observer (every ``poll_interval`` seconds) instead
    of native events (inotify on Linux); it is also used when the native observer
    cannot start. The first batch compares the whole folder, catching changes made
    while no watcher ran; with events, so does every ``rescan`` idle seconds.
    """

    def __init__(
        self,
        seeds: str | Path,
        index_dir: str | Path,
        poll: bool = False,
        poll_interval: float = POLL_INTERVAL,
        quiet: float = QUIET,
        max_delay: float = MAX_DELAY,
        rescan: float = RESCAN,
    ) -> None:
        self.seeds = Path(seeds).resolve()
        self.index_dir = Path(index_dir)
        self.poll = poll
        self.poll_interval = poll_interval
        self.quiet = quiet
        self.max_delay = max_delay
        self.rescan = rescan
        self.observer: BaseObserver | None = None
        self._pending = _Pending()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._blocked = False  # another writer held the lock at the last attempt

    def start(self) -> "Watcher":
        if not self.seeds.is_dir():
            raise FileNotFoundError(f"seeds folder {self.seeds} does not exist")
        # Watch before the first sync, so nothing that changes during it is missed.
        self.observer = self._start_observer()
        self._pending.mark()
        self._thread = threading.Thread(target=self._run, name="bahth-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop watching. A batch being indexed is committed first; changes not yet
        batched are left to the next start's full comparison."""
        if self.observer is not None:
            self.observer.stop()
            self.observer.join()
        self._stopping.set()
        self._pending.stop()
        if self._thread is not None:
            self._thread.join()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until every change seen so far is indexed (or the watcher stopped);
        False if ``timeout`` seconds passed first. Right after ``start()`` this waits
        for the first full comparison."""
        return self._pending.wait_idle(timeout)

    def __enter__(self) -> "Watcher":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def polling(self) -> bool:
        return isinstance(self.observer, PollingObserver)

    def _start_observer(self) -> BaseObserver:
        if not self.poll:
            try:
                return self._schedule(Observer())
            except OSError as e:  # e.g. the inotify watch limit
                log.warning(
                    "native file events unavailable (%s); polling every %gs", e, self.poll_interval
                )
        return self._schedule(PollingObserver(timeout=self.poll_interval))

    def _schedule(self, observer: BaseObserver) -> BaseObserver:
        observer.schedule(
            _Handler(str(self.seeds), self._pending),
            str(self.seeds),
            recursive=True,
            event_filter=EVENTS,
        )
        observer.start()
        return observer

    def _run(self) -> None:
        # A poll already compares everything; only events can be lost.
        rescan = None if self.polling else self.rescan
        while (batch := self._pending.take(self.quiet, self.max_delay, rescan)) is not False:
            try:
                self._index(batch)
            finally:
                self._pending.done()

    def _index(self, batch: set[str] | None) -> None:
        start = time.monotonic()
        try:
            report = update_index(self.seeds, self.index_dir, paths=batch, lock_timeout=LOCK_WAIT)
        except LockError:
            if not self._blocked:  # once, not at every retry of a long wait
                log.info("another process is writing to %s; waiting", self.index_dir)
            self._blocked = True
            self._pending.put_back(batch)
            return
        except Exception:
            log.exception("indexing failed; retrying in %gs", RETRY_DELAY)
            self._pending.put_back(batch)
            self._stopping.wait(RETRY_DELAY)
            return
        self._blocked = False
        for rel, reason in report.skipped:
            log.warning("skipped %s: %s", rel, reason)
        if report.changed:
            log.info("indexed: %s (%.2f s)", report.summary(), time.monotonic() - start)


def watch_until_stopped(
    seeds: str | Path,
    index_dir: str | Path,
    poll: bool = False,
    poll_interval: float = POLL_INTERVAL,
    announce: Callable[[Watcher], None] | None = None,
    parent: int | None = None,
) -> None:
    """Run a Watcher until Ctrl-C or SIGTERM (or until process ``parent`` has gone).

    SIGTERM (a service manager stopping us) ends like Ctrl-C, but with SystemExit(0)
    rather than KeyboardInterrupt: the batch being indexed is committed. SIGKILL is
    safe too: commits are atomic.
    """
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    watcher = Watcher(seeds, index_dir, poll=poll, poll_interval=poll_interval)
    # Stopped however this ends, even by a Ctrl-C during the start: its thread
    # must not be cut off in the middle of a commit. KeyboardInterrupt goes on to
    # the command, which ends with status 130.
    try:
        watcher.start()
        if announce:
            announce(watcher)
        # A watcher started by `bahth serve --watch` must not outlive a server that
        # was killed without the chance to stop it.
        while parent is None or os.getppid() == parent:
            time.sleep(1.0)
    finally:
        watcher.stop()
