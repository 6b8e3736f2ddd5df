"""Where a document sits, for filters and facets: its folder, its date and its type.

They are written into the index with each document (see ``indexer.sync``), as
columns that search reads whole, so narrowing a search never scans the disk. The
field classes are pickled into every index by class path: moving or renaming
them makes existing indexes unreadable (damaged, to be rebuilt).
"""

import datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from whoosh.fields import ID, NUMERIC
from whoosh.formats import Format

from .formats import FORMATS

if TYPE_CHECKING:  # a type only: search processes need not load the document readers
    from .documents import Document

# The schema fields this module fills.
FIELDS = ("folder", "date", "type")
# The formats bahth indexes.
TYPES = tuple(sorted(set(FORMATS.values())))
EPOCH = datetime.date(1970, 1, 1)


class FolderField(ID):
    """A document's folder relative to the seeds ("" at the top): stored and a
    column, for facets; indexed as itself and every folder above it, so that
    ``folder:a`` finds the documents of a/b/c too."""

    format: Format

    def __init__(self) -> None:
        super().__init__(stored=True, sortable=True)

    # A list rather than ID's generator: Whoosh's callers only iterate it.
    def index(self, value: str, **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:  # type: ignore[override]
        parts = value.split("/") if value else []
        return [
            ("/".join(parts[:n]).encode("utf-8"), 1, self.format.field_boost, b"")
            for n in range(1, len(parts) + 1)
        ]


class DayField(NUMERIC):
    """A date as a day number (days since 1970-01-01): stored and a column.

    A query gives it as text (``date:2015-03-01..2015-03-31``), which
    search/filters.py reads; Whoosh's numeric parsing would refuse it.
    """

    def __init__(self) -> None:
        super().__init__(int, bits=32, stored=True, sortable=True)

    def self_parsing(self) -> bool:
        return False

    # The query's text as it is, for search/filters.py; NUMERIC's bytes otherwise.
    def process_text(  # type: ignore[override]
        self,
        text: str,
        mode: str = "",
        **kwargs: Any,
    ) -> tuple[str] | tuple[bytes]:
        return (text,) if mode == "query" else super().process_text(text, **kwargs)


def day_number(day: datetime.date) -> int:
    return (day - EPOCH).days


def day_of(mtime_ns: int, written: datetime.date | None = None) -> int:
    """A document's date as a day number: ``written`` (a datetime.date), where its
    format records one, else the local date of the file's modification time, as
    a directory listing shows it."""
    return day_number(written or datetime.date.fromtimestamp(mtime_ns / 1e9))


def iso_date(day: int) -> str:
    """A day number as YYYY-MM-DD."""
    return (EPOCH + datetime.timedelta(days=day)).isoformat()


def facet_fields(doc: "Document") -> dict[str, str | int]:
    """The values of FIELDS for a ``documents.Document``: its date is the one its
    format records (``doc.date``, ISO 8601), else its file's."""
    folder = PurePosixPath(doc.path).parent.as_posix()
    written = datetime.date.fromisoformat(doc.date[:10]) if doc.date else None
    return dict(
        folder="" if folder == "." else folder, date=day_of(doc.mtime_ns, written), type=doc.format
    )
