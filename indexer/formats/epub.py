"""EPUB: chapters in the order of the spine, read with zipfile and defusedxml.

ebooklib would do the same but is AGPL-3.0; an EPUB is a ZIP of XHTML with one
package file naming the chapters, a few lines with the standard library.
defusedxml refuses entity declarations, so an entity bomb is reported, not expanded.
"""

import posixpath
import zipfile
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from . import Extracted, Unreadable
from .container import clean, open_zip

_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_XHTML = "{http://www.w3.org/1999/xhtml}"
_SKIPPED = {"script", "style", "head", "template"}
_BLOCKS = {
    "p",
    "div",
    "li",
    "tr",
    "br",
    "blockquote",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dt",
    "dd",
    "pre",
    "td",
    "th",
}


def read(path: str) -> Extracted:
    with open_zip(path, "EPUB") as z:
        try:
            # A part missing raises KeyError, AttributeError or TypeError, caught below.
            container = _xml(z, "META-INF/container.xml")
            rootfile = container.find(
                ".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile"
            )
            opf_path = rootfile.get("full-path")  # type: ignore[union-attr]
            package = _xml(z, opf_path)  # type: ignore[arg-type]
            base = posixpath.dirname(opf_path)  # type: ignore[arg-type]
            items = {item.get("id"): item for item in package.iter(f"{_OPF}item")}
            chapters, heading = [], ""
            for ref in package.iter(f"{_OPF}itemref"):
                item = items.get(ref.get("idref"))
                if item is None or "html" not in (item.get("media-type") or ""):
                    continue
                body = _xml(z, posixpath.normpath(posixpath.join(base, item.get("href"))))  # type: ignore[arg-type]
                heading = heading or _heading(body)
                chapters.append(_text(body))
        except (KeyError, AttributeError, TypeError, RecursionError) as e:
            raise Unreadable(f"damaged EPUB (a part is missing: {e})") from None
    metadata = package.find(f"{_OPF}metadata")
    return Extracted(
        "\n".join(c for c in chapters if c),
        title=_dc(metadata, "title"),
        heading=heading,
        date=_dc(metadata, "date"),
        author=_dc(metadata, "creator"),
    )


def _xml(z: zipfile.ZipFile, name: str) -> Element:
    try:
        return fromstring(z.read(name))
    except DefusedXmlException as e:
        raise Unreadable(
            f"EPUB with a forbidden XML construct in {name} ({type(e).__name__})"
        ) from None
    except ParseError as e:
        raise Unreadable(f"damaged EPUB ({name}: {e})") from None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(root: Element) -> str:
    """The text of an XHTML chapter, a line per block element."""
    parts: list[str] = []

    def walk(element: Element) -> None:
        name = _local(element.tag)
        if name in _SKIPPED:
            return
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if name in _BLOCKS:
            parts.append("\n")

    walk(root)
    return "\n".join(clean(line) for line in "".join(parts).split("\n") if line.strip())


def _heading(root: Element) -> str:
    for name in ("h1", "h2"):
        for element in root.iter(f"{_XHTML}{name}"):
            text = clean("".join(element.itertext()))
            if text:
                return text
    return ""


def _dc(metadata: Element | None, name: str) -> str:
    if metadata is None:
        return ""
    for element in metadata.iter(f"{_DC}{name}"):
        if element.text and element.text.strip():
            return clean(element.text)
    return ""
