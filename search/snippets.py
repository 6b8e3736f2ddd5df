"""How matched words are marked: ``<mark>`` in HTML, bold colour on a terminal."""
import html
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from whoosh import highlight
from whoosh.analysis import Token

from indexer.arabic.normalize import fold_hamza_seats, normalize
from indexer.arabic.stem import TEH_MARBUTA
from indexer.arabic.tokenize import INNER, MAX_WORD, WORD_CHAR, words
from indexer.formats import PAGE_BREAK

from .passages import best_passages

PASSAGE_MARKS = 16
# Passages are looked for in a text's first PASSAGE_CHARS characters: a document
# of 16 MiB on one line would otherwise be read to its end for every hit.
PASSAGE_CHARS = 100_000
ELLIPSIS = "…"
# Terms of more letters than this, together, are found by analysing every word
# instead of by a pattern of their letters: compiling one takes ~0.3 ms a letter
# (64 terms of 64 letters: 1.6 s), analysing a hit's words a fraction of that.
PATTERN_LETTERS = 32


class MarkFormatter(highlight.Formatter):
    """HTML-escaped text with each matched word in ``<mark>``: the only markup."""

    between = " … "

    def _text(self, text):
        return html.escape(text, quote=False)

    def format_token(self, text, token, replace=False):
        return "<mark>" + html.escape(highlight.get_text(text, token, replace), quote=False) + "</mark>"


class AnsiFormatter(highlight.Formatter):
    """Plain text with matched words in bold yellow."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return "\x1b[1;33m" + highlight.get_text(text, token, replace) + "\x1b[0m"


class PlainFormatter(highlight.Formatter):
    """Plain text, nothing marked."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return highlight.get_text(text, token, replace)


# Where the letters of Arabic and Latin text and their presentation forms are.
_KNOWN = ((0x20, 0x250), (0x600, 0x700), (0xFB50, 0xFE00), (0xFE70, 0xFF00))


def _spellings():
    """``{letter of a term: every character normalisation folds into it}``."""
    found = defaultdict(set)
    for c in _known_chars():
        folded = fold_hamza_seats(normalize(c))
        if len(folded) == 1:
            found[folded].add(c)
    return {letter: "[" + "".join(map(re.escape, sorted(chars))) + "]"
            for letter, chars in found.items()}


def _known_chars():
    return (chr(cp) for low, high in _KNOWN for cp in range(low, high))


def _unusual():
    """A pattern for the word characters ``_stems`` does not know: those elsewhere
    (any beyond the 16-bit range), ligatures, which fold into two letters, and
    letters that fold into nothing (presentation forms of marks), which are not
    the marks it skips."""
    word, inner, known = re.compile(WORD_CHAR), re.compile(f"[{INNER}]"), set(_known_chars())
    odd = {c for c in map(chr, range(0x10000)) if c not in known
           and not "\ud800" <= c <= "\udfff" and word.match(c) and not inner.match(c)}
    odd |= {c for c in known if word.match(c) and not inner.match(c)
            and len(fold_hamza_seats(normalize(c))) != 1}
    ranges = []
    for cp in sorted(map(ord, odd)):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
                      + "\U00010000-\U0010ffff]")


_SPELLINGS, _UNUSUAL = _spellings(), _unusual()


_WORD_REST = re.compile(rf"{WORD_CHAR}*")


def spelled(letters):
    """A regex for normalised ``letters`` as a text may write them: each letter in
    any spelling that folds into it, with marks or tatweel between them."""
    return f"[{INNER}]*".join(_SPELLINGS.get(c, re.escape(c)) for c in letters)


@lru_cache(maxsize=256)  # ~30 KB each, of at most PATTERN_LETTERS letters
def _stems(terms):
    """A pattern for ``terms`` as they may stand inside a word of a text: a light
    stem is a substring of its normalised word, but for a final ة that the word
    may write ت (حكومته) or replace by ات (علاقات)."""
    anchors = {term[:-1] if term.endswith(TEH_MARBUTA) and len(term) > 2 else term
               for term in terms}
    return re.compile("|".join(spelled(a) for a in sorted(anchors, key=len, reverse=True)))


