"""The index's fields."""
from whoosh.fields import ID, TEXT, Schema

from .analysis import arabic_analyzer


def make_schema(analyzer=None, title_boost=1.0):
    """Title and body share one analyzer; ``fingerprint`` drives incremental updates."""
    analyzer = analyzer or arabic_analyzer()
    return Schema(
        path=ID(stored=True, unique=True),
        # "<digest>:<size>:<mtime_ns>:<path>" as a column: an incremental run reads
        # every live document's state without loading stored text.
        fingerprint=ID(sortable=True),
        # The content hash, as a column, lets search collapse exact duplicates.
        digest=ID(sortable=True),
        title=TEXT(analyzer=analyzer, stored=True, field_boost=title_boost),
        body=TEXT(analyzer=analyzer, stored=True),
    )
