"""A segment's postings gathered term by term, and written a block at a time.

Whoosh's writer turns every posting into a tuple, sorts all of them (spilling
sorted runs to disk as pickled tuples), and feeds them one by one through its
codec, which checks, buffers and looks up the field length of each. On a full
build that was about half of the CPU time. Here a pool keeps each term's
postings in arrays as documents arrive (document numbers only grow, so each
array is already in order); only the terms are sorted, and the codec is handed
whole blocks (``whoosh_seam.write_term``). The segment files are byte for byte
the ones Whoosh writes (``tests/test_postings.py``).

A term's encoded values (its postings' positions) are kept end to end in one
bytes buffer with an array of their lengths, not as a bytes object each: a
posting then costs about 12 bytes beyond its value instead of about 60, so a
build's postings fit the budget without spilling, and a run spilled is a few
buffers per term to pickle, not an object per posting.
"""

from __future__ import annotations  # array is generic only to type checkers before 3.12

import heapq
import itertools
import pickle
import uuid
from array import array
from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import TYPE_CHECKING

from whoosh.codec.base import FieldWriter, PerDocumentReader
from whoosh.fields import Schema
from whoosh.filedb.filestore import Storage

from .whoosh_seam import write_term

# Bytes a posting and a term cost in the pool, beyond their value bytes: enough
# to keep the pool's real size near its budget.
POSTING_BYTES = 14
TERM_BYTES = 700
# Positions whose encoding alone is remembered (a few bytes each).
MEMO_POSITIONS = 4096
# Terms pickled together in a run on disk.
RUN_BATCH = 10_000

if TYPE_CHECKING:
    # A term's postings: document numbers, weights, their encoded values end to
    # end, and each value's length in bytes.
    Postings = tuple[array[int], array[float], bytearray, array[int]]
    # (field name, term bytes): a term of a field.
    Key = tuple[str, bytes]
    # A term and its postings, as a pool gives them out.
    TermPostings = tuple[Key, array[int], array[float], bytes, array[int]]
    # A format's encoder of positions.
    Encode = Callable[[list[int]], bytes]


