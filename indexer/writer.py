"""bahth's segment writer: postings pooled and written by ``indexer.postings``,
and segments written by other processes committed with its own."""

from typing import Any

from whoosh.codec.base import FieldWriter, PerDocumentReader, Segment
from whoosh.fields import FieldType
from whoosh.index import TOC, FileIndex, clean_files

from .postings import TermPool, write_postings
from .schema import ArabicText
from .whoosh_seam import SegmentWriter


class Writer(SegmentWriter):
    """A segment writer whose postings go through ``indexer.postings``, and which
    also commits segments other processes wrote into the same index (see
    ``indexer.parallel``), in its one atomic commit."""

    pool: TermPool  # in place of Whoosh's PostingPool

    def __init__(self, ix: FileIndex, limitmb: int = 128, **kwargs: Any) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = TermPool(self.temp_storage(), limitmb=limitmb)
        self.adopted: list[Segment] = []

    def adopt(self, segment: Segment) -> None:
        self.adopted.append(segment)

    def new_segments(self) -> list[Segment]:
        return self.adopted

    def index_field(self, name: str, field: FieldType, value: Any) -> int:
        # An ArabicText field's postings go to the pool a document at a time,
        # not as a tuple each.
        if isinstance(field, ArabicText) and isinstance(value, str):
            positions = field.analyzer.term_positions(value)
            self.pool.add_positions(
                name, self.docnum, positions, field.format.field_boost, field.format.encode
            )
            return sum(map(len, positions.values())) if field.scorable else 0
        length = 0
        for tbytes, freq, weight, vbytes in field.index(value):
            length += freq if field.scorable else 0
            self.pool.add((name, tbytes, self.docnum, weight, vbytes))
        return length

    def write_pooled(self, fieldwriter: FieldWriter, lengths: PerDocumentReader) -> None:
        write_postings(fieldwriter, self.schema, lengths, self.pool)

    def cancel(self) -> None:  # type: ignore[override]  # as Whoosh's SegmentWriter.cancel
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
