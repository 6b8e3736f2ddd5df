"""The word-level steps of analysis composed into one function, cached per word.

Each step takes a word and returns its next form, or None to drop the word
(a stopword, a word of marks only). Composing them into one function and caching
its result by surface form makes analysis one dictionary lookup for the words a
collection repeats, which is most of them.
"""
from .normalize import fold_hamza_seats, normalize
from .stem import STEMMERS
from .stopwords import is_stopword

# Distinct surface forms kept; news text has a few hundred thousand.
CACHE_WORDS = 500_000


def _drop_stopword(word):
    return None if is_stopword(word) else word


def _drop_empty(word):
    return word or None


class Chain:
    """``term(word)`` runs ``steps``; ``pattern(word)`` runs ``pattern_steps``,
    for the stem of a prefix query, which must keep its end (العلا* is not stemmed)."""

    def __init__(self, steps, pattern_steps):
        self.steps = tuple(steps)
        self.pattern_steps = tuple(pattern_steps)
        self._cache = {}

    def term(self, word):
        try:
            return self._cache[word]
        except KeyError:
            pass
        if len(self._cache) >= CACHE_WORDS:
            self._cache.clear()
        term = self._cache[word] = self._run(self.steps, word)
        return term

    def pattern(self, word):
        return self._run(self.pattern_steps, word)

    @staticmethod
    def _run(steps, word):
        for step in steps:
            word = step(word)
            if word is None:
                return None
        return word


def make_chain(normalise=True, stop=True, stemming="bahth", hamza_seats=True):
    """bahth's chain; switching steps off gives the variants the benchmarks compare.

    ``stemming`` is "bahth", "light10" or None.
    """
    fold = [normalize if normalise else str.casefold, _drop_empty]
    # Stopwords are recognised as written, before letter forms are folded.
    steps = ([_drop_stopword] if stop else []) + fold
    pattern_steps = list(fold)
    if stemming:
        stemmer = STEMMERS[stemming]
        steps.append(stemmer.stem)
        pattern_steps.append(stemmer.strip_prefix)
    if hamza_seats:
        steps.append(fold_hamza_seats)
        pattern_steps.append(fold_hamza_seats)
    return Chain(steps, pattern_steps)
