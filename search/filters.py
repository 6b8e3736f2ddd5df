"""Narrowing a search by folder, date, type or document; ordering it by date; and
counting its matches per folder, year, month and type (facets).

Filters come from parameters (the page, the API, the CLI) and from the query
language (``folder:…``, ``type:…``, ``date:2015-03-01..2015-03-31``), and both
become Whoosh queries that ``Scorer.matching`` turns into a boolean mask over the
documents. Facets and date order read the index's columns (indexer/facets.py) as
arrays, once per segment, so counting is a few vector operations over the mask.
"""

import calendar
import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any, NamedTuple, TypedDict, TypeVar

import numpy as np
import numpy.typing as npt
from whoosh import query as wq
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from indexer.facets import EPOCH, TYPES, day_number

from .caches import ArrayCache, segment_key
from .heads import Heads
from .scoring import Mask, Ranked, Scored, Scorer, Terms

SORTS = ("relevance", "newest", "oldest")
# Fields a query may narrow by; path: searches inside one document.
FILTER_FIELDS = ("folder", "type", "date", "path")

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# The columns of recent segments; a segment never changes once written.
_COLUMNS = ArrayCache(16 * 1024 * 1024)


class FilterError(ValueError):
    """A filter or sort that cannot be applied; the message, in Arabic, says why."""


