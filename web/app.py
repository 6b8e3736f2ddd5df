"""The Flask application factory."""

from pathlib import Path

from flask import Flask

from indexer import config
from search.engine import Engine

from . import api, errors, pages, security
from .current_engine import EXTENSION
from .numerals import FILTERS
from .params import MAX_QUERY


def create_app(index_dir=None, seeds=None):
    """The site over the index in ``index_dir`` (default: $BAHTH_INDEX or index/),
    offering the original files of ``seeds`` (default: $BAHTH_SEEDS or seeds/).

    The index need not exist yet: pages say so until `bahth index` has run.
    """
    app = Flask(__name__)
    # Flask takes DEBUG from $FLASK_DEBUG; a debug flag left in an environment must
    # not reach a served site.
    app.config["DEBUG"] = False
    # Every route is a GET; a body bigger than a long query is never legitimate.
    app.config["MAX_CONTENT_LENGTH"] = 16 * 1024
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions[EXTENSION] = Engine(index_dir or config.index_dir())
    app.config["SEEDS"] = Path(seeds or config.seeds_dir()).resolve()
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.globals["MAX_QUERY"] = MAX_QUERY
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    security.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    return app
