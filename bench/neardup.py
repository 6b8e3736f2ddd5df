#!/usr/bin/env python3
"""Near-duplicates in the top 10, before and after folding, and the pairs folded.

    .venv/bin/python bench/neardup.py [--sample 20]

The 200 keyword queries of query_speed.py through Engine.search, without folding
(exact duplicates are still collapsed) and with it, no shingles kept before.
Counts the hits of each top 10 that are near-duplicates (resemblance >=
RESEMBLANCE) of a hit above them, the copies folded, the time per query; then
prints a sample of the folded pairs least alike, to be read.
"""

import argparse
import random
import time

from common import percentile, require_shared
from quality import build_index
from query_speed import keyword_queries

from search import neardup
from search.engine import Engine


def run(engine, queries):
    """([(query, hits)], [ms per query])."""
    out, times = [], []
    for q in queries:
        start = time.perf_counter()
        out.append((q, engine.search(q).hits))
        times.append((time.perf_counter() - start) * 1000)
    return out, times


def near_copies(view, hits):
    """(hit, the hit above it it copies, resemblance) for each such hit."""

    def number(h):
        return view.searcher.document_number(path=h.path)

    shingles = [view.shingles(number(h)) for h in hits]
    found = []
    for i, these in enumerate(shingles):
        best = max(range(i), key=lambda j: neardup.resemblance(these, shingles[j]), default=None)
        if best is not None:
            likeness = neardup.resemblance(these, shingles[best])
            if likeness >= neardup.RESEMBLANCE:
                found.append((hits[i], hits[best], likeness))
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=20)
    a = ap.parse_args()
    require_shared()
    index_dir = build_index("bahth")
    queries = keyword_queries(index_dir)
    engine = Engine(index_dir)
    view = engine.view()
    for q in queries[:20]:
        engine.search(q)  # warm the caches as a running server would be
    runs = {}
    # Timed first, each with no shingles kept: folding's cost on a cold cache.
    neardup.Shingler._kept.clear()
    runs["not folded"] = run(Engine(index_dir, fold=False), queries)
    runs["folded"] = run(engine, queries)
    for label, (results, times) in runs.items():
        copies = sum(len(near_copies(view, hits)) for _, hits in results)
        folded = sum(len(h.copies) for _, hits in results for h in hits)
        print(
            f"{label:11} near-duplicates of a higher hit in the top 10: {copies} of "
            f"{sum(len(h) for _, h in results)}; copies folded: {folded}; "
            f"ms per query p50 {percentile(times, 50):.1f} p95 {percentile(times, 95):.1f}"
        )
    folded_pairs = [(q, h, c) for q, hits in runs["folded"][0] for h in hits for c in h.copies]
    rng = random.Random(7)
    scored = []
    for q, hit, (path, _title) in folded_pairs:
        kept = view.shingles(view.searcher.document_number(path=hit.path))
        copy = view.shingles(view.searcher.document_number(path=path))
        scored.append((neardup.resemblance(kept, copy), q, hit, path))
    # Drawn from the third of the pairs least alike, where a mistake would be.
    near = sorted(scored, key=lambda s: s[0])[: max(a.sample, len(scored) // 3)]
    for likeness, q, hit, path in rng.sample(near, min(a.sample, len(near))):
        other = view.searcher.document(path=path)
        print(
            f"\n{likeness:.2f} «{q}»\n  {hit.title}\n    {hit.path}\n  {other['title']}\n    {path}"
        )


if __name__ == "__main__":
    main()
