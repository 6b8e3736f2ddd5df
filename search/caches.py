"""Process-wide caches of arrays read from the index, bounded in bytes.

Segments are immutable once written, so what is read from one (postings, field
lengths, columns) stays true for as long as the segment exists, across index
generations; each entry is keyed by its segment's id.
"""

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from whoosh.reading import IndexReader

# What a cache holds: a tuple of arrays (or a NamedTuple of them).
Entry = TypeVar("Entry", bound=tuple[Any, ...])
Key = tuple[Hashable, ...]


class ArrayCache:
    """Least-recently-used arrays, bounded by their total size in bytes, keys and
    entries included: a term the index lacks has empty postings, and queries of
    such terms filled the cache with entries of no counted size at all."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.nbytes = 0
        # A key's entry is always of the type its compute returns.
        self._items: OrderedDict[Key, Any] = OrderedDict()

    def get(self, key: Key, compute: Callable[[], Entry]) -> Entry:
        try:
            self._items.move_to_end(key)
            return self._items[key]
        except KeyError:
            pass
        value = compute()
        self._items[key] = value
        self.nbytes += _entry_bytes(key, value)
        while self.nbytes > self.max_bytes and len(self._items) > 1:
            self.nbytes -= _entry_bytes(*self._items.popitem(last=False))
        return value


class Kept:
    """The last ``limit`` values asked for by key, least recently used dropped
    first; safe to share between threads. For values of bounded size, which an
    entry count bounds (ArrayCache counts bytes)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        """The value kept for ``key``, or None."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)


# An OrderedDict's links and hash slot for one entry, about.
_ENTRY_OVERHEAD = 100


def _entry_bytes(key: Iterable[object], value: Iterable[object]) -> int:
    """An entry's arrays (headers included, shared ones counted each time) and key."""
    return (
        sum(map(sys.getsizeof, value))
        + sys.getsizeof(key)
        + sum(map(sys.getsizeof, key))
        + _ENTRY_OVERHEAD
    )


# Segments are immutable once written, so their postings and lengths can be kept
# across index generations (deletions are applied separately, as a mask).
POSTINGS = ArrayCache(48 * 1024 * 1024)
LENGTHS = ArrayCache(16 * 1024 * 1024)


def segment_key(reader: IndexReader) -> Hashable:
    """What names one segment's entries in a cache."""
    segment = reader.segment()
    return segment.segment_id() if segment is not None else id(reader)
