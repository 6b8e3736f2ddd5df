"""bahth's segment writer: postings pooled and written by ``indexer.postings``,
and segments written by other processes committed with its own."""
from whoosh.index import TOC, clean_files

from .postings import TermPool, write_postings
from .schema import ArabicText
from .whoosh_seam import SegmentWriter


class Writer(SegmentWriter):
    """A segment writer whose postings go through ``indexer.postings``, and which
    also commits segments other processes wrote into the same index (see
    ``indexer.parallel``), in its one atomic commit."""

    def __init__(self, ix, limitmb=128, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = TermPool(self.temp_storage(), limitmb=limitmb)
        self.adopted = []

    def adopt(self, segment):
        self.adopted.append(segment)

    def new_segments(self):
        return self.adopted

    def index_field(self, name, field, value):
        # An ArabicText field's postings go to the pool a document at a time,
        # not as a tuple each.
        if isinstance(field, ArabicText) and isinstance(value, str):
            positions = field.analyzer.term_positions(value)
            self.pool.add_positions(name, self.docnum, positions, field.format.field_boost,
                                    field.format.encode)
            return sum(map(len, positions.values())) if field.scorable else 0
        length = 0
        for tbytes, freq, weight, vbytes in field.index(value):
            length += freq if field.scorable else 0
            self.pool.add((name, tbytes, self.docnum, weight, vbytes))
        return length

    def write_postings(self, fieldwriter, lengths):
        write_postings(fieldwriter, self.schema, lengths, self.pool)

    def cancel(self):
        """Abandon the run, deleting what it wrote. Whoosh leaves the files of a
        cancelled segment (and of the workers' segments, and of a commit
        interrupted before its table of contents was written) to the next commit,
        which may be long in coming. They are deleted while the lock is held, so
        no other writer's files are taken for them."""
        self.close_segment()  # closing writes the segment's last files
        # The latest: a commit may have got that far.
        toc = TOC.read(self.storage, self.indexname, schema=self.schema)
        clean_files(self.storage, self.indexname, toc.generation, toc.segments)
        super().cancel()
