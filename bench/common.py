"""Shared set-up for the benchmarks: the evaluation collection and cached indexes."""

import datetime
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("BAHTH_SHARED") or ROOT.parent / "shared")
CACHE = Path(os.environ.get("BAHTH_BENCH_CACHE") or ROOT / "bench" / ".cache")
ARCD = SHARED / "eval" / "arcd.py"
SAUDINEWSNET = SHARED / "corpus" / "saudinewsnet.py"

# The code whose change changes what an index holds, or the order of its documents.
INDEX_CODE = ["indexer"]


def require_shared(*scripts):
    """Exits with a message unless ``scripts`` (by default both) are in ../shared."""
    if not all(script.exists() for script in scripts or (ARCD, SAUDINEWSNET)):
        print(f"skipped: the shared corpora are not at {SHARED} (set BAHTH_SHARED)")
        sys.exit(0)


def collection():
    """The 31,433-file evaluation collection (SaudiNewsNet + ARCD paragraphs), built once."""
    folder = CACHE / "collection"
    done = folder / ".complete"
    if not done.exists():
        print(f"building the collection in {folder} ...", file=sys.stderr)
        subprocess.run([sys.executable, SAUDINEWSNET, folder], check=True, stdout=sys.stderr)
        subprocess.run([sys.executable, ARCD, "corpus", folder], check=True, stdout=sys.stderr)
        done.touch()
    _date_files(folder)
    return folder


def _date_files(folder):
    """Gives the articles in a dated folder (2015-07-21/) that day, at noon, as
    their modification time, so date filters and facets have real dates to read."""
    done = folder / ".dated"
    if done.exists():
        return
    for day in folder.iterdir():
        if day.is_dir() and day.name[:4].isdigit():
            noon = datetime.datetime.fromisoformat(day.name + "T12:00").timestamp()
            for f in day.iterdir():
                os.utime(f, (noon, noon))
    done.touch()


def code_hash(*extra):
    h = hashlib.sha1()
    for name in INDEX_CODE:
        path = ROOT / name
        for f in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if f.suffix in (".py", ".txt"):
                h.update(f.read_bytes())
    for e in extra:
        h.update(repr(e).encode())
    return h.hexdigest()[:12]


def percentile(values, p):
    """The nearest-rank ``p``th percentile of ``values`` (0.0 for none)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0


def add_ranking_options(ap):
    """Options for every field of ``search.ranking.Ranking``, and ``--ranking``: the
    parameters they change, those of the default Policy (questions and keywords
    each their own) or one of its two rankings, used for every query."""
    from search.ranking import Ranking

    ap.add_argument("--ranking", choices=["policy", "questions", "keywords"], default="policy")
    for name, value in vars(Ranking()).items():
        flag = "--" + name.replace("_", "-")
        if isinstance(value, bool):
            ap.add_argument(
                flag, type=lambda v: v.lower() in ("1", "true", "yes", "on"), metavar="on|off"
            )
        else:
            ap.add_argument(flag, type=type(value))


def ranking_from(args):
    """The Policy or Ranking the options of ``add_ranking_options`` chose."""
    from dataclasses import replace

    from search.ranking import Policy, Ranking

    given = {
        name: getattr(args, name) for name in vars(Ranking()) if getattr(args, name) is not None
    }
    policy = Policy()
    if args.ranking == "policy":
        return Policy(replace(policy.questions, **given), replace(policy.keywords, **given))
    return replace(getattr(policy, args.ranking), **given)