class TermPool:
    """Postings by field and term, for a segment writer; over ``limitmb`` they
    are spilled to a sorted run in ``tempstore`` (a Whoosh storage)."""

    def __init__(self, tempstore: Storage, limitmb: int = 128) -> None:
        self.tempstore = tempstore
        self.limit = limitmb * 2**20
        self.size = 0
        self.runs: list[str] = []
        self.terms: dict[Key, Postings] = {}
        # encode -> the encoding of each position alone (see _singles)
        self._encoded: dict[Encode, list[bytes]] = {}
        # fieldname -> {term text: its postings in ``terms``}: a document's terms
        # are text, and each would otherwise be encoded for every posting.
        self._by_text: dict[str, dict[str, Postings]] = {}

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """Add a posting: ``(fieldname, tbytes, docnum, weight, value bytes)``."""
        fieldname, tbytes, docnum, weight, vbytes = item
        ids, weights, values, lengths = self._postings(fieldname, tbytes)
        ids.append(docnum)
        weights.append(weight)
        value = vbytes or b""
        values += value
        lengths.append(len(value))
        self._grew(POSTING_BYTES + lengths[-1])

    def add_positions(
        self,
        fieldname: str,
        docnum: int,
        positions: dict[str, list[int]],
        boost: float,
        encode: Encode,
    ) -> None:
        """Add a document's ``{term: [positions]}`` in ``fieldname``, each
        posting weighted by its count times ``boost``, its positions written by
        ``encode`` (a format's)."""
        singles = self._singles(encode)
        by_text = self._by_text.setdefault(fieldname, {})
        size = POSTING_BYTES * len(positions)
        for text, where in positions.items():
            try:
                ids, weights, values, lengths = by_text[text]
            except KeyError:
                postings = by_text[text] = self._postings(fieldname, text.encode("utf-8"))
                ids, weights, values, lengths = postings
            count = len(where)
            # Most postings are of a word written once; their encodings repeat.
            if count == 1 and where[0] < MEMO_POSITIONS:
                value = singles[where[0]]
            else:
                value = encode(where)
            ids.append(docnum)
            weights.append(count * boost)
            values += value
            lengths.append(len(value))
            size += len(value)
        self._grew(size)

    def _singles(self, encode: Encode) -> list[bytes]:
        """``encode([position])`` for each position below MEMO_POSITIONS."""
        singles = self._encoded.get(encode)
        if singles is None:
            singles = self._encoded[encode] = [encode([n]) for n in range(MEMO_POSITIONS)]
        return singles

    def _postings(self, fieldname: str, tbytes: bytes) -> Postings:
        postings = self.terms.get((fieldname, tbytes))
        if postings is None:
            postings = self.terms[fieldname, tbytes] = (
                array("I"),
                array("f"),
                bytearray(),
                array("I"),
            )
            self.size += TERM_BYTES + len(tbytes)
        return postings

    def _grew(self, size: int) -> None:
        self.size += size
        if self.size > self.limit:
            self.spill()

    def spill(self) -> None:
        # Every writer of the index, in any process, shares its temporary storage.
        name = f"postings-{uuid.uuid4().hex}.run"
        f = self.tempstore.create_file(name)
        try:
            terms = self._sorted()
            while batch := list(itertools.islice(terms, RUN_BATCH)):
                pickle.dump(batch, f, pickle.HIGHEST_PROTOCOL)
        finally:
            f.close()
        self.runs.append(name)
        self.terms, self._by_text, self.size = {}, {}, 0

    def _sorted(self) -> Iterator[TermPostings]:
        for key in sorted(self.terms):
            ids, weights, values, lengths = self.terms[key]
            yield key, ids, weights, bytes(values), lengths

    def _run(self, name: str) -> Iterator[TermPostings]:
        f = self.tempstore.open_file(name).raw_file()
        try:
            while True:
                yield from pickle.load(f)
        except EOFError:
            return
        finally:
            f.close()
            self.tempstore.delete_file(name)

    def by_term(self) -> Iterator[TermPostings]:
        """``((fieldname, tbytes), ids, weights, values, lengths)`` in term
        order, each term's postings in document order (their values end to end
        in one bytes object), spilled runs and memory merged."""
        if not self.runs:
            yield from self._sorted()
            return
        sources = [self._run(name) for name in self.runs] + [self._sorted()]
        self.runs = []
        # heapq.merge keeps the sources' order among equal terms: a run spilled
        # earlier holds earlier documents.
        merged = heapq.merge(*sources, key=itemgetter(0))
        for key, parts in itertools.groupby(merged, key=itemgetter(0)):
            (_, ids, weights, values, lengths), *more = parts
            for _, more_ids, more_weights, more_values, more_lengths in more:
                ids += more_ids
                weights += more_weights
                values += more_values
                lengths += more_lengths
            yield key, ids, weights, values, lengths

    def cleanup(self) -> None:
        """Delete the runs on disk (a writer cancelled before its commit)."""
        for name in self.runs:
            self.tempstore.delete_file(name)
        self.runs = []


def write_postings(
    fieldwriter: FieldWriter, schema: Schema, lengths: PerDocumentReader, pool: TermPool
) -> None:
    """Write ``pool``'s postings through the codec's ``fieldwriter`` as its
    ``add_postings`` would. ``lengths`` is the segment's per-document reader
    (field lengths as the segment stores them)."""
    fieldname = None
    for (name, tbytes), ids, weights, values, sizes in pool.by_term():
        if name != fieldname:
            if fieldname is not None:
                fieldwriter.finish_field()
            fieldname = name
            fieldwriter.start_field(name, schema[name])
            field_lengths = _lengths(lengths, name)
        write_term(fieldwriter, tbytes, ids, weights, _split(values, sizes), field_lengths)
    if fieldname is not None:
        fieldwriter.finish_field()


def _split(values: bytes, lengths: array[int]) -> list[bytes]:
    """Values kept end to end, one bytes object each (an empty one for a
    posting without a value)."""
    if len(lengths) == 1:
        return [values]
    ends = itertools.accumulate(lengths)
    return [values[end - n : end] for n, end in zip(lengths, ends)]


def _lengths(reader: PerDocumentReader, fieldname: str) -> list[int]:
    """Each document's length in ``fieldname`` as the codec reads it (stored in
    one byte, so rounded)."""
    get = reader.doc_field_length_reader(fieldname)
    return [get(docnum) for docnum in range(reader.doc_count_all())]
