"""Ranked, highlighted, paginated search over a bahth index."""

import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from whoosh.index import FileIndex
from whoosh.query import Query
from whoosh.searching import Searcher

from indexer.arabic.chain import Chain, Step
from indexer.facets import iso_date
from indexer.formats import PAGE_BREAK
from indexer.store import IndexDamaged, exists, open_existing
from indexer.whoosh_seam import Formatter

from . import abroad, filters, keyboard, query as queries
from .complete import DEFAULT as COMPLETIONS, Completer, Completion
from .heads import Heads
from .inside import numbered
from .lane import Lane
from .neardup import Shingler, fold
from .ranking import Policy, Ranking
from .scoring import Mask, Ranked, Scorer, Terms
from .similar import similar
from .snippets import MarkFormatter, mark_all, page_of_passage, passages
from .suggest import (
    FEW_HITS,
    RARE_DOCS,
    Lane as Candidates,
    prepare,
    suggest_for,
    unknown,
    widened,
)

# Long queries that may wait while another runs (see search/lane.py); a server
# needs more request threads than this.
WAITING = 8
# Tries at opening the newest index generation while writers replace it.
OPEN_ATTEMPTS = 5
PER_PAGE = 10
SIMILAR = 5
# Documents ranked beyond a page's last, for near-duplicates folded into its hits.
FOLD_SPARE = 10
MAX_PER_PAGE = 100
MAX_PAGE = 100
# A page that ends past this many hits takes its turn with long queries: each
# of the documents ranked above it is read and compared for copies (up to
# neardup.FOLDED of them, 0.8 s), where the first pages read a few dozen.
DEEP = 300
# Where copies fill a page's first ranks, it ranks this many times more, up to the
# documents the deepest page ranks (the cost of a page is never more than that).
FOLD_GROWTH = 4
MOST_RANKED = MAX_PAGE * MAX_PER_PAGE + FOLD_SPARE
# Snippet of a document whose body holds no matched word: its opening.
LEAD_CHARS = 200
# A hit's title is shown up to this many characters: a file that is one line of
# 16 MiB is all title, which every search it matched would mark and send whole.
TITLE_CHARS = 300


# A document's stored fields by its number.
Stored = Callable[[int], dict[str, Any]]


def takes_turns(text: str, page: int, per_page: int) -> bool:
    """Whether a page of results for ``text`` waits its turn with long queries
    (search/lane.py): a long query's, or a page that ends past DEEP hits."""
    return queries.is_long(text) or page * per_page > DEEP


class IndexMissing(Exception):
    """There is no index to search yet."""


