"""Bring the index in line with the seeds folder, touching only what changed.

Opens the index, lets ``indexer.sync`` (or ``indexer.parallel`` for a big full
build) write the differences, and commits them. Every run ends in one Whoosh
commit, which is atomic: a run killed half-way leaves the previous index intact,
and the next run finds the same differences and completes.
"""

import os
from collections.abc import Collection
from pathlib import Path

from whoosh import index
from whoosh.codec.base import Segment
from whoosh.fields import Schema
from whoosh.index import FileIndex
from whoosh.reading import SegmentReader
from whoosh.writing import CLEAR, NO_MERGE, SegmentWriter

from . import parallel as shared_build  # update_index has a parameter "parallel"
from .schema import make_schema
from .store import IndexDamaged, exists, open_existing
from .sync import Progress, Report, indexed_fingerprints, sync
from .whoosh_seam import segments
from .writer import Writer

# How long a run waits for another writer (a watcher, a second `bahth index`).
LOCK_TIMEOUT = 60.0
# Memory for postings before a writer spills them to disk, per process: enough
# for half the evaluation collection (31,433 files; 150 MB in each of two
# build workers), so a build of that size writes no run to disk.
WRITER_MB = 192
# A full build of at least this many files is shared among the cores.
PARALLEL_FILES = 2000
# A run restricted to some paths (a watcher's) merges segments of fewer documents
# than SMALL_SEGMENT, once there are MERGE_FANOUT of them, and never bigger ones.
SMALL_SEGMENT = 1000
MERGE_FANOUT = 8


def open_index(
    index_dir: str | Path, schema: Schema | None = None, rebuild: bool = False
) -> FileIndex:
    """Open the index in ``index_dir``, creating it (with ``schema``) if there is none.

    Raises IndexDamaged if it cannot be read, unless ``rebuild``: then a new, empty
    index replaces it (its first commit deletes the old segment files).
    """
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    if exists(index_dir):
        try:
            return open_existing(index_dir)
        except IndexDamaged:
            if not rebuild:
                raise
    return index.create_in(index_dir, schema or make_schema())  # type: ignore[arg-type]  # any path


def _holds_many_files(seeds: str | Path) -> bool:
    """At least PARALLEL_FILES files of any kind: a cheap guess at a build's size."""
    count = 0
    for _, _, files in os.walk(seeds):
        count += len(files)
        if count >= PARALLEL_FILES:
            return True
    return False


def _cores_for(
    ix: FileIndex, seeds: str | Path, rebuild: bool, parallel: bool, paths: Collection[str] | None
) -> int:
    """How many processes a run uses: with ``parallel``, a big full build of the
    whole folder uses every core (see ``indexer.parallel``; spawning costs about a
    second, so small builds stay in one process)."""
    cores = os.cpu_count() or 1
    full = (rebuild or ix.is_empty()) and paths is None
    return cores if parallel and cores > 1 and full and _holds_many_files(seeds) else 1


def merge_small_only(writer: SegmentWriter, segments: list[Segment]) -> list[Segment]:
    """Whoosh merge policy for frequent small commits: merge only small segments.

    Whoosh's default policy sometimes folds big segments into one, seconds of work
    that would hold up the next change.
    """
    small = [s for s in segments if s.doc_count_all() < SMALL_SEGMENT]
    if len(small) < MERGE_FANOUT:
        return segments
    for segment in small:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [s for s in segments if s not in small]


def update_index(
    seeds: str | Path,
    index_dir: str | Path,
    rebuild: bool = False,
    progress: Progress | None = None,
    schema: Schema | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
    paths: Collection[str] | None = None,
    parallel: bool = False,
) -> Report:
    """One indexing run; returns a Report. ``paths`` restricts it to those relative
    paths (see ``sync``); ``parallel`` lets a full build use every core (see
    ``_cores_for``). Raises whoosh's LockError if another writer holds the index
    for longer than ``lock_timeout`` seconds, and IndexDamaged if the index cannot be
    read (``rebuild`` replaces it instead)."""
    ix = open_index(index_dir, schema, rebuild)
    procs = _cores_for(ix, seeds, rebuild, parallel, paths)
    writer = Writer(ix, limitmb=WRITER_MB, timeout=lock_timeout)
    try:
        with writer.reader() as reader:
            known = {} if rebuild else indexed_fingerprints(reader, paths)
            indexed = 0 if rebuild else reader.doc_count()
        if procs > 1:
            report = shared_build.sync(
                writer, index_dir, seeds, Report(), procs, WRITER_MB, progress
            )
        else:
            report = sync(writer, seeds, known, Report(), progress, paths)
        report.documents = indexed + len(report.added) - len(report.removed)
        if rebuild:
            writer.commit(mergetype=CLEAR)
        elif paths is not None and report.changed:
            # Searchable first; then small segments are merged in a commit of their
            # own, which a search need not wait for.
            writer.commit(mergetype=NO_MERGE)
            _merge_small_segments(ix, lock_timeout)
        elif report.changed:
            writer.commit()
    finally:
        # Not committed: nothing changed, or the run failed or was interrupted.
        _cancel(writer)
    ix.close()
    return report


def _cancel(writer: Writer) -> None:
    if not writer.is_closed:
        writer.cancel()


def _merge_small_segments(ix: FileIndex, lock_timeout: float) -> None:
    small = [s for s in segments(ix) if s.doc_count_all() < SMALL_SEGMENT]
    if len(small) >= MERGE_FANOUT:
        writer = Writer(ix, timeout=lock_timeout)
        try:
            writer.commit(mergetype=merge_small_only)
        finally:
            _cancel(writer)
