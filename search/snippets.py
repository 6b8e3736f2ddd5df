"""How matched words are marked: ``<mark>`` in HTML, bold colour on a terminal."""
import html

from whoosh import highlight
from whoosh.analysis import Token

from indexer.arabic.tokenize import words

_PASSAGES = highlight.PinpointFragmenter(maxchars=240, surround=70, autotrim=True)


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


def marked_words(text, terms, term_of):
    """Tokens for the words of ``text`` whose term (``term_of(word)``) is in ``terms``.

    One pass of the tokenizer and the analysis cache: cheaper than running the
    whole Whoosh analyzer through its highlighter for every hit.
    """
    return [Token(text=term, startchar=start, endchar=end, matched=True)
            for word, start, end in words(text)
            if (term := term_of(word)) in terms]


def passages(text, terms, term_of, formatter, top=2):
    """The best ``top`` passages of ``text`` with matched words marked, or ""."""
    tokens = marked_words(text, terms, term_of) if terms else []
    if not tokens:
        return ""
    fragments = highlight.top_fragments(_PASSAGES.fragment_matches(text, tokens), top,
                                        highlight.BasicFragmentScorer(), highlight.FIRST)
    return formatter.format(fragments)


def mark_all(text, terms, term_of, formatter):
    """All of ``text``, escaped by ``formatter``, with matched words marked."""
    tokens = marked_words(text, terms, term_of) if terms else []
    return formatter.format([highlight.Fragment(text, tokens)])
