"""The opening text of the best documents, read once for the bonuses that read it.

Scoring ranks from the index alone; two bonuses to the best documents need their
text: which query words a document writes as typed (search/exact.py; none where
it names a queried role only as a deputy's, search/deputies.py), and which
words it shares with the other best documents (search/centroid.py).
"""

from collections import Counter
from collections.abc import Callable
from typing import Any

from indexer.arabic.chain import Step
from indexer.arabic.compounds import joined_words
from indexer.arabic.tokenize import word_texts

from .deputies import deputy_only, role, terms_of
from .exact import typed_forms, written_as_typed

# How much of a body is read: an article names its subject early, and a 16 MiB
# body must not cost 16 MiB of reading per query.
HEAD_CHARS = 2_000


class Heads:
    """The title and first HEAD_CHARS of a body of documents found for ``text``;
    ``stored(docnum)`` reads a document's fields, ``term_of`` and ``form_of`` are
    the index's analysis (a word's term, and its form without proclitics)."""

    def __init__(
        self,
        text: str,
        stored: Callable[[int], dict[str, Any]],
        term_of: Step,
        form_of: Step,
    ) -> None:
        self._stored, self._term_of, self._form_of_word = stored, term_of, form_of
        # The best documents write the query's words in the same few ways: each
        # way is reduced to its form once per query.
        self._forms: dict[str, str | None] = {}
        self._typed = typed_forms(text, term_of, self._form_of)
        query = terms_of(joined_words(word_texts(text)), term_of)
        # A query for a role: the words its holder's deputy is named by too.
        self._role = query if role(query, term_of) else None
        self._read: dict[int, list[str]] = {}
        self._counted: dict[int, Counter[str]] = {}

    @property
    def terms(self) -> set[str]:
        """The query's terms."""
        return set(self._typed)

    def written(self, docnum: int) -> dict[str, float]:
        """{term: share of the as-typed bonus} for the query's terms the document
        writes as the query typed them (search/exact.py); none for a role the
        document names only as its deputy's (search/deputies.py)."""
        found = written_as_typed(self._words(docnum), self._typed, self._term_of, self._form_of)
        if found and self._role and self._deputy(docnum, self._role):
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

    def _deputy(self, docnum: int, role: list[str]) -> bool:
        """True where the document names ``role`` only as its deputy's: in its
        title, which says what it is about, if that names it at all, else in its
        opening."""
        title = joined_words(word_texts(str(self._stored(docnum)["title"])))
        found = deputy_only(title, role, self._term_of)
        if found is None:
            found = deputy_only(self._texts(docnum), role, self._term_of)
        return bool(found)

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
            self._read[docnum] = joined_words(word_texts(head))
        return self._read[docnum]

    def _form_of(self, word: str) -> str | None:
        if word not in self._forms:
            self._forms[word] = self._form_of_word(word)
        return self._forms[word]
