"""Completions as you type: the words of the index that start as the typed word does.

Whoosh's lexicon holds stems (الأسعار is indexed as سعر), so the words people
see are read from the stored documents: every word a document writes, counted
once per document, grouped by its search form (marks, alef forms, ة and hamza
seats folded) and shown as most documents write it. «الاسع» then meets «الأسعار»,
and «والاسع» meets «والأسعار», or, where no document writes the clitic with that
word, the clitic typed is kept before the completion of the rest. In a phrase,
the words that more documents hold with the word before it come first.

Each segment's words are a sorted block of UTF-8 bytes with numpy offsets and
counts (about 45 bytes a word, a few MB for a 31,000-file collection), kept while
the segment exists: Whoosh never changes a segment, only marks its documents
deleted, which counts as another version. A big segment's words take seconds to
read, so they are read in a child process, which spares the server's memory and
its interpreter lock; until they arrive, the words of the segments it replaced
are used. A prefix is found by binary search, and the most common words by a
partial sort of its range, so any prefix costs at most one pass over the counts.
"""

import bisect
import multiprocessing
import threading
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from indexer.arabic.chain import Step
from indexer.arabic.normalize import fold_hamza_seats, normalize, written_letters
from indexer.arabic.stopwords import is_stopword
from indexer.arabic.tokenize import word_texts, words

from .caches import segment_key
from .scoring import Mask, Scorer

DEFAULT = 8
MOST = 20
# A segment with fewer live documents is read in the request's thread (a watcher's
# commit of a few files costs milliseconds); bigger ones in the background.
INLINE_DOCS = 1000
# In a phrase, this many completions of its last word are ranked again by how many
# documents hold them with the word before it, then the one before that (postings
# the search that follows reads anyway, and keeps).
CONTEXT_POOL = 24
CONTEXT_WORDS = 2
# A prefix of more words than this has its best words found when its segment is read.
SORTED_RANGE = 2000
# A word typed longer than any word of the index completes to nothing; the cap
# keeps a 5,000-letter "prefix" from costing more than a long word does.
LONGEST_WORD = 40
# Joined و/ف, then ب/ل/ك, as «والاسع» and «فبالاسع» type them. When documents
# write the typed clitic with few words, the word without it is completed and the
# clitic kept.
CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
_SPAWN = multiprocessing.get_context("spawn")  # a fork would copy the server's threads
_END = b"\xff"  # above every byte of UTF-8: prefix + _END bounds the prefix's range

# A segment's words as they stand: the segment, and how many of its documents are deleted.
Version = tuple[Hashable, int]
Indexes = npt.NDArray[np.intp]
# A SegmentWords pickled: its keys' and forms' blocks and starts, counts, best.
State = tuple[
    bytes,
    npt.NDArray[np.uint32],
    bytes,
    npt.NDArray[np.uint32],
    npt.NDArray[np.uint32],
    dict[bytes, Indexes],
]


def search_form(word: str) -> str:
    """The form words are matched by: ``normalize`` and hamza seats folded."""
    return fold_hamza_seats(normalize(word))


class View(Protocol):
    """What completion reads of an Engine's view of the index (search/engine.py)."""

    searcher: Searcher
    term_of: Step

    def scorer(self, text: str) -> Scorer: ...


@dataclass
class Completion:
    text: str
    count: int


class _Strings:
    """A sorted list of strings as one block of UTF-8 bytes, indexable for bisect."""

    def __init__(self, block: bytes, starts: npt.NDArray[np.uint32]) -> None:
        self.block, self.starts = block, starts

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, i: int | np.integer[Any]) -> bytes:
        return self.block[self.starts[i] : self.starts[i + 1]]

    @classmethod
    def of(cls, strings: Iterable[str]) -> "_Strings":
        encoded = [s.encode("utf-8") for s in strings]
        starts = np.zeros(len(encoded) + 1, np.uint32)
        np.cumsum([len(e) for e in encoded], out=starts[1:])
        return cls(b"".join(encoded), starts)


