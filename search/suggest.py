"""«Did you mean»: a query with each word the index does not know replaced by a close one.

The index holds stems, not words, so a misspelled word is analysed to its term, the
closest indexed term is found (fewest edits first, then the most documents), and the
word is replaced by a form of that term as it is written in a document, so the
suggestion reads as Arabic and finds what it promises.
"""
from collections import Counter

from whoosh.query import Or, Term

from indexer.arabic.tokenize import words

from .query import FIELDS

# A short word is a few edits from too many others. Length is the typed word's:
# its stem may be short because a misspelling made a suffix of its last letters.
MAX_EDITS_SHORT = 1
MAX_EDITS = 2
SHORT_WORD = 4
# Documents read, at most, to find how a suggested term is usually written.
SURFACE_DOCS = 3
_OPERATORS = {"AND", "OR", "NOT"}


def suggest(searcher, text):
    """``text`` with its unknown words corrected, or None if there is nothing to correct."""
    analyzer = searcher.schema[FIELDS[0]].analyzer
    out, last, changed = [], 0, False
    for word, start, end in words(text):
        if _is_syntax(text, word, end):
            continue
        terms = [t.text for t in analyzer(word)]
        if len(terms) != 1 or _frequency(searcher, terms[0]):
            continue  # a stopword, or a word the index knows
        edits = MAX_EDITS_SHORT if len(word) <= SHORT_WORD else MAX_EDITS
        term = _closest_term(searcher, terms[0], edits)
        surface = term and _surface(searcher, analyzer, term)
        if surface:
            out += [text[last:start], surface]
            last, changed = end, True
    return "".join(out) + text[last:] if changed else None


def _is_syntax(text, word, end):
    """Operators, field names (title:) and prefix patterns (word*) are left as typed."""
    return word in _OPERATORS or text[end:end + 1] in (":", "*")


def _frequency(searcher, term):
    return sum(searcher.doc_frequency(field, term) for field in FIELDS)


def _closest_term(searcher, term, max_edits):
    reader = searcher.reader()
    for edits in range(1, max_edits + 1):
        candidates = {c for field in FIELDS for c in reader.terms_within(field, term, edits)}
        candidates.discard(term)
        if candidates:
            # sorted() first so that equally frequent candidates always give one answer
            return max(sorted(candidates), key=lambda c: _frequency(searcher, c))
    return None


def _surface(searcher, analyzer, term):
    """How ``term`` is most often written in the best documents that hold it.

    Ties go to the shortest form, which is the one with the fewest clitics (شركة
    rather than والشركة).
    """
    q = Or([Term(field, term) for field in FIELDS])
    forms = Counter()
    for hit in searcher.search(q, limit=SURFACE_DOCS):
        for field in FIELDS:
            value = hit[field]
            forms.update(value[t.startchar:t.endchar]
                         for t in analyzer(value, chars=True) if t.text == term)
    if not forms:
        return None
    return min(forms, key=lambda form: (-forms[form], len(form), form))
