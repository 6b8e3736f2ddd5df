"""The facets, active-filter chips and sort links beside a results page: each a
link to the same search with one filter added, removed or the order changed."""

import calendar
from dataclasses import dataclass

from flask import url_for

from search.filters import untyped

from .numerals import number

MONTHS = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
SORTS = {"relevance": "الأنسب", "newest": "الأحدث", "oldest": "الأقدم"}
# Values shown per facet; the rest are counted, in the API, but not listed.
SHOWN = 12


@dataclass
class Link:
    label: str
    url: str
    count: int = 0
    current: bool = False


def _url(q, args, **changes):
    """The results page for ``q`` with ``args`` changed (None removes one); a new
    filter starts again at page 1."""
    merged = {k: v for k, v in {**args, **changes}.items() if v is not None}
    return url_for("pages.results", q=q, **merged)


def _year(value):
    return {"since": f"{value}-01-01", "until": f"{value}-12-31"}


def _month(value):
    year, month = map(int, value.split("-"))
    last = calendar.monthrange(year, month)[1]
    return {"since": f"{value}-01", "until": f"{value}-{last:02d}"}


def _month_label(value):
    year, month = map(int, value.split("-"))
    return f"{MONTHS[month - 1]} {number(year).replace('٬', '')}"


def facet_groups(q, args, facets):
    """[(heading, [Link])] for the page's side panel, with counts."""
    groups = []
    for name, heading, label, changes in (
        ("folder", "المجلد", str, lambda v: {"folder": v}),
        ("year", "السنة", lambda v: number(int(v)).replace("٬", ""), _year),
        ("month", "الشهر", _month_label, _month),
        ("type", "النوع", str, lambda v: {"type": v}),
    ):
        links = [
            Link(label(e["value"]), _url(q, args, **changes(e["value"])), e["count"])
            for e in facets.get(name, [])[:SHOWN]
        ]
        if links:
            groups.append((heading, links))
    return groups


def chips(q, args, narrow, typed):
    """A Link per active filter, that removes it: from the parameters for those
    of ``narrow``, from the query's text for those it typed (``typed``)."""
    return [
        Link(label, _url(q, args, **{name: None for name in names}))
        for label, _, names in _labels(narrow)
    ] + [Link(label, _url(untyped(q, field), args)) for label, field, _ in _labels(typed)]


def _labels(narrow):
    """(label, query field, parameters) for each filter of ``narrow``."""
    found = []
    if narrow.folder:
        found.append((f"المجلد: {narrow.folder}", "folder", ["folder"]))
    if narrow.since or narrow.until:
        span = " – ".join(d.isoformat() if d else "…" for d in (narrow.since, narrow.until))
        found.append((f"التاريخ: {span}", "date", ["since", "until"]))
    if narrow.type:
        found.append((f"النوع: {narrow.type}", "type", ["type"]))
    if narrow.path:
        found.append((f"المستند: {narrow.path}", "path", ["path"]))
    return found


def sorts(q, args, result):
    """A Link per order; a query of filters alone has no relevance to order by."""
    return [
        Link(
            label,
            _url(q, args, sort=None if key == "relevance" else key),
            current=result.sort == key,
        )
        for key, label in SORTS.items()
        if result.ranked or key != "relevance"
    ]
