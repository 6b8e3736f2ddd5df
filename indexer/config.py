"""Default locations, resolved from the project root rather than the current directory.

The CLI reads ``BAHTH_SEEDS`` and ``BAHTH_INDEX`` through its options; code that has
no CLI in front of it (the web app's factory) calls ``index_dir()`` and ``seeds_dir()``.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
INDEX = ROOT / "index"


def index_dir() -> Path:
    return Path(os.environ.get("BAHTH_INDEX") or INDEX)


def seeds_dir() -> Path:
    return Path(os.environ.get("BAHTH_SEEDS") or SEEDS)
