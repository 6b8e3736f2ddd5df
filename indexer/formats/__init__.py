"""Readers for the formats people keep documents in, one module per format.

A reader turns a file into ``Extracted`` text; ``indexer.documents`` makes a
Document of it. Text formats (.txt, Markdown) are read in the indexing process;
the others in a child process bounded in time and memory (``isolate``), because
PDF, ZIP and XML parsers can be made to hang or to swallow memory by a hostile file.
"""

from collections.abc import Callable
from dataclasses import dataclass

# Suffix (lower case) -> format name, as hits report it.
FORMATS = {
    ".txt": "txt",
    ".pdf": "pdf",
    ".docx": "docx",
    ".odt": "odt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "md",
    ".markdown": "md",
    ".epub": "epub",
}

# What a download of an original file is served as.
MEDIA_TYPES = {
    "txt": "text/plain",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "html": "text/html",
    "md": "text/markdown",
    "epub": "application/epub+zip",
}

# Pages of a PDF read at most, as a .txt file is read up to a size: a 5,000-page
# PDF is cut and reported, and memory stays bounded.
MAX_PAGES = 2000
# Bytes of an HTML page read at most.
MAX_HTML_BYTES = 64 * 1024 * 1024

# Pages of a paged format are separated by this character in a document's body:
# analysis reads it as a space, and the page of any offset is the count before it.
PAGE_BREAK = "\f"


class Unreadable(Exception):
    """A file a reader cannot take; the message is the one-line reason."""


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str = ""  # from the file's metadata
    heading: str = ""  # the first heading, the next choice for a title
    date: str = ""  # ISO 8601, from the file's metadata
    author: str = ""
    truncated: bool = False


def cut_reason(fmt: str | None, max_text_bytes: int) -> str:
    """What a report says of a file of ``fmt`` that was cut."""
    if fmt == "pdf":
        return f"only its first {MAX_PAGES} pages are indexed"
    limit = MAX_HTML_BYTES if fmt == "html" else max_text_bytes
    return f"only its first {limit // 2**20} MiB are indexed"


def format_of(name: str) -> str | None:
    """The format of a file name, or None if bahth does not read it."""
    dot = name.rfind(".")
    return FORMATS.get(name[dot:].lower()) if dot > 0 else None


# Formats read in the child process.
CONVERTED = {"pdf", "docx", "odt", "html", "epub"}


def reader(fmt: str) -> Callable[..., "Extracted"]:
    """The function ``read(path) -> Extracted`` of a format in CONVERTED."""
    # Imported here: only the child process that reads these formats needs them.
    from . import docx, epub, html, odt, pdf

    return {
        "pdf": pdf.read,
        "docx": docx.read,
        "odt": odt.read,
        "html": html.read,
        "epub": epub.read,
    }[fmt]
