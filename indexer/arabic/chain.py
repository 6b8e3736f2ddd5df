"""The word-level steps of analysis composed into one function, cached per word.

Each step takes a word and returns its next form, or None to drop the word
(a stopword, a word of marks only). Composing them into one function and caching
its result by surface form makes analysis one dictionary lookup for the words a
collection repeats, which is most of them.
"""

import sys
from collections.abc import Callable, Iterable
from functools import cache

from .normalize import fold_hamza_seats, normalize
from .numbers import bare_number
from .stem import STEMMERS, conjunction_before_hamza
from .stopwords import is_stopword

# Bytes of surface forms and terms kept, counted by their size in memory, so that
# words of any length (queries' junk, spelling candidates) cannot grow it further.
# Half the evaluation collection (a build worker's share) has 230,000 forms, in
# 53 MB: 64 MiB keep them all, as the 500,000 forms once allowed did; 32 MiB
# would analyse 8 % of its words instead of 5 %.
CACHE_BYTES = 64 * 1024 * 1024
# A dictionary slot's share of an entry, about.
_SLOT_BYTES = 50
# One step of the chain: a word in, the word it becomes (None: dropped) out.
Step = Callable[[str], str | None]


def _drop_stopword(word: str) -> str | None:
    return None if is_stopword(word) else word


def _drop_empty(word: str) -> str | None:
    return word or None


class Chain:
    """``term(word)`` runs ``steps``; ``pattern(word)`` runs ``pattern_steps``,
    for the stem of a prefix query, which must keep its end (العلا* is not stemmed)."""

    def __init__(self, steps: Iterable[Step], pattern_steps: Iterable[Step]) -> None:
        self.steps = tuple(steps)
        self.pattern_steps = tuple(pattern_steps)
        self._cache: dict[str, str | None] = {}
        self._bytes = 0

    def term(self, word: str) -> str | None:
        try:
            return self._cache[word]
        except KeyError:
            pass
        if self._bytes >= CACHE_BYTES:
            self._cache.clear()
            self._bytes = 0
        term = self._cache[word] = self._run(self.steps, word)
        self._bytes += sys.getsizeof(word) + sys.getsizeof(term) + _SLOT_BYTES
        return term

    def terms(self, words: Iterable[str]) -> list[str | None]:
        """``[term(word) for word in words]``, without a call for each word the
        cache holds: a build asks this for every word of every document."""
        get, term = self._cache.get, self.term
        # One lookup, not ``in`` then ``[]``: another thread's term() may clear
        # the cache between the two. No term is "" (``_drop_empty``): it marks a miss.
        return [found if (found := get(word, "")) != "" else term(word) for word in words]

    def term_once(self, word: str) -> str | None:
        """``term(word)`` uncached, for words analysed once (spelling candidates,
        thousands a query), which would only push out the words that come back."""
        return self._run(self.steps, word)

    def pattern(self, word: str) -> str | None:
        return self._run(self.pattern_steps, word)

    @staticmethod
    def _run(steps: Iterable[Step], word: str) -> str | None:
        for step in steps:
            stepped = step(word)
            if stepped is None:
                return None
            word = stepped
        return word


@cache  # one chain, and one cache, per process for every analyzer with these options
def make_chain(
    normalise: bool = True,
    stop: bool = True,
    stemming: str | None = "bahth",
    hamza_seats: bool = True,
) -> Chain:
    """bahth's chain; switching steps off gives the variants the benchmarks compare.

    ``stemming`` is "bahth", "light10" or None.
    """
    fold: list[Step] = [normalize if normalise else str.casefold, _drop_empty]
    # Stopwords are recognised as written, before letter forms are folded.
    steps = ([_drop_stopword] if stop else []) + fold
    pattern_steps = list(fold)
    if stemming:
        stemmer = STEMMERS[stemming]
        if stemmer.evidence is not None:
            # A stemmer that weighs clitics by evidence is given the one clitic
            # the written hamza tells apart, read before it is folded.
            steps.insert(steps.index(fold[0]), conjunction_before_hamza)
            pattern_steps.insert(0, conjunction_before_hamza)
        steps += [bare_number, stemmer.stem]
        pattern_steps.append(stemmer.strip_prefix)
    if hamza_seats:
        steps.append(fold_hamza_seats)
        pattern_steps.append(fold_hamza_seats)
    return Chain(steps, pattern_steps)
