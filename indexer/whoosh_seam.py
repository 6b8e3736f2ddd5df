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
- ``whoosh.codec.whoosh3.W3FieldWriter``'s ``_postwriter`` (a
  ``W3PostingsWriter``: ``_postfile``, ``_blocklimit``, ``_compression``),
  ``_format``, ``_fieldid`` and ``_tindex`` (the terms table), into which
  ``write_term`` writes a term's blocks and term info as
  ``W3PostingsWriter._write_block`` and ``W3FieldWriter.finish_term`` would.
- ``whoosh.index.FileIndex._segments()``: the segments of the latest commit.

Upgrading Whoosh: run those two test modules first; every internal above is
exercised there.
"""

from __future__ import annotations  # array is generic only to type checkers before 3.12

import zlib
from array import array
from collections.abc import Callable, Iterator, Sequence
from pickle import dumps
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh import highlight, writing
from whoosh.codec.base import FieldWriter, PerDocumentReader, PerDocumentWriter, Segment
from whoosh.codec.whoosh3 import (
    COMPRESSION_MIN_SIZE,
    WHOOSH3_HEADER_MAGIC,
    W3LeafMatcher,
    W3TermInfo,
)
from whoosh.fields import FieldType
from whoosh.filedb.structfile import StructFile
from whoosh.formats import Format
from whoosh.index import FileIndex
from whoosh.system import pack_int, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.util.numlists import delta_encode

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
    as ``array("f")``, encoded ``values``) into a codec field writer's files, the
    blocks and term info its ``start_term``, ``add`` posting by posting and
    ``finish_term`` would write. ``lengths[docnum]`` is the document's field
    length as the segment stores it, or ``lengths`` None.

    Done here a block at a time, as ``W3PostingsWriter._write_block`` and
    ``W3TermInfo.add_block`` do it, without their calls per posting, per block
    and per term (most terms have one posting). W3Codec never inlines a term's
    postings in its term info (its ``inlinelimit`` is 1)."""
    postings = fieldwriter._postwriter  # type: ignore[attr-defined]  # a W3FieldWriter's
    postfile, size = postings._postfile, postings._blocklimit
    start = postfile.tell()
    postfile.write(WHOOSH3_HEADER_MAGIC)
    weight: float = 0
    maxweight: float = 0
    minlength, maxlength = None, 0
    for at in range(0, len(ids), size):
        block_ids, block_weights = ids[at : at + size], weights[at : at + size]
        known = [n for n in map(lengths.__getitem__, block_ids) if n] if lengths else ()
        low = min(known) if known else None
        high = max(known) if known else 0
        top = max(0, max(block_weights))
        _write_block(
            postfile,
            block_ids,
            _mini_weights(block_weights),
            _mini_values(fieldwriter._format, values[at : at + size]),  # type: ignore[attr-defined]
            (top, postings._compression, length_to_byte(low), length_to_byte(high)),
            last=at + size >= len(ids),
        )
        weight += sum(block_weights)
        minlength = low if minlength is None else min(minlength, low)  # type: ignore[type-var]
        maxlength, maxweight = max(maxlength, high), max(maxweight, top)
    info = W3TermInfo(weight, len(ids), minlength, maxlength, maxweight, ids[0], ids[-1])
    info.set_extent(start, postfile.tell() - start)
    key = pack_ushort(fieldwriter._fieldid) + tbytes  # type: ignore[attr-defined]
    fieldwriter._tindex.add(key, info.to_bytes())  # type: ignore[attr-defined]


def _write_block(
    postfile: StructFile,
    ids: array[int],
    weights: float | tuple[float, ...] | None,
    values: bytes | tuple[bytes, ...] | None,
    stats: tuple[float, int, int, int],
    last: bool,
) -> None:
    """One block: its length (negative for a term's last), its info, its data."""
    maxweight, compression, minlength, maxlength = stats
    data = dumps((tuple(delta_encode(ids)), weights, values), 2)
    if len(data) < COMPRESSION_MIN_SIZE:
        compression = 0
    if compression:
        data = zlib.compress(data, compression)
    info = dumps((len(ids), ids[-1], maxweight, compression, minlength, maxlength), 2)
    length = len(info) + len(data)
    postfile.write(pack_int(-length if last else length))
    postfile.write(info)
    postfile.write(data)


def _mini_weights(weights: array[float]) -> float | tuple[float, ...] | None:
    """None if every weight is 1, the weight if all are the same, else all."""
    if all(w == 1.0 for w in weights):
        return None
    if all(w == weights[0] for w in weights):
        return weights[0]
    return tuple(weights)


def _mini_values(
    format: Format, values: Sequence[bytes | None]
) -> bytes | tuple[bytes, ...] | None:
    fixed = format.fixed_value_size()
    present = [v for v in values if v]
    if fixed is None or fixed < 0:
        return tuple(present)
    return None if fixed == 0 else b"".join(present)
