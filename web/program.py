"""The `bahth` program (the console script of pyproject.toml).

Its commands import Whoosh, numpy and Flask first, about a second's work, so
this module imports them only inside the guard that turns Ctrl-C into one line.
"""

from .interrupted import interrupted


def main():
    try:
        from .cli import main as bahth
    except KeyboardInterrupt:
        interrupted()
    bahth()
