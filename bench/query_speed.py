#!/usr/bin/env python3
"""Query latency, in process and over HTTP, on the evaluation collection.

    .venv/bin/python bench/query_speed.py [--runs 3] [--no-http] [--index DIR] [--facets]

Two query sets: 200 keyword queries of 2-3 words taken from article titles
(fixed seed), and the 693 ARCD questions. Each is run --runs times through
bahth's Engine.search (top 10 with highlighted snippets, as the page shows them),
then through /api/search of a real `bahth serve`. Prints the median over runs of
p50/p95/p99, and the server's resident memory. ``--facets`` also times facet
counting alone (wall and CPU time), on each query's matches and on a query of
about 10,000, and searches narrowed to a month, by date order and by folder, in
process and (the month) over HTTP; the issue's two goals are printed on lines
that start with TARGET.
"""

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from common import percentile, require_shared
from quality import build_index, questions

from indexer.arabic.chain import make_chain
from indexer.arabic.tokenize import words
from search.engine import Engine
from search.filters import Narrow, facets
from web.app import create_app

# The date filter of the HTTP target: keyword queries narrowed to a month.
MONTH = Narrow.parse(since="2015-08-01", until="2015-08-31")


def keyword_queries(index_dir, n=200, seed=42):
    """2-3 content words from the titles of randomly chosen articles."""
    rng = random.Random(seed)
    searcher = Engine(index_dir).searcher()
    reader = searcher.reader()
    chain = make_chain()
    out = []
    docnums = list(reader.all_doc_ids())
    while len(out) < n:
        title = searcher.stored_fields(rng.choice(docnums))["title"]
        content = [w for w, _, _ in words(title) if chain.term(w) and len(w) > 2]
        if len(content) >= 2:
            k = min(len(content), rng.choice((2, 3)))
            start = rng.randrange(len(content) - k + 1)
            out.append(" ".join(content[start : start + k]))
    return out


def percentiles(samples):
    return tuple(percentile(samples, p) for p in (50, 95, 99))


