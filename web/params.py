"""Reading and bounding the request parameters shared by the page and the API."""

from dataclasses import dataclass

from werkzeug.exceptions import BadRequest

from search.complete import DEFAULT as COMPLETIONS, MOST as MOST_COMPLETIONS
from search.engine import MAX_PAGE, MAX_PER_PAGE, PER_PAGE, SIMILAR
from search.filters import EVERYTHING, Narrow
from search.inside import MAX_MARKS

from .numerals import number

# Longer queries are not searches but pasted text, and each word costs a lookup.
MAX_QUERY = 500
# The parameters of search.filters.Narrow.
NARROWING = ("folder", "since", "until", "type", "path", "sort")


# What each parameter is called where a person reads about it (error pages).
NAMES = {
    "q": "نص البحث",
    "text": "النص",
    "page": "رقم الصفحة",
    "per_page": "عدد النتائج في الصفحة",
    "n": "عدد النتائج",
    "path": "مسار المستند",
    "at": "رقم التطابق",
}


class InvalidParameter(BadRequest):
    """A parameter out of bounds; the description, in Arabic, is shown to the person."""


@dataclass
class SearchParams:
    q: str
    page: int
    per_page: int
    narrow: Narrow = EVERYTHING


def text(args, name, required=False):
    value = args.get(name, "").strip()
    if required and not value:
        raise InvalidParameter(f"{NAMES[name]} مطلوب.")
    if len(value) > MAX_QUERY:
        raise InvalidParameter(f"النص أطول من {number(MAX_QUERY)} حرف؛ اختصره وأعد المحاولة.")
    return value


def integer(args, name, default, highest):
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidParameter(f"{NAMES[name]} يجب أن يكون عددًا صحيحًا.") from None
    if not 1 <= value <= highest:
        raise InvalidParameter(f"{NAMES[name]} يجب أن يكون بين {number(1)} و{number(highest)}.")
    return value


def search_params(args, required=False):
    """The search asked for; ``required``: a query or a filter must be given."""
    params = SearchParams(
        q=text(args, "q"),
        page=integer(args, "page", 1, MAX_PAGE),
        per_page=integer(args, "per_page", PER_PAGE, MAX_PER_PAGE),
        # A filter that cannot be applied raises FilterError: a 400 (web/errors.py).
        narrow=Narrow.parse(**{name: text(args, name) for name in NARROWING}),
    )
    if required and not params.q and not params.narrow.filtering:
        raise InvalidParameter("نص البحث أو أحد المرشحات (المجلد أو التاريخ أو النوع) مطلوب.")
    return params


def finding_params(args):
    """(query, the match shown: from 1) for the document page's own search box."""
    return text(args, "q"), integer(args, "at", 1, MAX_MARKS)


def completion_params(args):
    """(text typed, number of completions) for /api/complete. The text is not
    stripped: a space typed after a word says the word is finished."""
    q = args.get("q", "")
    text(args, "q", required=True)  # bounds, as for a search
    return q, integer(args, "n", COMPLETIONS, MOST_COMPLETIONS)


def similar_params(args):
    """(document path, number of documents) for /api/similar."""
    return text(args, "path", required=True), integer(args, "n", SIMILAR, MAX_PER_PAGE)
