"""The `bahth` program (the console script of pyproject.toml).

Its commands import Whoosh, numpy and Flask first, about a second's work, so
this module imports them only inside the guard that turns Ctrl-C into one line.
"""
import sys

# What a shell reports for a program that SIGINT ended: 128 + the signal's number.
INTERRUPTED = 130


def interrupted():
    """End the program as Ctrl-C should: one line, status 130, no traceback."""
    print("interrupted", file=sys.stderr)
    sys.exit(INTERRUPTED)


def main():
    try:
        from .cli import main as bahth
    except KeyboardInterrupt:
        interrupted()
    bahth()
