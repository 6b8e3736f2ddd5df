"""Which documents write a query's words as they were typed, not only their stem.

Light stemming merges words a reader keeps apart when that is right more often
than not (الرياض 'Riyadh' and الرياضة 'sport' share the stem رياض; مسؤول and
مسؤولية share مسؤول). All else equal, a document that writes the word as typed,
up to its proclitics, marks and letter forms, is the likelier answer.
"""

from collections import defaultdict
from collections.abc import Mapping

from indexer.arabic.chain import Step
from indexer.arabic.tokenize import words


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
    terms: Mapping[str, str | None], typed: dict[str, set[str | None]], form_of: Step
) -> set[str]:
    """The terms of ``typed`` that a text writes in one of their typed forms;
    ``terms`` maps each word the text writes to its term."""
    return {term for word, term in terms.items() if term in typed and form_of(word) in typed[term]}
