"""«Did you mean»: a query with each misspelled word replaced by a close one.

Candidates are the typed word with one letter deleted, inserted, replaced or two
swapped, so the suggestion keeps the clitics the person typed; it is shown as the
documents write it (which hamza seat, ة or ه). Each is scored as a noisy channel:
how likely its slip is (a letter typed with a key next to the one meant is a
likelier slip than one typed with any other: search/keyboard.py), times how common
the candidate is. A term's document frequency counts every word with that stem
(«اد» is in 2,000 documents as أدى, أداء, ...; hardly ever as «واده»), so the best
few terms' likeliest forms are scored again by the share of their term's
documents that hold them as written.

A word the index does not know is corrected to its likeliest neighbour. So is a
word it knows from one or two documents, if the query found little and the
neighbour is in many times more. And so is a slip that makes a known word,
which light stemming makes common: الجزرة has the term of الجزر, in thousands of
documents, but no document writes it so. Such a word is compared with its
neighbours by how often it is written as typed, and left alone if any hit of the
query writes it so.

Two slips are not looked for: Whoosh's fuzzy term search (``terms_within``, two
edits) took 4-6 s per word on a 30,000-article index.
"""

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from functools import cache
from itertools import islice
from typing import Any, Protocol

from whoosh import query
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from indexer.arabic.chain import Step
from indexer.arabic.compounds import joined_spans
from indexer.arabic.normalize import fold_hamza_seats, normalize, strip_marks
from indexer.arabic.stem import unconfirmed_proclitic
from indexer.arabic.tokenize import INNER, words

from .caches import segment_key
from .keyboard import neighbours
from .lane import Busy
from .query import FIELDS, MAX_WORDS
from .ranking import is_question
from .spelling import spelled, words_around

# A known word this rare is replaced by a one-slip neighbour RARE_RATIO times as common.
RARE_DOCS = 2
RARE_RATIO = 30
# Letters tried in this order; among slips that mean the same term the first is
# kept, so plain alef beats أ/إ/آ and ة beats ه, as most texts write them. It is
# shown as its sampled documents write it, if any does.
ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنةهويىءأإآؤئ"
# Letters written for one another: replacing one by another is as common a slip as
# a letter missed, added or swapped with the next. ج, غ and ق are each written for
# a foreign name's /g/ (جوجل, غوغل, قوقل): «قروس» is Gross, whom the documents
# write جروس, not قروي ('villager', a key away).
FORMS = ["ةه", "ىي", "اأإآء", "وؤء", "يئء", "ظض", "جغق"]
# Letters written only at the end of a word. A candidate with one before another
# letter (marks aside: غزيرةٌ is fine) is no word, though it may have a word's
# term: يظةر normalises to يظهر.
FINAL_ONLY = "ةى"
_FINAL_INSIDE = re.compile(f"[{FINAL_ONLY}][{INNER}]*[^{INNER}]")
# Replacing a letter by an unrelated one is rarer, and there are some thirty to
# choose from: each such candidate is worth this much of a common slip.
OTHER_LETTER = 1 / 30
# Most letters typed instead of others are on a key next to the one meant, or on
# the same key with shift (search/keyboard.py: some six letters per key): each of
# those is worth this much of a common slip.
NEIGHBOUR_KEY = 0.3
# "Few errors are made in the first character of a word" (Yannakoudakis and
# Fawthrop, The rules of spelling errors, 1983); a letter written in another of
# its FORMS (an alef with or without hamza, above all) is as common there as anywhere.
FIRST_LETTER = 0.1
# A letter typed in excess is one of some thirty, as a letter typed instead of
# another is, unless it repeats its neighbour (a key struck twice); a letter left
# out is just that one. So a candidate one letter shorter than the word typed is
# worth this much (bench/suggest_quality.py: set A preferred 0.1, sets B and C
# 0.3; at 1/30, words typed with a letter too many were more often mended into
# other words).
EXTRA_LETTER = 0.3
# How many of the likeliest candidates are checked in their documents, and in how
# many documents each (a stored document costs ~0.05 ms to read).
SHORTLIST = 10
SAMPLE = 40
# How many forms of one term are checked in its documents, the likeliest first.
FORMS_PER_TERM = 3
# A form found in none of SAMPLE documents of its term is written, on average, in
# 0.3 % of them (1,121 such candidates of bench/suggest_quality.py, counted over
# the whole collection), which this prior gives: 0.12 / 41. Half a document, as
# before, made it 1.2 %, and let forms no one writes, of terms that stemming
# makes common (كافينات, of كاف), beat the word meant (كائنات).
FOUND_PRIOR = 0.12
# A word the index knows is taken for a slip only if none of SAMPLE documents
# of its term writes it so, and a neighbour is this many times as likely (the
# word counted by FOUND_PRIOR, as a candidate is: 60 or 120 restored fewer slips
# in bench/suggest_quality.py, with 0.2-0.3 points fewer wrong suggestions);
# and only in a query of at most SHORT_QUERY words: in a longer one the other words
# carry what is meant, and each word is one more chance of a wrong guess.
LIKELIER = 30
SHORT_QUERY = 3
_OPERATORS = {"AND", "OR", "NOT"}

