"""Regexes for a word however a text may spell it: with or without hamza, marks
or tatweel, in presentation forms. Snippets mark the words of a text that way,
and «هل تقصد» checks how hits write a word.
"""

import re
from collections import defaultdict
from collections.abc import Iterator

from indexer.arabic.normalize import fold_hamza_seats, normalize
from indexer.arabic.tokenize import INNER, MAX_WORD, WORD_CHAR

# Where the letters of Arabic and Latin text and their presentation forms are.
_KNOWN = ((0x20, 0x250), (0x600, 0x700), (0xFB50, 0xFE00), (0xFE70, 0xFF00))


def _spellings() -> dict[str, str]:
    """``{letter of a term: every character normalisation folds into it}``."""
    found: defaultdict[str, set[str]] = defaultdict(set)
    for c in _known_chars():
        folded = fold_hamza_seats(normalize(c))
        if len(folded) == 1:
            found[folded].add(c)
    return {
        letter: "[" + "".join(map(re.escape, sorted(chars))) + "]"
        for letter, chars in found.items()
    }


def _known_chars() -> Iterator[str]:
    return (chr(cp) for low, high in _KNOWN for cp in range(low, high))


def _unusual() -> re.Pattern[str]:
    """A pattern for the word characters ``_stems`` does not know: those elsewhere
    (any beyond the 16-bit range), ligatures, which fold into two letters, and
    letters that fold into nothing (presentation forms of marks), which are not
    the marks it skips."""
    word, inner, known = re.compile(WORD_CHAR), re.compile(f"[{INNER}]"), set(_known_chars())
    odd = {
        c
        for c in map(chr, range(0x10000))
        if c not in known and not "\ud800" <= c <= "\udfff" and word.match(c) and not inner.match(c)
    }
    odd |= {
        c
        for c in known
        if word.match(c) and not inner.match(c) and len(fold_hamza_seats(normalize(c))) != 1
    }
    ranges: list[list[int]] = []
    for cp in sorted(map(ord, odd)):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return re.compile(
        "["
        + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
        + "\U00010000-\U0010ffff]"
    )


_SPELLINGS, UNUSUAL = _spellings(), _unusual()


_WORD_REST = re.compile(rf"{WORD_CHAR}*")


def spelled(letters: str) -> str:
    """A regex for normalised ``letters`` as a text may write them: each letter in
    any spelling that folds into it, with marks or tatweel between them."""
    return f"[{INNER}]*".join(_SPELLINGS.get(c, re.escape(c)) for c in letters)


def _word_start(text: str, i: int) -> int | None:
    """Where the run of word characters holding ``text[i]`` starts, or None if
    that is more than MAX_WORD characters back: ``text[i]`` is then in the part
    of a long run that analysis cuts off (see ``tokenize.MAX_WORD``)."""
    for start in range(i, max(i - MAX_WORD, -1), -1):
        if not start or not _WORD_REST.fullmatch(text, start - 1, start):
            return start
    return None


def words_around(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each word in which ``pattern`` matches, as ``words`` gives it."""
    pos = 0
    while match := pattern.search(text, pos):
        start = _word_start(text, match.start())
        pos = _WORD_REST.match(text, match.end()).end()  # type: ignore[union-attr]  # * always matches
        if start is not None:
            yield start, min(pos, start + MAX_WORD)
