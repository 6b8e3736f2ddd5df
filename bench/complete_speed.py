#!/usr/bin/env python3
"""Latency of /api/complete over HTTP on the evaluation collection, and server memory.

    .venv/bin/python bench/complete_speed.py [--runs 3] [--index DIR]

Starts `bahth serve` on the collection's index, times how long the words of its
big segments take to arrive (read in a child process), then asks for
completions of 500 prefixes as people type them: the first 1-6 letters of a
title word (fixed seed), a fifth of them after the words before it in the
title; then single letters and 500-letter prefixes, over one kept-alive connection
as a browser uses; /healthz in the same run shows what any answer costs. Prints the median over runs
of p50/p95/p99 and the server's resident memory.
"""

import argparse
import http.client
import json
import random
import time
import urllib.parse
from pathlib import Path

from common import require_shared
from quality import build_index
from query_speed import rss_mb, serve, timed

from indexer.arabic.tokenize import words
from search.engine import Engine


def prefixes(index_dir, n=500, seed=42):
    rng = random.Random(seed)
    searcher = Engine(index_dir).searcher()
    docnums = list(searcher.reader().all_doc_ids())
    out = []
    while len(out) < n:
        title = [w for w, _, _ in words(searcher.stored_fields(rng.choice(docnums))["title"])]
        if not title:
            continue
        i = rng.randrange(len(title))
        typed = title[i][: rng.randint(1, 6)]
        out.append(" ".join(title[:i] + [typed]) if rng.random() < 0.2 else typed)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--index", type=Path, help="an existing index (default: the benchmark's)")
    a = ap.parse_args()
    require_shared()
    index_dir = a.index or build_index("bahth")
    sets = {
        "typed prefixes": prefixes(index_dir),
        "single letters": list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي"),
        "500 letters": ["ا" * 500, "الاسعار" * 70, "x" * 500],
    }
    proc, url = serve(index_dir)
    try:
        # One kept-alive connection, as a browser's requests from one page use.
        connection = http.client.HTTPConnection(urllib.parse.urlsplit(url).netloc, timeout=30)

        def get(q, path="/api/complete"):
            connection.request("GET", f"{path}?" + urllib.parse.urlencode({"q": q}))
            return json.load(connection.getresponse())

        start = time.perf_counter()
        while not get("الاسع")["completions"]:
            time.sleep(0.2)
        print(
            f"words of the collection ready {time.perf_counter() - start:.1f} s after "
            f"the first request; server memory {rss_mb(proc.pid):.0f} MB"
        )
        print(f"{'prefixes':16} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
        for name, queries in sets.items():
            p = timed(get, queries, a.runs)
            print(f"{name:16} {len(queries):5} {p[0]:8.2f} {p[1]:8.2f} {p[2]:8.2f}")
        # What any answer costs on this machine at the time: the floor of the above.
        p = timed(lambda q: get(q, "/healthz"), sets["typed prefixes"], a.runs)
        print(f"{'/healthz':16} {500:5} {p[0]:8.2f} {p[1]:8.2f} {p[2]:8.2f}")
        print(f"server resident memory: {rss_mb(proc.pid):.0f} MB")
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