# A word longer than this gets no suggestion. Real words are shorter (the longest
# Arabic ones have 12-16 letters with their clitics; a typed query seldom has
# marks), and a word's candidates grow with its length, each costing an analysis
# that does too: a 500-letter word made 36,000 candidates of 500 letters, 5 s;
# four words of 32 letters 0.3 s, of 24 letters 0.15 s.
LONGEST = 24
# At most this many words of a query are looked for among their neighbours; the
# others are taken as typed. Each costs ~70 candidates per letter and reads up to
# SHORTLIST * SAMPLE documents; a query rarely has more than one slip.
MENDED = 3

# A query with fewer hits than this, or of two to SHORT_QUERY keywords (each
# of which may find little of its own), may be misspelled anywhere. A question,
# or a longer query, with more, whose other words carry what is meant, has a
# word in a document or two more often as a name than as a slip, and takes it
# as typed (of the 693 ARCD questions, 27 would have a word mended so, most of
# them wrongly: القشيرية, قنق, زاول, العث, أدرنه); of the judged keyword
# queries, «تحفيض القرآن» alone, which one document misspells.
FEW_HITS = 5
# Documents that must write a mended word next to a typed one: one alone may be
# a coincidence (دي جيلا, of جيل 'generation', for دي جيا; العاصمة بروعة for
# العاصمة بروصة, Bursa).
TOGETHER_DOCS = 2
# Candidates for one word asked whether they are written beside the words typed
# with it, the likeliest first.
FITTED = 4

# Runs the search for candidates: a search.lane.Lane, or nullcontext.
Lane = Callable[[], AbstractContextManager[Any]]


class Searched(Protocol):
    """What a suggestion reads of a search.engine.ResultPage."""

    query: str
    searchable: bool
    total: int
    texts: list[str]


def suggest_for(searcher: Searcher, result: Searched, lane: Lane = nullcontext) -> str | None:
    """A corrected query for a ResultPage, or None. Candidates are looked for in
    ``lane`` (see search/lane.py); none are if too many others wait for it.

    For a query that found something, a word is mended only to one that
    TOGETHER_DOCS documents write next to a word typed beside it
    (``written_together``), the likeliest such: of the judged queries and ARCD
    questions that found something, 26 draw a suggestion, 24 of them right
    (bench/README.md), where the likeliest slip alone, vetoed when no document
    wrote it so, drew 26 with 23 right."""
    if not result.searchable:
        return None
    keywords = 1 < len(_typed(result.query)) <= SHORT_QUERY and not is_question(result.query)
    few = result.total < FEW_HITS or (keywords and bool(unknown(searcher, result.query, RARE_DOCS)))
    try:
        found = suggest(
            searcher, result.query, RARE_DOCS if few else 0, result.texts, lane, bool(result.total)
        )
    except Busy:
        return None
    if found and result.total and not written_together(searcher, result.query, found):
        return None
    return found


