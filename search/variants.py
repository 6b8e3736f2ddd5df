"""Which other spellings of a query's term are the same name, by the company they keep.

A foreign name has several Arabic spellings (indexer/arabic/transliteration.py),
and a search for one should find the others: «ترمب» the articles that write
ترامب, «غوارديولا» those that write جوارديولا. Most candidate spellings are
other words (سلمان, سليمان; مصر, مصير; انقطاع, انقطع), so two kinds of evidence
must agree:

- the general lexicon (indexer/arabic/lexicon.py): neither spelling is a common
  word, and one of them is uncommon, as names from other languages are; common
  Arabic words and names (سلمان, سليمان) are taken as typed;
- the collection: the words written next to the two spellings are alike. A name
  keeps the same company however it is spelled (فيروس كورونا, فيروس كرونا; المرشح
  الجمهوري ترامب), two words do not. Of 392 candidate pairs graded blind, the
  spellings of one name accepted score 0.41-0.97; of the 317 graded two words,
  all but five score at most 0.29 (bench/README.md).

Nothing here reads the index: ``documents``, ``text_of`` and ``frequency`` do.
"""

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

from indexer.arabic.chain import Step
from indexer.arabic.lexicon import frequency as lexicon_frequency
from indexer.arabic.tokenize import words
from indexer.arabic.transliteration import respellings

from .caches import Kept
from .spelling import spelled, words_around

# Per billion words of general Arabic: a spelling this common is a word of its
# own (سليمان 97,724; انقطع 7,387), not a way of writing another; at least one of
# two spellings of one name is below UNCOMMON (ترمب 1,995 beside ترامب 24,547).
COMMON = 30_000
UNCOMMON = 5_000
# Neighbours of the two spellings this alike (cosine, idf-weighted) make them one name.
SAME_COMPANY = 0.4
# Words either side of an occurrence that are its company.
SPAN = 2
# Characters either side of an occurrence read for its SPAN words.
AROUND_CHARS = 24 * SPAN
# Documents read for a term's company, spread over its postings, and how much of each.
SAMPLE = 30
READ_CHARS = 5_000
# Occurrences read in one document: a news article names its subject early and
# often, and reading no further keeps the cost of a long document small.
PER_DOCUMENT = 3
# Occurrences a spelling needs before its company is evidence.
MIN_OCCURRENCES = 2
# Candidates checked per term, the most frequent in the collection first.
MAX_CANDIDATES = 6
# Terms whose spellings are remembered, and terms whose company is.
KEPT = 4_096
KEPT_COMPANY = 512


class Variants:
    """The other spellings of terms in one index.

    ``documents(term)``: the live documents holding ``term``; ``text_of(docnum)``:
    its title and opening; ``frequency(term)``: how many documents hold it, of
    ``size``; ``term_of``: the index's analysis of a word.
    """

    def __init__(
        self,
        documents: Callable[[str], Sequence[int]],
        text_of: Callable[[int], str],
        frequency: Callable[[str], int],
        size: int,
        term_of: Step,
    ) -> None:
        self._documents, self._text_of = documents, text_of
        self._frequency, self._term_of = frequency, term_of
        self._size = size
        self._found = Kept(KEPT)
        self._company = Kept(KEPT_COMPANY)

    def of(self, term: str) -> tuple[str, ...]:
        """The terms that write ``term`` as another spelling of the same name."""
        found: tuple[str, ...] | None = self._found.get(term)
        if found is None:
            found = self._spellings(term)
            self._found.put(term, found)
        return found

    def known(self, term: str) -> tuple[str, ...]:
        """``of(term)`` if it has been asked, else nothing: what scoring reads,
        which must not read documents."""
        return self._found.get(term) or ()

    def _spellings(self, term: str) -> tuple[str, ...]:
        return tuple(other for other, alike in self.evidence(term) if alike >= SAME_COMPANY)

    def evidence(self, term: str) -> list[tuple[str, float]]:
        """(candidate, how alike its company is to ``term``'s) for the MAX_CANDIDATES
        most frequent respellings of ``term`` that the index holds and the lexicon
        allows; none for a common ``term`` or one the index lacks."""
        if not _uncommon(term) or not self._frequency(term):
            return []
        candidates = sorted(
            (
                (n, other)
                for other in respellings(term)
                if _uncommon(other)
                and min(lexicon_frequency(term), lexicon_frequency(other)) < UNCOMMON
                and (n := self._frequency(other))
            ),
            reverse=True,
        )[:MAX_CANDIDATES]
        own = self.company(term) if candidates else Counter()
        return [(other, similarity(own, self.company(other), self._idf)) for _, other in candidates]

    def _idf(self, term: str) -> float:
        return math.log(1 + self._size / (1 + self._frequency(term)))

    def company(self, term: str) -> Counter[str]:
        """The terms written within SPAN words of ``term`` in SAMPLE of its documents;
        empty where it occurs fewer than MIN_OCCURRENCES times there."""
        kept: Counter[str] | None = self._company.get(term)
        if kept is not None:
            return kept
        held = self._documents(term)
        step = max(1, len(held) // SAMPLE)
        # Only the words that hold the term's letters are analysed, and the few
        # words around those that are its: not the whole opening of every document.
        letters = re.compile(spelled(term))
        found: Counter[str] = Counter()
        occurrences = 0
        for docnum in held[::step][:SAMPLE]:
            text = self._text_of(docnum)[:READ_CHARS]
            seen = 0
            for start, end in words_around(text, letters):
                if seen == PER_DOCUMENT:
                    break
                if self._term_of(text[start:end]) == term:
                    seen += 1
                    found.update(
                        t for t in map(self._term_of, _around(text, start, end)) if t and t != term
                    )
            occurrences += seen
        if occurrences < MIN_OCCURRENCES:
            found = Counter()
        self._company.put(term, found)
        return found


def _around(text: str, start: int, end: int) -> list[str]:
    """The SPAN words before ``text[start:end]`` and the SPAN after it."""
    before = [w for w, _, _ in words(text[max(0, start - AROUND_CHARS) : start])]
    after = [w for w, _, _ in words(text[end : end + AROUND_CHARS])]
    # A word cut by the slice's edge is never one of the SPAN nearest.
    return before[-SPAN:] + after[:SPAN]


def similarity(a: Counter[str], b: Counter[str], weight: Callable[[str], float]) -> float:
    """The cosine of two companies, each neighbour weighted by its count and by
    ``weight`` (its idf), so that the words every text writes (قال, العام) do not
    make any two names alike."""
    if not a or not b:
        return 0.0
    weights = {t: weight(t) for t in a.keys() | b.keys()}
    dot = sum(n * b[t] * weights[t] ** 2 for t, n in a.items() if t in b)
    norm_a = math.sqrt(sum((n * weights[t]) ** 2 for t, n in a.items()))
    norm_b = math.sqrt(sum((n * weights[t]) ** 2 for t, n in b.items()))
    return dot / (norm_a * norm_b)


def _uncommon(term: str) -> bool:
    return lexicon_frequency(term) < COMMON
