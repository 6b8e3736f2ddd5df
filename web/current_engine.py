"""The search engine of the application handling the current request."""

from flask import current_app

EXTENSION = "bahth"


def engine():
    return current_app.extensions[EXTENSION]


def search(params):
    """One page of results for the request's parameters, and a corrected query or
    None (see Engine.answer)."""
    return engine().answer(
        params.q, page=params.page, per_page=params.per_page, narrow=params.narrow
    )