def unknown(searcher: Searcher, text: str, most: int = 0) -> list[str]:
    """The words of ``text``, as typed, that at most ``most`` documents hold
    (stopwords, operators and field names aside); with ``most`` 0, a query's slip
    that finds nothing of its own, however many documents its other words find.
    A word whose proclitic analysis left undecided is searched without it too
    (لنيمار as نيمار: Scorer.query_terms), and holds the documents of both."""
    term_of = searcher.schema[FIELDS[0]].analyzer.chain.term
    found = []
    for word, _, _ in _typed(text):
        term = term_of(word)
        if term is None or word in found or _frequency(searcher, term) > most:
            continue
        shorter = unconfirmed_proclitic(term)
        if not shorter or _frequency(searcher, shorter) <= most:
            found.append(word)
    return found


def widened(text: str, suggestion: str) -> str:
    """``text`` and the words of its ``suggestion`` it does not have: a query that
    finds the documents of both, those that write the rare words as typed first."""
    typed = {word for word, _, _ in words(text)}
    added = [word for word, _, _ in words(suggestion) if word not in typed]
    return " ".join([text, *dict.fromkeys(added)])


def written_together(searcher: Searcher, text: str, suggestion: str) -> bool:
    """Whether TOGETHER_DOCS documents write each word ``suggestion`` mends in
    ``text`` next to a word typed beside it (``_near``), in either order.
    «دي جيا» mended to «دي جيدا» ('well') is no name the documents write, where
    «سمير جعجغ» mended to «سمير جعجع» is. At most MENDED words are mended, each
    asked with its two neighbours: about 20 ms when they are as common as
    المملكة and السعودية and never written beside it (the slowest case
    measured)."""
    term_of = searcher.schema[FIELDS[0]].analyzer.chain.term
    typed = {word for word, _, _ in _typed(text)}
    return all(
        any(_adjacent(searcher, term_of(word), other) for other in beside)
        for word, beside in _near(_typed(suggestion), term_of).items()
        if word not in typed and beside
    )


def _adjacent(searcher: Searcher, first: str, second: str) -> bool:
    """Whether TOGETHER_DOCS documents write the two terms next to each other,
    either first."""
    found: set[int] = set()
    for field in FIELDS:
        for pair in ([first, second], [second, first]):
            for docnum in query.Phrase(field, pair).docs(searcher):
                found.add(docnum)
                if len(found) == TOGETHER_DOCS:
                    return True
    return False


def prepare(searcher: Searcher) -> None:
    """Reads the words of the searcher's segments, which the first suggestion would
    otherwise wait for (~0.5 s for 15,000 articles)."""
    _Vocabulary(searcher)


def suggest(
    searcher: Searcher,
    text: str,
    rare: int = RARE_DOCS,
    shown: Iterable[str] = (),
    lane: Lane = nullcontext,
    together: bool = False,
) -> str | None:
    """``text`` with its misspelled words corrected, or None if there is nothing to
    correct. Words in more than ``rare`` documents are corrected only in a short
    query, if written so in hardly any of them, and never if one of the ``shown``
    texts (the hits found) has them as typed. Only the first MAX_WORDS words are
    read, as search reads them, and the first MENDED that need it looked for.

    With ``together``, a word is mended to the likeliest neighbour written next to
    a word typed beside it (``_Beside``): «هشاشة العضام» is
    «هشاشة العظام», though العام is the likelier slip of العضام alone."""
    chain = searcher.schema[FIELDS[0]].analyzer.chain
    term_of, candidate_term = chain.term, chain.term_once
    typed = _typed(text)
    short = len(typed) <= SHORT_QUERY
    near = _near(typed, term_of) if together else {}
    vocabulary = cache(lambda: _Vocabulary(searcher))  # only if a word needs it
    looked_for = 0

    def mend(word: str) -> str | None:
        nonlocal looked_for
        term = term_of(word)
        if term is None or len(word) > LONGEST or looked_for == MENDED:
            return None  # a stopword, no word, or enough looked for
        known = _frequency(searcher, term)
        if known > rare and (not short or any(map(_Spelling(word).as_typed_in, shown))):
            return None
        looked_for += 1
        fits = beside(word)
        with lane():
            if known > rare:
                return _real_word_slip(vocabulary(), candidate_term, word, term, known, fits)
            candidate, _, count = _likeliest(vocabulary(), candidate_term, word, term, fits=fits)
        return candidate if count >= max(1, known * RARE_RATIO) else None

    def beside(word: str) -> Callable[[str], bool]:
        # A neighbour no document holds, a slip itself, is written beside nothing.
        terms = [t for t in near.get(word, ()) if _frequency(searcher, t)]
        return _Beside(searcher, terms) if terms else _anywhere

    mended: dict[str, str | None] = {}  # a word typed twice is looked up once
    out, last, changed = [], 0, False
    for word, start, end in typed:
        if word not in mended:
            mended[word] = mend(word)
        if mended[word]:
            out += [text[last:start], mended[word]]
            last, changed = end, True
    return "".join(out) + text[last:] if changed else None  # type: ignore[arg-type]  # words mended


