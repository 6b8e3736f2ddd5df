"""Split text into words, keeping each word's character offsets in the original text."""
import re

# Characters that belong *inside* a word although Python's \w does not match them:
# Arabic harakat, superscript alef, Quranic marks, generic combining marks, tatweel,
# zero-width joiners, bidi controls and variation selectors. Leaving them out would
# split «الْعَلَاقَاتِ» into pieces; the normaliser removes them from the term.
INNER = (
    "\u0300-\u036f\u0610-\u061a\u061c\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufe00-\ufe0f\ufeff"
)
WORD_CHAR = rf"(?:[^\W_]|[{INNER}])"
_WORD = re.compile(rf"{WORD_CHAR}+")


def words(text):
    """Yield ``(surface, start, end)`` for every word; ``text[start:end] == surface``."""
    for m in _WORD.finditer(text):
        yield m.group(), m.start(), m.end()
