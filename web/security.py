"""Headers and limits that every response and request get."""

from flask import current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

HEADERS = {
    # The site's own files only: no inline script or style, no framing, no plugins.
    "Content-Security-Policy": (
        "default-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def init_app(app):
    app.before_request(_refuse_big_bodies)
    app.after_request(_add_headers)


def _refuse_big_bodies():
    # Flask enforces MAX_CONTENT_LENGTH only when a body is read, and no route
    # reads one: refuse oversized requests before any work is done.
    if (request.content_length or 0) > current_app.config["MAX_CONTENT_LENGTH"]:
        raise RequestEntityTooLarge()


def _add_headers(response):
    response.headers.update(HEADERS)
    return response
