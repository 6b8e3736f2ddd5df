"""Ctrl-C at any moment of `bahth index`, `bahth watch` and `bahth serve --watch`.

A terminal's Ctrl-C sends SIGINT to the whole foreground process group: to
bahth's child processes as much as to bahth. Every command must end with one
line and status 130, without a traceback, and an interrupted build must leave no
segment file that the index's table of contents does not list.
"""

import os
import signal
import subprocess
import sys
import time

import pytest
from whoosh.index import TOC

from indexer import build, sync
from indexer.build import update_index
from indexer.store import NAME, open_existing

from .conftest import eventually, spawned_workers, write

# The program as its console script runs it (pyproject.toml).
BAHTH = [sys.executable, "-c", "from web.program import main; main()"]

# Slow: each test starts bahth in processes and interrupts them (pyproject.toml: slow).
pytestmark = [
    pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux /proc"),
    pytest.mark.slow,
]


def start(*args):
    # A session of its own: the test can signal its whole group, as a terminal does.
    return subprocess.Popen(
        [*BAHTH, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def ctrl_c(proc):
    """SIGINT to the process group; the program's standard error once it ended."""
    try:
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    return stderr


def assert_interrupted(proc, stderr):
    assert stderr.splitlines() == ["interrupted"], stderr
    assert proc.returncode == 130


def stray_files(index_dir):
    """Files in the index folder that its table of contents does not account for."""
    generation = TOC._latest_generation(open_existing(index_dir).storage, NAME)
    live = {s.segment_id() for s in open_existing(index_dir)._segments()}
    return sorted(
        name
        for name in os.listdir(index_dir)
        if name not in (f"_{NAME}_{generation}.toc", f"{NAME}_WRITELOCK")
        and name.split(".")[0] not in live
    )


def read_line(stream, needle, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = stream.readline()
        if needle in line:
            return line
    raise AssertionError(f"no line with {needle!r}")


@pytest.fixture
def big_folder(seeds, index_dir):
    """An index of 30 files, and 2,100 more files: enough for a build on every core."""
    for i in range(30):
        write(seeds, f"old/{i}.txt", f"خبر قديم {i}\nنص قديم رقم {i}")
    update_index(seeds, index_dir)
    for i in range(2100):
        write(seeds, f"new/{i}.txt", f"خبر جديد {i}\nنص جديد رقم {i} عن الأحداث " * 5)
    return seeds


def index_run(seeds, index_dir):
    return start("index", "-q", "--rebuild", "--seeds", str(seeds), "--index", str(index_dir))


def importing_its_modules(pid):
    """True once the program imports its libraries (numpy's are mapped): within
    the guard that answers Ctrl-C. Before the program runs, Python itself answers
    it (a fatal error while it imports its site module), which no program can
    change; on a loaded machine, a fixed sleep could fall there."""
    with open(f"/proc/{pid}/maps") as f:
        return any("numpy" in line for line in f)


def test_ctrl_c_while_bahth_starts(seeds, index_dir):
    write(seeds, "a.txt", "خبر\nنص")
    proc = index_run(seeds, index_dir)
    eventually(lambda: importing_its_modules(proc.pid), 30)
    assert_interrupted(proc, ctrl_c(proc))


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core builds in one process")
def test_ctrl_c_while_the_build_workers_start(big_folder, index_dir):
    proc = index_run(big_folder, index_dir)
    eventually(lambda: spawned_workers(proc.pid), 30)
    assert_interrupted(proc, ctrl_c(proc))
    assert stray_files(index_dir) == []
    assert open_existing(index_dir).doc_count() == 30


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core builds in one process")
def test_ctrl_c_while_the_build_workers_write_leaves_no_segment_behind(big_folder, index_dir):
    proc = index_run(big_folder, index_dir)
    # The parent's segment and a worker's are being written.
    eventually(
        lambda: (
            len(
                {
                    name.split(".")[0]
                    for name in stray_files(index_dir)
                    if name.startswith(f"{NAME}_")
                }
            )
            > 1
        ),
        60,
    )
    assert_interrupted(proc, ctrl_c(proc))
    assert stray_files(index_dir) == []
    assert open_existing(index_dir).doc_count() == 30


@pytest.mark.parametrize("where", ["reading", "committing"])
def test_an_interrupted_run_in_one_process_leaves_no_segment_behind(
    seeds, index_dir, monkeypatch, where
):
    write(seeds, "a.txt", "خبر\nنص أول")
    update_index(seeds, index_dir)
    for i in range(20):
        write(seeds, f"{i}.txt", f"خبر {i}\nنص رقم {i}")
    if where == "reading":
        real, calls = sync.read_document, []

        def read_document(path, rel):
            calls.append(rel)
            if len(calls) > 10:
                raise KeyboardInterrupt
            return real(path, rel)

        monkeypatch.setattr(sync, "read_document", read_document)
    else:
        # The new segment is written, its table of contents not yet.
        monkeypatch.setattr(
            build.Writer, "_commit_toc", lambda *_: (_ for _ in ()).throw(KeyboardInterrupt)
        )
    with pytest.raises(KeyboardInterrupt):
        update_index(seeds, index_dir)
    assert stray_files(index_dir) == []
    monkeypatch.undo()
    assert update_index(seeds, index_dir, lock_timeout=0).documents == 21  # the lock is free


@pytest.mark.parametrize("moment", ["starting", "watching"])
def test_ctrl_c_stops_bahth_watch(seeds, index_dir, moment):
    write(seeds, "a.txt", "خبر\nنص")
    proc = start("watch", "--seeds", str(seeds), "--index", str(index_dir))
    if moment == "watching":
        read_line(proc.stderr, "Ctrl-C stops")
        assert_interrupted(proc, ctrl_c(proc))
        return
    eventually(lambda: importing_its_modules(proc.pid), 30)
    stderr = ctrl_c(proc)
    # It may have said it watches, and what its first sync indexed, before the
    # signal came: its own lines, then the one the interruption ends it with.
    said = [
        line
        for line in stderr.splitlines()
        if not line.startswith("watching ") and " indexed: " not in line
    ]
    assert_interrupted(proc, "\n".join(said))


@pytest.mark.parametrize("moment", ["watcher starting", "serving"])
def test_ctrl_c_stops_bahth_serve_and_its_watcher(seeds, index_dir, moment):
    write(seeds, "a.txt", "خبر\nنص")
    update_index(seeds, index_dir)
    proc = start(
        "serve", "--port", "0", "--watch", "--seeds", str(seeds), "--index", str(index_dir)
    )
    # The watcher process is spawned as the server says it watches, and imports
    # its modules for a second.
    read_line(proc.stdout, "serving on" if moment == "serving" else "watching")
    watchers = spawned_workers(proc.pid)
    assert_interrupted(proc, ctrl_c(proc))
    assert not any(os.path.exists(f"/proc/{pid}") for pid in watchers)
