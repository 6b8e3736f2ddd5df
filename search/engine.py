"""Ranked, highlighted, paginated search over a bahth index."""
import html
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index

from . import query as queries
from .snippets import MarkFormatter, highlighters

MAX_PER_PAGE = 100
MAX_PAGE = 100
# Snippet of a document whose body holds no matched word: its opening.
LEAD_CHARS = 200


class IndexMissing(Exception):
    """There is no index to search yet."""


@dataclass
class Hit:
    path: str
    title: str
    score: float
    snippet: str
    title_snippet: str


@dataclass
class ResultPage:
    query: str
    page: int
    per_page: int
    total: int = 0
    hits: list = field(default_factory=list)
    took_ms: float = 0.0
    searchable: bool = True  # False: the query had no searchable word

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))


class Engine:
    """Searches the index in ``index_dir``, seeing each new commit on the next query.

    Every thread keeps its own searcher and opens a new one when the index's
    generation changes; Whoosh's ``Searcher.refresh()`` is not used because in the
    Whoosh continuations it can return deleted documents.
    """

    def __init__(self, index_dir, formatter=None):
        self.index_dir = Path(index_dir)
        self.formatter = formatter or MarkFormatter()
        self._title_hl, self._body_hl = highlighters(self.formatter)
        self._local = threading.local()

    def _index(self):
        if not index.exists_in(self.index_dir):
            raise IndexMissing(f"no index in {self.index_dir}: run `bahth index` first")
        return index.open_dir(self.index_dir)

    def searcher(self):
        """This thread's searcher, reopened if a writer has committed since."""
        local = self._local
        ix = getattr(local, "ix", None)
        if ix is None:
            ix = local.ix = self._index()
        generation = ix.latest_generation()
        if getattr(local, "generation", None) != generation:
            old = getattr(local, "searcher", None)
            local.ix = ix = self._index()
            local.searcher = ix.searcher()
            local.parser = queries.make_parser(ix.schema)
            local.generation = local.searcher.reader().generation()
            if old is not None:
                old.close()
        return local.searcher

    def document_count(self):
        return self.searcher().doc_count()

    def parse(self, text):
        self.searcher()
        return queries.parse(self._local.parser, text)

    def search(self, text, page=1, per_page=10):
        """One page of hits for ``text``. Raises ValueError for an out-of-range page."""
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise ValueError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        if not 1 <= page <= MAX_PAGE:
            raise ValueError(f"page must be between 1 and {MAX_PAGE}")
        start = time.perf_counter()
        result = ResultPage(query=text, page=page, per_page=per_page)
        searcher = self.searcher()
        # Not self.parse(): it could open a newer searcher and close this one.
        q = queries.parse(self._local.parser, text)
        if q is None:
            result.searchable = False
        else:
            hits = searcher.search(q, limit=page * per_page, terms=True)
            result.total = len(hits)
            first = (page - 1) * per_page
            result.hits = [self._hit(h) for h in hits[first:first + per_page]]
        result.took_ms = (time.perf_counter() - start) * 1000
        return result

    def _hit(self, hit):
        title = hit["title"]
        body = hit["body"]
        snippet = self._body_hl.highlight_hit(hit, "body", text=body, top=2)
        if not snippet:
            snippet = self.formatter._text(_lead(body))
        title_snippet = self._title_hl.highlight_hit(hit, "title", text=title) or self.formatter._text(title)
        return Hit(hit["path"], title, round(hit.score, 4), snippet, title_snippet)


def _lead(text):
    if len(text) <= LEAD_CHARS:
        return text
    cut = text.rfind(" ", 0, LEAD_CHARS)
    return text[: cut if cut > 0 else LEAD_CHARS] + " …"
