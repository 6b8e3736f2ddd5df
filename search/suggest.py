"""«Did you mean»: a query with each misspelled word replaced by a close one.

A word is corrected when the index does not know it, or knows it from one or two
documents while a word one typing slip away is in many times more (a slip that
makes another, rare word: الجزرة for الجزيرة). Candidates are the typed word with
one letter deleted, inserted, replaced or two swapped, so the suggestion keeps the
clitics and spelling the person typed.

Each candidate is scored as a noisy channel: how likely its slip is, times how
common the candidate is. A term's document frequency counts every word with that
stem («اد» is in 2,000 documents as أدى, أداء, ...; hardly ever as «واده»), so the
best few are scored again by how many of their term's documents hold the candidate
itself. Two slips are not looked for: Whoosh's fuzzy term search (``terms_within``,
two edits) took 4-6 s per word on a 30,000-article index.
"""
import re

from indexer.arabic.normalize import fold_hamza_seats, normalize
from indexer.arabic.tokenize import words

from .query import FIELDS
from .scoring import segment_key
from .snippets import spelled, words_around

# A known word this rare is replaced by a one-slip neighbour RARE_RATIO times as common.
RARE_DOCS = 2
RARE_RATIO = 30
# Letters tried in this order; among slips that mean the same term the first wins,
# so plain alef beats أ/إ/آ and ة beats ه, as most texts write them.
ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنةهويىءأإآؤئ"
# Letters written for one another: replacing one by another is as common a slip as
# a letter missed, added or swapped with the next.
FORMS = ["ةه", "ىي", "اأإآء", "وؤء", "يئء", "ظض"]
# Replacing a letter by an unrelated one is rarer, and there are some thirty to
# choose from: each such candidate is worth this much of a common slip.
OTHER_LETTER = 1 / 30
# How many of the likeliest candidates are checked in their documents, and in how
# many documents each (a stored document costs ~0.1 ms to read).
SHORTLIST = 5
SAMPLE = 20
_OPERATORS = {"AND", "OR", "NOT"}

# A query with fewer hits than this may be misspelled anywhere; with more, it
# found what was meant, and only words the index does not know at all are
# corrected (a word in a document or two is more often a name than a slip, and
# each costs a few hundred lookups).
FEW_HITS = 5


def suggest_for(searcher, result):
    """A corrected query for a ResultPage, or None."""
    if not result.searchable:
        return None
    return suggest(searcher, result.query, RARE_DOCS if result.total < FEW_HITS else 0)


def prepare(searcher):
    """Reads the words of the searcher's segments, which the first suggestion would
    otherwise wait for (~0.5 s for 15,000 articles)."""
    _Vocabulary(searcher)


def suggest(searcher, text, rare=RARE_DOCS):
    """``text`` with its misspelled words corrected, or None if there is nothing to
    correct. Words in more than ``rare`` documents are taken as typed."""
    term_of = searcher.schema[FIELDS[0]].analyzer.chain.term

    def mend(word):
        term = term_of(word)
        if term is None:
            return None  # a stopword
        known = _frequency(searcher, term)
        if known > rare:
            return None
        return _one_slip(_Vocabulary(searcher), term_of, word, term, max(1, known * RARE_RATIO))

    mended = {}  # a word typed twice is looked up once
    out, last, changed = [], 0, False
    for word, start, end in words(text):
        if _is_syntax(text, word, end):
            continue
        if word not in mended:
            mended[word] = mend(word)
        if mended[word]:
            out += [text[last:start], mended[word]]
            last, changed = end, True
    return "".join(out) + text[last:] if changed else None


def _is_syntax(text, word, end):
    """Operators, field names (title:) and prefix patterns (word*) are left as typed."""
    return word in _OPERATORS or text[end:end + 1] in (":", "*")


def _frequency(searcher, term):
    return sum(searcher.doc_frequency(field, term) for field in FIELDS)


