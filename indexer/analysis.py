"""Whoosh wrappers around the Arabic functions: one analyzer for index and query time.

Each class is a thin adapter, as Lucene's ArabicStemFilter wraps ArabicStemmer; the
Arabic logic itself lives in ``indexer.arabic``.
"""
from whoosh.analysis import Analyzer, Filter, StopFilter, Token, Tokenizer

from .arabic.normalize import fold_hamza_seats, normalize
from .arabic.stem import STEMMERS
from .arabic.stopwords import stopwords
from .arabic.tokenize import words


class ArabicTokenizer(Tokenizer):
    """Words with their combining marks, keeping offsets into the original text."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        # With tokenize=False Whoosh asks for the text as one term: a prefix or
        # wildcard pattern, which is normalised but must not be stemmed.
        t.pattern = not tokenize
        spans = words(value) if tokenize else [(value, 0, len(value))]
        for pos, (surface, start, end) in enumerate(spans, start_pos):
            t.text = surface
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = surface
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


class NormalizeFilter(Filter):
    """Orthographic normalisation; drops tokens made only of marks."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = normalize(t.text)
            if t.text:
                yield t


class FunctionFilter(Filter):
    """Applies one word function to every token."""

    def __init__(self, fn):
        self.fn = fn

    def __eq__(self, other):
        return type(other) is type(self) and other.fn is self.fn

    def __call__(self, tokens):
        fn = self.fn
        for t in tokens:
            t.text = fn(t.text)
            yield t


class StemFilter(Filter):
    """Light stemming; a prefix pattern (العلا*) loses only its proclitic."""

    def __init__(self, stemmer):
        self.stemmer = stemmer

    def __eq__(self, other):
        return type(other) is type(self) and other.stemmer == self.stemmer

    def __call__(self, tokens):
        stem, strip_prefix = self.stemmer.stem, self.stemmer.strip_prefix
        for t in tokens:
            t.text = strip_prefix(t.text) if t.pattern else stem(t.text)
            yield t


# Bump when a change to the chain changes the terms it produces: indexes built by an
# older chain must be rebuilt, and bahth says so.
VERSION = 1


class ArabicAnalyzer(Analyzer):
    """The analysis chain, pickled into the index as its options and VERSION only.

    Whoosh stores each field's analyzer in the index. Storing the options rather
    than the chain's objects keeps an index readable after the code is refactored,
    and lets bahth notice when the index was built by another version of the chain.
    """

    def __init__(self, **options):
        self.options = options
        self.version = VERSION
        self._chain = _chain(**options)

    def __call__(self, value, **kwargs):
        return self._chain(value, **kwargs)

    def __eq__(self, other):
        return type(other) is type(self) and other.__getstate__() == self.__getstate__()

    def __getstate__(self):
        return {"options": self.options, "version": self.version}

    def __setstate__(self, state):
        self.__init__(**state["options"])
        self.version = state["version"]


def arabic_analyzer(**options):
    """bahth's analyzer; the options select the benchmark variants (see ``_chain``)."""
    return ArabicAnalyzer(**options)


def _chain(stemming="bahth", stop=True, hamza_seats=True, normalise=True):
    """``stemming`` is "bahth", "light10" or None."""
    chain = ArabicTokenizer()
    chain = chain | (NormalizeFilter() if normalise else FunctionFilter(str.casefold))
    if stop:
        chain = chain | StopFilter(stoplist=stopwords(), minsize=1, renumber=True)
    if stemming:
        chain = chain | StemFilter(STEMMERS[stemming])
    if hamza_seats:
        chain = chain | FunctionFilter(fold_hamza_seats)
    return chain


def analyze(text, analyzer=None):
    """Tokens of ``text`` as dicts: surface form, indexed term and offsets (no stopwords)."""
    analyzer = analyzer or arabic_analyzer()
    return [
        {"text": text[t.startchar:t.endchar], "term": t.text,
         "start": t.startchar, "end": t.endchar}
        for t in analyzer(text, chars=True, positions=True)
    ]
