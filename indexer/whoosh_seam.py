"""The seam between bahth and Whoosh's private internals: the one module of the
package that touches a ``_name`` of a Whoosh object.

bahth pins ``whoosh3==3.54.0`` (pyproject.toml; ``WHOOSH_VERSION``). Its public
API hands postings out one at a time and keeps private the hook through which a
highlight formatter writes the text between matched words; bahth needs the
postings of a term whole, as arrays, and formatters of its own. This module
relies on, and tests/test_whoosh_seam.py and tests/test_postings.py (the
segment files bahth writes are Whoosh's own, byte for byte) check against the
installed Whoosh:

- ``whoosh.codec.whoosh3.W3LeafMatcher`` (the matcher of one term in one
  segment) reads its postings a block at a time: ``_baseoffset`` (where the
  first block starts in the postings file), ``_read_data()`` (loads the current
  block into ``_data``, a tuple of document numbers, weights and encoded values),
  ``_byteids`` (the document numbers are stored whole; otherwise as deltas),
  ``_lastblock``, ``_nextoffset`` (where the next block starts),
  ``_next_block()`` and ``_goto(offset)`` (moves to the block at ``offset``).
  A block's weights are None (all 1.0), one float for all, or one per posting.
- ``whoosh.highlight.Formatter._text(text)``, which ``format_fragment`` calls for
  the text between matched words (``Formatter.plain`` here).
- ``whoosh.writing.SegmentWriter`` (``SegmentWriter`` here), for a writer
  whose postings bahth pools and writes itself: ``_check_state()``,
  ``_check_fields()``, ``_added`` (the writer has documents to commit),
  ``_flush_segment()`` (writes the new segment's postings at commit),
  ``_merge_segments()`` (the segments a commit keeps), ``_finalize_segment()``
  and ``_close_segment()``, and the ``_lk`` argument (take the index's lock).
- ``whoosh.codec.whoosh3.W3FieldWriter._postwriter``, a ``W3PostingsWriter``,
  whose block buffer (``_ids``, ``_weights``, ``_values``, ``_minlength``,
  ``_maxlength``, ``_maxweight``), ``_blocklimit`` and ``_write_block()`` write a
  term's postings a block at a time (``write_term``).
- ``whoosh.index.FileIndex._segments()``: the segments of the latest commit.

Upgrading Whoosh: run those two test modules first; every internal above is
exercised there.
"""

from __future__ import annotations  # array is generic only to type checkers before 3.12

from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh import highlight, writing
from whoosh.codec.base import FieldWriter, PerDocumentReader, PerDocumentWriter, Segment
from whoosh.codec.whoosh3 import W3LeafMatcher, W3PostingsWriter
from whoosh.fields import FieldType
from whoosh.index import FileIndex

WHOOSH_VERSION = "3.54.0"

# Whoosh's merge policy: the segments a commit keeps, of those there were.
MergePolicy = Callable[[writing.SegmentWriter, list[Segment]], list[Segment]]


def posting_blocks(
    matcher: W3LeafMatcher,
) -> Iterator[tuple[int, npt.NDArray[np.int64], npt.NDArray[np.float32]]]:
    """(offset, document numbers, weights) of each block of a leaf matcher's
    postings, in order: numbers as int64 and weights as float32 arrays; a
    block's ``offset`` is what ``block_values`` takes."""
    offset = matcher._baseoffset
    while True:
        matcher._read_data()
        ids = np.asarray(matcher._data[0], np.int64)
        if not matcher._byteids:
            ids = np.cumsum(ids)
        weights = matcher._data[1]
        if weights is None or isinstance(weights, float):
            weights = np.full(len(ids), weights or 1.0, np.float32)
        else:
            weights = np.asarray(weights, np.float32)
        yield offset, ids, weights
        if matcher._lastblock:
            return
        offset = matcher._nextoffset
        matcher._next_block()


def block_values(matcher: W3LeafMatcher, offset: int) -> list[bytes]:
    """The encoded values (positions, for a field that stores them) of the
    postings of the block at ``offset``, in order; ``matcher.format.decoder``
    decodes one."""
    matcher._goto(offset)
    matcher._read_data()
    return matcher._data[2]


class Formatter(highlight.Formatter):
    """A Whoosh highlight formatter whose text between matched words is written
    by ``plain``, a public method subclasses override."""

    def _text(self, text: str) -> str:
        return self.plain(text)

    def plain(self, text: str) -> str:
        """``text`` that matched nothing, as this formatter writes it."""
        return text