def _near(typed: list[tuple[str, int, int]], term_of: Step) -> dict[str, list[str]]:
    """{word: the terms of the words typed either side of it}, the first time it
    is typed; stopwords between are left out, as positions number words."""
    found = [(word, term) for word, _, _ in typed if (term := term_of(word))]
    near: dict[str, list[str]] = {}
    for i, (word, _) in enumerate(found):
        beside = found[max(0, i - 1) : i] + found[i + 1 : i + 2]
        near.setdefault(word, [term for _, term in beside])
    return near


def _anywhere(term: str) -> bool:
    return True


class _Beside:
    """Whether a candidate term is written next to one of the terms typed beside
    its word (``_adjacent``), asked of the first FITTED candidates only: each
    asks the index for phrases, 10-20 ms where both terms are common."""

    def __init__(self, searcher: Searcher, beside: list[str]) -> None:
        self._searcher, self._beside = searcher, beside
        self._asked: dict[str, bool] = {}

    def __call__(self, term: str) -> bool:
        if term not in self._asked:
            if len(self._asked) == FITTED:
                return False
            self._asked[term] = any(_adjacent(self._searcher, term, o) for o in self._beside)
        return self._asked[term]


def _typed(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of the words of ``text`` a suggestion may mend, as
    search reads them: the first MAX_WORDS, operators and field names aside."""
    return [
        (word, start, end)
        for word, start, end in islice(joined_spans(words(text)), MAX_WORDS)
        if not _is_syntax(text, word, end)
    ]


def _is_syntax(text: str, word: str, end: int) -> bool:
    """Operators, field names (title:) and prefix patterns (word*) are left as typed."""
    return word in _OPERATORS or text[end : end + 1] in (":", "*")


def _frequency(searcher: Searcher, term: str) -> int:
    # Searcher copies doc_frequency and stored_fields from its reader.
    return sum(searcher.doc_frequency(field, term) for field in FIELDS)  # type: ignore[attr-defined]


class _Vocabulary:
    """Document frequencies of words in title and body, for many words at a time.

    Most candidates are in no document at all. A set of each segment's words,
    kept while the segment exists (segments never change), tells so without the
    several reads from disk a Whoosh lookup costs.
    """

    _sets: dict[object, frozenset[bytes]] = {}  # segment id: its words, as bytes
    KEPT = 64

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.segments = [self._words(s.reader()) for s, _ in searcher.leaf_searchers()]

    def _words(self, reader: IndexReader) -> frozenset[bytes]:
        key = segment_key(reader)
        words = self._sets.get(key)
        if words is None:
            if len(self._sets) >= self.KEPT:
                self._sets.clear()
            words = self._sets[key] = frozenset(
                word for field in FIELDS for word in reader.lexicon(field)
            )
        return words

    def frequency(self, term: str) -> int:
        encoded = term.encode("utf-8")
        if not any(encoded in words for words in self.segments):
            return 0
        return _frequency(self.searcher, term)


def _likeliest(
    vocabulary: _Vocabulary,
    term_of: Step,
    word: str,
    term: str,
    above: float = 0.0,
    fits: Callable[[str], bool] = _anywhere,
) -> tuple[str | None, float, int]:
    """(candidate as its documents write it, likelihood, documents of its term) of
    the likeliest one-slip neighbour of ``word`` with another term that ``fits``,
    if more likely than ``above``; otherwise (None, above, 0).

    Each form is weighed by the share of its term's documents that write it: a
    term's likeliest slip may be a form no one writes (الكرملان, of كرمل, which
    texts write الكرملين)."""
    scored = _by_channel(vocabulary, term_of, word, term)
    shortlist = sorted(scored.items(), key=lambda item: -item[1][1][0][0] * item[1][0])
    best: tuple[str | None, float, int] = (None, above, 0)
    for t, (count, forms) in shortlist[:SHORTLIST]:
        forms = [(p, candidate) for p, candidate in forms if p * count > best[1]]
        if not forms:
            break  # a share is below 1: neither this nor any after can win
        if not fits(t):
            continue
        written, seen = _sightings(vocabulary.searcher, t, [c for _, c in forms])
        for p, candidate in forms:
            score = p * count * _share(written[candidate].total(), seen)
            if score > best[1]:
                # Shown as its documents write it: which of ة/ه, ء/ئ/ؤ or alef forms
                # the slip had is a guess (كاءنات and كائنات have one term).
                spellings = written[candidate]
                best = (max(spellings, key=spellings.get, default=candidate), score, count)  # type: ignore[arg-type]
    return best


def _real_word_slip(
    vocabulary: _Vocabulary,
    term_of: Step,
    word: str,
    term: str,
    known: int,
    fits: Callable[[str], bool] = _anywhere,
) -> str | None:
    """A neighbour LIKELIER times as likely as ``word`` taken as typed (as common
    as its term's documents times the share that write it so) that ``fits``."""
    written, seen = _sightings(vocabulary.searcher, term, [word], stop_at=1)
    if written[word]:
        return None
    typed = known * _share(0, seen)
    return _likeliest(vocabulary, term_of, word, term, LIKELIER * typed, fits)[0]


def _by_channel(
    vocabulary: _Vocabulary, term_of: Step, word: str, term: str
) -> dict[str, tuple[int, list[tuple[float, str]]]]:
    """{term: (documents, [(likelihood, candidate)])} of the candidates with
    another term that some document holds, the FORMS_PER_TERM likeliest of each
    term first, one of each spelling (كاءنات and كائنات are looked for alike)."""
    likelihood: dict[str, float] = {}
    for candidate, p in _slips(word):
        likelihood[candidate] = likelihood.get(candidate, 0.0) + p
    counts: dict[str, int]
    forms: dict[str, list[tuple[float, str]]]
    spellings: set[str]
    counts, forms, spellings = {}, {}, set()
    for candidate, p in sorted(likelihood.items(), key=lambda item: -item[1]):
        t = _well_formed(candidate) and term_of(candidate)
        if not t or t == term or len(forms.get(t, ())) == FORMS_PER_TERM:
            continue
        if t not in counts:
            counts[t] = vocabulary.frequency(t)
        spelling = fold_hamza_seats(normalize(candidate))
        if counts[t] and spelling not in spellings:
            spellings.add(spelling)
            forms.setdefault(t, []).append((p, candidate))
    return {t: (counts[t], f) for t, f in forms.items()}


def _well_formed(candidate: str) -> bool:
    return not _FINAL_INSIDE.search(candidate)


def _repeats(before: str, after: str) -> bool:
    """Whether the first letter of ``after`` is the letter next to it on either side."""
    return after[:1] in (before[-1:], after[1:2])


def _same_form(a: str, b: str) -> bool:
    return any(a in group and b in group for group in FORMS)


def _slips(word: str) -> Iterator[tuple[str, float]]:
    """(candidate, likelihood) for every deletion, swap, replacement and insertion.

    A candidate reached by several slips (وتميز from وتمميز, either م deleted) is
    yielded once for each: their likelihoods add up.
    """
    splits = [(word[:i], word[i:], FIRST_LETTER if i == 0 else 1.0) for i in range(len(word) + 1)]
    yield from ((a + b[1:], p if _repeats(a, b) else p * EXTRA_LETTER) for a, b, p in splits if b)
    yield from ((a + b[1] + b[0] + b[2:], p) for a, b, p in splits if len(b) > 1)
    yield from (
        (a + c + b[1:], _replaced(b[0], c, p))
        for a, b, p in splits
        if b
        for c in ALPHABET
        if c != b[0]
    )
    yield from ((a + c + b, p) for a, b, p in splits for c in ALPHABET)


def _replaced(typed: str, meant: str, p: float) -> float:
    """The likelihood of the letter ``typed`` for ``meant`` (``p`` at a word's first letter)."""
    if _same_form(typed, meant):
        return 1.0
    return p * (NEIGHBOUR_KEY if meant in neighbours(typed) else OTHER_LETTER)


def _share(found: int, seen: int) -> float:
    """The share of documents found among those seen, smoothed by FOUND_PRIOR of a
    document found before looking, so that a term in few documents, or in titles
    only, is not ruled out by chance."""
    return (found + FOUND_PRIOR) / (seen + 1)


def _sightings(
    searcher: Searcher, term: str, forms: list[str], stop_at: int | None = None
) -> tuple[dict[str, Counter[str]], int]:
    """How SAMPLE documents of ``term`` (see ``_bodies``) write each of ``forms``:
    ({form: a Counter of its spellings in those that hold it}, documents read).
    Reading stops once ``stop_at`` documents hold a form.

    Texts mostly write a word as it was typed, which a plain search finds; the
    pattern for its other spellings takes ~1 ms to compile, so only the documents
    where the plain search failed are searched with it, and only if need be.
    """
    spellings = [_Spelling(form) for form in forms]
    written: dict[str, Counter[str]] = {form: Counter() for form in forms}
    unsure: list[tuple[_Spelling, str]]
    seen, unsure = 0, []
    for text in _bodies(searcher, term):
        seen += 1
        for spelling in spellings:
            if spelling.as_typed_in(text):
                written[spelling.word][spelling.word] += 1
                if stop_at == written[spelling.word].total():
                    return written, seen
            else:
                unsure.append((spelling, text))
    for spelling, text in unsure:
        if form := spelling.written_in(text):
            written[spelling.word][form] += 1
            if stop_at == written[spelling.word].total():
                break
    return written, seen


def _bodies(searcher: Searcher, term: str) -> Iterator[str]:
    """The bodies of SAMPLE documents of ``term``, spread over the index: texts next
    to each other in it often come from one source, which spells alike."""
    df = searcher.doc_frequency("body", term)  # type: ignore[attr-defined]
    if not df:
        return
    postings = searcher.reader().postings("body", term)
    step = searcher.doc_count_all() / SAMPLE if df > SAMPLE else 0
    for i in range(SAMPLE):
        if postings.is_active() and postings.id() < i * step:
            postings.skip_to(int(i * step))
        if not postings.is_active():
            return
        yield searcher.stored_fields(postings.id())["body"]  # type: ignore[attr-defined]
        postings.next()


class _Spelling:
    """A word as typed, to be found as a whole word of a text however it is spelled
    there (its letters in any form that normalises alike, with marks between)."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.folded = fold_hamza_seats(normalize(word))
        self._typed = re.compile(re.escape(word))
        self._spelled: re.Pattern[str] | None = None

    def as_typed_in(self, text: str) -> bool:
        return any(text[start:end] == self.word for start, end in words_around(text, self._typed))

    def written_in(self, text: str) -> str | None:
        """How ``text`` spells the word, without marks, or None."""
        if self._spelled is None:
            self._spelled = re.compile(spelled(self.folded))
        for start, end in words_around(text, self._spelled):
            if fold_hamza_seats(normalize(text[start:end])) == self.folded:
                return strip_marks(text[start:end])
        return None
