"""The search engine of the application handling the current request."""
from flask import current_app

EXTENSION = "bahth"


def engine():
    return current_app.extensions[EXTENSION]
