"""A segment's postings gathered term by term, and written a block at a time.

Whoosh's writer turns every posting into a tuple, sorts all of them (spilling
sorted runs to disk as pickled tuples), and feeds them one by one through its
codec, which checks, buffers and looks up the field length of each. On a full
build that was about half of the CPU time. Here a pool keeps each term's
postings in arrays as documents arrive (document numbers only grow, so each
array is already in order); only the terms are sorted, and the codec's own
block writer is handed whole blocks. The segment files are byte for byte the
ones Whoosh writes (``tests/test_postings.py``).

What this relies on in Whoosh 3.54 (``whoosh3`` on PyPI, pinned): the
``W3FieldWriter``'s ``_postwriter`` (a ``W3PostingsWriter``) and that writer's
block buffer (``_ids``, ``_weights``, ``_values``, ``_minlength``,
``_maxlength``, ``_maxweight``), its ``_blocklimit`` and ``_write_block``.
"""
import heapq
import pickle
from array import array
from itertools import groupby
from operator import itemgetter

from whoosh.writing import PostingPool

# Bytes a posting and a term cost in the pool, beyond their value bytes: enough
# to keep the pool's real size near its budget.
POSTING_BYTES = 56
TERM_BYTES = 320
# Positions whose encoding alone is remembered (a few bytes each).
MEMO_POSITIONS = 4096


class TermPool(PostingPool):
    """Whoosh's ``PostingPool`` interface (``add``, ``cleanup``), holding postings
    by field and term; over ``limitmb`` it spills them to a sorted run on disk."""

    def __init__(self, tempstore, segment, limitmb=128):
        super().__init__(tempstore, segment, limitmb=limitmb)
        self.terms = {}  # (fieldname, tbytes) -> (ids, weights, values)
        self._encoded = {}  # encode -> {position: its encoding alone}

    def add(self, item):
        fieldname, tbytes, docnum, weight, vbytes = item
        postings = self.terms.get((fieldname, tbytes))
        if postings is None:
            postings = self.terms[fieldname, tbytes] = (array("I"), array("f"), [])
            self.currentsize += TERM_BYTES + len(tbytes)
        postings[0].append(docnum)
        postings[1].append(weight)
        postings[2].append(vbytes)
        self.currentsize += POSTING_BYTES + len(vbytes or b"")
        if self.currentsize > self.limit:
            self.spill()

    def add_positions(self, fieldname, docnum, positions, boost, encode):
        """Add a document's ``{term: [positions]}`` in ``fieldname``, each
        posting weighted by its count times ``boost``, its positions written by
        ``encode`` (a format's)."""
        terms, memo, size = self.terms, self._encoded.setdefault(encode, {}), 0
        for text, where in positions.items():
            key = (fieldname, text.encode("utf-8"))
            postings = terms.get(key)
            if postings is None:
                postings = terms[key] = (array("I"), array("f"), [])
                size += TERM_BYTES + len(key[1])
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
        self.currentsize += size
        if self.currentsize > self.limit:
            self.spill()

    def spill(self):
        path, f = self._new_run()
        for batch in _batches(self._sorted(), 10_000):
            pickle.dump(batch, f, pickle.HIGHEST_PROTOCOL)
        f.close()
        self.runs.append(path)
        self.terms, self.currentsize = {}, 0

    def _sorted(self):
        for key in sorted(self.terms):
            ids, weights, values = self.terms[key]
            yield key, ids, weights, values

    def _run(self, path):
        f = self._open_run(path)
        try:
            while True:
                yield from pickle.load(f)
        except EOFError:
            return
        finally:
            f.close()
            self._remove_run(path)

    def by_term(self):
        """``((fieldname, tbytes), ids, weights, values)`` in term order, each
        term's postings in document order, spilled runs and memory merged."""
        if not self.runs:
            yield from self._sorted()
            return
        sources = [self._run(path) for path in self.runs] + [self._sorted()]
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


def _halves(value):
    return value[:1], value[1:]


def _batches(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_postings(fieldwriter, schema, lengths, pool):
    """Write ``pool``'s postings through the codec's ``fieldwriter`` as its
    ``add_postings`` would, block by block. ``lengths`` is the segment's
    per-document reader (field lengths as the segment stores them), or None."""
    fieldname = None
    for (name, tbytes), ids, weights, values in pool.by_term():
        if name != fieldname:
            if fieldname is not None:
                fieldwriter.finish_field()
            fieldname = name
            fieldwriter.start_field(name, schema[name])
            field_lengths = _lengths(lengths, name)
        fieldwriter.start_term(tbytes)
        block = fieldwriter._postwriter
        size = block._blocklimit
        for start in range(0, len(ids), size):
            if start:  # the codec writes the last block when the term finishes
                block._write_block()
            _fill(block, ids[start:start + size], weights[start:start + size],
                  values[start:start + size], field_lengths)
        fieldwriter.finish_term()
    if fieldname is not None:
        fieldwriter.finish_field()


def _lengths(reader, fieldname):
    """Each document's length in ``fieldname`` as the codec reads it (stored in
    one byte, so rounded), or None where the field keeps no lengths."""
    get = reader.doc_field_length_reader(fieldname) if reader else None
    if get is None:
        return None
    return [get(docnum) for docnum in range(reader.doc_count_all())]


def _fill(block, ids, weights, values, lengths):
    """Set the codec's block buffer as ``add_posting`` would have left it."""
    block._ids = ids
    block._weights = weights
    block._values = [v for v in values if v]
    block._maxweight = max(0, max(weights))
    known = [n for n in map(lengths.__getitem__, ids) if n] if lengths else ()
    block._minlength = min(known) if known else None
    block._maxlength = max(known) if known else 0