class SegmentWords:
    """One segment's words: search forms, sorted; each one's written form and documents."""

    def __init__(
        self,
        keys: _Strings,
        forms: _Strings,
        counts: npt.NDArray[np.uint32],
        best: dict[bytes, Indexes],
    ) -> None:
        self.keys, self.forms, self.counts = keys, forms, counts
        self.best = best  # prefix (bytes) of more than SORTED_RANGE words: its MOST best

    @classmethod
    def read(cls, reader: IndexReader) -> "SegmentWords":
        """The words of ``reader``'s live documents (titles and bodies) that search
        can find (a stopword completes to nothing). A document is counted once for
        each spelling it writes."""
        typed: Counter[str] = Counter()  # each word as typed (marks and all): its documents
        for fields in reader.all_stored_fields():
            typed.update(set(word_texts(fields.get("title", "") + "\n" + fields.get("body", ""))))
        written: Counter[str] = Counter()
        for word, count in typed.items():
            written[written_letters(word)] += count
        del typed
        grouped: dict[
            str, list[Any]
        ] = {}  # search form: [documents, most common form, its documents]
        for form, count in written.items():
            key = search_form(form)
            if not key or is_stopword(form):
                continue
            entry = grouped.get(key)
            if entry is None:
                grouped[key] = [count, form, count]
            else:
                entry[0] += count
                if count > entry[2]:
                    entry[1:] = form, count
        keys = sorted(grouped, key=lambda k: k.encode("utf-8"))
        counts = np.fromiter((grouped[k][0] for k in keys), np.uint32, len(keys))
        return cls(
            _Strings.of(keys),
            _Strings.of(grouped[k][1] for k in keys),
            counts,
            _best_of_long_ranges(keys, counts),
        )

    def range(self, prefix: bytes) -> tuple[int, int]:
        """(first, end) of the words whose search form starts with ``prefix`` (bytes)."""
        return (bisect.bisect_left(self.keys, prefix), bisect.bisect_left(self.keys, prefix + _END))

    def find(self, key: bytes) -> int | None:
        """The index of the word with search form ``key`` (bytes), or None."""
        i = bisect.bisect_left(self.keys, key)
        return i if i < len(self.keys) and self.keys[i] == key else None

    def most_common(self, prefix: bytes, n: int) -> Indexes:
        """Indexes of the ``n`` most common words starting with ``prefix``."""
        best = self.best.get(prefix)
        if best is not None:
            return best[:n]
        first, end = self.range(prefix)
        counts = self.counts[first:end]
        if len(counts) > n:
            best = np.argpartition(counts, -n)[-n:]
        else:
            best = np.arange(len(counts))
        return first + best

    def __getstate__(self) -> State:
        k, f = self.keys, self.forms
        return k.block, k.starts, f.block, f.starts, self.counts, self.best

    def __setstate__(self, state: State) -> None:
        self.keys = _Strings(*state[:2])
        self.forms = _Strings(*state[2:4])
        self.counts, self.best = state[4:]


def _best_of_long_ranges(keys: list[str], counts: npt.NDArray[np.uint32]) -> dict[bytes, Indexes]:
    """{prefix: indexes of its MOST most common words} for every prefix of more
    than SORTED_RANGE words: partial sorts of ranges that long took 10 ms (20,000
    words starting with و, most in a document or two)."""
    best: dict[bytes, Indexes] = {}
    length, ranges = 1, [(0, len(keys))]
    while ranges:
        longer = []
        for first, end in ranges:
            start = first
            for i in range(first, end + 1):
                if i == end or keys[i][:length] != keys[start][:length]:
                    if i - start > SORTED_RANGE and len(keys[start]) >= length:
                        order = np.argsort(-counts[start:i].astype(np.int64), kind="stable")
                        best[keys[start][:length].encode("utf-8")] = start + order[:MOST]
                        longer.append((start, i))
                    start = i
        length, ranges = length + 1, longer
    return best


def _read_in_child(index_dir: str | Path, key: Version) -> SegmentWords | None:
    """``SegmentWords`` of the segment ``key`` of the index in ``index_dir``, or None
    if a merge has removed it meanwhile."""
    from indexer.store import open_existing

    with open_existing(index_dir).searcher() as searcher:
        for leaf, _ in searcher.leaf_searchers():
            reader = leaf.reader()
            if _version(reader) == key:
                return SegmentWords.read(reader)
    return None


def _send_words(index_dir: str, key: Version, connection: Connection) -> None:
    connection.send(_read_in_child(index_dir, key))
    connection.close()


def _version(reader: IndexReader) -> Version:
    # Deleting documents makes a new version of a segment's live words.
    return segment_key(reader), reader.doc_count_all() - reader.doc_count()


