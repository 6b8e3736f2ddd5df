"""The search engine of the application handling the current request."""
from flask import current_app

from search.suggest import suggest

EXTENSION = "bahth"


def engine():
    return current_app.extensions[EXTENSION]


def search(params):
    """One page of results for the request's parameters, and a corrected query or None."""
    eng = engine()
    result = eng.search(params.q, page=params.page, per_page=params.per_page)
    suggestion = suggest(eng.searcher(), params.q) if result.searchable else None
    return result, suggestion
