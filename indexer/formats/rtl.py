"""Arabic text as PDF extractors return it, put back in reading order.

pdfminer.six orders the characters of a line by their position on the page, left
to right: Arabic comes out in visual order, reversed, and in the presentation
forms (ﻣﺮﺣﺒﺎ, the ligature ﻻ) that shaped PDFs map their glyphs to. Measured on
Chromium's and on "baked" (reshaped and reordered before drawing) PDFs of news
articles, the repair below takes word recall from 0.015 to 1.0 (bench/formats.py).
"""

import re
import unicodedata

from bidi import get_display

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
# Arabic presentation forms A and B: NFKC folds each into its letter(s), ﻻ into لا.
_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]+")


def _forms(*endings: str) -> str:
    """The presentation forms whose names end with one of ``endings``."""
    return "".join(
        chr(c)
        for c in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00))
        if unicodedata.name(chr(c), "").endswith(endings)
    )


# In a visual line, left to right, a letter in its initial or medial form is
# joined to the letter on its left, one in its medial or final form to the letter
# on its right, so no space can stand there. pdfminer puts one where a mark
# (damma, shadda, tanween) drawn over a letter widens the gap it measures:
# «ﻖّﻠﺤُ ﻳ» is يحلّق, which would be indexed as ي and حلق.
_MARKS = "\u064b-\u065f\u0670\ufe70-\ufe7f"
_JOINS_LEFT = re.compile(f" (?=[{_MARKS}]*[{_forms('INITIAL FORM', 'MEDIAL FORM')}])")
_JOINS_RIGHT = re.compile(f"([{_forms('MEDIAL FORM', 'FINAL FORM')}][{_MARKS}]*) ")


# A visual right-to-left line whose leftmost letter (its last, read right to left)
# is in its initial or medial form ends inside a word, which the next line goes on.
_GOES_ON = re.compile(f"[{_MARKS}]*[{_forms('INITIAL FORM', 'MEDIAL FORM')}]")


def goes_on(line: str) -> bool:
    """Whether a visual line ends inside a word that the next line finishes: its
    last letter is drawn in a form that joins the letter after it."""
    return bool(_GOES_ON.match(line)) and right_to_left(line)


def rejoin(line: str) -> str:
    """A visual line without the spaces its letters' forms say are inside a word."""
    return _JOINS_RIGHT.sub(r"\1", _JOINS_LEFT.sub("", line))


def fold_forms(text: str) -> str:
    """Presentation forms to letters; every other character as it was (NFKC
    would also change digits, fractions and compatibility characters)."""
    return _FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def right_to_left(text: str) -> bool:
    """Whether most of the letters of ``text`` are written right to left."""
    rtl = len(_RTL.findall(text))
    return rtl > 0 and rtl >= len(_LATIN.findall(text))


def logical(line: str) -> str:
    """One line from visual to logical order.

    The bidi algorithm reorders a visual line back, since its reordering of a
    right-to-left line is its own inverse: Arabic runs reverse, while Latin words
    and numbers inside them keep their order. The line's direction is that of most
    of its letters. Ligatures are folded after reordering, so لا stays in order.
    """
    if not _RTL.search(line):
        return line
    line = rejoin(line)
    return fold_forms(get_display(line, base_dir="R" if right_to_left(line) else "L"))