def _word_start(text, i):
    """Where the run of word characters holding ``text[i]`` starts, or None if
    that is more than MAX_WORD characters back: ``text[i]`` is then in the part
    of a long run that analysis cuts off (see ``tokenize.MAX_WORD``)."""
    for start in range(i, max(i - MAX_WORD, -1), -1):
        if not start or not _WORD_REST.fullmatch(text, start - 1, start):
            return start
    return None


def marked_words(text, terms, term_of, limit=None):
    """Tokens for the words of ``text`` whose term (``term_of(word)``) is in ``terms``,
    the first ``limit`` of them if given.

    Only the words around an occurrence of a term's letters are analysed: cheaper
    than running the Whoosh analyzer over every word of every hit. The search looks
    for the letters alone, not for a word that holds them: a pattern that starts
    with a word's first letter is tried at every word, one that starts with a
    term's letters only where such a letter stands (four times faster on news).
    """
    terms = frozenset(t for t in terms if t)  # an empty pattern would match forever
    if not terms:
        return []
    # Letters written decomposed (N and U+0300, و and U+0654) are composed by
    # analysis into letters the pattern cannot foresee: such text is read word by word.
    odd = (sum(map(len, terms)) > PATTERN_LETTERS or _UNUSUAL.search(text)
           or not unicodedata.is_normalized("NFC", text))
    spans = _every_word(text) if odd else words_around(text, _stems(terms))
    tokens = []
    for start, end in spans:
        term = term_of(text[start:end])
        if term in terms:
            tokens.append(Token(text=term, startchar=start, endchar=end, matched=True))
            if len(tokens) == limit:
                break
    return tokens


def words_around(text, pattern):
    """(start, end) of each word in which ``pattern`` matches, as ``words`` gives it."""
    pos = 0
    while match := pattern.search(text, pos):
        start = _word_start(text, match.start())
        pos = _WORD_REST.match(text, match.end()).end()
        if start is not None:
            yield start, min(pos, start + MAX_WORD)


def _every_word(text):
    return ((start, end) for _, start, end in words(text))


def passages(text, terms, term_of, formatter, top=2):
    """The best ``top`` passages of ``text`` with matched words marked, or "" (see
    search/passages.py): each starts with «…» if it starts inside a sentence, and
    ends with it if cut inside one.

    Passages are chosen among the first PASSAGE_MARKS matches, in the first
    PASSAGE_CHARS characters: a long article need not be read to its end for two
    lines of context.
    """
    text = text[:PASSAGE_CHARS]
    chosen = best_passages(text, marked_words(text, terms, term_of, PASSAGE_MARKS), top)
    shown = [formatter.format_fragment(highlight.Fragment(text, p.matches, p.start, p.end))
             for p in chosen]
    if not shown:
        return ""
    return ((ELLIPSIS + " " if chosen[0].cut_before else "") + formatter.between.join(shown)
            + (" " + ELLIPSIS if chosen[-1].cut_after else ""))


def page_of_passage(text, terms, term_of):
    """The page (from 1) of the best passage of a text whose pages are separated
    by PAGE_BREAK, by its first matched word (a passage's context may reach back
    into the page before); None for a text without pages."""
    if PAGE_BREAK not in text:
        return None
    chosen = best_passages(text, marked_words(text, terms, term_of, PASSAGE_MARKS), 1)
    start = chosen[0].matches[0].startchar if chosen else 0
    return text.count(PAGE_BREAK, 0, start) + 1


def mark_all(text, terms, term_of, formatter):
    """All of ``text``, escaped by ``formatter``, with matched words marked."""
    tokens = marked_words(text, terms, term_of)
    return formatter.format([highlight.Fragment(text, tokens)])