class _Vocabulary:
    """Document frequencies of words in title and body, for many words at a time.

    Most candidates are in no document at all. A set of each segment's words,
    kept while the segment exists (segments never change), tells so without the
    several reads from disk a Whoosh lookup costs.
    """

    _sets = {}  # segment id: its words, as bytes
    KEPT = 64

    def __init__(self, searcher):
        self.searcher = searcher
        self.segments = [self._words(s.reader()) for s, _ in searcher.leaf_searchers()]

    def _words(self, reader):
        key = segment_key(reader)
        words = self._sets.get(key)
        if words is None:
            if len(self._sets) >= self.KEPT:
                self._sets.clear()
            words = self._sets[key] = frozenset(
                word for field in FIELDS for word in reader.lexicon(field))
        return words

    def frequency(self, term):
        encoded = term.encode("utf-8")
        if not any(encoded in words for words in self.segments):
            return 0
        return _frequency(self.searcher, term)


def _one_slip(vocabulary, term_of, word, term, at_least):
    """The likeliest slip of ``word``, if its term is in ``at_least`` documents."""
    scored = _by_channel(vocabulary, term_of, word, term)
    shortlist = sorted(scored.items(), key=lambda item: -item[1][0])[:SHORTLIST]
    best, best_score, best_count = None, 0.0, 0
    for t, (score, candidate, count) in shortlist:
        score *= _share(vocabulary.searcher, t, candidate)
        if score > best_score:
            best, best_score, best_count = candidate, score, count
    return best if best_count >= at_least else None


def _by_channel(vocabulary, term_of, word, term):
    """{term: (likelihood × documents, its likeliest candidate, documents)}."""
    likelihood = {}
    for candidate, p in _slips(word):
        likelihood[candidate] = likelihood.get(candidate, 0.0) + p
    counts, scored = {}, {}
    for candidate, p in likelihood.items():
        t = term_of(candidate)
        if t is None or t == term:
            continue
        if t not in counts:
            counts[t] = vocabulary.frequency(t)
        score = p * counts[t]
        if score > scored.get(t, (0.0,))[0]:
            scored[t] = (score, candidate, counts[t])
    return scored


def _same_form(a, b):
    return any(a in group and b in group for group in FORMS)


def _slips(word):
    """(candidate, likelihood) for every deletion, swap, replacement and insertion.

    A candidate reached by several slips (وتميز from وتمميز, either م deleted) is
    yielded once for each: their likelihoods add up.
    """
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    yield from ((a + b[1:], 1.0) for a, b in splits if b)
    yield from ((a + b[1] + b[0] + b[2:], 1.0) for a, b in splits if len(b) > 1)
    yield from ((a + c + b[1:], 1.0 if _same_form(c, b[0]) else OTHER_LETTER)
                for a, b in splits if b for c in ALPHABET if c != b[0])
    yield from ((a + c + b, 1.0) for a, b in splits for c in ALPHABET)


def _share(searcher, term, candidate):
    """The share of the term's first SAMPLE documents that hold ``candidate`` itself.

    Smoothed (one found and one not, before looking), so a term seen in few
    documents, or in titles only, is neither ruled out nor preferred by chance.
    """
    written = _written_as(candidate)
    found = seen = 0
    if searcher.doc_frequency("body", term):
        postings = searcher.reader().postings("body", term)
        while postings.is_active() and seen < SAMPLE:
            found += _holds(written, searcher.stored_fields(postings.id())["body"])
            seen += 1
            postings.next()
    return (found + 1) / (seen + 2)


def _written_as(word):
    """``word`` normalised, and a pattern for its letters however a text writes them."""
    folded = fold_hamza_seats(normalize(word))
    return folded, re.compile(spelled(folded))


def _holds(written, text):
    """Whether a word of ``text`` is the word of ``_written_as``, however spelled."""
    folded, pattern = written
    return any(fold_hamza_seats(normalize(text[start:end])) == folded
               for start, end in words_around(text, pattern))
