"""Converted formats are read in a child process, bounded in time and memory.

A PDF whose parser loops, a ZIP that inflates without end or a parser stuck in
C code cannot be interrupted inside the indexing process (a signal waits for the
C code to return, and only the main thread gets signals; the watcher is a
thread). The child is started on the first converted file and kept for the next
ones; one that runs out of time is killed, the file reported, and the next file
gets a new child. The child caps its own address space, so a file that needs more
memory fails there, with MemoryError or killed, and the indexer goes on.

Messages are pickles framed by their length, over the child's stdin and stdout.
A reader whose work is long but goes on (OCR, a page at a time) says so with
``alive``, and each step gets its own time bound.
"""

import os
import pickle
import resource
import select
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

from ..interrupt import sigint_deferred
from . import Extracted, Unreadable, reader

# Seconds one file may take to read. pdfminer reads about 25 pages of news a
# second on one core (bench/README.md), so this is over 1,000 pages.
TIMEOUT = 60.0
# The child's address space: with the parent's, well under 1.5 GB.
MEMORY = 1024 * 1024 * 1024
# How long a new child may take to import its readers.
START_TIMEOUT = 60.0
_HEADER = struct.Struct(">Q")


class Isolated:
    """Reads files with ``reader(fmt)`` in a child process; one file at a time."""

    def __init__(self) -> None:
        self._child: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def read(self, path: str | Path, fmt: str, **options: object) -> Extracted:
        """The file's Extracted text; raises Unreadable with the reason.
        ``options`` go to the format's reader."""
        with self._lock:
            if self._child is None or self._child.poll() is not None:
                self._start()
            timeout = TIMEOUT
            # _start has set _child, with pipes for stdin and stdout.
            try:
                _send(self._child.stdin, (str(path), fmt, options))  # type: ignore[union-attr, arg-type]
                status, value = _receive(self._child.stdout, timeout)  # type: ignore[union-attr, arg-type]
                while status == "alive":
                    timeout = value
                    status, value = _receive(self._child.stdout, timeout)  # type: ignore[union-attr, arg-type]
            except TimeoutError:
                self._stop()
                raise Unreadable(f"reading took over {timeout:g} s; skipped") from None
            except (EOFError, OSError):
                self._stop()
                raise Unreadable("its reader ran out of memory or crashed") from None
        if status == "error":
            raise Unreadable(value)
        return value

    def _start(self) -> None:
        # Spawned, not forked: the caller may run threads (a watcher, a server).
        # Spared Ctrl-C, which would end it as a reader that crashed (the reason
        # given for its file); the indexer it serves handles the interrupt.
        with sigint_deferred():
            self._child = subprocess.Popen(
                # -I: no module of the working folder (the seeds, say) can stand in for ours.
                [sys.executable, "-I", "-m", "indexer.formats.isolate"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        try:
            _receive(self._child.stdout, START_TIMEOUT)  # type: ignore[arg-type]  # ready
        except (TimeoutError, EOFError, OSError):
            self._stop()
            raise Unreadable("the process that reads this format could not start") from None

    def _stop(self) -> None:
        # Only a started child, with pipes for stdin and stdout, is stopped.
        self._child.kill()  # type: ignore[union-attr]
        self._child.wait()  # type: ignore[union-attr]
        self._child.stdin.close()  # type: ignore[union-attr]
        self._child.stdout.close()  # type: ignore[union-attr]
        self._child = None

    def close(self) -> None:
        with self._lock:
            if self._child is not None:
                self._stop()


def _send(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes], timeout: float) -> Any:
    deadline = time.monotonic() + timeout
    (size,) = _HEADER.unpack(_read(stream, _HEADER.size, deadline))
    return pickle.loads(_read(stream, size, deadline))


def _read(stream: IO[bytes], size: int, deadline: float) -> bytes:
    fd, chunks, left = stream.fileno(), [], size
    while left:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise TimeoutError
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


_replies: IO[bytes] | None = None


def alive(seconds: float) -> None:
    """In the child: tells the parent the reader goes on, and may take ``seconds``
    more before it next says so or answers."""
    if _replies is not None:
        _send(_replies, ("alive", seconds))


def _serve() -> None:
    """The child: read requests until the parent closes its stdin."""
    global _replies
    import logging

    # pdfminer logs every odd font; the parent reports what matters, once.
    logging.disable(logging.WARNING)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    reader("pdf")  # imports every reader now, so the first file's time is its own
    _send(replies, ("ready", None))
    _replies = replies
    while True:
        header = requests.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        path, fmt, options = pickle.loads(requests.read(_HEADER.unpack(header)[0]))
        reply: tuple[str, Extracted | str]
        try:
            reply = ("ok", reader(fmt)(path, **options))
        except Unreadable as e:
            reply = ("error", str(e))
        except MemoryError:
            reply = ("error", f"reading it needs over {MEMORY // 2**20} MiB of memory")
        except RecursionError:
            reply = ("error", "damaged: nested too deeply")
        except OSError as e:
            reply = ("error", e.strerror or str(e))
        except Exception as e:  # a library's unforeseen failure on a damaged file
            reply = ("error", f"damaged {fmt.upper()} ({type(e).__name__})")
        _send(replies, reply)


if __name__ == "__main__":
    _serve()
