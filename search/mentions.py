"""Where a text names a query: the query's terms written one after another.

A document can write a query's words for someone or something else: after a
deputy's noun (نائب وزير الصحة, search/deputies.py) or before another country's
adjective (وزير الصحة الكوري, search/abroad.py). Both read the words around each
place a text names the query.
"""

from collections.abc import Iterable, Iterator, Sequence

from indexer.arabic.chain import Step


def terms_of(texts: Iterable[str], term_of: Step) -> list[str]:
    """The terms of ``texts`` in order, words without one (stopwords) left out."""
    return [t for t in map(term_of, texts) if t]


def mentions(terms: Sequence[str | None], query: Sequence[str]) -> Iterator[tuple[int, int]]:
    """(index of the first word, index of the last) of each place where ``terms``
    (a document's words' terms, in order; None for a stopword) write the terms
    of ``query`` one after another, stopwords between them aside."""
    if not query:
        return
    # list.index finds each place the first term is written without a Python
    # loop over the hundreds of words of an opening.
    start = -1
    while True:
        try:
            start = terms.index(query[0], start + 1)
        except ValueError:
            return
        last = _rest(terms, start, query[1:])
        if last is not None:
            yield start, last


def _rest(terms: Sequence[str | None], at: int, rest: Sequence[str]) -> int | None:
    """The index of the last of ``rest``'s terms, written one after another
    (stopwords aside) right after ``terms[at]``; None if they are not."""
    for term in rest:
        at += 1
        while at < len(terms) and terms[at] is None:
            at += 1
        if at == len(terms) or terms[at] != term:
            return None
    return at
