"""How matched words are marked: ``<mark>`` in HTML, bold colour on a terminal."""
import html
import re
from collections import defaultdict
from functools import lru_cache

from whoosh import highlight
from whoosh.analysis import Token

from indexer.arabic.normalize import fold_hamza_seats, normalize
from indexer.arabic.tokenize import INNER, WORD_CHAR

_PASSAGES = highlight.PinpointFragmenter(maxchars=240, surround=70, autotrim=True)
PASSAGE_MARKS = 16


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


def _spellings():
    """``{letter of a term: every character normalisation folds into it}``."""
    found = defaultdict(set)
    for cp in [*range(0x20, 0x250), *range(0x600, 0x700), *range(0x6F0, 0x6FA)]:
        folded = fold_hamza_seats(normalize(chr(cp)))
        if len(folded) == 1:
            found[folded].add(chr(cp))
    return {letter: "[" + "".join(map(re.escape, sorted(chars))) + "]"
            for letter, chars in found.items()}


_SPELLINGS = _spellings()


@lru_cache(maxsize=1024)
def _containing(terms):
    """A pattern for the words that may contain one of ``terms`` as written in a text.

    A light stem is a substring of its normalised word, so a word can only have a
    term if the term's letters stand in it, each in any spelling that folds into
    it, with marks or tatweel between them.
    """
    stems = [f"[{INNER}]*".join(_SPELLINGS.get(c, re.escape(c)) for c in term)
             for term in sorted(terms, key=len, reverse=True)]
    return re.compile(rf"(?<!{WORD_CHAR}){WORD_CHAR}*?(?:{'|'.join(stems)}){WORD_CHAR}*")


def marked_words(text, terms, term_of, limit=None):
    """Tokens for the words of ``text`` whose term (``term_of(word)``) is in ``terms``,
    the first ``limit`` of them if given.

    Only words that may contain a term are analysed (see ``_containing``): cheaper
    than running the Whoosh analyzer over every word of every hit.
    """
    tokens = []
    for m in _containing(frozenset(terms)).finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        term = term_of(word)
        if term in terms:
            tokens.append(Token(text=term, startchar=start, endchar=end, matched=True))
            if len(tokens) == limit:
                break
    return tokens


def passages(text, terms, term_of, formatter, top=2):
    """The best ``top`` passages of ``text`` with matched words marked, or "".

    Passages are chosen among the first PASSAGE_MARKS matches: a long article
    need not be read to its end for two lines of context.
    """
    tokens = marked_words(text, terms, term_of, PASSAGE_MARKS) if terms else []
    if not tokens:
        return ""
    fragments = highlight.top_fragments(_PASSAGES.fragment_matches(text, tokens), top,
                                        highlight.BasicFragmentScorer(), highlight.FIRST)
    return formatter.format(fragments)


def mark_all(text, terms, term_of, formatter):
    """All of ``text``, escaped by ``formatter``, with matched words marked."""
    tokens = marked_words(text, terms, term_of) if terms else []
    return formatter.format([highlight.Fragment(text, tokens)])
