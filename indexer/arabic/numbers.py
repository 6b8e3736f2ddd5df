"""A number written joined to a clitic or to an era letter is the number.

Arabic joins a conjunction, a preposition or the article to the word after it,
and to a number as well: و2015, بـ43 نقطة, الـ24 ساعة, للـ20. Dates carry their
era after the year, 2015م and 1436هـ. A reader searching «1436» or «24» means
these as much as the bare number, which otherwise no search for it reaches: in
the evaluation collection 12,232 numbers are written so, in one document
of five (bench/README.md). Lucene's ArabicStemmer strips the article and و
from a number and an era ه after it, as it strips them from any word, but not
ب, ل or م.

A number joined to a word (20مليون, عام2015) is a missing space, not a
clitic, and is left as written.
"""

import re

# After normalisation (normalize.py): tatweel gone, every script's digits ASCII,
# هـ written ه. A joined و or ف, then ب, ك, ل or the article (after ل, ال is
# written ل: للـ20), before the digits; م (the Gregorian era, or metres) or ه
# (the Hijri era) after them.
_JOINED_NUMBER = re.compile(r"[وف]?(?:[بك]?ال|لل|[بلك])?([0-9]+)[مه]?")


def bare_number(word: str) -> str:
    """``word`` (normalised) without the clitics and era letter around its
    number, or ``word`` itself if it is not such a number."""
    found = _JOINED_NUMBER.fullmatch(word)
    return found.group(1) if found else word
