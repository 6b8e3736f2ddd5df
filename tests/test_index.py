"""`bahth index`: incremental runs, broken files, rebuilds and killed runs."""

import datetime
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from whoosh import index as whoosh_index
from whoosh.query import Every, Term

from indexer.build import update_index
from indexer.store import open_existing

from .conftest import spawned_workers, write


def indexed_paths(index_dir):
    ix = whoosh_index.open_dir(index_dir)
    with ix.searcher() as s:
        return sorted(d["path"] for d in s.all_stored_fields())


def paths_in_order(index_dir):
    with whoosh_index.open_dir(index_dir).searcher() as s:
        return [d["path"] for d in s.all_stored_fields()]


def test_incremental_runs_touch_only_what_changed(bahth, seeds, index_dir):
    write(seeds, "a.txt", "الأول\nنص عن الاقتصاد")
    write(seeds, "sub/b.txt", "الثاني\nنص عن الرياضة")
    out = bahth("index").stdout
    assert "2 added" in out
    assert "up to date" in bahth("index").stdout

    write(seeds, "a.txt", "الأول\nنص جديد عن السياسة")
    write(seeds, "c.txt", "الثالث\nنص عن الثقافة")
    (seeds / "sub/b.txt").unlink()
    out = bahth("index").stdout
    assert "1 added, 1 updated, 1 removed, 0 unchanged" in out
    assert indexed_paths(index_dir) == ["a.txt", "c.txt"]
    hits = bahth("search", "السياسة", "--json").stdout
    assert '"a.txt"' in hits
    assert '"total": 0' in bahth("search", "الاقتصاد", "--json").stdout


def test_touching_a_file_without_changing_it_changes_nothing(bahth, seeds):
    path = write(seeds, "a.txt", "الأول\nنص")
    bahth("index")
    # An hour later on the same day: the date, a filter, is the same too.
    noon = datetime.datetime(2015, 3, 1, 12).timestamp()
    os.utime(path, (noon, noon))
    bahth("index")
    os.utime(path, (noon + 3600, noon + 3600))
    assert "up to date" in bahth("index").stdout


