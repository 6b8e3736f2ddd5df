"""Child processes that Ctrl-C leaves to their parent.

A terminal's Ctrl-C sends SIGINT to every process of its foreground group: to
bahth's children (build workers, the format reader, the watcher of `bahth serve
--watch`) as well as to bahth. A child interrupted while it imports its modules
prints a traceback of its own, and one interrupted later would stop half-way
through work its parent then has to sort out. So children are started with
SIGINT blocked, which they inherit across fork and exec and Python leaves as it
is; the parent, which gets the signal too, stops them as it unwinds.
"""

import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from multiprocessing import resource_tracker
from multiprocessing.process import BaseProcess


@contextmanager
def sigint_deferred() -> Iterator[None]:
    """Processes started in the block never see SIGINT; one that comes meanwhile
    is raised as KeyboardInterrupt once the block is left, not half-way through
    starting a process."""
    # Blocked in this thread, whose mask a child inherits. Other threads (numpy's,
    # say) may still take the signal for the process, and Python would raise it
    # here at once: its handler only notes it until the end of the block.
    caught = []
    main = threading.current_thread() is threading.main_thread()
    if main:
        handler = signal.signal(signal.SIGINT, lambda *args: caught.append(args))
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        if main:
            signal.signal(signal.SIGINT, handler)
    if caught and callable(handler):
        handler(*caught[0])


def start_spared(processes: Iterable[BaseProcess]) -> None:
    """Start multiprocessing ``processes`` so that they never see SIGINT."""
    # Launching multiprocessing's resource tracker, which the first start does,
    # unblocks SIGINT afterwards: it must be running before the block.
    resource_tracker.ensure_running()
    with sigint_deferred():
        for process in processes:
            process.start()


def stop(processes: Iterable[BaseProcess]) -> None:
    """Terminate and join those of ``processes`` that started; a Ctrl-C or an error
    may have come before the others did."""
    for process in processes:
        if process.pid is not None:
            process.terminate()
            process.join()
