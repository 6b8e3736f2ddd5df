"""A term's postings in one segment, read as numpy arrays a block at a time.

Whoosh hands postings out one at a time through matcher objects; scoring every
document term-at-a-time (``search.scoring``) wants each term's postings whole,
as arrays, and the positions of a few documents later without walking the
blocks before them.
"""

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import IndexReader

from indexer.whoosh_seam import block_values, posting_blocks

# A term's postings in a segment: (docnums, term frequencies, block offsets,
# block ends), as ``block_postings`` reads them.
PostingArrays = tuple[
    npt.NDArray[np.int32], npt.NDArray[np.float32], npt.NDArray[np.int64], npt.NDArray[np.int64]
]

# What a term the segment lacks has.
EMPTY: PostingArrays = (
    np.zeros(0, np.int32),
    np.zeros(0, np.float32),
    np.zeros(0, np.int64),
    np.zeros(0, np.int64),
)


def block_postings(matcher: W3LeafMatcher) -> PostingArrays:
    """(docnums, term frequencies, block offsets, block ends) of a Whoosh 3 leaf
    matcher, read a block at a time. A block's end is the index in the postings
    after its last one; with its offset, one document's positions are read later
    without walking the blocks before it."""
    ends: list[int]
    ids, tfs, offsets, ends = [], [], [], []
    for offset, block_ids, weights in posting_blocks(matcher):
        offsets.append(offset)
        ids.append(block_ids)
        tfs.append(weights)
        ends.append((ends[-1] if ends else 0) + len(block_ids))
    # Document numbers fit 32 bits; the cache then holds half as many bytes more.
    return (
        np.concatenate(ids).astype(np.int32),
        np.concatenate(tfs),
        np.asarray(offsets, np.int64),
        np.asarray(ends, np.int64),
    )


def block_positions(
    matcher: W3LeafMatcher, postings: PostingArrays, indexes: npt.NDArray[np.int64]
) -> Iterator[tuple[int, npt.NDArray[np.int64]]]:
    """(docnum, positions) of the postings at ``indexes`` (sorted) of a Whoosh 3
    leaf matcher; ``postings`` is what ``block_postings`` read from it.

    Each block holding some is decoded once: stepping the matcher to a document
    walks every block header before it and then the block a posting at a time.
    """
    ids, _, offsets, ends = postings
    decode = matcher.format.decoder("positions")
    blocks = np.searchsorted(ends, indexes, side="right")
    for block in np.unique(blocks).tolist():
        values = block_values(matcher, int(offsets[block]))
        first = int(ends[block - 1]) if block else 0
        for k in indexes[blocks == block].tolist():
            yield int(ids[k]), np.asarray(decode(values[k - first]))


def leaf_matcher(reader: IndexReader, field: str, text: str) -> W3LeafMatcher:
    """The matcher of a term's postings that ``block_postings`` reads."""
    # A segment with deletions wraps its postings in a FilterMatcher, which has no
    # blocks to read; the postings under it are what is wanted.
    matcher = reader.postings(field, text)
    return getattr(matcher, "child", matcher)  # type: ignore[arg-type]  # a W3LeafMatcher's


def leaf_postings(reader: IndexReader, field: str, text: str) -> PostingArrays:
    """``block_postings`` of one term in one segment's reader, deleted documents
    included: the scorer masks them out."""
    if (field, text) not in reader:  # type: ignore[operator]  # Whoosh encodes a str term
        return EMPTY
    return block_postings(leaf_matcher(reader, field, text))


def leaf_lengths(reader: IndexReader, field: str) -> tuple[npt.NDArray[np.float32]]:
    """The length of ``field`` in every document of one segment, as a 1-tuple (a cache entry)."""
    count = reader.doc_count_all()
    return (
        np.fromiter(
            (reader.doc_field_length(d, field, 0) or 0 for d in range(count)), np.float32, count
        ),
    )
