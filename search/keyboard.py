"""A query typed with the keyboard in the other language: hgvdhq for «الرياض».

Arabic keyboards are the standard Arabic (101) layout over a US QWERTY one, so
a query typed while the wrong one was active is its keys read in the other:
each Latin character becomes the Arabic letter on its key, and back. The
converted query is offered («هل تقصد») only when the query found hardly anything
and the converted one finds far more: real Latin words (OPEC, FIFA) are found
as typed, or convert to letter salad that finds nothing.

The same layouts tell which letters a finger slips between: ``neighbours``.
"""

import math
import re
from collections.abc import Callable
from functools import cache

from indexer.arabic.tokenize import MAX_WORD

from .query import MAX_WORDS

# Key: (unshifted, shifted) Arabic 101. The shifted keys of the letters give
# hamza forms and marks; those without a letter are left out.
_KEYS = {
    "q": "ض",
    "w": "ص",
    "e": "ث",
    "r": "ق",
    "t": "ف",
    "y": "غ",
    "u": "ع",
    "i": "ه",
    "o": "خ",
    "p": "ح",
    "[": "ج",
    "]": "د",
    "a": "ش",
    "s": "س",
    "d": "ي",
    "f": "ب",
    "g": "ل",
    "h": "ا",
    "j": "ت",
    "k": "ن",
    "l": "م",
    ";": "ك",
    "'": "ط",
    "z": "ئ",
    "x": "ء",
    "c": "ؤ",
    "v": "ر",
    "b": "لا",
    "n": "ى",
    "m": "ة",
    ",": "و",
    ".": "ز",
    "/": "ظ",
    "`": "ذ",
    "H": "أ",
    "Y": "إ",
    "N": "آ",
    "G": "لأ",
    "T": "لإ",
    "B": "لآ",
}
_TO_ARABIC = str.maketrans(_KEYS)
# Back: the longest Arabic first, so لأ is one key and not ل then أ.
_ARABIC = re.compile("|".join(sorted(map(re.escape, _KEYS.values()), key=len, reverse=True)))
_TO_LATIN = {arabic: key for key, arabic in _KEYS.items()}
_LATIN_QUERY = re.compile(r"[a-zA-Z;'\[\],./`]+(?:\s+[a-zA-Z;'\[\],./`]+)*")
_ARABIC_QUERY = re.compile(r"[ء-ي]+(?:\s+[ء-ي]+)*")
# A word is taken as typed on the wrong layout when the other layout's word is in
# FAR times as many documents (each counted plus one: a word in none is still a
# word); a query, when most of its words are.
FAR = 10


# Letter keys by row, as (where the row's first key is, in key widths; its
# letters, a space for a key of no single letter). The Arabic 101 layout of
# keyboards, whose letter rows Android's keyboards keep, and Apple's phone layout.
_ROWS = [
    [(1.5, "ضصثقفغعهخحجد"), (1.75, "شسيبلاتنمكط"), (2.25, "ئءؤر ىةوزظ")],
    [(0, "ضصثقفغعهخحج"), (0.5, "شسيبلاتنمكة"), (1.5, "ءظطذدزروى")],
]
# Letters on one key, one of them with shift: ظ is shifted ط on Apple's keyboards.
_SHIFTED = ["طظ"]


@cache
def neighbours(letter: str) -> frozenset[str]:
    """The letters on keys next to ``letter``'s (in its row or the rows beside it)
    or on its own key with shift, on any of the layouts."""
    near = {b for a, b in map(tuple, _SHIFTED) if a == letter} | {
        a for a, b in map(tuple, _SHIFTED) if b == letter
    }
    for layout in _ROWS:
        keys = [(x + i, y, c) for y, (x, row) in enumerate(layout) for i, c in enumerate(row)]
        for x, y, c in keys:
            if c == letter:
                near |= {
                    d
                    for u, v, d in keys
                    if d not in (" ", letter) and math.hypot(u - x, v - y) < 1.3
                }
    return frozenset(near)


def converted(text: str) -> str | None:
    """``text`` as the other layout types it, or None if it is not all keys of one."""
    text = text.strip()
    if _LATIN_QUERY.fullmatch(text):
        # All capitals is caps lock on, not the shifted keys (أ, إ, آ) of each.
        return (text.lower() if text.isupper() else text).translate(_TO_ARABIC)
    if _ARABIC_QUERY.fullmatch(text):
        latin = keys_for(text)
        # Keys that are punctuation in Latin end or join words there: «ز» at the
        # end of a word is a full stop typed. A Latin query of letters only.
        return latin if re.fullmatch(r"[a-zA-Z]+(?:\s+[a-zA-Z]+)*", latin) else None
    return None


def keys_for(arabic: str) -> str:
    """The keys that type ``arabic`` on the Arabic layout (its letters only)."""
    return _ARABIC.sub(lambda m: _TO_LATIN[m.group()], arabic)


def suggestion(text: str, documents: Callable[[str], int | None]) -> str | None:
    """``text`` as the other layout types it, if most of its words are far more
    common so, or None. ``documents(word)`` is how many documents hold a word,
    None for a stopword (a word too common to count)."""
    typed = text.split()
    # A query past the parser's bounds, or a run of letters longer than a word,
    # was not typed on the wrong keyboard; looking it up would cost unbounded work.
    if len(typed) > MAX_WORDS or any(len(word) > MAX_WORD for word in typed):
        return None
    other = converted(text)
    if other is None:
        return None
    meant = other.split()
    likelier = sum(
        _likelier(word, documents(word), documents(other_word))
        for word, other_word in zip(typed, meant)
    )
    return other if likelier * 2 > len(typed) else None


def _likelier(word: str, typed: int | None, meant: int | None) -> bool:
    """Whether the word meant, found in ``meant`` documents, is FAR times as
    common as ``word`` (found in ``typed``); a stopword is commoner than any. A
    word in capitals that some document holds is an acronym: IBM and AFP are
    هلاة and شبح, Arabic words, in the other layout."""
    if typed is None or (typed and word.isupper()):
        return False
    return meant is None or meant + 1 >= FAR * (typed + 1)