class Completer:
    """Completions over the newest index generation an Engine's views see."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._words: dict[Version, SegmentWords] = {}
        self._served: list[SegmentWords] = []  # the last complete set of segments' words
        self._pending: set[Version] = set()
        self._lock = threading.Lock()
        self._reading = threading.Lock()

    def complete(self, view: View, text: str, n: int = DEFAULT) -> list[Completion]:
        """Up to ``n`` completions of ``text``'s last word, the rest kept as typed,
        over an Engine's ``view`` of the index."""
        n = max(1, min(n, MOST))
        last = None
        for word, start, end in words(text):
            last = (word, start, end)
        if last is None or last[2] != len(text.rstrip()) or text != text.rstrip():
            return []  # nothing typed, or the last word is finished
        word, start, _ = last
        if len(word) > LONGEST_WORD:
            return []
        segments = self._segments(view.searcher)
        head = text[:start]
        context = [t for t in (view.term_of(w) for w, _, _ in words(head)) if t]
        if not context:
            return [Completion(head + form, count) for form, count in _complete(segments, word, n)]
        found = _complete(segments, word, CONTEXT_POOL)
        return [
            Completion(head + form, count)
            for form, count in _in_context(
                view.scorer(head), view.term_of, context[-CONTEXT_WORDS:], found
            )[:n]
        ]

    def _segments(self, searcher: Searcher) -> list[SegmentWords]:
        """The words of every segment of ``searcher``, or the last complete set while
        big segments are still being read."""
        current: list[SegmentWords | None]
        missing: list[Version]
        current, missing = [], []
        for leaf, _ in searcher.leaf_searchers():
            reader = leaf.reader()
            version = _version(reader)
            found = self._words.get(version)
            if found is None and reader.doc_count() < INLINE_DOCS:
                found = self._words[version] = SegmentWords.read(reader)
            if found is None:
                missing.append(version)
            current.append(found)
        with self._lock:
            if not missing:  # then no entry of current is None
                self._served = current  # type: ignore[assignment]
                live = {_version(leaf.reader()) for leaf, _ in searcher.leaf_searchers()}
                for version in list(self._words):
                    if version not in live:
                        del self._words[version]
                return current  # type: ignore[return-value]
            for version in missing:
                if version not in self._pending:
                    self._pending.add(version)
                    self._read_later(version)
            # Until the big segments arrive: the last complete set, with the small
            # segments committed since.
            return self._served + [w for w in current if w is not None]

    def _read_later(self, version: Version) -> None:
        threading.Thread(
            target=self._read_in_child, args=(version,), daemon=True, name="bahth-complete"
        ).start()

    def _read_in_child(self, version: Version) -> None:
        """Reads a segment's words in a child process, one segment at a time (each
        child peaks at ~270 MB). The child is a daemon: a server stopped meanwhile
        does not wait for it."""
        with self._reading:
            receive, send = _SPAWN.Pipe(duplex=False)
            child = _SPAWN.Process(
                target=_send_words, daemon=True, args=(str(self.index_dir), version, send)
            )
            child.start()
            send.close()
            try:
                found = receive.recv()
            except EOFError:  # the child failed; a later request asks again
                found = None
            child.join()
        with self._lock:
            self._pending.discard(version)
            if found is not None:
                self._words[version] = found

    def ready(self, searcher: Searcher) -> bool:
        """Whether every segment of ``searcher`` has its words read."""
        return all(_version(leaf.reader()) in self._words for leaf, _ in searcher.leaf_searchers())


def _complete(segments: Sequence[SegmentWords], word: str, n: int) -> list[tuple[str, int]]:
    """(written form, documents) of the ``n`` most common words starting as ``word``;
    if fewer, completions of ``word`` without a typed clitic, the clitic kept."""
    found = _most_common(segments, search_form(word), n)
    for clitic in _clitics(word):
        if len(found) >= n:
            break
        rest = word[len(clitic) :]
        have = {search_form(form) for form, _ in found}
        for form, count in _most_common(segments, search_form(rest), n):
            if search_form(clitic + form) not in have and len(found) < n:
                found.append((clitic + form, count))
    return found


def _in_context(
    scorer: Scorer, term_of: Step, context: list[str], found: list[tuple[str, int]]
) -> list[tuple[str, int]]:
    """``found`` [(form, documents)] ranked by how many documents hold each with the
    last term of ``context``, then with the one before it; ties keep their order."""
    masks = [_holding(scorer, term) & scorer.live for term in reversed(context)]

    def shared(item: tuple[str, int]) -> tuple[int, ...]:
        term = term_of(item[0])
        if not term:
            return (0,) * len(masks)
        holding = _holding(scorer, term)
        return tuple(-int(np.count_nonzero(mask & holding)) for mask in masks)

    return sorted(found, key=shared)


def _holding(scorer: Scorer, term: str) -> Mask:
    """A mask of the documents that hold ``term`` in any field scored."""
    mask = np.zeros(scorer.size, bool)
    for field in scorer.ranking.fields():
        mask[scorer.postings(field, term)[0]] = True
    return mask


def _clitics(word: str) -> list[str]:
    """The proclitics ``word`` may start with, longest first, each leaving a letter."""
    out = []
    i = 1 if word[:1] in CONJUNCTIONS else 0
    if word[i : i + 1] in PREPOSITIONS and word[i : i + 1]:
        out.append(word[: i + 1])
    if i:
        out.append(word[:1])
    return [c for c in out if len(word) > len(c)]


def _most_common(segments: Sequence[SegmentWords], key: str, n: int) -> list[tuple[str, int]]:
    """(written form, documents) of the ``n`` most common words whose search form
    starts with ``key``, summed over ``segments``; written as the segment with the
    most documents of it writes it."""
    if not key:
        return []
    prefix = key.encode("utf-8")
    totals: Counter[bytes] = Counter()
    shown: dict[bytes, str] = {}
    for words_ in segments:
        for i in words_.most_common(prefix, n):
            totals[words_.keys[i]] += 0
    # A word among the best of one segment may be in others too: count it in all.
    for k in totals:
        best = 0
        for words_ in segments:
            i = words_.find(k)
            if i is not None:
                count = int(words_.counts[i])
                totals[k] += count
                if count > best:
                    best, shown[k] = count, words_.forms[i].decode("utf-8")
    return [(shown[k], count) for k, count in totals.most_common(n)]
