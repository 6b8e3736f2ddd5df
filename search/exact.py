"""Which documents write a query's words as they were typed, not only their stem.

Light stemming merges words a reader keeps apart when that is right more often
than not (الرياض 'Riyadh' and الرياضة 'sport' share the stem رياض; مسؤول and
مسؤولية share مسؤول). All else equal, a document that writes the word as typed,
up to its proclitics, marks and letter forms, is the likelier answer.
"""

from collections import defaultdict

from indexer.arabic.chain import Step
from indexer.arabic.tokenize import words

from .snippets import marked_words


def typed_forms(text: str, term_of: Step, form_of: Step) -> dict[str, set[str | None]]:
    """``{term: {form}}`` of the words of a query: each word's term, and its form
    without proclitics (``form_of``: بالرياض and الرياض are both رياض)."""
    typed: defaultdict[str, set[str | None]] = defaultdict(set)
    for word, _, _ in words(text):
        term = term_of(word)
        if term is not None:
            typed[term].add(form_of(word))
    return dict(typed)


def written_as_typed(
    text: str, typed: dict[str, set[str | None]], term_of: Step, form_of: Step
) -> set[str]:
    """The terms of ``typed`` that ``text`` writes in one of their typed forms."""
    found: set[str] = set()
    for token in marked_words(text, frozenset(typed), term_of):
        if form_of(text[token.startchar : token.endchar]) in typed[token.text]:
            found.add(token.text)
            if len(found) == len(typed):
                break
    return found
