"""DOCX with python-docx (MIT). Its XML parser leaves entities unresolved, so an
entity bomb expands to nothing (tests/test_formats.py)."""

from collections.abc import Iterator

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.text.paragraph import Paragraph

from . import Extracted, Unreadable
from .container import clean, open_zip


def read(path: str) -> Extracted:
    open_zip(path, "DOCX").close()
    try:
        document = docx.Document(path)
    except PackageNotFoundError:
        raise Unreadable("damaged DOCX (no Word document inside)") from None
    except Exception as e:  # lxml and zipfile errors from a damaged package
        raise Unreadable(f"damaged DOCX ({type(e).__name__})") from None
    paragraphs, heading = [], ""
    for paragraph in _paragraphs(document):
        text = paragraph.text.strip()
        if not text:
            continue
        paragraphs.append(text)
        style = paragraph.style.name if paragraph.style is not None else ""
        if not heading and style.startswith(("Heading", "Title")):
            heading = clean(text)
    props = document.core_properties
    when = props.created or props.modified
    return Extracted(
        "\n".join(paragraphs),
        title=clean(props.title or ""),
        heading=heading,
        date=when.isoformat() if when else "",
        author=clean(props.author or ""),
    )


def _paragraphs(document: Document) -> Iterator[Paragraph]:
    """Body paragraphs, then those in tables, in document order within each."""
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
