"""Hostile seed folders: every file is indexed or reported by name, and nothing is lost."""

import builtins
import errno
import os
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from indexer import build, documents, listing, parallel, sync
from indexer.build import update_index
from indexer.cli import _progress_bar
from search.engine import Engine

from .conftest import write

GOOD = "خبر سليم\nنص سليم عن الطقس"


def indexed(index_dir):
    with whoosh_index.open_dir(index_dir).searcher() as s:
        return sorted(f["path"] for f in s.all_stored_fields())


def found(index_dir, query):
    return sorted(h.path for h in Engine(index_dir).search(query, per_page=100).hits)


def test_every_kind_of_broken_file_is_reported_by_name(bahth, seeds, index_dir):
    write(seeds, "good.txt", GOOD)
    broken = {
        "empty.txt": (b"", "empty file"),
        "blank.txt": (b" \n\t\n", "empty file"),
        "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
        "random.txt": (bytes(range(128, 256)) * 4 + b"\x01\x02", "not text"),
        "bad-bom.txt": (b"\xef\xbb\xbf\xff\xfe\xfd", "invalid utf-8"),
    }
    for name, (data, _) in broken.items():
        write(seeds, name, data)
    result = bahth("index")
    for name, (_, reason) in broken.items():
        assert f"skipped {name}: {reason}" in result.stderr
    assert indexed(index_dir) == ["good.txt"]


def test_mixed_encodings_in_one_file_are_decoded_line_by_line(bahth, seeds, index_dir):
    write(
        seeds, "mixed.txt", "عنوان بالترميز الحديث\n".encode() + "نص أرشيف الأمطار".encode("cp1256")
    )
    bahth("index")
    assert found(index_dir, "الحديث") == ["mixed.txt"]
    assert found(index_dir, "الأمطار") == ["mixed.txt"]


def test_a_huge_file_is_cut_and_said_so(bahth, seeds, index_dir, monkeypatch):
    monkeypatch.setattr(documents, "MAX_BYTES", 4096)
    write(seeds, "huge.txt", "ملف ضخم\n" + "سطر من الأرشيف\n" * 1000 + "كلمة_أخيرة\n")
    write(seeds, "good.txt", GOOD)
    result = bahth("index")
    assert "cut huge.txt" in result.stderr
    assert found(index_dir, "الأرشيف") == ["huge.txt"]
    assert found(index_dir, "كلمة_أخيرة") == []  # past the cut
    assert indexed(index_dir) == ["good.txt", "huge.txt"]


NAMES = [
    "with space.txt",
    "عربي/ملف الأخبار.txt",
    "line\nbreak.txt",
    "-leading-dash.txt",
    "--rebuild.txt",
    "percent%2f..%2fname.txt",
    "quote'\"<b>.txt",
    "tab\tname.txt",
    "/".join(f"d{i}" for i in range(60)) + "/deep.txt",
]


def test_strange_names_and_deep_folders_are_indexed_and_found(bahth, seeds, index_dir):
    for i, name in enumerate(NAMES):
        write(seeds, name, f"عنوان {i}\nنص مشترك للأسماء الغريبة")
    result = bahth("index")
    assert f"{len(NAMES)} added" in result.stdout
    assert indexed(index_dir) == sorted(NAMES)
    assert found(index_dir, "الغريبة") == sorted(NAMES)
    assert Engine(index_dir).document("line\nbreak.txt") is not None


def test_a_name_that_is_not_utf8_is_reported_and_the_rest_indexed(bahth, seeds, index_dir):
    write(seeds, "good.txt", GOOD)
    with open(os.path.join(os.fsencode(seeds), b"caf\xe9.txt"), "wb") as f:
        f.write(GOOD.encode())
    result = bahth("index")
    assert "skipped caf\\xe9.txt: the file name is not UTF-8" in result.stderr
    assert indexed(index_dir) == ["good.txt"]


def test_reported_names_stay_on_one_line(bahth, seeds):
    write(seeds, "good.txt", GOOD)
    write(seeds, "evil\nskipped good.txt: forged.txt", b"")
    lines = bahth("index").stderr.splitlines()
    assert lines == ["skipped evil\\nskipped good.txt: forged.txt: empty file"]


def test_symlink_loops_and_dangling_links_end_the_run(bahth, seeds, index_dir):
    write(seeds, "a/good.txt", GOOD)
    os.symlink("..", seeds / "a" / "up")  # a folder loop: not followed
    os.symlink("self.txt", seeds / "self.txt")  # a file loop
    os.symlink("missing.txt", seeds / "dangling.txt")
    result = bahth("index")
    assert "skipped self.txt" in result.stderr
    assert "skipped dangling.txt" in result.stderr
    assert indexed(index_dir) == ["a/good.txt"]


