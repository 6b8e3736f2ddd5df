"""How matched words are marked: ``<mark>`` in HTML, bold colour on a terminal."""
import html

from whoosh import highlight


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
