"""Live reindexing: a watcher thread keeps the index in step with the seeds folder."""

import functools
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from whoosh.index import LockError

import indexer.build
import indexer.cli
import indexer.sync
import indexer.watch
from indexer.build import update_index
from indexer.watch import Watcher
from search.engine import Engine

from .conftest import eventually, write

TIMEOUT = 5.0


def paths_for(engine, query):
    return sorted(h.path for h in engine.search(query, per_page=100).hits)


def becomes(engine, query, expected):
    def check():
        return paths_for(engine, query) == expected

    check.__doc__ = f"search {query!r} == {expected}"
    eventually(check, TIMEOUT)


@pytest.fixture
def indexed(seeds, index_dir):
    write(seeds, "a.txt", "الأول\nنص عن الاقتصاد")
    update_index(seeds, index_dir)
    return Engine(index_dir)


@pytest.mark.parametrize("poll", [False, True], ids=["events", "polling"])
def test_added_changed_renamed_and_deleted_files_are_searchable(seeds, index_dir, indexed, poll):
    engine = indexed
    with Watcher(seeds, index_dir, poll=poll, poll_interval=0.1):
        write(seeds, "b.txt", "الثاني\nنص عن الرياضة")
        becomes(engine, "الرياضة", ["b.txt"])

        write(seeds, "b.txt", "الثاني\nنص عن السياسة")
        becomes(engine, "السياسة", ["b.txt"])
        assert paths_for(engine, "الرياضة") == []

        os.rename(seeds / "b.txt", seeds / "c.txt")
        becomes(engine, "السياسة", ["c.txt"])

        (seeds / "a.txt").unlink()
        becomes(engine, "الاقتصاد", [])
        assert engine.document_count() == 1


def test_polling_is_used_when_native_events_are_unavailable(seeds, index_dir, indexed, monkeypatch):
    def no_inotify():
        raise OSError(24, "inotify instance limit reached")

    monkeypatch.setattr(indexer.watch, "Observer", no_inotify)
    with Watcher(seeds, index_dir, poll_interval=0.1) as watcher:
        assert watcher.polling
        write(seeds, "b.txt", "الثاني\nنص عن الرياضة")
        becomes(indexed, "الرياضة", ["b.txt"])


def test_changes_made_while_not_watching_are_caught_at_start(seeds, index_dir, indexed):
    (seeds / "a.txt").unlink()
    write(seeds, "sub/d.txt", "الرابع\nنص عن الطقس")
    with Watcher(seeds, index_dir) as watcher:
        assert watcher.wait_idle(TIMEOUT)
        assert paths_for(indexed, "الطقس") == ["sub/d.txt"]
        assert paths_for(indexed, "الاقتصاد") == []
        # Idle, the watcher does not hold the writer lock.
        update_index(seeds, index_dir, lock_timeout=0)


def test_a_half_written_file_ends_with_its_final_content(seeds, index_dir, indexed):
    with Watcher(seeds, index_dir):
        with open(seeds / "slow.txt", "w", encoding="utf-8") as f:
            f.write("بطيء\nالنصف الأول عن القمح")
            f.flush()
            becomes(indexed, "القمح", ["slow.txt"])
            f.write(" والنصف الثاني عن الشعير")
        becomes(indexed, "الشعير", ["slow.txt"])
        assert indexed.document_count() == 2


def test_editor_save_and_folder_moves(seeds, index_dir, indexed, tmp_path):
    with Watcher(seeds, index_dir):
        # Write to a hidden temporary file, then rename it over the original.
        write(seeds, ".a.txt.tmp", "الأول\nنص عن الزراعة")
        os.replace(seeds / ".a.txt.tmp", seeds / "a.txt")
        becomes(indexed, "الزراعة", ["a.txt"])

        outside = tmp_path / "batch"
        for i in range(3):
            write(outside, f"{i}.txt", f"خبر {i}\nنص عن الفضاء")
        os.rename(outside, seeds / "batch")
        becomes(indexed, "الفضاء", ["batch/0.txt", "batch/1.txt", "batch/2.txt"])

        os.rename(seeds / "batch", seeds / "moved")
        becomes(indexed, "الفضاء", ["moved/0.txt", "moved/1.txt", "moved/2.txt"])

        os.rename(seeds / "moved", tmp_path / "gone")
        becomes(indexed, "الفضاء", [])


