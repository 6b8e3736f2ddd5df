"""ODT with odfpy (Apache-2.0), which parses through defusedxml."""

from collections.abc import Callable, Iterator

from odf import dc, meta, teletype
from odf.element import Element
from odf.namespaces import TEXTNS
from odf.opendocument import OpenDocument, load

from . import Extracted, Unreadable
from .container import clean, open_zip

_BLOCKS = {(TEXTNS, "p"), (TEXTNS, "h")}


def read(path: str) -> Extracted:
    open_zip(path, "ODT").close()
    try:
        document = load(path)
    except Exception as e:  # zipfile, SAX and defusedxml errors from a damaged package
        raise Unreadable(f"damaged ODT ({type(e).__name__}: {e})") from None
    paragraphs, heading = [], ""
    for element in _blocks(document.text):
        text = teletype.extractText(element).strip()
        if text:
            paragraphs.append(text)
            if not heading and element.qname == (TEXTNS, "h"):
                heading = clean(text)
    return Extracted(
        "\n".join(paragraphs),
        title=_meta(document, dc.Title),
        heading=heading,
        date=_meta(document, meta.CreationDate, dc.Date),
        author=_meta(document, meta.InitialCreator, dc.Creator),
    )


def _blocks(element: Element) -> Iterator[Element]:
    """Paragraphs and headings in document order; a paragraph nested in another
    (a note, a frame) comes as part of its parent's text."""
    for child in element.childNodes:
        if child.qname in _BLOCKS:
            yield child
        elif child.nodeType == child.ELEMENT_NODE:
            yield from _blocks(child)


def _meta(document: OpenDocument, *kinds: Callable[..., Element]) -> str:
    for kind in kinds:
        for element in document.meta.getElementsByType(kind):
            text = clean(teletype.extractText(element))
            if text:
                return text
    return ""
