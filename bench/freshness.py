#!/usr/bin/env python3
"""How soon a watched seeds folder's changes reach search, and what searchers see meanwhile.

    .venv/bin/python bench/freshness.py [--seeds CORPUS] [--limit N] [--work DIR] [--process | --http]

The corpus is ``--seeds`` or, without it, SaudiNewsNet unpacked by
../shared/corpus/saudinewsnet.py. Its articles are copied into a working seeds
folder, except some held back to arrive later. After indexing, a Watcher thread
runs in this process (``--process``: a `bahth watch` process) and a search Engine
measures (``--http``: `bahth serve --watch` runs, and /api/search measures):

- freshness: time from a new file being closed to the first search that finds it,
  and from a file being deleted to the first search that no longer does;
- a burst: searcher threads query without pause while the held-back articles
  arrive at once; errors, a path twice in one result list, and search latency
  during the burst against idle are counted.

The source corpus folder is only read. ``--work DIR`` keeps the working copy and its
index for the next run (the index then only catches up).
"""

import argparse
import contextlib
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

from common import ROOT, SAUDINEWSNET, percentile, require_shared

from indexer.build import update_index
from indexer.listing import seed_files
from indexer.watch import Watcher
from search.engine import Engine

QUERIES = [
    "السعودية",
    "وزير الخارجية",
    "الرياض",
    "مجلس الشورى",
    "النفط",
    "كرة القدم",
    "التعليم",
    "الصحة",
    "أمير المنطقة",
    "الأمطار",
]
# Every held-back article gets a word no article has, so one search finds it alone.
MARK = "bahthprobe"


def describe(values_s):
    ms = [v * 1000 for v in values_s]
    return (
        f"median {statistics.median(ms):.0f} ms, p95 {percentile(ms, 95):.0f} ms, "
        f"max {max(ms):.0f} ms (n={len(ms)})"
    )


def corpus(args, work):
    if args.seeds:
        return args.seeds
    require_shared(SAUDINEWSNET)
    out = work / "corpus"
    if not out.is_dir():
        print(f"unpacking the corpus into {out} ...", flush=True)
        subprocess.run(
            [sys.executable, str(SAUDINEWSNET), str(out)], check=True, stdout=subprocess.DEVNULL
        )
    return out


def prepare(source, seeds, limit, held):
    """Copy ``limit`` articles into ``seeds``; return the ``held`` next ones' contents."""
    files = list(seed_files(source).items())
    if len(files) < held + 1:
        sys.exit(f"{source} has {len(files)} articles; at least {held + 1} are needed")
    base = files[:-held][:limit] if limit else files[:-held]
    for rel, path in base:
        target = seeds / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return [path.read_bytes() for _, path in files[-held:]], len(base)


def arrive(seeds, name, text, mark):
    """Write one new article; returns when it is closed."""
    path = seeds / name
    path.write_bytes(text + f"\n{mark}\n".encode())
    return path


def wait_for(engine, query, present, timeout=30.0):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if (engine.search(query).total > 0) == present:
            return time.perf_counter() - start
        time.sleep(0.002)
    raise TimeoutError(f"{query!r} still {'missing' if present else 'found'} after {timeout}s")


def freshness(engine, seeds, articles):
    added, deleted, paths = [], [], []
    for i, text in enumerate(articles):
        paths.append(arrive(seeds, f"fresh-{i}.txt", text, f"{MARK}f{i}"))
        added.append(wait_for(engine, f"{MARK}f{i}", True))
    for i, path in enumerate(paths):
        path.unlink()
        deleted.append(wait_for(engine, f"{MARK}f{i}", False))
    return added, deleted


class Searchers:
    """Threads that search without pause, recording latency, errors and duplicates."""

    def __init__(self, engine, count):
        self.engine = engine
        self.latencies, self.errors, self.duplicates = [], [], 0
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(i,)) for i in range(count)]

    def _run(self, offset):
        i = offset
        while not self._stop.is_set():
            query = QUERIES[i % len(QUERIES)]
            i += 1
            start = time.perf_counter()
            try:
                paths = [
                    h.path
                    for h in self.engine.search(
                        query,
                    ).hits
                ]
            except Exception as e:  # counted: a searcher must never see one
                self.errors.append(repr(e))
                continue
            self.latencies.append(time.perf_counter() - start)
            self.duplicates += len(paths) != len(set(paths))

    def run_while(self, action):
        for t in self._threads:
            t.start()
        try:
            return action()
        finally:
            self._stop.set()
            for t in self._threads:
                t.join()


def remove_burst(seeds):
    for path in seeds.glob("burst-*.txt"):
        path.unlink()


class HttpSearch:
    """Engine.search's answer, asked of a running server's /api/search."""

    def __init__(self, url):
        self.url = url

    def search(self, query):
        address = f"{self.url}api/search?" + urllib.parse.urlencode({"q": query})
        with urllib.request.urlopen(address, timeout=30) as response:
            body = json.load(response)
        hits = [SimpleNamespace(path=h["path"]) for h in body["hits"]]
        return SimpleNamespace(total=body["total"], hits=hits)


