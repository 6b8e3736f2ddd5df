"""A full build shared among the cores: one process and one new segment per core.

The parent lists the seeds and deals out batches of paths, the same way every
time, so a build's documents and their order do not depend on timing; each worker
reads, analyses and writes its documents into a segment of its own, which the
parent's writer then commits with everything else in one atomic commit. Whoosh's MpWriter
does the same, but reads and pickles every document in the parent, and its
workers' writers cannot be given a cheaper posting pool.

Workers are spawned, not forked (fork can deadlock a multi-threaded process), so
the calling program's main module must be import-safe.
"""

from __future__ import annotations  # Queue is generic only to type checkers

import multiprocessing
import queue
import traceback
from collections.abc import Iterator, Sequence
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from pathlib import Path
from typing import Any

from whoosh.codec.base import Segment

from . import listing
from .interrupt import start_spared, stop
from .listing import Unlisted
from .store import open_existing
from .sync import Progress, Report, add_files, report_unreadable
from .writer import Writer

BATCH = 200


class IndexingFailed(Exception):
    """A worker process died or failed; nothing of the run was committed."""


def sync(
    writer: Writer,
    index_dir: str | Path,
    seeds: str | Path,
    report: Report,
    procs: int,
    limitmb: int,
    progress: Progress | None = None,
) -> Report:
    """``indexer.sync.sync`` for an empty index, on ``procs`` processes; ``writer`` must
    be a ``Writer``, whose commit takes the workers' segments."""
    unreadable: Unlisted = []
    rels = list(listing.seed_files(seeds, unreadable))
    batches = [rels[start : start + BATCH] for start in range(0, len(rels), BATCH)]
    context = multiprocessing.get_context("spawn")
    results: Queue[tuple[str, Any]] = context.Queue()
    workers = [
        context.Process(
            target=_work,
            daemon=True,
            args=(k, str(index_dir), str(seeds), limitmb, batches[k::procs], results),
        )
        for k in range(procs)
    ]
    try:
        start_spared(workers)
        done = _collect(workers, results, writer, report)
        for _ in progress(done, len(rels)) if progress else done:
            pass
    except BaseException:
        # What the workers wrote is removed by the writer's cancel.
        stop(workers)
        raise
    stop(workers)
    report_unreadable(report, unreadable)
    return report


def _collect(
    workers: Sequence[BaseProcess], results: Queue[tuple[str, Any]], writer: Writer, report: Report
) -> Iterator[int]:
    """Takes in the workers' reports and segments; yields once per file done."""
    segments: dict[int, Segment | None] = {}
    while len(segments) < len(workers):
        try:
            kind, payload = results.get(timeout=1.0)
        except queue.Empty:
            if any(w.exitcode not in (None, 0) for w in workers):
                raise IndexingFailed("an indexing process died") from None
            continue
        if kind == "error":
            raise IndexingFailed(f"an indexing process failed:\n{payload}")
        if kind == "segment":
            segments.update([payload])
            continue
        for name in ("added", "skipped", "truncated"):
            getattr(report, name).extend(getattr(payload, name))
        yield from range(payload.unchanged + len(payload.added) + len(payload.skipped))
    for k in sorted(segments):
        if (segment := segments[k]) is not None:
            writer.adopt(segment)


def _work(
    k: int,
    index_dir: str,
    seeds: str,
    limitmb: int,
    batches: list[list[str]],
    results: Queue[tuple[str, Any]],
) -> None:
    try:
        # The parent holds the index's lock; this writer only writes a new segment.
        writer = Writer(open_existing(Path(index_dir)), limitmb=limitmb, lock=False)
        for rels in batches:
            files = {rel: Path(seeds, rel) for rel in rels}
            results.put(("files", add_files(writer, files, {}, Report())))
        if writer.added:
            results.put(("segment", (k, writer.finish_segment())))
        else:
            writer.close_segment()
            results.put(("segment", (k, None)))
    except BaseException:
        results.put(("error", traceback.format_exc()))
