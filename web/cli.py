"""The `bahth` command: one group gathering each package's commands."""

from contextlib import contextmanager

import click

from indexer.cli import analyze_command, index_command, watch_command
from search.cli import search_command, similar_command

from .interrupted import interrupted
from .serve import serve_command


@contextmanager
def _ctrl_c_ends():
    try:
        yield
    except KeyboardInterrupt:
        interrupted()


class Program(click.Group):
    """Ctrl-C ends every command with one line and status 130, where click would
    print "Aborted!" and exit with 1, the status of an error."""

    def make_context(self, *args, **kwargs):
        with _ctrl_c_ends():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _ctrl_c_ends():
            return super().invoke(ctx)


@click.group(cls=Program)
@click.version_option(package_name="bahth")
def main():
    """bahth: search a folder of Arabic documents."""


main.add_command(index_command)
main.add_command(watch_command)
main.add_command(analyze_command)
main.add_command(search_command)
main.add_command(serve_command)
main.add_command(similar_command)
