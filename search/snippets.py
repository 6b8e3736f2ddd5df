"""How matched words are marked: ``<mark>`` in HTML, bold colour on a terminal."""

import html
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from whoosh import highlight
from whoosh.analysis import Token

from indexer.arabic.chain import Step
from indexer.arabic.compounds import joined_spans, written_apart
from indexer.arabic.stem import TEH_MARBUTA
from indexer.arabic.tokenize import words
from indexer.formats import PAGE_BREAK
from indexer.whoosh_seam import Formatter

from .passages import best_passages
from .spelling import UNUSUAL, spelled, words_around

PASSAGE_MARKS = 16
# Passages are looked for in a text's first PASSAGE_CHARS characters: a document
# of 16 MiB on one line would otherwise be read to its end for every hit.
PASSAGE_CHARS = 100_000
ELLIPSIS = "…"
# Terms of more letters than this, together, are found by analysing every word
# instead of by a pattern of their letters: compiling one takes ~0.3 ms a letter
# (64 terms of 64 letters: 1.6 s), analysing a hit's words a fraction of that.
PATTERN_LETTERS = 32


class MarkFormatter(Formatter):
    """HTML-escaped text with each matched word in ``<mark>``: the only markup."""

    between = " … "

    def plain(self, text: str) -> str:
        return html.escape(text, quote=False)

    def format_token(self, text: str, token: Token, replace: bool = False) -> str:
        return (
            "<mark>"
            + html.escape(highlight.get_text(text, token, replace), quote=False)
            + "</mark>"
        )


class AnsiFormatter(Formatter):
    """Plain text with matched words in bold yellow."""

    between = " … "

    def format_token(self, text: str, token: Token, replace: bool = False) -> str:
        return "\x1b[1;33m" + highlight.get_text(text, token, replace) + "\x1b[0m"


class PlainFormatter(Formatter):
    """Plain text, nothing marked."""

    between = " … "

    def format_token(self, text: str, token: Token, replace: bool = False) -> str:
        return highlight.get_text(text, token, replace)


@lru_cache(maxsize=256)  # ~30 KB each, of at most PATTERN_LETTERS letters
def _stems(terms: frozenset[str]) -> re.Pattern[str]:
    """A pattern for ``terms`` as they may stand inside a word of a text: a light
    stem is a substring of its normalised word, but for a final ة that the word
    may write ت (حكومته) or replace by ات (علاقات)."""
    anchors = {
        term[:-1] if term.endswith(TEH_MARBUTA) and len(term) > 2 else term for term in terms
    }
    return re.compile("|".join(spelled(a) for a in sorted(anchors, key=len, reverse=True)))


def marked_words(
    text: str, terms: Iterable[str], term_of: Step, limit: int | None = None
) -> list[Token]:
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
    odd = (
        sum(map(len, terms)) > PATTERN_LETTERS
        or UNUSUAL.search(text)
        or not unicodedata.is_normalized("NFC", text)
    )
    # A name or a word written as two words (عبد العزيز, فيس بوك) has one term:
    # words are joined where one is, and the words of the text are read to find it.
    if odd or any(written_apart(term, text) for term in terms):
        spans = joined_spans(words(text))
    else:
        spans = ((text[start:end], start, end) for start, end in words_around(text, _stems(terms)))
    tokens = []
    for surface, start, end in spans:
        term = term_of(surface)
        if term in terms:
            tokens.append(Token(text=term, startchar=start, endchar=end, matched=True))
            if len(tokens) == limit:
                break
    return tokens


def passages(
    text: str, terms: Iterable[str], term_of: Step, formatter: Formatter, top: int = 2
) -> str:
    """The best ``top`` passages of ``text`` with matched words marked, or "" (see
    search/passages.py): each starts with «…» if it starts inside a sentence, and
    ends with it if cut inside one.

    Passages are chosen among the first PASSAGE_MARKS matches, in the first
    PASSAGE_CHARS characters: a long article need not be read to its end for two
    lines of context.
    """
    text = text[:PASSAGE_CHARS]
    chosen = best_passages(text, marked_words(text, terms, term_of, PASSAGE_MARKS), top)
    shown = [
        formatter.format_fragment(highlight.Fragment(text, p.matches, p.start, p.end))
        for p in chosen
    ]
    if not shown:
        return ""
    return (
        (ELLIPSIS + " " if chosen[0].cut_before else "")
        + formatter.between.join(shown)
        + (" " + ELLIPSIS if chosen[-1].cut_after else "")
    )


def page_of_passage(text: str, terms: Iterable[str], term_of: Step) -> int | None:
    """The page (from 1) of the best passage of a text whose pages are separated
    by PAGE_BREAK, by its first matched word (a passage's context may reach back
    into the page before); None for a text without pages."""
    if PAGE_BREAK not in text:
        return None
    chosen = best_passages(text, marked_words(text, terms, term_of, PASSAGE_MARKS), 1)
    start = chosen[0].matches[0].startchar if chosen else 0
    return text.count(PAGE_BREAK, 0, start) + 1


def mark_all(text: str, terms: Iterable[str], term_of: Step, formatter: Formatter) -> str:
    """All of ``text``, escaped by ``formatter``, with matched words marked."""
    tokens = marked_words(text, terms, term_of)
    return formatter.format([highlight.Fragment(text, tokens)])
