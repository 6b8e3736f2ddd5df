"""One line per request in the server's log, as waitress and Datasette users
expect: method, path, status and time taken. The query string is left out unless
asked for (``bahth serve --log-queries``): it holds what people searched for."""

import logging
import time
from urllib.parse import unquote_plus

from werkzeug.wsgi import ClosingIterator

from indexer.cli import printable_name

log = logging.getLogger("bahth.access")


class AccessLog:
    """WSGI middleware logging each request once its response has been sent."""

    def __init__(self, app, queries=False):
        self.app = app
        self.queries = queries

    def __call__(self, environ, start_response):
        start = time.perf_counter()
        status = ["-"]

        def started(line, headers, exc_info=None):
            status[0] = line.split(" ", 1)[0]
            return start_response(line, headers, exc_info)

        def sent():
            log.info(
                "%s %s %s %.1f ms",
                environ.get("REQUEST_METHOD", "-"),
                self._target(environ),
                status[0],
                (time.perf_counter() - start) * 1000,
            )

        return ClosingIterator(self.app(environ, started), sent)

    def _target(self, environ):
        # WSGI gives the path's bytes as Latin-1; the path may be Arabic (/doc/…).
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace")
        query = environ.get("QUERY_STRING", "")
        if self.queries and query:
            path += "?" + unquote_plus(query, errors="replace")
        # Escaped, so that no request can break or forge a line of the log.
        return printable_name(path)
