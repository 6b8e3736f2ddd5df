"""Split text into words, keeping each word's character offsets in the original text."""

import re
from collections.abc import Iterator

# Characters that belong *inside* a word although Python's \w does not match them:
# Arabic harakat, superscript alef, Quranic marks, generic combining marks, tatweel,
# zero-width joiners, bidi controls and variation selectors. Leaving them out would
# split «الْعَلَاقَاتِ» into pieces; the normaliser removes them from the term.
INNER = (
    "\u0300-\u036f\u0610-\u061a\u061c\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufe00-\ufe0f\ufeff"
)
WORD_CHAR = rf"(?:[^\W_]|[{INNER}])"

# The longest word, in characters; a longer run of word characters is cut to its
# first MAX_WORD, at index and query time alike, and the rest of the run is no word.
# Real words are far shorter: the longest Arabic ones (فأسقيناكموها, with every
# clitic) have 12-16 letters, 30-odd characters with a mark on each letter; the
# longest Latin words in dictionaries 45 letters; a SHA-256 in hex 64. What is
# longer is not language (a dump, a stretch of letters with no space), and each
# word costs work in proportion to its length (analysis, the caches keyed by
# words, snippets' patterns); a query word's spelling candidates, in proportion to
# its square. Lucene cuts at 255 for every script; Arabic needs far less.
# Cut rather than split into pieces (as Lucene has since version 7): no query word
# could match a piece that starts wherever the count fell, and a piece's bounds
# depend on where its run starts, however far back, which snippets would have to
# find for every match inside a long run.
MAX_WORD = 64
_WORD = re.compile(rf"{WORD_CHAR}+")
# The same runs in a text without "_", the one \w character WORD_CHAR leaves out:
# one character class, not an alternation, which the regex engine matches in
# half the time (a build runs it over every document).
_WORD_NO_UNDERSCORE = re.compile(rf"[\w{INNER}]+")


def _word_pattern(text: str) -> re.Pattern[str]:
    return _WORD if "_" in text else _WORD_NO_UNDERSCORE


def words(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield ``(surface, start, end)`` for every word; ``text[start:end] == surface``."""
    # Cut here rather than by the pattern ((W{1,64})W*): a group to capture made
    # this, which every build runs for each word, 30 % slower instead of 7 %.
    for m in _word_pattern(text).finditer(text):
        start, end = m.span()
        if end - start > MAX_WORD:
            end = start + MAX_WORD
            yield text[start:end], start, end
        else:
            yield m.group(), start, end


def word_texts(text: str) -> list[str]:
    """The surfaces ``words`` yields, without their offsets: all indexing needs,
    found by the pattern in one call."""
    return [w if len(w) <= MAX_WORD else w[:MAX_WORD] for w in _word_pattern(text).findall(text)]
