"""«Did you mean»: a query with each misspelled word replaced by a close one.

A word is corrected when the index does not know it, or knows it from one or two
documents while a word one typing slip away is in many times more (a slip that
makes another, rare word: الجزرة for الجزيرة). Candidates are the typed word with
one letter deleted, inserted, replaced or two swapped, so the suggestion keeps the
clitics and spelling the person typed; each is analysed like the index and the one
in most documents wins. Two slips are not looked for: Whoosh's fuzzy term search
(``terms_within``, two edits) took 4-6 s per word on a 30,000-article index.
"""
from indexer.arabic.tokenize import words

from .query import FIELDS

# A known word this rare is replaced by a one-slip neighbour RARE_RATIO times as common.
RARE_DOCS = 2
RARE_RATIO = 30
# Letters tried in this order; among slips that mean the same term the first wins,
# so plain alef beats أ/إ/آ and ة beats ه, as most texts write them.
ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنةهويىءأإآؤئ"
_OPERATORS = {"AND", "OR", "NOT"}

# A query with fewer hits than this may be misspelled; with more, it found what was
# meant, and correcting it is not worth the time (each unknown word costs a few
# hundred lookups).
FEW_HITS = 5


def suggest_for(searcher, result):
    """A corrected query for a ResultPage that found little, or None."""
    if not result.searchable or result.total >= FEW_HITS:
        return None
    return suggest(searcher, result.query)


def suggest(searcher, text):
    """``text`` with its unknown words corrected, or None if there is nothing to correct."""
    analyzer = searcher.schema[FIELDS[0]].analyzer
    out, last, changed = [], 0, False
    for word, start, end in words(text):
        if _is_syntax(text, word, end):
            continue
        terms = [t.text for t in analyzer(word)]
        if len(terms) != 1:
            continue  # a stopword
        known = _frequency(searcher, terms[0])
        if known > RARE_DOCS:
            continue
        surface = _one_slip(searcher, analyzer, word, terms[0], max(1, known * RARE_RATIO))
        if surface:
            out += [text[last:start], surface]
            last, changed = end, True
    return "".join(out) + text[last:] if changed else None


def _is_syntax(text, word, end):
    """Operators, field names (title:) and prefix patterns (word*) are left as typed."""
    return word in _OPERATORS or text[end:end + 1] in (":", "*")


def _frequency(searcher, term):
    return sum(searcher.doc_frequency(field, term) for field in FIELDS)


def _slips(word):
    """Every string one deletion, insertion, replacement or swap away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    yield from (a + b[1:] for a, b in splits if b)
    yield from (a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    yield from (a + c + b[1:] for a, b in splits if b for c in ALPHABET)
    yield from (a + c + b for a, b in splits for c in ALPHABET)


def _one_slip(searcher, analyzer, word, term, at_least):
    """The slip of ``word`` whose term is in the most documents (and ``at_least``)."""
    best, best_count = None, at_least - 1
    seen = {term}
    for candidate in _slips(word):
        terms = [t.text for t in analyzer(candidate)]
        if len(terms) != 1 or terms[0] in seen:
            continue
        seen.add(terms[0])
        count = _frequency(searcher, terms[0])
        if count > best_count:
            best, best_count = candidate, count
    return best
