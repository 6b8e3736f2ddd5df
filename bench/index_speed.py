#!/usr/bin/env python3
"""Indexing speed on the evaluation collection: full build, incremental runs, scale.

    .venv/bin/python bench/index_speed.py [--runs 3] [--scale 4] [--lucene] [--against DIR]

Runs the real `bahth index` as a child process each time and prints the median
wall time over --runs, the peak resident memory of its largest process, and the
index's size: a full build, a run over the unchanged collection, and a run that
adds 100 new files (after which they are searchable). --scale N also builds a
collection N times as large (the corpus linked under new names) and compares.
--lucene also builds the collection with Lucene 8's ArabicAnalyzer on one thread
(../shared/lucene/run.sh) after each full build, and prints the ratio of the
medians: a ratio from one run, on the machine as loaded then. (A --scale build
run after it counts Lucene's JVM, 544 MB resident here, in its peak memory.)
--against DIR times only full builds, this code's alternating with the code in DIR
(a checkout of another commit: `git archive COMMIT | tar -x -C DIR`) so both meet
the same load, and prints both medians.
"""

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import SHARED, collection, require_shared

BAHTH = Path(sys.executable).parent / "bahth"
LUCENE = SHARED / "lucene" / "run.sh"


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_index(seeds, index_dir, *extra, code=None):
    """Wall time of a `bahth index` run, and the CPU time of its processes;
    ``code``: the checkout whose bahth to run."""
    start, cpu = time.perf_counter(), children_cpu()
    subprocess.run(
        [
            *(bahth_of(code) if code else [BAHTH]),
            "index",
            "-q",
            "--seeds",
            seeds,
            "--index",
            index_dir,
            *extra,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start, children_cpu() - cpu


def bahth_of(code):
    """A command running the `bahth` of the checkout ``code`` in this venv; its
    workers, spawned, inherit its import path."""
    import tomllib  # Python 3.11

    with open(Path(code) / "pyproject.toml", "rb") as f:
        module, _, function = tomllib.load(f)["project"]["scripts"]["bahth"].partition(":")
    return [
        sys.executable,
        "-c",
        f"import sys; sys.path.insert(0, {str(code)!r}); "
        f"sys.argv[0] = 'bahth'; from {module} import {function}; {function}()",
    ]


def against(seeds, work, runs, code):
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(run_index(seeds, work / "index-ours", "--rebuild")[0])
        theirs.append(run_index(seeds, work / "index-theirs", "--rebuild", code=code)[0])
    mine, other = statistics.median(ours), statistics.median(theirs)
    print(
        f"full build, alternating: this code median {mine:.1f} s "
        f"({', '.join(f'{t:.1f}' for t in ours)}), {code} {other:.1f} s "
        f"({', '.join(f'{t:.1f}' for t in theirs)}): {mine / other:.2f}x"
    )


def run_lucene(seeds, index_dir):
    """Lucene's own wall and CPU time (every thread of its JVM: JIT and GC too), from
    listing the files to the commit (no JVM start)."""
    out = subprocess.run(
        [LUCENE, "index", seeds, index_dir, "arabic", "--threads", "1"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = re.search(r"RESULT stage=commit .* wall_s=([\d.]+) cpu_s=([\d.]+)", out)
    return float(found.group(1)), float(found.group(2))


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def size_mb(folder):
    return sum(f.stat().st_size for f in Path(folder).iterdir()) / 2**20


def scaled(seeds, factor, work):
    """``factor`` copies of ``seeds`` (hard links under new names)."""
    out = work / f"x{factor}"
    if out.exists():
        return out
    for copy in range(factor):
        for path in seeds.rglob("*.txt"):
            target = out / f"copy{copy}" / path.relative_to(seeds)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
    return out


def measure(seeds, work, runs, label, lucene=False):
    index_dir = work / f"index-{label}"
    builds, anchors = [], []
    for run in range(runs):
        builds.append(run_index(seeds, index_dir, "--rebuild"))
        if not run:  # before Lucene's JVM is among the children measured
            peak = peak_rss_mb()
        if lucene:
            anchors.append(run_lucene(seeds, work / f"lucene-{label}"))
    files = sum(1 for _ in seeds.rglob("*.txt"))
    build, cpu = (statistics.median(times) for times in zip(*builds))
    print(
        f"{label}: full build of {files} files: median {build:.1f} s over {runs} "
        f"({files / build:.0f} docs/s; CPU {cpu:.1f} s), peak RSS {peak:.0f} MB, "
        f"index {size_mb(index_dir):.0f} MiB"
    )
    if lucene:
        anchor, anchor_cpu = (statistics.median(times) for times in zip(*anchors))
        print(
            f"{label}: Lucene 8 ArabicAnalyzer, one thread: median {anchor:.1f} s "
            f"(CPU {anchor_cpu:.1f} s); bahth took {build / anchor:.1f}x as long "
            f"(per run: {', '.join(f'{b[0] / a[0]:.1f}x' for b, a in zip(builds, anchors))}), "
            f"and {cpu / anchor_cpu:.1f}x the CPU time"
        )
    unchanged = statistics.median(run_index(seeds, index_dir)[0] for _ in range(runs))
    print(f"{label}: incremental run, nothing changed: median {unchanged:.2f} s")
    return build, index_dir


def add_100(seeds, index_dir, runs):
    times = []
    sources = sorted(seeds.rglob("*.txt"))[:100]
    for r in range(runs):
        extra = seeds / f"new-{r}"
        extra.mkdir()
        for i, path in enumerate(sources):
            shutil.copy(path, extra / f"{i}.txt")
        times.append(run_index(seeds, index_dir)[0])
        shutil.rmtree(extra)
        run_index(seeds, index_dir)
    print(f"adding 100 new files, until searchable: median {statistics.median(times):.2f} s")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scale", type=int, default=0)
    ap.add_argument(
        "--lucene",
        action="store_true",
        help="also build with Lucene 8 after each full build; print the ratio",
    )
    ap.add_argument(
        "--against", type=Path, help="a checkout of other code: full builds alternating with it"
    )
    a = ap.parse_args()
    require_shared()
    if a.lucene:
        require_shared(LUCENE)
    with tempfile.TemporaryDirectory(prefix="bahth-speed-") as tmp:
        work = Path(tmp)
        seeds = work / "seeds"
        shutil.copytree(
            collection(), seeds, ignore=shutil.ignore_patterns(".complete"), copy_function=os.link
        )
        if a.against:
            return against(seeds, work, a.runs, a.against.resolve())
        base, index_dir = measure(seeds, work, a.runs, "1x", a.lucene)
        add_100(seeds, index_dir, a.runs)
        if a.scale:
            big, _ = measure(scaled(seeds, a.scale, work), work, 1, f"{a.scale}x")
            print(f"{a.scale}x the files took {big / base:.1f}x the time")


if __name__ == "__main__":
    main()