def test_an_unreadable_file_is_reported_and_skipped(bahth, seeds, index_dir, monkeypatch):
    # Tests run as root, for whom chmod 000 does not stop a read: refuse the open instead.
    secret = write(seeds, "secret.txt", GOOD)
    write(seeds, "good.txt", GOOD + " آخر")
    _refuse_open(monkeypatch, str(secret))
    result = bahth("index")
    assert "skipped secret.txt: Permission denied" in result.stderr
    assert indexed(index_dir) == ["good.txt"]


def test_an_unreadable_folder_loses_none_of_its_documents(bahth, seeds, index_dir, monkeypatch):
    write(seeds, "open/a.txt", GOOD)
    write(seeds, "locked/b.txt", GOOD + " ثان")
    write(seeds, "locked/c.txt", GOOD + " ثالث")
    bahth("index")
    scandir = os.scandir

    def refusing(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    write(seeds, "open/new.txt", GOOD + " جديد")
    result = bahth("index")
    assert "skipped locked/: Permission denied" in result.stderr
    assert indexed(index_dir) == ["locked/b.txt", "locked/c.txt", "open/a.txt", "open/new.txt"]


def test_an_unreadable_seeds_folder_empties_nothing(bahth, seeds, index_dir, monkeypatch):
    write(seeds, "a.txt", GOOD)
    bahth("index")
    scandir = os.scandir
    monkeypatch.setattr(
        os,
        "scandir",
        lambda path=".": (
            (_ for _ in ()).throw(PermissionError(13, "Permission denied", os.fspath(path)))
            if Path(path) == seeds
            else scandir(path)
        ),
    )
    result = bahth("index", ok=False)
    assert "Permission denied" in result.stderr
    assert indexed(index_dir) == ["a.txt"]


@pytest.mark.parametrize("cores", [1, 2])
def test_a_file_that_vanishes_after_listing_is_reported(seeds, index_dir, monkeypatch, cores):
    monkeypatch.setattr(build, "PARALLEL_FILES", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    share = parallel.sync
    write(seeds, "stays.txt", GOOD)
    gone = write(seeds, "gone.txt", GOOD + " زائل")
    listed = listing.seed_files

    def list_then_delete(folder, *args):
        files = listed(folder, *args)
        gone.unlink()
        return files

    monkeypatch.setattr(listing, "seed_files", list_then_delete)
    shared = []
    monkeypatch.setattr(parallel, "sync", lambda *a: shared.append(1) or share(*a))
    report = update_index(seeds, index_dir, parallel=True)
    assert report.skipped == [("gone.txt", os.strerror(errno.ENOENT))]
    assert indexed(index_dir) == ["stays.txt"]
    assert len(shared) == (cores > 1)  # the build was shared among processes


def test_a_file_that_appears_between_stat_and_read_is_indexed(seeds, index_dir, monkeypatch):
    write(seeds, "late.txt", GOOD)
    monkeypatch.setattr(sync, "_stat", lambda path: None)
    report = update_index(seeds, index_dir)
    assert report.added == ["late.txt"]
    monkeypatch.undo()
    assert update_index(seeds, index_dir).unchanged == 1


def test_a_file_that_changes_while_read_is_caught_up_next_run(seeds, index_dir, monkeypatch):
    write(seeds, "moving.txt", "خبر أول\nنص أول")
    read = documents.read_document

    def read_then_change(p, rel):
        doc = read(p, rel)
        write(seeds, "moving.txt", "خبر ثان\nنص ثان أطول من الأول")
        return doc

    monkeypatch.setattr(sync, "read_document", read_then_change)
    update_index(seeds, index_dir)
    monkeypatch.undo()
    assert update_index(seeds, index_dir).updated == ["moving.txt"]
    assert found(index_dir, "أطول") == ["moving.txt"]


def test_the_progress_bar_wraps_the_files_it_is_given(seeds, index_dir, capsys):
    write(seeds, "a.txt", GOOD)
    shown = []

    def counting(items, length):
        for rel, path in _progress_bar(items, length):
            shown.append(rel)
            yield rel, path

    assert update_index(seeds, index_dir, progress=counting).added == ["a.txt"]
    assert shown == ["a.txt"]
    assert "Indexing" in capsys.readouterr().err


def _refuse_open(monkeypatch, refused):
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if not isinstance(file, int) and os.fspath(file) == refused:
            raise PermissionError(13, "Permission denied", refused)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
