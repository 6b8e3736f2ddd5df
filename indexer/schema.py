"""The index's fields."""

from collections.abc import Iterable
from typing import Any

from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.formats import Positions

from .analysis import ArabicAnalyzer, arabic_analyzer
from .facets import DayField, FolderField


class ArabicText(TEXT):
    """TEXT whose postings come straight from the analyzer's term positions.

    Whoosh builds them from a stream of Token objects, one per word, through two
    generators. bahth's own writer (indexer/writer.py) takes the term positions
    from the analyzer itself; ``index`` is what Whoosh's writer calls, and is
    the reference the byte-for-byte test of that writer compares it with. The
    postings are the same as TEXT's (a test checks them). The schema is
    pickled into every index by class path: moving or renaming this class makes
    existing indexes unreadable (damaged, to be rebuilt).
    """

    analyzer: ArabicAnalyzer
    format: Positions

    # A list rather than TEXT's generator: Whoosh's callers only iterate it.
    def index(self, value: Any, **kwargs: Any) -> Iterable[tuple[bytes, int, float, bytes]]:  # type: ignore[override]
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        boost, encode = self.format.field_boost, self.format.encode
        return [
            (text.encode("utf-8"), len(where), len(where) * boost, encode(where))
            for text, where in self.analyzer.term_positions(value).items()
        ]


def make_schema(analyzer: ArabicAnalyzer | None = None, title_boost: float = 1.0) -> Schema:
    """Title and body share one analyzer; ``fingerprint`` drives incremental updates."""
    analyzer = analyzer or arabic_analyzer()
    return Schema(
        path=ID(stored=True, unique=True),
        # "<digest>:<size>:<mtime_ns>:<path>" as a column: an incremental run reads
        # every live document's state without loading stored text.
        fingerprint=ID(sortable=True),
        # The content hash, as a column, lets search collapse exact duplicates.
        digest=ID(sortable=True),
        title=ArabicText(analyzer=analyzer, stored=True, field_boost=title_boost),
        body=ArabicText(analyzer=analyzer, stored=True),
        # Where a document sits and what it is, for hits, filters and facets
        # (see indexer/facets.py): its folder, its date (the format's own, else
        # the file's), its format ("txt", "pdf", ... as indexer.formats names it).
        folder=FolderField(),
        date=DayField(),
        type=ID(stored=True, sortable=True),
        author=STORED,
    )
