"""The opening text of the best documents, read once for the bonuses that read it.

Scoring ranks from the index alone; two bonuses to the best documents need their
text: which query words a document writes as typed (search/exact.py; none where
it names the query only as someone else's: a role's deputy, search/deputies.py,
or another country's office, search/abroad.py), and which words it shares with
the other best documents (search/centroid.py).
"""

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from indexer.arabic.chain import Chain
from indexer.arabic.compounds import joined_words, splits
from indexer.arabic.tokenize import word_texts

from .abroad import abroad
from .deputies import deputies, role
from .exact import typed_forms, with_spellings, written_as_typed
from .mentions import mentions, terms_of

# How much of a body is read: an article names its subject early, and a 16 MiB
# body must not cost 16 MiB of reading per query.
HEAD_CHARS = 2_000


class Heads:
    """The title and first HEAD_CHARS of a body of documents found for ``text``;
    ``stored(docnum)`` reads a document's fields, ``chain`` is the index's
    analysis (a word's term, and its form without proclitics)."""

    def __init__(
        self,
        text: str,
        stored: Callable[[int], dict[str, Any]],
        chain: Chain,
        home: str | None = None,
        respelled: Callable[[str], Iterable[str]] = lambda term: (),
    ) -> None:
        """``home``: the adjective of the collection's own country (search/abroad.py);
        ``respelled(term)``: the other spellings the query's terms are searched
        under (search/variants.py), which count as typed."""
        self._stored, self._chain, self._home = stored, chain, home
        term_of = self._term_of = chain.term
        self._form_of_word = chain.pattern
        # The best documents write the query's words in the same few ways: each
        # way is reduced to its form once per query.
        self._forms: dict[str, str | None] = {}
        self._typed = with_spellings(typed_forms(text, term_of, self._form_of), respelled)
        self._query = terms_of(joined_words(word_texts(text)), term_of)
        # Words in two parts are joined in the documents only for a query that
        # may hold one: it costs a lookup a word, and for other queries only the
        # agreement bonus could tell, which compares documents each read alike
        # (bench/README.md: six judged queries reordered, no figure moved).
        self._parts = any(splits(term) for term in self._typed)
        # A query for a role may name its holder's deputy (the deputies' terms,
        # else none); one for a role or a name of several words (مجلس الوزراء,
        # الحرس الوطني), another country's.
        self._deputies = deputies(term_of) if role(self._query, term_of) else frozenset()
        self._others = bool(self._deputies) or len(self._query) > 1
        self._read: dict[int, list[str]] = {}
        self._counted: dict[int, Counter[str]] = {}

    @property
    def terms(self) -> set[str]:
        """The query's terms."""
        return set(self._typed)

    def written(self, docnum: int) -> dict[str, float]:
        """{term: share of the as-typed bonus} for the query's terms the document
        writes as the query typed them (search/exact.py); none where it names the
        query only as someone else's."""
        found = written_as_typed(self._words(docnum), self._typed, self._term_of, self._form_of)
        if found and self._others and self._someone_elses(docnum):
            return {}
        return found

    def counts(self, docnum: int) -> Counter[str]:
        """The document's terms, and how often it writes each."""
        found: Counter[str] = Counter()
        for word, n in self._words(docnum).items():
            term = self._term_of(word)
            if term:
                found[term] += n
        return found

    def _someone_elses(self, docnum: int) -> bool:
        """True where every time the document names the query it names someone
        else's: a role's deputy's (نائب وزير الصحة) or another country's (وزير
        الصحة الكوري). Its title says what it is about, if that names the query
        at all; else its opening."""
        title = joined_words(word_texts(str(self._stored(docnum)["title"])), self._parts)
        for texts in (title, self._texts(docnum)):
            terms = self._chain.terms(texts)
            found = list(mentions(terms, self._query))
            if found:
                return all(
                    (first > 0 and terms[first - 1] in self._deputies)
                    or abroad(texts, last, self._home)
                    for first, last in found
                )
        return False

    def _words(self, docnum: int) -> Counter[str]:
        """How often the document's title and opening write each word."""
        if docnum not in self._counted:
            self._counted[docnum] = Counter(self._texts(docnum))
        return self._counted[docnum]

    def _texts(self, docnum: int) -> list[str]:
        """The words of the document's title and opening, in order, read once."""
        if docnum not in self._read:
            fields = self._stored(docnum)
            head = str(fields["title"]) + "\n" + str(fields["body"])[:HEAD_CHARS]
            self._read[docnum] = joined_words(word_texts(head), self._parts)
        return self._read[docnum]

    def _form_of(self, word: str) -> str | None:
        if word not in self._forms:
            self._forms[word] = self._form_of_word(word)
        return self._forms[word]
