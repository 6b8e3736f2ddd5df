"""Whoosh's segment writer with a cheaper posting pool, and segments written elsewhere."""
from whoosh.index import TOC, clean_files
from whoosh.writing import SegmentWriter

from .postings import TermPool, write_postings
from .schema import ArabicText


class Writer(SegmentWriter):
    """A SegmentWriter whose postings go through ``indexer.postings``, and which
    also commits segments other processes wrote into the same index (see
    ``indexer.parallel``), in its one atomic commit."""

    def __init__(self, ix, limitmb=128, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = TermPool(self._tempstorage, self.newsegment, limitmb=limitmb)
        self.adopted = []
        # Whoosh's add_document does for these what ours leaves out.
        self._whoosh_adds = any(f.vector or f.separate_spelling() for _, f in self.schema.items())

    def add_document(self, **fields):
        """Whoosh's ``add_document``, with an ``ArabicText`` field's postings
        handed to the pool a document at a time rather than as a tuple each
        (boosts given with the document, term vectors and spelling fields are
        left to Whoosh's own)."""
        if self._whoosh_adds or any(name.startswith("_") for name in fields):
            return super().add_document(**fields)
        self._check_state()
        self._check_fields(self.schema, fields)
        perdoc = self.perdocwriter
        perdoc.start_doc(self.docnum)
        try:
            for name in sorted(fields):
                if (value := fields[name]) is not None:
                    self._add_field(perdoc, name, self.schema[name], value)
        except ValueError:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _add_field(self, perdoc, name, field, value):
        length = self._index_field(name, field, value) if field.indexed else 0
        perdoc.add_field(name, field, value if field.stored else None, length)
        if field.column_type:
            perdoc.add_column_value(name, field.column_type, field.to_column_value(value))

    def _index_field(self, name, field, value):
        """Pool the field's postings; its length (words counted) if it is scorable."""
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

    def _flush_segment(self):
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        try:
            write_postings(self.fieldwriter, self.schema, lengths, self.pool)
        finally:
            lengths.close()
        self.fieldwriter.close()
