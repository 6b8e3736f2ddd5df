"""A segment's postings gathered term by term, and written a block at a time.

Whoosh's writer turns every posting into a tuple, sorts all of them (spilling
sorted runs to disk as pickled tuples), and feeds them one by one through its
codec, which checks, buffers and looks up the field length of each. On a full
build that was about half of the CPU time. Here a pool keeps each term's
postings in arrays as documents arrive (document numbers only grow, so each
array is already in order); only the terms are sorted, and the codec is handed
whole blocks (``whoosh_seam.write_term``). The segment files are byte for byte
the ones Whoosh writes (``tests/test_postings.py``).
"""
import heapq
import itertools
import pickle
import uuid
from array import array
from itertools import groupby
from operator import itemgetter

from .whoosh_seam import write_term

# Bytes a posting and a term cost in the pool, beyond their value bytes: enough
# to keep the pool's real size near its budget.
POSTING_BYTES = 56
TERM_BYTES = 320
# Positions whose encoding alone is remembered (a few bytes each).
MEMO_POSITIONS = 4096
# Terms pickled together in a run on disk.
RUN_BATCH = 10_000


class TermPool:
    """Postings by field and term, for a segment writer; over ``limitmb`` they
    are spilled to a sorted run in ``tempstore`` (a Whoosh storage)."""

    def __init__(self, tempstore, limitmb=128):
        self.tempstore = tempstore
        self.limit = limitmb * 2**20
        self.size = 0
        self.runs = []
        self.terms = {}  # (fieldname, tbytes) -> (ids, weights, values)
        self._encoded = {}  # encode -> {position: its encoding alone, in halves}
        # fieldname -> {term text: its postings in ``terms``}: a document's terms
        # are text, and each would otherwise be encoded for every posting.
        self._by_text = {}

    def add(self, item):
        """Add a posting: ``(fieldname, tbytes, docnum, weight, value bytes)``."""
        fieldname, tbytes, docnum, weight, vbytes = item
        postings = self._postings(fieldname, tbytes)
        postings[0].append(docnum)
        postings[1].append(weight)
        postings[2].append(vbytes)
        self._grew(POSTING_BYTES + len(vbytes or b""))

    def add_positions(self, fieldname, docnum, positions, boost, encode):
        """Add a document's ``{term: [positions]}`` in ``fieldname``, each
        posting weighted by its count times ``boost``, its positions written by
        ``encode`` (a format's)."""
        memo, size = self._encoded.setdefault(encode, {}), 0
        by_text = self._by_text.setdefault(fieldname, {})
        for text, where in positions.items():
            postings = by_text.get(text)
            if postings is None:
                postings = by_text[text] = self._postings(fieldname, text.encode("utf-8"))
            # Most postings are of a word written once; their encodings repeat.
            # Each posting gets an object of its own all the same: the codec
            # pickles a block's values, and pickle writes one object met twice
            # as a reference, which Whoosh's own writer never does.
            if len(where) == 1 and where[0] < MEMO_POSITIONS:
                head, tail = memo.get(where[0]) or memo.setdefault(where[0], _halves(encode(where)))
                value = head + tail
            else:
                value = encode(where)
            postings[0].append(docnum)
            postings[1].append(len(where) * boost)
            postings[2].append(value)
            size += POSTING_BYTES + len(value)
        self._grew(size)

    def _postings(self, fieldname, tbytes):
        postings = self.terms.get((fieldname, tbytes))
        if postings is None:
            postings = self.terms[fieldname, tbytes] = (array("I"), array("f"), [])
            self.size += TERM_BYTES + len(tbytes)
        return postings

    def _grew(self, size):
        self.size += size
        if self.size > self.limit:
            self.spill()

    def spill(self):
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

    def _sorted(self):
        for key in sorted(self.terms):
            ids, weights, values = self.terms[key]
            yield key, ids, weights, values

    def _run(self, name):
        f = self.tempstore.open_file(name).raw_file()
        try:
            while True:
                yield from pickle.load(f)
        except EOFError:
            return
        finally:
            f.close()
            self.tempstore.delete_file(name)

    def by_term(self):
        """``((fieldname, tbytes), ids, weights, values)`` in term order, each
        term's postings in document order, spilled runs and memory merged."""
        if not self.runs:
            yield from self._sorted()
            return
        sources = [self._run(name) for name in self.runs] + [self._sorted()]
        self.runs = []
        # heapq.merge keeps the sources' order among equal terms: a run spilled
        # earlier holds earlier documents.
        merged = heapq.merge(*sources, key=itemgetter(0))
        for key, parts in groupby(merged, key=itemgetter(0)):
            ids, weights, values = array("I"), array("f"), []
            for _, more_ids, more_weights, more_values in parts:
                ids += more_ids
                weights += more_weights
                values += more_values
            yield key, ids, weights, values

    def cleanup(self):
        """Delete the runs on disk (a writer cancelled before its commit)."""
        for name in self.runs:
            self.tempstore.delete_file(name)
        self.runs = []


def _halves(value):
    return value[:1], value[1:]


def write_postings(fieldwriter, schema, lengths, pool):
    """Write ``pool``'s postings through the codec's ``fieldwriter`` as its
    ``add_postings`` would. ``lengths`` is the segment's per-document reader
    (field lengths as the segment stores them)."""
    fieldname = None
    for (name, tbytes), ids, weights, values in pool.by_term():
        if name != fieldname:
            if fieldname is not None:
                fieldwriter.finish_field()
            fieldname = name
            fieldwriter.start_field(name, schema[name])
            field_lengths = _lengths(lengths, name)
        write_term(fieldwriter, tbytes, ids, weights, values, field_lengths)
    if fieldname is not None:
        fieldwriter.finish_field()


def _lengths(reader, fieldname):
    """Each document's length in ``fieldname`` as the codec reads it (stored in
    one byte, so rounded)."""
    get = reader.doc_field_length_reader(fieldname)
    return [get(docnum) for docnum in range(reader.doc_count_all())]
