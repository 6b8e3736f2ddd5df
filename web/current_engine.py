"""The search engine of the application handling the current request."""

from flask import current_app

from search.engine import takes_turns
from search.lane import Busy

from .long_queries import Referred, refer

EXTENSION = "bahth"
# The application's LongQueries (web/long_queries.py), if it has them.
LONG_QUERIES = "bahth-long-queries"


def engine():
    return current_app.extensions[EXTENSION]


def search(params):
    """One page of results for the request's parameters, and a corrected query or
    None (see Engine.answer). Where the application has a process for long
    queries (web/long_queries.py), a long query or a deep page is answered there,
    and so is a short one whose «did you mean» would look for spelling candidates."""
    eng, elsewhere = engine(), current_app.extensions.get(LONG_QUERIES)
    asked = (params.q, params.page, params.per_page, params.narrow)
    if elsewhere is None:
        return eng.answer(*asked)
    long = takes_turns(params.q, params.page, params.per_page)
    if not long:
        try:
            return eng.answer(*asked, candidates=refer)
        except Referred:
            # Searched again there: a short query's search costs little beside
            # the candidates it was referred for.
            pass
    try:
        with eng.taking_turns():
            return elsewhere.answer(*asked)
    except Busy:
        if long:
            raise
        # As the engine answers a short query when too many wait: without candidates.
        return eng.search(*asked), None
