"""A role's holder, not his deputy: «وزير الصحة» is not «نائب وزير الصحة».

News names office holders by their role (وزير الصحة, أمير منطقة الرياض, ولي
العهد), and names each one's deputy by the same words after one more noun: نائب
وزير الصحة 'the deputy minister of health', ولي ولي العهد 'the deputy crown
prince'. The deputy is in the news as often as the holder, and by the query's
words alone the two cannot be told apart: a search for the role finds both. A
document that writes the role only as its deputy's, right after a deputy's
noun, is about someone else (search/heads.py reads where).
"""

from collections.abc import Sequence

from indexer.arabic.chain import Step

from .mentions import terms_of

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


def role(query: Sequence[str], term_of: Step) -> bool:
    """True for a query (its terms, in order) that starts with a role."""
    return bool(query) and query[0] in terms_of(ROLES, term_of)


def deputies(term_of: Step) -> frozenset[str]:
    """The terms of the nouns that name a deputy before a role."""
    return frozenset(terms_of(DEPUTIES, term_of))