def segments(ix: FileIndex) -> list[Segment]:
    """The segments of ``ix``'s latest commit."""
    return ix._segments()


class SegmentWriter(writing.SegmentWriter):
    """Whoosh's segment writer with public hooks for a writer that indexes a
    document's fields itself (``index_field``), writes the segment's postings
    itself (``write_pooled``) and commits segments written elsewhere
    (``new_segments``). ``lock=False`` opens it without the index's lock, for a
    process that writes a segment another process commits."""

    def __init__(self, ix: FileIndex, lock: bool = True, **kwargs: Any) -> None:
        super().__init__(ix, _lk=lock, **kwargs)
        # Whoosh's add_document does for these what ours leaves out.
        self._whoosh_adds = any(f.vector or f.separate_spelling() for _, f in self.schema.items())

    @property
    def added(self) -> bool:
        """Whether documents were added, for the commit to write."""
        return self._added

    def add_document(self, **fields: Any) -> None:
        """Whoosh's ``add_document``, each field's postings indexed by
        ``index_field`` (boosts given with the document, term vectors and
        spelling fields are left to Whoosh's own)."""
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

    def _add_field(
        self, perdoc: PerDocumentWriter, name: str, field: FieldType, value: Any
    ) -> None:
        length = self.index_field(name, field, value) if field.indexed else 0
        perdoc.add_field(name, field, value if field.stored else None, length)
        if field.column_type:
            perdoc.add_column_value(name, field.column_type, field.to_column_value(value))

    def index_field(self, name: str, field: FieldType, value: Any) -> int:
        """Pool the postings of ``value`` in field ``name`` of the document being
        added; returns the field's length (its words counted), 0 if it is not
        scorable."""
        raise NotImplementedError

    def write_pooled(self, fieldwriter: FieldWriter, lengths: PerDocumentReader) -> None:
        """Write the pooled postings through the codec's ``fieldwriter`` at
        commit; ``lengths`` is the new segment's per-document reader."""
        raise NotImplementedError

    def new_segments(self) -> list[Segment]:
        """Segments written elsewhere that the commit adds, whole, to the index."""
        return []

    def finish_segment(self) -> Segment:
        """Write the new segment's files and return it, uncommitted."""
        return self._finalize_segment()

    def close_segment(self) -> None:
        """Close the new segment's files, writing their last bytes."""
        self._close_segment()

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        try:
            self.write_pooled(self.fieldwriter, lengths)
        finally:
            lengths.close()
        self.fieldwriter.close()

    def _merge_segments(
        self, mergetype: MergePolicy | None, optimize: bool | None, merge: bool | None
    ) -> list[Segment]:
        # The merge policy decides about the segments there were; new ones join
        # the index as they are.
        return super()._merge_segments(mergetype, optimize, merge) + self.new_segments()


def write_term(
    fieldwriter: FieldWriter,
    tbytes: bytes,
    ids: array[int],
    weights: array[float],
    values: Sequence[bytes | None],
    lengths: Sequence[int] | None,
) -> None:
    """Write a term's postings (``ids`` in order, as ``array("I")``, ``weights``
    as ``array("f")``, encoded ``values``) through a codec field writer, a block
    at a time, as its ``add`` would posting by posting. ``lengths[docnum]`` is
    the document's field length as the segment stores it, or ``lengths`` None."""
    fieldwriter.start_term(tbytes)
    block = fieldwriter._postwriter  # type: ignore[attr-defined]  # a W3FieldWriter's
    size = block._blocklimit
    for start in range(0, len(ids), size):
        if start:  # the codec writes the last block when the term finishes
            block._write_block()
        _fill(
            block,
            ids[start : start + size],
            weights[start : start + size],
            values[start : start + size],
            lengths,
        )
    fieldwriter.finish_term()


def _fill(
    block: W3PostingsWriter,
    ids: array[int],
    weights: array[float],
    values: Sequence[bytes | None],
    lengths: Sequence[int] | None,
) -> None:
    """Set the codec's block buffer as ``add_posting`` would have left it."""
    block._ids = ids
    block._weights = weights
    block._values = [v for v in values if v]
    block._maxweight = max(0, max(weights))
    known = [n for n in map(lengths.__getitem__, ids) if n] if lengths else ()
    block._minlength = min(known) if known else None
    block._maxlength = max(known) if known else 0