@dataclass
class Hit:
    path: str
    title: str
    score: float
    snippet: str
    title_snippet: str
    format: str = "txt"
    date: str = ""  # ISO 8601
    page: int | None = None  # of the snippet, in a format with pages
    # Near-duplicates folded into this hit: [(path, title)], best ranked first.
    copies: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ResultPage:
    query: str
    page: int
    per_page: int
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    took_ms: float = 0.0
    searchable: bool = True  # False: the query had no searchable word, and no filter
    # False: the query has no word to rank by (filters alone, or words only
    # excluded: -بوتين), and lists every document it lets through by date.
    ranked: bool = True
    sort: str = "relevance"  # the order the hits are in
    # The filters the query typed, where each requires one value (filters.implied):
    # what the page shows as chips that remove them from the query.
    typed: filters.Narrow = filters.EVERYTHING
    # Counts of all matches per folder, year, month and type (see filters.facets).
    facets: filters.Facets = field(default_factory=dict)
    # Hits once near-duplicates are folded, where every match was ranked to fill
    # the page (None: more than the page needed).
    distinct: int | None = None
    # The hits' titles and bodies, as stored: how the documents found write the
    # query's words.
    texts: list[str] = field(default_factory=list, repr=False)
    # The query as typed, when it found nothing, or had words no document holds
    # (``unknown``), and these are the hits of the query «did you mean» made of
    # it (``query``; see Engine.answer).
    corrected_from: str | None = None
    unknown: list[str] = field(default_factory=list)
    # The query «did you mean» made of ``query`` as typed, when that found only a
    # few documents: these are the hits of both (see Engine.answer).
    included: str | None = None

    @property
    def pages(self) -> int:
        shown = self.total if self.distinct is None else self.distinct
        return max(1, -(-shown // self.per_page))


@dataclass
class ShownDocument:
    """One whole document as HTML: matched words marked and numbered (search/inside.py),
    the rest escaped."""

    path: str
    title: str
    body: str
    format: str = "txt"
    date: str = ""
    author: str = ""
    matches: int = 0  # marked, title and body
    more: bool = False  # more matched than inside.MAX_MARKS, which are marked

    @property
    def pages(self) -> list[list[str]]:
        """[[paragraph, ...], ...]: one list per page (one in all for a format
        without pages). Marks never span a line or page break (they wrap single
        words), so splitting the formatted body keeps every paragraph's markup whole."""
        return [
            [line for line in page.split("\n") if line.strip()]
            for page in self.body.split(PAGE_BREAK)
        ]


class _View:
    """One index generation as a thread sees it: searcher, parser and scorer."""

    def __init__(self, ix: FileIndex, policy: Policy) -> None:
        self.searcher = ix.searcher()
        self.generation = self.searcher.reader().generation()
        # The searcher's own schema: ix.schema would read the newest table of
        # contents, which a writer may have replaced (and deleted) meanwhile.
        schema = self.searcher.schema
        self.parser = queries.make_parser(schema)
        self.policy = policy
        self._scorers: dict[Ranking, Scorer] = {}
        self.chain: Chain = schema["body"].analyzer.chain
        self.term_of: Step = self.chain.term
        self.shingles = Shingler(self.searcher, self.term_of)

    @cached_property
    def home(self) -> str | None:
        """The adjective of the collection's own country (search/abroad.py)."""
        return abroad.home(
            lambda term: self.searcher.doc_frequency("body", term),  # type: ignore[attr-defined]  # copied from its reader
            self.term_of,
        )

    def scorer(self, text: str) -> Scorer:
        """The scorer for a query ``text``: questions and keywords rank differently."""
        ranking = self.policy.for_query(text)
        if ranking not in self._scorers:
            shared = next((s.variants for s in self._scorers.values()), None)
            self._scorers[ranking] = Scorer(self.searcher, ranking, shared)
        return self._scorers[ranking]


class Engine:
    """Searches the index in ``index_dir``, seeing each new commit on the next query.

    Every thread keeps its own view and opens a new one when the index's generation
    changes; Whoosh's ``Searcher.refresh()`` is not used because in the Whoosh
    continuations it can return deleted documents.
    """

    def __init__(
        self,
        index_dir: str | Path,
        formatter: Formatter | None = None,
        ranking: Policy | Ranking | None = None,
        fold: bool = True,
    ) -> None:
        """``ranking``: a Policy, or one Ranking for every query (by default the
        Policy that ranks questions and keywords each their own way); ``fold``:
        near-duplicates folded into the best-ranked copy (search/neardup.py)."""
        self.index_dir = Path(index_dir)
        self.policy = ranking if isinstance(ranking, Policy) else Policy.only(ranking)
        self.formatter = formatter or MarkFormatter()
        self._local = threading.local()
        self._long = Lane(WAITING)
        self.fold = fold
        self.completer = Completer(self.index_dir)

    def _index(self) -> FileIndex:
        if not exists(self.index_dir):
            raise IndexMissing(f"no index in {self.index_dir}: run `bahth index` first")
        return open_existing(self.index_dir)

    def view(self) -> _View:
        """This thread's view of the index, reopened if a writer has committed since."""
        local = self._local
        ix = getattr(local, "ix", None) or self._index()
        view = getattr(local, "view", None)
        if view is None or view.generation != ix.latest_generation():
            new = self._open_view()
            if view is not None:
                view.searcher.close()
            local.ix, local.view = new
        return local.view

    def _open_view(self) -> tuple[FileIndex, _View]:  # type: ignore[return]  # the last try raises
        """(index, view) of the newest generation. A commit landing while it is
        opened can delete the files it was about to read, which looks like damage
        for a moment: then it tries again."""
        for attempt in range(OPEN_ATTEMPTS):
            try:
                ix = self._index()
                return ix, _View(ix, self.policy)
            except (FileNotFoundError, IndexDamaged):
                if attempt == OPEN_ATTEMPTS - 1:
                    raise
                time.sleep(0.01)

    def searcher(self) -> Searcher:
        return self.view().searcher

    def close(self) -> None:
        """Closes this thread's view; the next call opens the newest one."""
        view = getattr(self._local, "view", None)
        if view is not None:
            view.searcher.close()
            self._local.view = None

    def document_count(self) -> int:
        return self.view().searcher.doc_count()

    def search(
        self,
        text: str,
        page: int = 1,
        per_page: int = PER_PAGE,
        narrow: filters.Narrow = filters.EVERYTHING,
    ) -> ResultPage:
        """One page of hits for ``text``, narrowed and ordered by ``narrow`` (a
        filters.Narrow). Raises ValueError for an out-of-range page,
        filters.FilterError for a filter in ``text`` that cannot be applied, and
        lane.Busy when too many long queries wait for their turn."""
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise ValueError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        if not 1 <= page <= MAX_PAGE:
            raise ValueError(f"page must be between 1 and {MAX_PAGE}")
        with self._long() if takes_turns(text, page, per_page) else nullcontext():
            return self._search(text, page, per_page, narrow)

    def taking_turns(self) -> AbstractContextManager[None]:
        """The turn a long query waits for (search/lane.py), for a caller that
        answers one elsewhere; raises lane.Busy when too many wait."""
        return self._long()

    def answer(
        self,
        text: str,
        page: int = 1,
        per_page: int = PER_PAGE,
        narrow: filters.Narrow = filters.EVERYTHING,
        candidates: Candidates | None = None,
    ) -> tuple[ResultPage, str | None]:
        """What a search box answers: ``search``'s page for ``text`` and its «did
        you mean» (``suggestion``), unless ``text`` finds few documents and the
        suggestion more, as web search engines answer a misspelt or wrong-keyboard
        query: when ``text`` finds nothing, or has a word no document holds
        (``unknown``: the rest found all it found), the suggestion's page, its
        ``corrected_from`` the query as typed; when it finds fewer than FEW_HITS,
        or has a word RARE_DOCS documents at most hold (a slip someone else made
        too: «تحفيض القرآن»), the page of ``text`` and the suggestion's words
        together (``widened``), its ``included`` the suggestion; either with no
        suggestion.
        ``candidates``: see ``suggestion``."""
        result = self.search(text, page, per_page, narrow)
        suggestion = self.suggestion(result, candidates)
        searcher = self.view().searcher
        missing = unknown(searcher, text) if suggestion and result.total else []
        scarce = bool(suggestion and result.total and unknown(searcher, text, RARE_DOCS))
        wider = self._wider(text, result, suggestion, bool(missing), scarce)
        if wider is None:
            return result, suggestion
        answered = self.search(wider, page, per_page, narrow)
        if answered.total <= result.total and not missing:
            return result, suggestion
        if result.total and not missing:
            answered.included = suggestion
        else:
            answered.corrected_from, answered.unknown = text, missing
        return answered, None

    def answered_query(self, text: str) -> str:
        """The query whose hits ``answer`` shows for ``text`` (for evaluation)."""
        return self.answer(text)[0].query

    @staticmethod
    def _wider(
        text: str, result: ResultPage, suggestion: str | None, missing: bool, scarce: bool
    ) -> str | None:
        """What to search instead of ``text``, which found ``result``, given its
        ``suggestion``: nothing found, or a word (``missing``) in no document, the
        suggestion; a few found, or a word in a document or two (``scarce``), both."""
        if suggestion is None:
            return None
        if not result.total or missing:
            return suggestion
        return widened(text, suggestion) if result.total < FEW_HITS or scarce else None

    def _search(self, text: str, page: int, per_page: int, narrow: filters.Narrow) -> ResultPage:
        start = time.perf_counter()
        result = ResultPage(query=text, page=page, per_page=per_page)
        view = self.view()
        parsed = queries.parse(view.parser, text)
        q, typed = filters.restrict(parsed)
        narrowing = filters.narrowed(typed, narrow)
        result.typed = filters.implied(typed)
        if q is None and narrowing is None:
            result.searchable = False
        else:
            self._found(view, text, q, narrowing, narrow, result)
        result.took_ms = (time.perf_counter() - start) * 1000
        return result

    def _found(
        self,
        view: _View,
        text: str,
        q: Query | None,
        narrowing: Query | None,
        narrow: filters.Narrow,
        result: ResultPage,
    ) -> None:
        """Fills ``result`` with the page of hits for the words ``q`` (None: the
        filters alone) within the filter ``narrowing``, and the facets."""
        # The best documents are read for the as-typed bonus and again as hits:
        # each is read and unpickled once per query. (Searcher copies stored_fields
        # from its reader, where type checkers do not see it.)
        stored = cache(view.searcher.stored_fields)  # type: ignore[attr-defined]
        first = (result.page - 1) * result.per_page
        terms, found, rank = self._ranked(view, text, q, narrowing, narrow, result, stored)
        groups = self._groups(rank, view, result, first + result.per_page)
        result.facets = filters.facets(
            view.searcher, found, filters.implied(narrowing, narrow.sort)
        )
        for docnum, score, copies in groups[first : first + result.per_page]:
            fields = stored(docnum)
            result.hits.append(self._hit(view, fields, score, terms))
            result.hits[-1].copies = [(stored(d)["path"], stored(d)["title"]) for d in copies]
            result.texts += (fields["title"], fields["body"])

    def _groups(
        self,
        rank: Callable[[int], Ranked],
        view: _View,
        result: ResultPage,
        wanted: int,
    ) -> list[tuple[int, float, list[int]]]:
        """[(docnum, score, copies)]: at least ``wanted`` hits with near-duplicates
        folded, unless fewer match, from ``rank(limit)``, the first ``limit``
        documents ranked. Copies of the page's hits are looked for FOLD_SPARE
        ranks past its end; a story republished by twenty newspapers folds into
        one hit, so those ranks may not fill the page: then more are ranked."""
        limit = wanted + FOLD_SPARE
        while True:
            ranked = rank(limit)
            if not self.fold:
                return [(*r, []) for r in ranked]
            groups = fold(ranked, view.shingles)
            if len(ranked) < limit:
                result.distinct = len(groups)
                return groups
            if len(groups) >= wanted or limit >= MOST_RANKED:
                return groups
            limit = min(limit * FOLD_GROWTH, MOST_RANKED)

    def _ranked(
        self,
        view: _View,
        text: str,
        q: Query | None,
        narrowing: Query | None,
        narrow: filters.Narrow,
        result: ResultPage,
        stored: Stored,
    ) -> tuple[Terms, Mask, Callable[[int], Ranked]]:
        """(the query's terms, the mask of all matches, a function of ``limit``
        giving the first ``limit`` [(docnum, score)]); sets ``result``'s order, and
        its total when the function is called. The matches are scored once,
        however many times the function ranks them."""
        scorer = view.scorer(text)
        if q is None or not scorer.ranks(q):
            # No word to rank by (filters alone, or words only excluded: -بوتين):
            # every document let through, by date.
            within = filters.within(scorer, narrowing)
            found = scorer.live if within is None else within & scorer.live
            if q is not None:
                found = found & (scorer.scored(q, {})[0] > 0)
            result.ranked, result.sort = False, "oldest" if narrow.sort == "oldest" else "newest"

            def listed(limit: int) -> Ranked:
                result.total, ranked = filters.listed(scorer, found, limit, result.sort)
                return ranked

            return {}, found, listed
        terms = scorer.query_terms(q)
        scored = scorer.scored(q, terms, filters.within(scorer, narrowing))
        heads = self._heads(view, scorer, text, stored)
        result.sort = narrow.sort

        def ranked(limit: int) -> Ranked:
            result.total, found = filters.ranked(
                scorer, q, terms, scored, limit, heads, narrow.sort
            )
            return found

        return terms, scored[0] > 0, ranked

    def suggestion(self, result: ResultPage, candidates: Candidates | None = None) -> str | None:
        """«Did you mean» for the ResultPage this thread's last search returned,
        from the view it was found in: the query as the other keyboard layout
        types it (search/keyboard.py), or its misspelled words mended; None for
        a query with no word to rank by (filters alone, -word), which has none to mend.
        Spelling candidates are looked for in ``candidates`` (the lane long
        queries take turns in, unless given; see suggest.suggest_for)."""
        if not result.ranked:
            return None
        view = self._local.view

        def documents(word: str) -> int | None:
            term = view.term_of(word)
            if term is None:
                return None
            return sum(view.searcher.doc_frequency(f, term) for f in queries.FIELDS)

        return (result.searchable and keyboard.suggestion(result.query, documents)) or suggest_for(
            view.searcher, result, candidates or self._long
        )

    def prepare_suggestions(self) -> None:
        """Reads ahead what the first «did you mean» would wait for (see suggest.prepare)."""
        prepare(self.searcher())

    def complete(self, text: str, n: int = COMPLETIONS) -> list[Completion]:
        """Completions of the word being typed at the end of ``text`` (search/complete.py)."""
        return self.completer.complete(self.view(), text, n)

    def similar(self, path: str, n: int = SIMILAR) -> list[Hit] | None:
        """Hits for the ``n`` documents most like the one stored under ``path``
        (search/similar.py), or None if there is none; snippets mark the terms
        that made them alike."""
        view = self.view()
        docnum = view.searcher.document_number(path=path)
        if docnum is None:
            return None
        # Ranked as keywords: the terms chosen are a document's keywords.
        ranked, terms = similar(
            view.scorer(""),
            view.searcher.schema["body"].analyzer,
            docnum,
            view.searcher.stored_fields(docnum),  # type: ignore[attr-defined]
            n,
            view.shingles,
        )
        return [
            self._hit(view, view.searcher.stored_fields(d), score, terms)  # type: ignore[attr-defined]
            for d, score in ranked
        ]

    def rank(self, text: str, limit: int = 100) -> list[str]:
        """The paths of the best ``limit`` documents, without snippets (for evaluation)."""
        view = self.view()
        q = queries.parse(view.parser, text)
        if q is None:
            return []
        scorer = view.scorer(text)
        stored = cache(view.searcher.stored_fields)  # type: ignore[attr-defined]
        _, ranked = scorer.top(
            q, scorer.query_terms(q), limit, self._heads(view, scorer, text, stored)
        )
        return [stored(d)["path"] for d, _ in ranked]

    @staticmethod
    def _heads(view: _View, scorer: Scorer, text: str, stored: Stored) -> Heads | None:
        """The best documents' opening text for ``Scorer.top``, where its ranking
        reads it; ``stored(docnum)`` reads a document's fields."""
        if not (scorer.ranking.exact or scorer.ranking.centroid):
            return None
        return Heads(text, stored, view.chain, view.home, scorer.variants.known)

    def document(self, path: str, text: str | None = None) -> ShownDocument | None:
        """The indexed document stored under ``path``, or None; only the index is read.

        With a query ``text``, the words that match it are marked throughout (up
        to inside.MAX_MARKS) and numbered, found as search finds them for snippets.
        """
        with self._long() if text and queries.is_long(text) else nullcontext():
            return self._document(path, text)

    def _document(self, path: str, text: str | None) -> ShownDocument | None:
        view = self.view()
        stored = view.searcher.document(path=path)
        if stored is None:
            return None
        q = queries.parse(view.parser, text) if text else None
        terms = view.scorer(text).query_terms(q) if q is not None else {}  # type: ignore[arg-type]  # q is text's
        (title, body), matches, more = numbered(
            [(stored[f], _field_terms(terms, f)) for f in ("title", "body")], view.term_of
        )
        return ShownDocument(
            path,
            title,
            body,
            stored["type"],
            iso_date(stored["date"]),
            stored["author"],
            matches,
            more,
        )

    def _hit(self, view: _View, fields: dict[str, Any], score: float, terms: Terms) -> Hit:
        title, body = _lead(fields["title"], TITLE_CHARS), fields["body"]
        snippet = passages(body, _field_terms(terms, "body"), view.term_of, self.formatter)
        title_snippet = mark_all(title, _field_terms(terms, "title"), view.term_of, self.formatter)
        return Hit(
            fields["path"],
            title,
            round(score, 4),
            snippet or self.formatter.plain(_lead(body)),
            title_snippet,
            fields["type"],
            iso_date(fields["date"]),
            page_of_passage(body, _field_terms(terms, "body"), view.term_of),
        )


def _field_terms(terms: Terms, field: str) -> set[str]:
    return {t for t, fields in terms.items() if field in fields}


def _lead(text: str, chars: int = LEAD_CHARS) -> str:
    if len(text) <= chars:
        return text
    cut = text.rfind(" ", 0, chars)
    return text[: cut if cut > 0 else chars] + " …"
