"""The Whoosh side of Arabic analysis: one analyzer for index and query time.

A thin adapter, as Lucene's ArabicStemFilter wraps ArabicStemmer: the tokenizer
finds words and their offsets, the filter maps each word to its term through
``indexer.arabic.chain``, where the Arabic logic lives as plain functions.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, TypedDict

from whoosh.analysis import Analyzer, Filter, Token, Tokenizer

from .arabic.chain import Chain, make_chain
from .arabic.compounds import joined_spans, joined_words
from .arabic.tokenize import MAX_WORD, word_texts, words

# Bump when a change to the chain changes the terms it produces: indexes built by an
# older chain must be rebuilt, and bahth says so.
VERSION = 14


class ArabicTokenizer(Tokenizer):
    """Words with their combining marks, keeping offsets into the original text."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        # With tokenize=False Whoosh asks for the text as one term: a prefix
        # pattern, which is normalised but must not be stemmed. It is cut as a
        # word is: a longer prefix could only match a word cut the same way.
        t.pattern = not tokenize  # type: ignore[attr-defined]  # read by ChainFilter
        spans = (
            joined_spans(words(value))
            if tokenize
            else [(value[:MAX_WORD], 0, min(len(value), MAX_WORD))]
        )
        for surface, start, end in spans:
            t.text = surface
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = surface  # type: ignore[attr-defined]  # as Whoosh's tokenizers set it
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


class ChainFilter(Filter):
    """Replaces each word by its term; drops stopwords, numbering positions without them."""

    def __init__(self, chain: Chain) -> None:
        self.chain = chain

    # The tokens alone, as Whoosh's Filter.__call__ takes them (Composable's takes a value).
    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]
        term, pattern = self.chain.term, self.chain.pattern
        pos = None
        for t in tokens:
            # None for a dropped word, which is not yielded.
            t.text = (pattern if t.pattern else term)(t.text)  # type: ignore[assignment, attr-defined]
            if t.text is None:
                continue
            if t.positions:
                pos = t.pos = 0 if pos is None else pos + 1
            yield t


class ArabicAnalyzer(Analyzer):
    """The analyzer, pickled into the index as its options and VERSION only.

    Whoosh stores each field's analyzer in the index. Storing the options rather
    than the chain's objects keeps an index readable after the code is refactored,
    and lets bahth notice when the index was built by another version of the chain.
    """

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.version = VERSION
        self.chain = make_chain(**options)
        self._pipeline = ArabicTokenizer() | ChainFilter(self.chain)

    def __call__(self, value: str, start_pos: int = 0, **kwargs: Any) -> Iterator[Token]:
        tokens = self._pipeline(value, **kwargs)
        if start_pos:
            return _shift(tokens, start_pos)
        return tokens

    def term_positions(self, value: str) -> dict[str, list[int]]:
        """``{term: [positions]}`` of ``value``, numbered as the pipeline numbers
        them: what a field indexes, without a Token per word."""
        found: defaultdict[str, list[int]] = defaultdict(list)
        pos = 0
        for text in self.chain.terms(joined_words(word_texts(value))):
            if text is not None:
                found[text].append(pos)
                pos += 1
        return found

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__getstate__() == self.__getstate__()

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options, "version": self.version}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state["options"])  # type: ignore[misc]
        self.version = state["version"]


def _shift(tokens: Iterable[Token], start_pos: int) -> Iterator[Token]:
    for t in tokens:
        if t.positions:
            t.pos += start_pos
        yield t


def arabic_analyzer(**options: Any) -> ArabicAnalyzer:
    """bahth's analyzer; the options select the benchmark variants (see ``make_chain``)."""
    return ArabicAnalyzer(**options)


class Analyzed(TypedDict):
    """One word as ``analyze`` describes it."""

    text: str  # as written
    term: str  # as indexed
    start: int
    end: int


def analyze(text: str, analyzer: ArabicAnalyzer | None = None) -> list[Analyzed]:
    """Tokens of ``text`` as dicts: surface form, indexed term and offsets (no stopwords)."""
    analyzer = analyzer or arabic_analyzer()
    return [
        {
            "text": text[t.startchar : t.endchar],
            "term": t.text,
            "start": t.startchar,
            "end": t.endchar,
        }
        for t in analyzer(text, chars=True)
    ]
