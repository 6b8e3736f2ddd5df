"""Near-duplicates: the same text republished with small edits.

Two documents are copies when the sets of their word trigrams (of analysed terms,
so diacritics, hamza forms and stopwords do not count) overlap by at least
RESEMBLANCE: Broder's resemblance, the Jaccard coefficient of the shingle sets,
computed exactly, so no document that differs more is ever taken for a copy.
Shingles are computed from the stored text of the few documents compared (the
index holds nothing more) and kept for the documents seen last.
"""

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh.columns import ColumnReader
from whoosh.searching import Searcher

from indexer.arabic.chain import Step
from indexer.arabic.tokenize import words

from .caches import Kept

# Words per shingle: three words in a row rarely repeat between different texts,
# yet an edit changes only the three shingles that hold it.
WIDTH = 3
# Read in the top 10 of 200 keyword queries (bench/README.md): pairs at 0.3-0.5
# were the same agency story, edited or shortened by another newspaper.
RESEMBLANCE = 0.4
SHINGLED_CHARS = 20_000
# Shingle arrays kept (a news article's: about 4 KB).
KEPT = 4096
# Documents folded: those ranked after are shown as ranked, so that no page costs
# more than folding these (a page past the thousandth hit is seldom asked for).
FOLDED = 1000

Shingles = npt.NDArray[np.int64]
# A document's shingles by its number.
ShinglesOf = Callable[[int], Shingles]


def shingles(fields: Mapping[str, Any], term_of: Step) -> Shingles:
    """The sorted hashes of a document's word trigrams, title and the first
    SHINGLED_CHARS of its body (copies differ from the start, and a 16 MiB body
    must not be analysed for every query that finds it)."""
    text = fields.get("title", "") + "\n" + fields.get("body", "")[:SHINGLED_CHARS]
    terms = [t for t in (term_of(w) for w, _, _ in words(text)) if t]
    grams = [hash(tuple(terms[i : i + WIDTH])) for i in range(max(1, len(terms) - WIDTH + 1))]
    return np.unique(np.asarray(grams, np.int64))


def resemblance(a: Shingles, b: Shingles) -> float:
    """The Jaccard coefficient of two sorted arrays of unique shingles."""
    if not len(a) or not len(b):
        return float(len(a) == len(b))
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    shared = int(np.count_nonzero(b[at] == a))
    return shared / (len(a) + len(b) - shared)


def copies(a: Shingles, b: Shingles) -> bool:
    # Sets of m and n elements (m <= n) resemble each other at most m / n: most
    # pairs of the documents of a page differ too much in length to be copies.
    shorter, longer = sorted((len(a), len(b)))
    return shorter >= RESEMBLANCE * longer and resemblance(a, b) >= RESEMBLANCE


class Shingler:
    """``shingles`` of documents by number, the last KEPT kept by their content."""

    _kept = Kept(KEPT)  # shared by every view and thread

    def __init__(self, searcher: Searcher, term_of: Step) -> None:
        self.searcher, self.term_of = searcher, term_of
        # A content hash per document, read on first use (a few ms per segment).
        self._digests: ColumnReader | None = None

    def __call__(self, docnum: int) -> Shingles:
        if self._digests is None:
            self._digests = self.searcher.reader().column_reader("digest")
        key = self._digests[docnum]
        found: Shingles | None = self._kept.get(key)
        if found is None:
            found = shingles(self.searcher.stored_fields(docnum), self.term_of)  # type: ignore[attr-defined]  # copied from its reader
            self._kept.put(key, found)
        return found


def fold(
    ranked: Iterable[tuple[int, float]], shingles_of: ShinglesOf
) -> list[tuple[int, float, list[int]]]:
    """``ranked`` [(docnum, score)] as [(docnum, score, [copies' docnums])]: each
    of the first FOLDED documents that copies a better-ranked one is folded into
    the first it copies; the documents after them are left as ranked.

    A document is compared only with the hits whose smallest shingles share one
    with its own (``_prefix``: no set that resembles it enough can fail to), found
    through an index of them (``_Prefixes``): comparing each document with every
    hit above it took 31 s for the 4,040 documents the 10th page of 100 hits of
    «السعودية» folds."""
    groups: list[tuple[int, float, list[int]]] = []
    seen_shingles: list[Shingles] = []
    prefixes = _Prefixes()
    for seen, (docnum, score) in enumerate(ranked):
        if seen >= FOLDED:
            groups.append((docnum, score, []))
            continue
        these = shingles_of(docnum)
        head = these[: _prefix(len(these))].tolist()
        candidates = sorted(prefixes.holding(head))
        into = next((h for h in candidates if copies(these, seen_shingles[h])), None)
        if into is None:
            prefixes.add(head, len(groups))
            seen_shingles.append(these)
            groups.append((docnum, score, []))
        else:
            groups[into][2].append(docnum)
    return groups


def _prefix(n: int) -> int:
    """How many of a set's n smallest shingles any set resembling it at least
    RESEMBLANCE shares one of (the prefix filter of set similarity joins)."""
    return n - math.ceil(RESEMBLANCE * n) + 1


class _Prefixes:
    """The hits by the shingles of their prefixes."""

    def __init__(self) -> None:
        # The first hit to hold a shingle, and the others, if any: few hits share
        # one, and a list for each would be thousands of objects a query.
        self._first: dict[int, int] = {}
        self._others: dict[int, list[int]] = {}

    def holding(self, shingles: list[int]) -> set[int]:
        """The hits whose prefixes hold one of ``shingles``."""
        shared = self._first.keys() & shingles
        found = {self._first[s] for s in shared}
        return found.union(*(self._others[s] for s in shared & self._others.keys()))

    def add(self, shingles: list[int], hit: int) -> None:
        for shingle in shingles:
            if shingle in self._first:
                self._others.setdefault(shingle, []).append(hit)
            else:
                self._first[shingle] = hit
