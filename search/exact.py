"""Which documents write a query's words as they were typed, not only their stem.

Light stemming merges words a reader keeps apart when that is right more often
than not (الرياض 'Riyadh' and الرياضة 'sport' share the stem رياض; مسؤول and
مسؤولية share مسؤول). All else equal, a document that writes the word as typed,
up to its proclitics, marks and letter forms, is the likelier answer.

Two letter forms are kept. Folding أ إ آ into ا, and ة into ه, is right because
many write the plainer letter for the marked one; but a word typed with the
marked letter and written with another is another word: a hamza on a different
seat (الإبل 'camels', آبل 'Apple'; أثار 'stirred', آثار 'ruins'), or ه for ة
(العمرة 'Umrah', عمره 'his age'). So a typed hamza seat meets its own seat or
a bare alef, and a typed ة meets ة only.

The article counts too, for less: a common noun is written with and without it
(وزير, الوزير), but a name keeps its own (سلمان 'Salman', السلمان a family
name; الإبل 'camels', آبل 'Apple' never takes it). A word written as typed
only up to the article earns ARTICLE_MISMATCH of the bonus.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple

from indexer.arabic.chain import Step
from indexer.arabic.compounds import joined_spans
from indexer.arabic.normalize import normalize, written_letters
from indexer.arabic.tokenize import words

ALEF_SEATS = frozenset("أإآ")
TEH_MARBUTA = "ة"  # as written; stem.TEH_MARBUTA is the ه it folds into
ARTICLE_MISMATCH = 0.5


class Form(NamedTuple):
    """How a word is written: its form without proclitics (bahth's pattern step),
    that form's letters as written ("" where they cannot be told apart), and
    whether a proclitic held the article."""

    form: str
    letters: str
    definite: bool


# {term: {Form}}: each typed word's ways of being written, by term.
Typed = dict[str, set[Form]]


def typed_forms(text: str, term_of: Step, form_of: Step) -> Typed:
    """The words of a query by term, each as a Form (``form_of``: بالرياض and
    الرياض are both رياض)."""
    typed: defaultdict[str, set[Form]] = defaultdict(set)
    for word, _, _ in joined_spans(words(text)):
        term, form = term_of(word), form_of(word)
        if term is not None and form is not None:
            typed[term].add(written_form(word, form))
    return dict(typed)


def with_spellings(typed: Typed, respelled: Callable[[str], Iterable[str]]) -> Typed:
    """``typed`` with the other spellings of each term (``respelled``,
    search/variants.py) as typed too: ترامب is Trump as typed as ترمب is, not a
    word that only shares a stem; their letters are not compared."""
    found = {term: set(forms) for term, forms in typed.items()}
    for term, forms in typed.items():
        for other in respelled(term):
            found.setdefault(other, set()).update(
                Form(f.form.replace(term, other, 1) if term in f.form else other, "", f.definite)
                for f in forms
            )
    return found


def written_form(word: str, form: str) -> Form:
    """``word``, whose form without proclitics is ``form``, as a Form."""
    letters, folded = written_letters(word), normalize(word)
    proclitics = folded[: max(0, len(folded) - len(form))]
    definite = proclitics.endswith(("ال", "لل"))  # لل: ل + ال, as in للرياض
    if len(letters) != len(folded) or len(letters) < len(form):
        return Form(form, "", definite)
    return Form(form, letters[len(letters) - len(form) :], definite)


def same_letters(typed: str, written: str) -> bool:
    """False where ``written`` has another letter for a marked letter of ``typed``:
    ه for ة, or a hamza on another alef seat."""
    for a, b in zip(typed, written, strict=False):
        if a != b and (a == TEH_MARBUTA or (a in ALEF_SEATS and b in ALEF_SEATS)):
            return False
    return True


def written_as_typed(
    written: Iterable[str], typed: Typed, term_of: Step, form_of: Step
) -> dict[str, float]:
    """{term: share of the bonus} for the terms of ``typed`` that one of the
    ``written`` words writes in one of their typed forms: 1, or ARTICLE_MISMATCH
    where none writes it with the article as typed (with it, or without it)."""
    found: dict[str, float] = {}
    for word in written:
        term = term_of(word)  # cached by the chain: the cheap tests go first
        if term not in typed or found.get(term) == 1.0:
            continue
        form = form_of(word)
        if form is None or not any(form == t.form for t in typed[term]):
            continue
        share = _share(written_form(word, form), typed[term])
        if share > found.get(term, 0.0):
            found[term] = share
    return found


def _share(seen: Form, forms: set[Form]) -> float:
    """The share of the bonus ``seen`` earns against the typed ``forms`` of its term."""
    best = 0.0
    for typed in forms:
        if seen.form == typed.form and same_letters(typed.letters, seen.letters):
            best = max(best, 1.0 if seen.definite == typed.definite else ARTICLE_MISMATCH)
    return best
