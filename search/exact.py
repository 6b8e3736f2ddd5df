"""Which documents write a query's words as they were typed, not only their stem.

Light stemming merges words a reader keeps apart when that is right more often
than not (الرياض 'Riyadh' and الرياضة 'sport' share the stem رياض; مسؤول and
مسؤولية share مسؤول). All else equal, a document that writes the word as typed,
up to its proclitics, marks and letter forms, is the likelier answer.

One letter form is kept: a hamza on an alef. Folding أ إ آ into ا is right
because many write the bare alef for all three; but a word typed with one seat
and written with another is another word (الإبل 'camels', آبل 'Apple'; أثار
'stirred', آثار 'ruins'). So a typed seat meets its own seat or a bare alef, not
a different seat.
"""

from collections import defaultdict
from collections.abc import Iterable

from indexer.arabic.chain import Step
from indexer.arabic.normalize import normalize, written_letters
from indexer.arabic.tokenize import words

ALEF_SEATS = frozenset("أإآ")
# {term: {(form, seated)}}: each typed word's form without proclitics, and its
# letters as written (see ``seated``), by term.
Typed = dict[str, set[tuple[str, str]]]


def typed_forms(text: str, term_of: Step, form_of: Step) -> Typed:
    """The words of a query by term: each word's form without proclitics
    (``form_of``: بالرياض and الرياض are both رياض) and its letters as written."""
    typed: defaultdict[str, set[tuple[str, str]]] = defaultdict(set)
    for word, _, _ in words(text):
        term, form = term_of(word), form_of(word)
        if term is not None and form is not None:
            typed[term].add((form, seated(word, form)))
    return dict(typed)


def seated(word: str, form: str) -> str:
    """The letters of ``word`` that ``form`` stands for, as written (alef seats
    kept); "" where they cannot be told apart."""
    letters = written_letters(word)
    if len(letters) != len(normalize(word)) or len(letters) < len(form):
        return ""
    # A form is the folded word without its first letters (the proclitics).
    return letters[len(letters) - len(form) :]


def same_seats(typed: str, written: str) -> bool:
    """False where the two put a hamza on an alef on different seats."""
    return all(
        a == b or a not in ALEF_SEATS or b not in ALEF_SEATS
        for a, b in zip(typed, written, strict=False)
    )


def written_as_typed(
    written: Iterable[str], typed: Typed, term_of: Step, form_of: Step
) -> set[str]:
    """The terms of ``typed`` that one of the ``written`` words writes in one of
    their typed forms."""
    found = set()
    for word in written:
        term = term_of(word)  # cached by the chain: the cheap test goes first
        if term in typed and term not in found:
            form = form_of(word)
            if any(
                form == typed_form and same_seats(letters, seated(word, typed_form))
                for typed_form, letters in typed[term]
            ):
                found.add(term)
    return found