def test_broken_files_are_reported_and_skipped(bahth, seeds, index_dir):
    write(seeds, "good.txt", "خبر سليم\nنص سليم عن الطقس")
    write(seeds, "cp1256.txt", "خبر قديم\nأرشيف الطقس".encode("cp1256"))
    write(seeds, "utf16.txt", "خبر آخر\nنص الطقس".encode("utf-16"))
    write(seeds, "empty.txt", b"")
    write(seeds, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    write(seeds, "notes.rtf", "ليس في صيغة يقرؤها bahth")
    result = bahth("index")
    assert "3 added" in result.stdout and "2 skipped" in result.stdout
    assert "skipped empty.txt: empty file" in result.stderr
    assert "skipped binary.txt: binary file" in result.stderr
    assert indexed_paths(index_dir) == ["cp1256.txt", "good.txt", "utf16.txt"]


def test_a_file_that_turns_unreadable_keeps_its_last_version(bahth, seeds, index_dir):
    write(seeds, "a.txt", "خبر\nنص عن المطر")
    bahth("index")
    write(seeds, "a.txt", b"\x00\x01binary")
    assert "skipped a.txt" in bahth("index").stderr
    assert indexed_paths(index_dir) == ["a.txt"]


def test_nothing_indexable_is_an_error(bahth, seeds):
    write(seeds, "empty.txt", b"")
    result = bahth("index", ok=False)
    assert result.exit_code == 1
    assert "no document" in result.stderr


def test_missing_seeds_folder_is_a_usage_error(bahth, tmp_path):
    result = bahth("index", "--seeds", str(tmp_path / "nope"), ok=False)
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_rebuild_starts_from_scratch(bahth, seeds, index_dir):
    write(seeds, "a.txt", "خبر\nنص")
    bahth("index")
    assert "1 added" in bahth("index", "--rebuild").stdout
    assert indexed_paths(index_dir) == ["a.txt"]


def test_add_update_delete_optimize_then_search(seeds, index_dir):
    """Guards the Whoosh version: after an optimize no document may come back twice."""
    for i in range(5):
        write(seeds, f"{i}.txt", f"خبر {i}\nنص مشترك عن الطقس {i}")
    update_index(seeds, index_dir)
    write(seeds, "1.txt", "خبر معدل\nنص مشترك عن الطقس المعدل")
    (seeds / "2.txt").unlink()
    update_index(seeds, index_dir)
    ix = whoosh_index.open_dir(index_dir)
    ix.optimize()
    with ix.searcher() as s:
        paths = [h["path"] for h in s.search(Every(), limit=None)]
        assert sorted(paths) == ["0.txt", "1.txt", "3.txt", "4.txt"]
        assert len(s.search(Term("body", "طقس"), limit=None)) == 4


@pytest.mark.slow  # kills a build process at random moments
def test_a_killed_run_leaves_the_index_whole(seeds, index_dir):
    for i in range(30):
        write(seeds, f"old/{i}.txt", f"خبر قديم {i}\nنص قديم رقم {i}")
    update_index(seeds, index_dir)
    for i in range(1500):
        write(seeds, f"new/{i}.txt", f"خبر جديد {i}\n" + "نص جديد طويل عن الأحداث " * 40)
    cmd = [
        sys.executable,
        "-c",
        "from web.cli import main; main()",
        "index",
        "-q",
        "--seeds",
        str(seeds),
        "--index",
        str(index_dir),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    paths = indexed_paths(index_dir)
    assert len(paths) == len(set(paths))
    assert {f"old/{i}.txt" for i in range(30)} <= set(paths)
    update_index(seeds, index_dir)
    paths = indexed_paths(index_dir)
    assert len(paths) == len(set(paths)) == 1530


def test_a_big_build_shared_among_cores_holds_every_document_once(seeds, index_dir, monkeypatch):
    from indexer import build, parallel

    monkeypatch.setattr(build, "PARALLEL_FILES", 10)
    monkeypatch.setattr(parallel, "BATCH", 7)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    for i in range(40):
        write(seeds, f"{i}.txt", f"خبر {i}\nنص مشترك عن الطقس رقم {i}")
    write(seeds, "bad.txt", "")  # empty: reported as skipped by its worker
    with open(os.path.join(os.fsencode(seeds), b"caf\xe9.txt"), "wb") as f:
        f.write("مقهى\nنص".encode())  # a name that is not UTF-8 travels to a worker intact
    report = update_index(seeds, index_dir, parallel=True)
    assert sorted(report.added) == sorted(f"{i}.txt" for i in range(40))
    assert sorted(rel for rel, _ in report.skipped) == ["bad.txt", "caf\udce9.txt"]
    # A segment per core, and every document once.
    assert len(open_existing(index_dir)._segments()) == 2
    assert indexed_paths(index_dir) == sorted(f"{i}.txt" for i in range(40))
    # In the same order on every build, so that rankings are reproducible.
    order = paths_in_order(index_dir)
    update_index(seeds, index_dir, rebuild=True, parallel=True)
    assert paths_in_order(index_dir) == order
    write(seeds, "3.txt", "خبر معدل\nنص عن الاقتصاد")
    assert update_index(seeds, index_dir).updated == ["3.txt"]
    assert len(indexed_paths(index_dir)) == 40


def test_a_worker_that_dies_fails_the_build_with_a_clear_error():
    import multiprocessing

    from indexer import parallel
    from indexer.sync import Report

    context = multiprocessing.get_context("spawn")
    worker = context.Process(target=os._exit, args=(3,))
    worker.start()
    worker.join()
    raised = []

    def collect():
        try:
            list(parallel._collect([worker], context.Queue(), None, Report()))
        except parallel.IndexingFailed as e:
            raised.append(e)

    # In a thread, so that a build waiting forever fails the test instead of hanging it.
    waiting = threading.Thread(target=collect, daemon=True)
    waiting.start()
    waiting.join(timeout=30)
    assert not waiting.is_alive(), "the build went on waiting for a dead worker"
    assert "died" in str(raised[0])


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core builds in one process")
@pytest.mark.slow  # spawns build workers and kills one
def test_a_build_whose_worker_is_killed_says_so_exits_and_keeps_the_index(seeds, index_dir):
    for i in range(30):
        write(seeds, f"old/{i}.txt", f"خبر قديم {i}\nنص قديم رقم {i}")
    update_index(seeds, index_dir)
    for i in range(2100):
        write(seeds, f"new/{i}.txt", f"خبر جديد {i}\nنص جديد رقم {i}")
    cmd = [
        sys.executable,
        "-c",
        "from web.cli import main; main()",
        "index",
        "-q",
        "--rebuild",
        "--seeds",
        str(seeds),
        "--index",
        str(index_dir),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not (workers := spawned_workers(proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert workers, "no worker was spawned"
        os.kill(workers[0], signal.SIGKILL)
        _, stderr = proc.communicate(timeout=60)  # it must not hang on its way out
    finally:
        proc.kill()
    assert proc.returncode == 1
    assert "error: an indexing process died; the index is as it was" in stderr
    assert "Traceback" not in stderr
    assert indexed_paths(index_dir) == sorted(f"old/{i}.txt" for i in range(30))


def test_restricted_runs_never_merge_big_segments(seeds, index_dir, monkeypatch):
    from indexer import build

    monkeypatch.setattr(build, "SMALL_SEGMENT", 5)
    monkeypatch.setattr(build, "MERGE_FANOUT", 3)
    for i in range(20):
        write(seeds, f"{i}.txt", f"خبر {i}\nنص رقم {i}")
    update_index(seeds, index_dir)

    def segments():
        return [s.segment_id() for s in whoosh_index.open_dir(index_dir)._segments()]

    (big,) = segments()
    for i in range(10):
        write(seeds, f"new{i}.txt", f"خبر جديد {i}\nنص جديد {i}")
        update_index(seeds, index_dir, paths=[f"new{i}.txt"])
        assert big in segments()
        # the big one, merged ones of 5+, under 3 small ones, and the newest
        assert len(segments()) <= 6
    assert len(indexed_paths(index_dir)) == 30
