"""The seam between bahth and Whoosh's private internals: the one module of the
package that touches a ``_name`` of a Whoosh object.

bahth pins ``whoosh3==3.54.0`` (pyproject.toml; ``WHOOSH_VERSION``). Its public
API hands postings out one at a time and keeps private the hook through which a
highlight formatter writes the text between matched words; bahth needs the
postings of a term whole, as arrays, and formatters of its own. This module
relies on, and tests/test_whoosh_seam.py checks against the installed Whoosh:

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

The indexer's writer still reaches Whoosh's internals outside this module while
it is being rewritten (allow-listed, by file, in tests/test_whoosh_seam.py):
``indexer/writer.py`` subclasses ``PostingPool`` (``_write_run``,
``_read_run``, ``_open_run``, ``_remove_run``) and ``SegmentWriter``
(``_tempstorage``, ``_close_segment()``, ``_merge_segments()``);
``indexer/parallel.py`` opens a writer with ``_lk=False`` and reads ``_added``,
calls ``_finalize_segment()`` and ``_close_segment()``; ``indexer/build.py``
calls ``FileIndex._segments()``.

Upgrading Whoosh: run tests/test_whoosh_seam.py first; every internal above is
exercised there.
"""
import numpy as np
from whoosh import highlight

WHOOSH_VERSION = "3.54.0"


def posting_blocks(matcher):
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


def block_values(matcher, offset):
    """The encoded values (positions, for a field that stores them) of the
    postings of the block at ``offset``, in order; ``matcher.format.decoder``
    decodes one."""
    matcher._goto(offset)
    matcher._read_data()
    return matcher._data[2]


class Formatter(highlight.Formatter):
    """A Whoosh highlight formatter whose text between matched words is written
    by ``plain``, a public method subclasses override."""

    def _text(self, text):
        return self.plain(text)

    def plain(self, text):
        """``text`` that matched nothing, as this formatter writes it."""
        return text
