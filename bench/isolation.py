#!/usr/bin/env python3
"""Isolation: keyword queries over HTTP on a quiet server, and while clients send
the worst queries found.

    .venv/bin/python bench/isolation.py [--clients 8] [--runs 3] [--hostile 1000] [--index DIR]

Starts `bahth serve` on the evaluation collection. Each run sends the 200 keyword
queries of query_speed.py to /api/search one at a time, first with nothing else
going on, then while --clients clients send HOSTILE queries back to back. Prints
each run's p50/p95 of both, the ratio of the p95s (target: 2x at most), the
hostile queries' own latency and status codes, and the server's resident memory
once --hostile hostile queries have been answered.
"""

import argparse
import json
import random
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

from common import percentile, require_shared
from quality import build_index
from query_speed import keyword_queries, rss_mb, serve

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
# Common words of the collection, for queries that read long postings.
COMMON = (
    "الملك السعودية الرياض وزير المملكة العربية الأمير الدولة مجلس الشورى التعليم "
    "الصحة النفط جدة مكة المدينة الحج رمضان العيد الأسهم السوق الجامعة المياه "
    "الطلاب المستشفى الأمن المرور الشركة البنك الاقتصاد الحكومة الرئيس الوزراء "
    "العام اليوم الأول الثاني المشروع التنمية الخدمات المواطنين العمل الشباب "
    "الرياضة النصر الهلال الاتحاد الأهلي المنتخب الدوري البطولة الفريق اللاعب "
    "المدرب المباراة الموسم الكأس الإعلام الثقافة المعرض الكتاب المؤتمر التعاون "
    "الخليج الإمارات الكويت قطر البحرين عمان مصر الأردن العراق سوريا لبنان"
).split()


def _word(rng, letters):
    return "".join(rng.choices(LETTERS, k=letters))


# The worst queries found for issue 14, each within the page's 500 characters and
# drawn at random, so that no cache answers them.
HOSTILE = {
    # Once 4 s and 300 MB of spelling candidates.
    "long word": lambda rng: _word(rng, 500),
    # The longest words that are still looked for among their neighbours.
    "long words": lambda rng: " ".join(_word(rng, 24) for _ in range(3)),
    # Unknown words: as many terms as are scored, and suggestions.
    "unknown words": lambda rng: " ".join(_word(rng, 7) for _ in range(62)),
    # Once 6.9 s and 3,200 terms.
    "prefixes": lambda rng: " ".join(_word(rng, 2) + "*" for _ in range(100)),
    # As many common words as are scored, with long postings, and their pairs.
    "common words": lambda rng: " ".join(rng.sample(COMMON, 64)),
    "brackets": lambda rng: "(" * 230 + " ".join(rng.sample(COMMON, 3)) + ")" * 230,
    "copies": lambda rng: " ".join([rng.choice(COMMON)] * 80)[:500],
    # A common word's deep pages: every hit ranked above is compared for copies
    # (once 97 s for the 100th page of 100 of «السعودية»).
    "deep pages": lambda rng: (rng.choice(COMMON), {"page": rng.randint(4, 100), "per_page": 100}),
}


def get(url, q, pages=None):
    params = {"q": q, **(pages or {})}
    with urllib.request.urlopen(
        f"{url}/api/search?" + urllib.parse.urlencode(params), timeout=120
    ) as answer:
        return answer.status, answer.read()


def keyword_latencies(url, queries):
    times = []
    for q in queries:
        start = time.perf_counter()
        get(url, q)
        times.append((time.perf_counter() - start) * 1000)
    return times


class Hostile:
    """``clients`` threads sending HOSTILE queries back to back until stopped."""

    def __init__(self, url, clients, seed):
        self.url, self.stop = url, threading.Event()
        self.lock = threading.Lock()
        self.latencies, self.statuses = [], Counter()
        self.threads = [
            threading.Thread(target=self._client, args=(random.Random(seed + i),), daemon=True)
            for i in range(clients)
        ]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def _client(self, rng):
        kinds = list(HOSTILE)
        while not self.stop.is_set():
            q = HOSTILE[rng.choice(kinds)](rng)
            q, pages = q if isinstance(q, tuple) else (q, None)
            start = time.perf_counter()
            try:
                status, _ = get(self.url, q, pages)
            except urllib.error.HTTPError as e:
                status = e.code
            with self.lock:
                self.latencies.append((time.perf_counter() - start) * 1000)
                self.statuses[status] += 1

    @property
    def count(self):
        with self.lock:
            return len(self.latencies)


def p(values, q):
    return round(percentile(values, q), 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument(
        "--hostile",
        type=int,
        default=1000,
        help="hostile queries answered before the server's memory is read",
    )
    ap.add_argument("--index", help="an existing index (default: the benchmark's)")
    a = ap.parse_args()
    require_shared()
    index_dir = a.index or build_index("bahth")
    queries = keyword_queries(index_dir)
    proc, url = serve(index_dir)
    hostile_latencies, statuses, answered, runs = [], Counter(), 0, []
    try:
        keyword_latencies(url, queries[:20])  # warm, as a running server would be
        for run in range(a.runs):
            quiet = keyword_latencies(url, queries)
            with Hostile(url, a.clients, seed=run * 100) as hostile:
                loaded = keyword_latencies(url, queries)
            hostile_latencies += hostile.latencies
            statuses += hostile.statuses
            answered += hostile.count
            runs.append(
                {
                    "quiet_p50": p(quiet, 50),
                    "quiet_p95": p(quiet, 95),
                    "loaded_p50": p(loaded, 50),
                    "loaded_p95": p(loaded, 95),
                    "ratio_p95": round(percentile(loaded, 95) / percentile(quiet, 95), 2),
                    "hostile_queries": hostile.count,
                }
            )
            print(json.dumps({"run": run + 1, **runs[-1]}), flush=True)
        if answered < a.hostile:
            with Hostile(url, a.clients, seed=999) as hostile:
                while answered + hostile.count < a.hostile:
                    time.sleep(0.5)
            hostile_latencies += hostile.latencies
            statuses += hostile.statuses
            answered += hostile.count
        summary = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        print(json.dumps({"median of runs": summary}))
        print(
            json.dumps(
                {
                    "hostile queries": answered,
                    "statuses": dict(statuses),
                    "hostile_p50": p(hostile_latencies, 50),
                    "hostile_p95": p(hostile_latencies, 95),
                    "server_rss_mb": round(rss_mb(proc.pid)),
                },
                ensure_ascii=False,
            )
        )
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
