"""A role's holder, not his deputy: «وزير الصحة» is not «نائب وزير الصحة».

News names office holders by their role (وزير الصحة, أمير منطقة الرياض, ولي
العهد), and names each one's deputy by the same words after one more noun: نائب
وزير الصحة 'the deputy minister of health', ولي ولي العهد 'the deputy crown
prince'. The deputy is in the news as often as the holder, and by the query's
words alone the two cannot be told apart: a search for the role finds both. A
document that writes the role only as its deputy's, every time its title and
opening name it, is about someone else.
"""

from collections.abc import Iterable, Sequence

from indexer.arabic.chain import Step

# Nouns that name an office when a query starts with one.
ROLES = (
    "وزير",
    "وزيرة",
    "أمير",
    "أميرة",
    "ولي",
    "رئيس",
    "رئيسة",
    "مدير",
    "مديرة",
    "محافظ",
    "أمين",
    "سفير",
    "قائد",
    "مفتي",
    "عميد",
)
# Nouns that, before a role, name its deputy or aide.
DEPUTIES = ("نائب", "نائبة", "مساعد", "مساعدة", "وكيل", "وكيلة", "مستشار", "مستشارة", "ولي")


def terms_of(texts: Iterable[str], term_of: Step) -> list[str]:
    """The terms of ``texts`` in order, words without one (stopwords) left out."""
    return [t for t in map(term_of, texts) if t]


def role(query: Sequence[str], term_of: Step) -> bool:
    """True for a query (its terms, in order) that starts with a role."""
    return bool(query) and query[0] in terms_of(ROLES, term_of)


def deputy_only(texts: Sequence[str], query: Sequence[str], term_of: Step) -> bool | None:
    """Whether every time ``texts`` (a document's words, in order) write the terms
    of ``query`` one after another, they do so right after a deputy; None if they
    never do."""
    deputies = frozenset(terms_of(DEPUTIES, term_of))
    terms = [term_of(text) for text in texts]
    # (term, the term of the word before it) for each word with a term.
    kept = [(t, terms[i - 1] if i else None) for i, t in enumerate(terms) if t]
    n, governed = len(query), 0
    for i, (term, before) in enumerate(kept[: len(kept) - n + 1]):
        if term == query[0] and all(kept[i + j][0] == query[j] for j in range(1, n)):
            if before not in deputies:
                return False
            governed += 1
    return True if governed else None
