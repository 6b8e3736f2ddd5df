"""How every `bahth` command ends on Ctrl-C: one line and status 130, no traceback."""

import sys

# What a shell reports for a program that SIGINT ended: 128 + the signal's number.
INTERRUPTED = 130


def interrupted():
    """End the program as Ctrl-C should: one line, status 130, no traceback."""
    print("interrupted", file=sys.stderr)
    sys.exit(INTERRUPTED)