def _first_last(text: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day (datetime.date) of 2015, 2015-03 or 2015-03-01."""
    match = _DATE.fullmatch(text)
    # No match raises AttributeError; the pattern gives a day only with its month,
    # and a month only with its year.
    try:
        year, month, day = (int(g) if g else None for g in match.groups())  # type: ignore[union-attr]
        if day:
            first = last = datetime.date(year, month, day)  # type: ignore[arg-type]
        elif month:
            first = datetime.date(year, month, 1)  # type: ignore[arg-type]
            last = first.replace(day=calendar.monthrange(year, month)[1])  # type: ignore[arg-type]
        else:
            first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)  # type: ignore[arg-type]
    except (AttributeError, ValueError):  # no match, or no such day
        raise FilterError(f"التاريخ «{text}» غير صالح؛ اكتبه بالصيغة 2015-03-31.") from None
    return first, last


def parse_date(text: str) -> datetime.date:
    """A YYYY-MM-DD parameter as a datetime.date; FilterError if it is none."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise FilterError(f"التاريخ «{text}» غير صالح؛ اكتبه بالصيغة 2015-03-31.")
    return _first_last(text)[0]


def _ordered(
    since: datetime.date | None, until: datetime.date | None
) -> tuple[datetime.date | None, datetime.date | None]:
    if since and until and since > until:
        raise FilterError("تاريخ البداية بعد تاريخ النهاية.")
    return since, until


def folder_path(text: str) -> str:
    """A folder of the seeds tree as the index writes it (a/b), from what a person
    typed; FilterError for a path that leads outside it. Whether the folder exists
    is not checked: one that does not simply matches nothing."""
    text = text.strip()
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if text.startswith(("/", "~")) or "\\" in text or ".." in parts or re.match(r"[A-Za-z]:", text):
        raise FilterError(
            f"المجلد «{text}» ليس داخل مجلد المستندات؛ اكتب مساره منه، "
            "مثل «2015-03» أو «الرياض/محليات»."
        )
    return "/".join(parts)


def file_type(text: str) -> str:
    value = text.strip().lower().lstrip(".")
    if value not in TYPES:
        raise FilterError(f"النوع «{text}» غير معروف؛ الأنواع المعروفة: {'، '.join(TYPES)}.")
    return value


@dataclass(frozen=True)
class Narrow:
    """The filters and order of one search; ``parse`` reads them from text."""

    folder: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None
    type: str = ""
    path: str = ""
    sort: str = "relevance"

    @classmethod
    def parse(
        cls,
        folder: str = "",
        since: str = "",
        until: str = "",
        type: str = "",
        path: str = "",
        sort: str = "",
    ) -> "Narrow":
        """From parameters as given (empty: not given); raises FilterError."""
        if sort and sort not in SORTS:
            raise FilterError(f"الترتيب «{sort}» غير معروف؛ المتاح: {'، '.join(SORTS)}.")
        first, last = _ordered(
            parse_date(since) if since else None, parse_date(until) if until else None
        )
        return cls(
            folder_path(folder) if folder else "",
            first,
            last,
            file_type(type) if type else "",
            path.strip(),
            sort or "relevance",
        )

    @property
    def filtering(self) -> bool:
        """Whether any filter is given (a query of filters alone is answered)."""
        return any((self.folder, self.since, self.until, self.type, self.path))

    def args(self) -> dict[str, str]:
        """The parameters that give this Narrow again, for links and JSON."""
        return {
            f.name: str(getattr(self, f.name))
            for f in fields(self)
            if getattr(self, f.name) != f.default
        }

    @property
    def year(self) -> int | None:
        """The one year the date range lies in, if it does: its months are counted."""
        if self.since and self.until and self.since.year == self.until.year:
            return self.since.year
        return None

    def queries(self) -> list[wq.Query]:
        found: list[wq.Query] = []
        if self.folder:
            found.append(wq.Term("folder", self.folder))
        if self.since or self.until:
            found.append(
                DayRange(
                    day_number(self.since) if self.since else None,
                    day_number(self.until) if self.until else None,
                )
            )
        if self.type:
            found.append(wq.Term("type", self.type))
        if self.path:
            found.append(wq.Term("path", self.path))
        return found


EVERYTHING = Narrow()


class Columns(NamedTuple):
    """Every document's folder, date and type in one searcher, as arrays; names
    are coded as indexes into the sorted arrays of names ("folders", "types")."""

    folders: np.ndarray
    folder: np.ndarray
    tops: np.ndarray  # the top-level folders
    top: np.ndarray  # -1 for a document at the top of the seeds
    day: np.ndarray
    year: np.ndarray
    month: np.ndarray
    types: np.ndarray
    type: np.ndarray


# (folder names, their codes, days, type names, their codes) of one segment.
SegmentColumns = tuple[
    npt.NDArray[np.str_],
    npt.NDArray[np.int32],
    npt.NDArray[np.int32],
    npt.NDArray[np.str_],
    npt.NDArray[np.int32],
]


def _segment_columns(reader: IndexReader) -> SegmentColumns:
    """(folder names, their codes, days, type names, their codes) of one segment."""
    folders, folder = np.unique(
        np.array(list(reader.column_reader("folder")), str), return_inverse=True
    )
    types, type_ = np.unique(np.array(list(reader.column_reader("type")), str), return_inverse=True)
    day = np.fromiter(reader.column_reader("date"), np.int32)
    return folders, folder.astype(np.int32), day, types, type_.astype(np.int32)


def _recoded(
    parts: Sequence[SegmentColumns], at: int
) -> tuple[npt.NDArray[np.str_], npt.NDArray[np.int32]]:
    """Names and codes of all segments, recoded into one sorted array of names."""
    names, codes = np.unique(np.concatenate([p[at] for p in parts]), return_inverse=True)
    out, start = [], 0
    for p in parts:
        out.append(codes[start : start + len(p[at])][p[at + 1]])
        start += len(p[at])
    return names, np.concatenate(out).astype(np.int32)


def columns(searcher: Searcher) -> Columns:
    """The Columns of ``searcher``'s documents, deleted ones included."""
    leaves = [(s.reader(), offset) for s, offset in searcher.leaf_searchers()]
    key = tuple((segment_key(r), offset) for r, offset in leaves)
    return _COLUMNS.get(
        key,
        lambda: _columns(
            [
                _COLUMNS.get((segment_key(r),), lambda r=r: _segment_columns(r))  # type: ignore[misc]
                for r, _ in leaves
            ]
        ),
    )


def _columns(parts: Sequence[SegmentColumns]) -> Columns:
    if not parts or not sum(len(p[2]) for p in parts):
        empty = np.zeros(0, np.int32)
        return Columns(
            np.zeros(0, str),
            empty,
            np.zeros(0, str),
            empty,
            empty,
            empty,
            empty,
            np.zeros(0, str),
            empty,
        )
    folders, folder = _recoded(parts, 0)
    types, type_ = _recoded(parts, 3)
    day = np.concatenate([p[2] for p in parts])
    tops, top = np.unique([f.split("/")[0] for f in folders.tolist()], return_inverse=True)
    top = np.where(folders == "", -1, top)[folder].astype(np.int32)
    dates = day.astype("datetime64[D]")
    year = dates.astype("datetime64[Y]").astype(np.int32) + 1970
    month = dates.astype("datetime64[M]").astype(np.int32) % 12 + 1
    return Columns(folders, folder, tops, top, day, year, month.astype(np.int32), types, type_)


class DayRange(wq.Query):
    """The documents dated from day number ``first`` to ``last``, inclusive (None:
    open), read from the date column."""

    fieldname = "date"  # Whoosh's And and Or read it when they normalize

    def __init__(self, first: int | None, last: int | None) -> None:
        self.first, self.last = first, last

    def __eq__(self, other: object) -> bool:
        return type(other) is DayRange and (other.first, other.last) == (self.first, self.last)

    def __hash__(self) -> int:
        return hash((DayRange, self.first, self.last))

    def __repr__(self) -> str:
        return f"DayRange({self.first!r}, {self.last!r})"

    def mask(self, searcher: Searcher) -> Mask:
        day = columns(searcher).day
        inside = np.ones(len(day), bool)
        if self.first is not None:
            inside &= day >= self.first
        if self.last is not None:
            inside &= day <= self.last
        return inside

    # A list where Query.docs gives an iterator: Scorer.matching indexes a mask with it.
    def docs(self, searcher: Searcher) -> list[int]:  # type: ignore[override]
        """Deleted documents included: the scorer masks them out."""
        return np.flatnonzero(self.mask(searcher)).tolist()


def _date_query(text: str) -> DayRange:
    """``date:2015-03-01..2015-03-31`` (either end may be left open, or be a year or
    a month) or ``date:2015-03`` as a DayRange."""
    start, dots, end = text.partition("..")
    first: datetime.date | None
    last: datetime.date | None
    if not dots:
        first, last = _first_last(text)
    else:
        first = _first_last(start)[0] if start else None
        last = _first_last(end)[1] if end else None
        _ordered(first, last)
    return DayRange(day_number(first) if first else None, day_number(last) if last else None)


def _read_filter(node: wq.Query) -> wq.Query:
    """A filter field's node of a parsed query as it is searched; FilterError for
    a value that cannot be, or a pattern or phrase of one."""
    field = getattr(node, "fieldname", None)
    if field not in FILTER_FIELDS or isinstance(node, DayRange):
        return node
    if type(node) is not wq.Term:
        raise FilterError(f"«{field}:» يقبل قيمة كاملة، لا نمطًا ولا عبارة.")
    if field == "date":
        return _date_query(node.text)
    if field == "folder":
        return wq.Term("folder", folder_path(node.text))
    if field == "type":
        return wq.Term("type", file_type(node.text))
    return node


def _is_filter(q: wq.Query) -> bool:
    if getattr(q, "fieldname", None) in FILTER_FIELDS:
        return True
    children = list(q.children())
    return bool(children) and all(_is_filter(c) for c in children)


def _either(found: Iterable[wq.Query]) -> list[wq.Query]:
    """Filters beside each other: values of one field are alternatives (Whoosh has
    flattened ``(folder:a OR folder:b)`` into the words' OR), fields combine."""
    by_field: dict[object, list[wq.Query]] = {}
    for f in found:
        by_field.setdefault(getattr(f, "fieldname", None) or id(f), []).append(f)
    return [wq.Or(alike) if len(alike) > 1 else alike[0] for alike in by_field.values()]


def restrict(q: wq.Query | None) -> tuple[wq.Query | None, wq.Query | None]:
    """(the words of query ``q``, the filters typed in it: a query or None).

    Filters beside words or each other narrow them, whatever joins them at the
    top (OR is the default between words, and ``الأمطار folder:2015`` means the
    rain of 2015), several values of one field being alternatives; so do
    filters beside an exclusion (``-بوتين folder:2015``, which Whoosh reads as
    the folder AND NOT بوتين). Joined to words by AND or NOT, or in brackets,
    they combine as written. A query of filters alone has no words: None.
    Raises FilterError.
    """
    if q is None:
        return None, None
    q = q.accept(_read_filter)
    if type(q) is wq.AndNot:
        words, typed = _split(q.a)
        q = wq.Not(q.b) if words is None else wq.AndNot(words, q.b)
    else:
        q, typed = _split(q)
    return q, _all(typed)


def _split(q: wq.Query) -> tuple[wq.Query | None, list[wq.Query]]:
    """(the words of ``q``, the filters beside them at its top)."""
    if type(q) is wq.Or:
        words = wq.Or([c for c in q.subqueries if not _is_filter(c)]).normalize()
        typed = _either(c for c in q.subqueries if _is_filter(c))
        return (None if words is wq.NullQuery else words), typed
    if _is_filter(q):
        return None, [q]
    return q, []


def narrowed(typed: wq.Query | None, narrow: Narrow = EVERYTHING) -> wq.Query | None:
    """The filter of a search: ``narrow``'s and those ``typed`` in the query
    (``restrict``), all required; None if there is none."""
    return _all(narrow.queries() + _parts(typed))


def _all(parts: list[wq.Query]) -> wq.Query | None:
    return wq.And(parts).normalize() if parts else None


def _parts(narrowing: wq.Query | None) -> list[wq.Query]:
    """The filters all of which ``narrowing`` (from ``_all``) requires."""
    if narrowing is None:
        return []
    return list(narrowing.subqueries) if type(narrowing) is wq.And else [narrowing]


def implied(narrowing: wq.Query | None, sort: str = "relevance") -> Narrow:
    """The Narrow that the filter query ``narrowing`` (from ``restrict``) comes to
    where it requires one value of a field: a folder (the deepest, if several),
    dates (the days all its ranges share), a type, a document. Facets count the
    subfolders and months it implies, and the page shows it as chips, whether a
    filter was typed in the query or given as a parameter. Alternatives
    (``folder:a OR folder:b``) and exclusions imply nothing."""
    found: dict[str, Any] = {"sort": sort}
    for part in _parts(narrowing):
        if isinstance(part, DayRange):
            found["since"] = _bound(found.get("since"), part.first, max)
            found["until"] = _bound(found.get("until"), part.last, min)
        elif (
            type(part) is wq.Term
            and part.fieldname in ("folder", "type", "path")
            and len(part.text) > len(found.get(part.fieldname, ""))
        ):
            found[part.fieldname] = part.text
    return Narrow(**found)


def _bound(
    date: datetime.date | None,
    day: int | None,
    tighter: Callable[[datetime.date, datetime.date], datetime.date],
) -> datetime.date | None:
    """The tighter of ``date`` (a datetime.date or None) and day number ``day``."""
    if day is None:
        return date
    bound = EPOCH + datetime.timedelta(days=day)
    return bound if date is None else tighter(date, bound)


_TYPED = r"(?<![^\s(]){}:[^\s)]+"


def untyped(text: str, field: str) -> str:
    """The query ``text`` without the ``field:value`` filters typed in it (not the
    ``-field:value`` exclusions): what a chip that removes a typed filter links to."""
    return " ".join(re.sub(_TYPED.format(re.escape(field)), " ", text).split())


def listed(scorer: Scorer, found: Mask, limit: int, sort: str) -> tuple[int, Ranked]:
    """(total, [(docnum, 0.0)]) for the first ``limit`` documents of the mask
    ``found`` by date (``sort`` "oldest", else newest first), for a query of
    filters alone: there is no relevance to order by."""
    docs = np.flatnonzero(found & scorer.live)
    day = columns(scorer.searcher).day[docs]
    order = np.lexsort((docs, day if sort == "oldest" else -day))
    return len(docs), scorer.collapse(docs[order], np.zeros(scorer.size), limit)


def within(scorer: Scorer, narrowing: wq.Query | None) -> Mask | None:
    """The boolean mask of the documents the filter query ``narrowing`` (from
    ``restrict``) lets through, or None for no filter. Date ranges are compared
    on the column directly rather than listed for ``Scorer.matching``."""
    if narrowing is None:
        return None
    if isinstance(narrowing, DayRange):
        return narrowing.mask(scorer.searcher)
    if type(narrowing) is wq.And:
        # within() of a subquery is never None.
        return np.logical_and.reduce([within(scorer, c) for c in narrowing.subqueries])  # type: ignore[arg-type]
    return scorer.matching(narrowing)


def ranked(
    scorer: Scorer,
    q: wq.Query,
    terms: Terms,
    scored: Scored,
    limit: int,
    heads: Heads | None,
    sort: str,
) -> tuple[int, Ranked]:
    """(total, [(docnum, score)]) for the first ``limit`` matches in ``sort``
    order; ``scored`` is ``scorer.scored(...)``. By date, equal dates keep the
    order of relevance, and exact duplicates are collapsed as by relevance."""
    if sort == "relevance":
        return scorer.top(q, terms, limit, heads, scored)
    scores = scored[0]
    found = np.flatnonzero(scores)
    day = columns(scorer.searcher).day[found]
    order = np.lexsort((found, -scores[found], -day if sort == "newest" else day))
    return len(found), scorer.collapse(found[order], scores, limit)


Name = TypeVar("Name", str, int)


class FacetEntry(TypedDict):
    value: str
    count: int


# {"folder": [...], "year": [...], "month": [...], "type": [...]}
Facets = dict[str, list[FacetEntry]]


def _counted(
    names: Iterable[Name], codes: npt.NDArray[np.int32], found: Mask, minlength: int = 0
) -> list[tuple[Name, int]]:
    counts = np.bincount(codes[found & (codes >= 0)], minlength=minlength)
    return [(name, int(n)) for name, n in zip(names, counts.tolist()) if n]


def _entries(pairs: Iterable[tuple[Name, int]], by_count: bool = True) -> list[FacetEntry]:
    if by_count:
        pairs = sorted(pairs, key=lambda p: (-p[1], p[0]))
    return [{"value": str(value), "count": count} for value, count in pairs]


def facets(searcher: Searcher, found: Mask, narrow: Narrow = EVERYTHING) -> Facets:
    """The counts of the documents in ``found`` (a boolean mask): per top-level
    folder, or per subfolder of ``narrow.folder``; per year, and per month of
    ``narrow.year``; per type. ``{"folder": [{"value", "count"}], "year",
    "month", "type"}``, the most frequent first (years newest first, months in
    order)."""
    c = columns(searcher)
    if narrow.folder:
        inside = narrow.folder + "/"
        subfolders: dict[str, int]
        subfolders, child = {}, np.full(len(c.folders), -1, np.int32)
        for i, name in enumerate(c.folders.tolist()):
            if name.startswith(inside):
                sub = inside + name[len(inside) :].split("/")[0]
                child[i] = subfolders.setdefault(sub, len(subfolders))
        names = list(subfolders)
        folder = _counted(names, child[c.folder], found)
    else:
        folder = _counted(c.tops.tolist(), c.top, found)
    low = int(c.year[found].min()) if found.any() else 0
    years = _counted(range(low, low + 10_000), c.year - low, found)
    months = []
    if narrow.year:
        months = _counted(
            [f"{narrow.year}-{m:02d}" for m in range(13)], c.month, found & (c.year == narrow.year)
        )
    return {
        "folder": _entries(folder),
        "year": _entries(sorted(years, reverse=True), by_count=False),
        "month": _entries(months, by_count=False),
        "type": _entries(_counted(c.types.tolist(), c.type, found)),
    }
