"""The `bahth` command: one group gathering each package's commands."""
import click

from indexer.cli import analyze_command, index_command, watch_command
from search.cli import search_command, similar_command

from .serve import serve_command


@click.group()
@click.version_option(package_name="bahth")
def main():
    """bahth: search a folder of Arabic documents."""


main.add_command(index_command)
main.add_command(watch_command)
main.add_command(analyze_command)
main.add_command(search_command)
main.add_command(serve_command)
main.add_command(similar_command)
