"""`bahth serve`: the site behind waitress, a production WSGI server."""

import multiprocessing
import os
import signal
import sys
import threading

import click
import waitress

from indexer.cli import (
    counted,
    index_option,
    index_trouble,
    log_to_stderr,
    ocr_option,
    require_seeds,
    seeds_option,
    use_ocr,
)
from indexer.interrupt import start_spared, stop
from indexer.store import IndexDamaged
from indexer.watch import watch_until_stopped
from search.engine import WAITING, IndexMissing

from .access_log import AccessLog
from .app import create_app
from .current_engine import EXTENSION, LONG_QUERIES
from .long_queries import LongQueries


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default accepts only this machine.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@index_option
@click.option(
    "--watch",
    is_flag=True,
    help="Also keep the index in sync with the seeds folder as files change.",
)
@seeds_option
@ocr_option
@click.option(
    "--access-log/--no-access-log",
    default=True,
    show_default=True,
    help="Log a line per request (method, path, status, time) on standard error.",
)
@click.option(
    "--log-queries",
    is_flag=True,
    help="Log each request's query string too: what people searched for.",
)
def serve_command(host, port, index_dir, watch, seeds, read_scans, access_log, log_queries):
    """Serve the search page and the JSON API.

    Requests, and with --watch each commit of the watcher, are logged on standard error.
    """
    if watch:
        require_seeds(seeds)
        use_ocr(read_scans)
    log_to_stderr()
    # SIGTERM (a service manager stopping us) ends like Ctrl+C, stopping the
    # watcher, but with status 0. waitress's run() returns alike on both signals.
    terminated = threading.Event()

    def terminate(*_):
        terminated.set()
        sys.exit(0)

    signal.signal(signal.SIGTERM, terminate)
    watcher = _watcher(seeds, index_dir) if watch else None
    try:
        if watcher is not None:
            start_spared([watcher])  # Ctrl-C stops the server, which stops the watcher
            click.echo(f"watching {seeds} for changes")
        _serve(
            host,
            port,
            index_dir,
            seeds,
            (lambda app: AccessLog(app, log_queries)) if access_log else None,
        )
        if not terminated.is_set():
            raise KeyboardInterrupt
    finally:
        if watcher is not None:
            stop([watcher])  # SIGTERM: the watcher commits its batch and stops


def _watcher(seeds, index_dir):
    """The watcher, in a process of its own: in the server's process it would share
    the interpreter lock with the request threads, slowing both during a burst."""
    return multiprocessing.get_context("spawn").Process(
        target=_watch, args=(seeds, index_dir, os.getpid()), name="bahth-watch"
    )


def _watch(seeds, index_dir, parent):
    log_to_stderr()  # a spawned process starts with no logging set up
    watch_until_stopped(seeds, index_dir, parent=parent)


def _serve(host, port, index_dir, seeds, logged=None):
    """Serve the site; ``logged(app)``, if given, wraps it in an access log."""
    app = create_app(index_dir, seeds)
    engine = app.extensions[EXTENSION]
    try:
        count = engine.document_count()
        # Requests run in other threads: this one's view would only hold files open.
        engine.close()
        click.echo(f"{counted(count, 'document')} indexed in {index_dir}")
    except (IndexMissing, IndexDamaged) as e:
        # Served anyway: pages answer 503 until the index is built, then find it.
        click.echo(f"warning: {index_trouble(e)}", err=True)
    app.extensions[LONG_QUERIES] = long_queries = LongQueries(index_dir)
    try:
        _run(app if logged is None else logged(app), host, port, app.config["MAX_CONTENT_LENGTH"])
    finally:
        long_queries.close()


def _run(app, host, port, max_body):
    # waitress buffers a body before the app sees it: cap it at what the app accepts.
    # Its 4 threads serve short queries beside the long ones that run or wait
    # their turn (search/lane.py), which would otherwise hold every thread.
    server = waitress.create_server(
        app,
        host=host,
        port=port,
        threads=4 + WAITING + 1,
        max_request_body_size=max_body,
    )
    for address in _addresses(server):
        click.echo(f"serving on {address} (Ctrl+C to stop)")
    try:
        server.run()  # until SIGINT or SIGTERM
    finally:
        server.close()


def _addresses(server):
    # A name such as localhost may resolve to several sockets (IPv4 and IPv6).
    listen = getattr(server, "effective_listen", None) or [
        (server.effective_host, server.effective_port)
    ]
    for host, port in listen:
        yield f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
