"""HTML: the main text by trafilatura (Apache-2.0), title and date by lxml.

Elements a page marks as no part of its text (<nav>, <footer>, scripts) are
dropped first; trafilatura then drops the menus and footers of pages that do not
mark them, by the density of their text and links.
"""

import lxml.html
import trafilatura

from . import MAX_HTML_BYTES, Extracted, Unreadable
from .container import clean

_DROPPED = "//script|//style|//noscript|//template|//nav|//header|//footer|//aside|//form"


def read(path: str) -> Extracted:
    with open(path, "rb") as f:
        data = f.read(MAX_HTML_BYTES + 1)
    truncated = len(data) > MAX_HTML_BYTES
    data = data[:MAX_HTML_BYTES]
    try:
        tree = lxml.html.document_fromstring(data)
    except Exception as e:  # lxml's parser errors for a file that is no HTML
        raise Unreadable(f"not HTML ({type(e).__name__})") from None
    heading = _first(tree, "//h1") or _first(tree, "//h2")
    title = _first(tree, "//title") or _first(tree, "//meta[@property='og:title']/@content")
    date = _first(tree, "//meta[@property='article:published_time']/@content") or _first(
        tree, "//time/@datetime"
    )
    author = _first(tree, "//meta[@name='author']/@content")
    # What a page marks as no part of its text goes first; trafilatura keeps a
    # short page's menu when it finds nothing else to drop.
    for element in tree.xpath(_DROPPED):
        element.drop_tree()
    text = trafilatura.extract(tree, include_comments=False, include_tables=True, favor_recall=True)
    if not text:  # a page too short to be an article to trafilatura: all its text
        text = "\n".join(line.strip() for line in tree.text_content().splitlines() if line.strip())
    return Extracted(
        text, title=title, heading=heading, date=date, author=author, truncated=truncated
    )


def _first(tree: lxml.html.HtmlElement, xpath: str) -> str:
    for found in tree.xpath(xpath):
        text = clean(found if isinstance(found, str) else found.text_content())
        if text:
            return text
    return ""
