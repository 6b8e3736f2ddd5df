"""Whoosh's segment writer with cheaper spills, and segments written elsewhere.

A writer keeps postings in a pool until about ``limitmb`` of them are held, then
sorts them into a run on disk, and merges the runs when it commits. Whoosh writes
and reads a run one pickled posting at a time: on a 30,000-article build that was
over a third of the CPU time. Here runs are pickled in lists of RUN_BATCH postings.
"""
import pickle
from itertools import islice

from whoosh.index import TOC, clean_files
from whoosh.writing import PostingPool, SegmentWriter

RUN_BATCH = 10_000


class BatchedPool(PostingPool):
    """A posting pool whose runs on disk are pickled lists of postings."""

    def _write_run(self, f, items):
        items = iter(items)
        while batch := list(islice(items, RUN_BATCH)):
            pickle.dump(batch, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                yield from pickle.load(f)
        except EOFError:
            return
        finally:
            f.close()
            self._remove_run(path)


class Writer(SegmentWriter):
    """A SegmentWriter with a BatchedPool that also commits segments other
    processes wrote into the same index (see ``indexer.parallel``), in its one
    atomic commit."""

    def __init__(self, ix, limitmb=128, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = BatchedPool(self._tempstorage, self.newsegment, limitmb=limitmb)
        self.adopted = []

    def adopt(self, segment):
        self.adopted.append(segment)

    def cancel(self):
        """Abandon the run, deleting what it wrote. Whoosh leaves the files of a
        cancelled segment (and of the workers' segments, and of a commit
        interrupted before its table of contents was written) to the next commit,
        which may be long in coming. They are deleted while the lock is held, so
        no other writer's files are taken for them."""
        self._close_segment()  # closing writes the segment's last files
        # The latest: a commit may have got that far.
        toc = TOC.read(self.storage, self.indexname, schema=self.schema)
        clean_files(self.storage, self.indexname, toc.generation, toc.segments)
        super().cancel()

    def _merge_segments(self, mergetype, optimize, merge):
        # The merge policy decides about the segments there were; adopted ones are
        # new and whole, and join the index as they are.
        return super()._merge_segments(mergetype, optimize, merge) + self.adopted