def test_a_burst_becomes_few_commits_and_final_content_wins(seeds, index_dir, indexed):
    with Watcher(seeds, index_dir):
        first = Engine(index_dir).searcher().reader().generation()
        for i in range(200):
            write(seeds, f"burst/{i}.txt", f"خبر {i}\nنص نصف مكتوب")
        # Every file rewritten: the half-written versions must not stay.
        for i in range(200):
            write(seeds, f"burst/{i}.txt", f"خبر {i}\nنص كامل عن البحر")
        eventually(lambda: indexed.search("البحر").total == 200, TIMEOUT)
        assert indexed.search("نصف").total == 0
        assert indexed.searcher().reader().generation() - first < 20


def test_the_watcher_waits_for_another_writer(seeds, index_dir, indexed):
    ix = indexer.build.open_index(index_dir)
    other = ix.writer()  # say, a long `bahth index` run
    with Watcher(seeds, index_dir):
        try:
            write(seeds, "b.txt", "الثاني\nنص عن الرياضة")
            time.sleep(0.5)
            assert paths_for(indexed, "الرياضة") == []
        finally:
            other.cancel()
        becomes(indexed, "الرياضة", ["b.txt"])


def test_a_second_writer_waits_for_the_watcher_or_says_why(
    seeds, index_dir, indexed, monkeypatch, bahth
):
    # Hold the watcher inside a commit: reading slow.txt blocks until released.
    reading, release = threading.Event(), threading.Event()
    read_document = indexer.sync.read_document

    def slow_read(path, rel):
        if rel == "slow.txt":
            reading.set()
            release.wait(TIMEOUT)
        return read_document(path, rel)

    monkeypatch.setattr(indexer.sync, "read_document", slow_read)
    with Watcher(seeds, index_dir):
        write(seeds, "slow.txt", "بطيء\nنص عن الصحراء")
        assert reading.wait(TIMEOUT)

        with pytest.raises(LockError):
            update_index(seeds, index_dir, lock_timeout=0.2)
        monkeypatch.setattr(
            indexer.cli, "update_index", functools.partial(update_index, lock_timeout=0.2)
        )
        result = bahth("index", ok=False)
        assert result.exit_code == 1
        assert "another bahth process is writing" in result.stderr

        waiting = threading.Thread(target=update_index, args=(seeds, index_dir))
        waiting.start()
        time.sleep(0.2)
        release.set()
        waiting.join(TIMEOUT)
        assert not waiting.is_alive()
        becomes(indexed, "الصحراء", ["slow.txt"])


def test_the_watch_command_reports_a_missing_folder(bahth, tmp_path):
    result = bahth("watch", "--seeds", str(tmp_path / "nope"), ok=False)
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_a_killed_watcher_leaves_the_index_whole(seeds, index_dir, indexed):
    cmd = [
        sys.executable,
        "-c",
        "from web.cli import main; main()",
        "watch",
        "--seeds",
        str(seeds),
        "--index",
        str(index_dir),
    ]
    watcher = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    try:
        assert "watching" in watcher.stderr.readline()
        write(seeds, "b.txt", "الثاني\nنص عن الرياضة")
        becomes(indexed, "الرياضة", ["b.txt"])
        for i in range(300):
            write(seeds, f"burst/{i}.txt", f"خبر {i}\n" + "نص طويل عن الأحداث " * 40)
        time.sleep(0.5)  # inside the burst's commits
    finally:
        watcher.send_signal(signal.SIGKILL)
        watcher.wait()
    update_index(seeds, index_dir, lock_timeout=1)
    paths = sorted(h["path"] for h in indexed.searcher().all_stored_fields())
    assert paths == sorted(["a.txt", "b.txt"] + [f"burst/{i}.txt" for i in range(300)])


def test_a_missing_seeds_folder_is_refused(tmp_path, index_dir):
    with pytest.raises(FileNotFoundError):
        Watcher(tmp_path / "nope", index_dir).start()


def test_changes_whose_events_were_lost_are_caught_by_the_rescan(seeds, index_dir, indexed):
    with Watcher(seeds, index_dir, rescan=0.3) as watcher:
        assert watcher.wait_idle(TIMEOUT)
        watcher.observer.stop()  # from now on, every event is lost
        watcher.observer.join()
        write(seeds, "b.txt", "الثاني\nنص عن الرياضة")
        becomes(indexed, "الرياضة", ["b.txt"])