def timed(fn, queries, runs, clock=time.perf_counter):
    """Median over ``runs`` of the p50, p95 and p99 of ``fn(q)`` in ms; ``clock``
    may be time.thread_time, the CPU time of this thread, which a busy machine's
    scheduler does not inflate."""
    results = []
    for _ in range(runs):
        times = []
        for q in queries:
            start = clock()
            fn(q)
            times.append((clock() - start) * 1000)
        results.append(percentiles(times))
    return tuple(statistics.median(r[i] for r in results) for i in range(3))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    """The user and system CPU time ``pid`` has used, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid):
    """Resident memory of ``pid`` and of the processes it started (`bahth serve`
    answers long queries in one), in MB."""
    total = 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total += int(line.split()[1]) / 1024
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            total += rss_mb(int(child))
    return total


def serve(index_dir):
    port = free_port()
    bahth = Path(sys.executable).parent / "bahth"
    proc = subprocess.Popen(
        [bahth, "serve", "--index", index_dir, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1).read()
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("bahth serve did not start")


def facet_speed(engine, queries, runs):
    """Facet counting alone (over the matches of each keyword query, and of one
    query with about 10,000), and whole searches narrowed or ordered by date."""
    view = engine.view()

    def mask(q):
        scorer = view.scorer(q)
        parsed = view.parser.parse(q)
        return scorer.scored(parsed, scorer.query_terms(parsed))[0] > 0

    masks = {q: mask(q) for q in queries}
    broad = "السعودية المملكة"
    masks[broad] = mask(broad)
    print(
        f"facets: keyword matches median {statistics.median(m.sum() for m in masks.values()):.0f}; "
        f"{broad!r} matches {masks[broad].sum()}"
    )
    for clock, where in ((time.perf_counter, "wall"), (time.thread_time, "CPU")):
        p = timed(lambda q: facets(view.searcher, masks[q]), queries, runs, clock)
        print(
            f"{'facet counting alone':24} {'keywords, ' + where:10} {p[0]:8.2f} {p[1]:8.2f} {p[2]:8.2f}"
        )
        p = timed(lambda q: facets(view.searcher, masks[q]), [broad] * 200, runs, clock)
        print(
            f"{'facet counting alone':24} {'~10,000, ' + where:10} {p[0]:8.2f} {p[1]:8.2f} {p[2]:8.2f}"
        )
        print(
            f"TARGET facet counting adds p95 {p[1]:.2f} ms ({where} time) to a query with "
            f"{masks[broad].sum():,} matches (goal <= 3 ms)"
        )
    for label, narrow in (
        ("a month (2015-08)", MONTH),
        ("newest first", Narrow.parse(sort="newest")),
        ("a folder (2015-08-01)", Narrow.parse(folder="2015-08-01")),
    ):
        p = timed(lambda q, narrow=narrow: engine.search(q, narrow=narrow), queries, runs)
        print(f"{'keywords, ' + label:24} {'in process':10} {p[0]:8.1f} {p[1]:8.1f} {p[2]:8.1f}")
    # What a quiet machine would take: the CPU time of the search itself, and of
    # the whole API request (suggestion and JSON too) without the network.
    p = timed(lambda q: engine.search(q, narrow=MONTH), queries, runs, time.thread_time)
    print(f"{'keywords, a month':24} {'CPU':10} {p[0]:8.1f} {p[1]:8.1f} {p[2]:8.1f}")
    client, month = create_app(engine.index_dir).test_client(), MONTH.args()
    p = timed(
        lambda q: client.get("/api/search", query_string={"q": q, **month}),
        queries,
        runs,
        time.thread_time,
    )
    print(f"{'keywords, a month, API':24} {'CPU':10} {p[0]:8.1f} {p[1]:8.1f} {p[2]:8.1f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-http", action="store_true")
    ap.add_argument("--facets", action="store_true", help="also time filters and facets")
    ap.add_argument("--index", type=Path, help="an existing index (default: the benchmark's)")
    a = ap.parse_args()
    require_shared()
    index_dir = a.index or build_index("bahth")
    sets = {
        "keywords (2-3 words)": keyword_queries(index_dir),
        "ARCD questions": [q for _, q in questions()],
    }
    engine = Engine(index_dir)
    for q in sets["keywords (2-3 words)"][:20]:
        engine.search(q)  # warm the caches as a running server would be
    print(f"{'query set':24} {'where':10} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, queries in sets.items():
        p = timed(engine.search, queries, a.runs)
        print(f"{name:24} {'in process':10} {p[0]:8.1f} {p[1]:8.1f} {p[2]:8.1f}")
    if a.facets:
        facet_speed(engine, sets["keywords (2-3 words)"], a.runs)
    if a.no_http:
        return
    proc, url = serve(index_dir)
    try:

        def get(q):
            return json.load(
                urllib.request.urlopen(
                    f"{url}/api/search?" + urllib.parse.urlencode({"q": q}), timeout=30
                )
            )

        for q in sets["keywords (2-3 words)"][:20]:
            get(q)
        for name, queries in sets.items():
            p = timed(get, queries, a.runs)
            print(f"{name:24} {'HTTP':10} {p[0]:8.1f} {p[1]:8.1f} {p[2]:8.1f}")
        if a.facets:
            month, queries = MONTH.args(), sets["keywords (2-3 words)"]
            cpu = cpu_seconds(proc.pid)
            p = timed(
                lambda q: json.load(
                    urllib.request.urlopen(
                        f"{url}/api/search?" + urllib.parse.urlencode({"q": q, **month}), timeout=30
                    )
                ),
                queries,
                a.runs,
            )
            cpu = (cpu_seconds(proc.pid) - cpu) * 1000 / (len(queries) * a.runs)
            print(f"{'keywords, a month':24} {'HTTP':10} {p[0]:8.1f} {p[1]:8.1f} {p[2]:8.1f}")
            print(f"the server's CPU time per such request: {cpu:.1f} ms on average")
            print(
                f"TARGET keyword queries with facets and a date filter over HTTP: "
                f"p95 {p[1]:.1f} ms (goal <= 30 ms)"
            )
        print(f"server resident memory: {rss_mb(proc.pid):.0f} MB")
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
