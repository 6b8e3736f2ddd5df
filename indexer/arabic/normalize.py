"""Orthographic normalisation of one word: the spellings a reader treats as the same."""

import unicodedata

from pyarabic import araby

# Presentation forms of harakat, which NFKC makes a space and the mark (ﹰ is
# " ً"): removed before NFKC, or the space would stay inside the word.
_PRESENTATION_MARKS = [chr(c) for c in [*range(0xFE70, 0xFE80), *range(0xFC5E, 0xFC64)]]

_REMOVED = (
    [chr(c) for c in range(0x064B, 0x0660)]  # harakat, shadda, sukun, hamza marks
    + ["\u0670"]  # superscript alef
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation marks
    + [araby.TATWEEL, "\u061c"]  # tatweel, Arabic letter mark
    + [chr(c) for c in range(0x200B, 0x2010)]  # zero-width space, ZWNJ, ZWJ, LRM, RLM
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings and overrides
    + [chr(c) for c in range(0x2060, 0x206A)]  # word joiner, bidi isolates
    + [chr(c) for c in range(0xFE00, 0xFE10)]  # variation selectors
    + _PRESENTATION_MARKS
    + ["\ufeff"]
    + [chr(c) for c in range(0x0300, 0x0370)]  # Latin combining marks NFKC leaves (q + ́)
)

# Letters Persian and Urdu keyboards type for Arabic ones (Lucene's
# PersianNormalizer folds the first three): ی, ے and ې for ي, ک and ڪ for ك,
# ہ, ھ, ۀ and ە for ه, ۃ for ة.
_PERSIAN = {
    "\u06cc": araby.YEH,
    "\u06d2": araby.YEH,
    "\u06d0": araby.YEH,
    "\u06a9": araby.KAF,
    "\u06aa": araby.KAF,
    "\u06c1": araby.HEH,
    "\u06be": araby.HEH,
    "\u06c0": araby.HEH,
    "\u06d5": araby.HEH,
    "\u06c3": araby.TEH_MARBUTA,
}

_FOLDED = {
    araby.ALEF_MADDA: araby.ALEF,
    araby.ALEF_HAMZA_ABOVE: araby.ALEF,
    araby.ALEF_HAMZA_BELOW: araby.ALEF,
    araby.ALEF_WASLA: araby.ALEF,
    # pyarabic's normalize_alef folds ى into ا, merging على with علا; ى is a
    # dotless ي, so it folds into ي as Lucene's ArabicNormalizer does.
    araby.ALEF_MAKSURA: araby.YEH,
    araby.TEH_MARBUTA: araby.HEH,
}


def _digit_table() -> dict[int, str]:
    # Every script's decimal digits (Arabic-Indic, Persian, Devanagari, ...) in the BMP.
    table = {}
    for cp in range(0x80, 0x10000):
        ch = chr(cp)
        if unicodedata.category(ch) == "Nd":
            table[cp] = str(unicodedata.decimal(ch))
    return table


_BEFORE_NFKC = str.maketrans(dict.fromkeys(_PRESENTATION_MARKS))
_MARKS = str.maketrans(dict.fromkeys(_REMOVED))
_LETTERS = {**_MARKS, **str.maketrans(_PERSIAN)}
# ۃ is ة, which folds further into ه.
_TABLE = {**_LETTERS, **str.maketrans({**_FOLDED, "\u06c3": araby.HEH}), **_digit_table()}

# Hamza on a seat is written inconsistently (مسؤول / مسئول, رئيس / رءيس); folding
# both seats into the bare hamza makes those spellings one term. It runs after
# stemming so that ئ→ي can never be mistaken for the suffix ي.
_HAMZA_SEATS = str.maketrans({araby.WAW_HAMZA: araby.HAMZA, araby.YEH_HAMZA: araby.HAMZA})


def normalize(word: str) -> str:
    """Fold one word to its search form (harakat, tatweel, alef forms, ى, ة, digits, case)."""
    if word.isascii():
        return word.casefold()
    # One pass can leave something to fold: İ casefolds to i + U+0307, a mark the
    # table removes. Folding until nothing changes makes a term fold to itself.
    folded = _fold(word)
    while (again := _fold(folded)) != folded:
        folded = again
    return folded


def _fold(word: str) -> str:
    return _composed(word).translate(_TABLE).casefold()


def _composed(word: str) -> str:
    # NFKC folds presentation forms (ﻻ, ﷲ) and composes NFD input
    # (و + U+0654 becomes ؤ), so every encoding of a letter meets the same table;
    # the marks it composes with must still be there, so only presentation forms
    # of harakat go before it.
    if unicodedata.is_normalized("NFKC", word):
        return word
    return unicodedata.normalize("NFKC", word.translate(_BEFORE_NFKC))


def strip_marks(word: str) -> str:
    """``word`` with its letters as written (in their plain forms: ﻛﺘﺎﺏ is كتاب),
    without harakat, tatweel or invisible marks."""
    return _composed(word).translate(_MARKS)


def written_letters(word: str) -> str:
    """``strip_marks``, and Persian and Urdu letter forms written as the Arabic
    letters they stand for (ی is ي, ک is ك): the letters as an Arabic reader reads them."""
    return _composed(word).translate(_LETTERS)


def fold_hamza_seats(word: str) -> str:
    """Write ؤ and ئ as ء so the spellings of a hamza on a seat meet."""
    return word.translate(_HAMZA_SEATS)
