"""A query's words found inside one document, for the document page's own search
box: every match marked and numbered (``<mark id="m1">`` …), so that the page can
count them and move from one to the next, found as snippets find them."""

import html
from collections.abc import Collection, Iterable

from whoosh import highlight
from whoosh.analysis import Token

from indexer.arabic.chain import Step

from .snippets import MarkFormatter, marked_words

# Matches marked in one document: a 16 MiB body of one repeated word would
# otherwise be sent as millions of marks. The page says when there were more.
MAX_MARKS = 1000


class NumberedMarks(MarkFormatter):
    """MarkFormatter whose marks are numbered from m1 in the order they are
    written; one instance numbers the matches of one page."""

    def __init__(self) -> None:
        self.count = 0

    def format_token(self, text: str, token: Token, replace: bool = False) -> str:
        self.count += 1
        return (
            f'<mark id="m{self.count}">'
            + html.escape(highlight.get_text(text, token, replace), quote=False)
            + "</mark>"
        )


def numbered(
    texts: Iterable[tuple[str, Collection[str]]], term_of: Step, limit: int = MAX_MARKS
) -> tuple[list[str], int, bool]:
    """([each text escaped, its matches marked], matches marked, more: whether
    more than ``limit`` matched) for ``texts``, [(text, terms)] in page order;
    numbering runs on from one text to the next."""
    marks, out, more = NumberedMarks(), [], False
    for text, terms in texts:
        left = limit - marks.count
        tokens = [] if more else marked_words(text, terms, term_of, left + 1)
        more = more or len(tokens) > left
        out.append(marks.format([highlight.Fragment(text, tokens[:left])]))
    return out, marks.count, more