def burst(engine, seeds, articles, threads, index_engine):
    idle = Searchers(engine, threads)
    idle.run_while(lambda: time.sleep(3))

    def copy_in():
        generation = index_engine.searcher().reader().generation()
        start = time.perf_counter()
        for i, text in enumerate(articles):
            arrive(seeds, f"burst-{i}.txt", text, f"{MARK}burst")
        written = time.perf_counter()
        while engine.search(f"{MARK}burst").total < len(articles):
            time.sleep(0.01)
        done = time.perf_counter()
        commits = index_engine.searcher().reader().generation() - generation
        return written - start, done - written, commits

    busy = Searchers(engine, threads)
    write_s, catch_up_s, commits = busy.run_while(copy_in)
    return idle, busy, write_s, catch_up_s, commits


@contextlib.contextmanager
def watching(seeds, index_dir, how):
    """What searches: a search Engine, with a watcher thread in this process (sharing
    its GIL with the searchers), or a `bahth watch` process ("process"); or, with
    "http", the /api/search of a `bahth serve --watch` process."""
    engine = Engine(index_dir)
    if how == "thread":
        with Watcher(seeds, index_dir):
            yield engine
        return
    command = ["watch"] if how == "process" else ["serve", "--watch", "--port", "0"]
    cmd = [
        sys.executable,
        "-c",
        "from web.cli import main; main()",
        *command,
        "--seeds",
        str(seeds),
        "--index",
        str(index_dir),
    ]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        if how == "http":
            url = next(
                m.group(1)
                for line in proc.stdout
                if (m := re.search(r"serving on (http://\S+)", line))
            )
            engine = HttpSearch(url)
        yield engine
    finally:
        proc.terminate()
        proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, help="an unpacked corpus folder (only read)")
    ap.add_argument("--limit", type=int, default=0, help="index only N articles")
    ap.add_argument("--work", type=Path, help="keep the working copy and index here")
    ap.add_argument("--samples", type=int, default=50, help="files timed one by one")
    ap.add_argument("--burst", type=int, default=1000, help="files arriving at once")
    ap.add_argument("--threads", type=int, default=3, help="searcher threads in the burst")
    how = ap.add_mutually_exclusive_group()
    how.add_argument(
        "--process",
        action="store_const",
        dest="how",
        const="process",
        help="run `bahth watch` in its own process, not a thread of this one",
    )
    how.add_argument(
        "--http",
        action="store_const",
        dest="how",
        const="http",
        help="search through /api/search of `bahth serve --watch`",
    )
    args = ap.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="bahth-freshness-"))
    seeds, index_dir = work / "seeds", work / "index"
    seeds.mkdir(parents=True, exist_ok=True)
    try:
        held, count = prepare(corpus(args, work), seeds, args.limit, args.samples + args.burst)
        remove_burst(seeds)  # left by an interrupted run
        (seeds / "warm-up.txt").unlink(missing_ok=True)
        start = time.perf_counter()
        report = update_index(seeds, index_dir, lock_timeout=600, parallel=True)
        print(
            f"indexed {count} articles in {time.perf_counter() - start:.1f}s ({report.summary()})",
            flush=True,
        )

        with watching(seeds, index_dir, args.how or "thread") as engine:
            # Also waits out the watcher's first full comparison.
            arrive(seeds, "warm-up.txt", held[0], f"{MARK}warm")
            wait_for(engine, f"{MARK}warm", True, timeout=120)
            added, deleted = freshness(engine, seeds, held[: args.samples])
            print(f"new file searchable:     {describe(added)}")
            print(f"deleted file gone:       {describe(deleted)}", flush=True)
            idle, busy, write_s, catch_up_s, commits = burst(
                engine, seeds, held[args.samples :], args.threads, Engine(index_dir)
            )
            remove_burst(seeds)
            (seeds / "warm-up.txt").unlink()
            wait_for(engine, f"{MARK}burst", False, timeout=120)
        print(
            f"burst: {args.burst} files written in {write_s:.2f}s, all searchable "
            f"{catch_up_s:.2f}s after the last one, in {commits} commits"
        )
        print(f"search while idle ({args.threads} threads):  {describe(idle.latencies)}")
        print(f"search during burst ({args.threads} threads): {describe(busy.latencies)}")
        print(
            f"errors seen by searchers: {len(idle.errors) + len(busy.errors)}; "
            f"result lists with a duplicate path: {idle.duplicates + busy.duplicates}"
        )
        for error in sorted(set(idle.errors + busy.errors))[:5]:
            print(f"  {error}")
    finally:
        if not args.work:
            shutil.rmtree(work)


if __name__ == "__main__":
    main()
