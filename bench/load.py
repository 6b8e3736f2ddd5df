#!/usr/bin/env python3
"""Load on a running `bahth serve`: concurrent clients on this machine, for a while.

    .venv/bin/python bench/load.py http://127.0.0.1:8000/ [--clients 16] [--seconds 60]
                                   [--seeds DIR --add N] [--json]

Each client keeps one connection open and sends, at random, results pages, API
searches, document pages (of paths earlier answers listed) and junk: hostile
queries, parameters out of range, path traversals, unknown routes, bodies.
At the end it prints requests/s, p50/p95/p99 latency per kind of request, the
status codes, the 5xx answers and the connection errors, and checks that no
answer listed a document twice. ``--seeds DIR --add N`` copies N new documents
into DIR/_load/ at a steady rate during the run (for a watcher to index under
load); delete that folder afterwards. Exits 1 if anything failed.
"""

import argparse
import http.client
import json
import random
import re
import sys
import threading
import time
from collections import Counter, defaultdict
from itertools import islice
from pathlib import Path
from urllib.parse import quote, urlsplit

from common import percentile

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
WORDS = [
    "الاقتصاد",
    "السعودية",
    "وزير",
    "التعليم",
    "الصحة",
    "النفط",
    "الرياض",
    "جدة",
    "المملكة",
    "الأمير",
    "مجلس",
    "الشورى",
    "الطلاب",
    "المستشفى",
    "الأمن",
    "الحج",
    "رمضان",
    "العيد",
    "الأسهم",
    "السوق",
    "الملك",
    "المرور",
    "الجامعة",
    "المياه",
]
JUNK = [
    "/search?q=" + quote('"غير مغلق ((( title:'),
    "/api/search?q=" + quote("*"),
    "/api/search?q=" + quote("ال*"),
    "/api/search?q=" + quote("nosuch:field AND"),
    "/api/search?q=x&page=0",
    "/api/search?q=x&per_page=1000",
    "/api/search",
    "/search?q=" + quote("ا" * 600),
    "/doc/..%2f..%2fetc%2fpasswd",
    "/doc/%2e%2e/%2e%2e/secret",
    "/doc/nothing.txt",
    "/nowhere",
    "/console",
    "/api/search?q=%ff%fe%00",
    "/api/analyze?text=" + quote("<script>alert(1)</script>"),
]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("url", help="the running site, e.g. http://127.0.0.1:8000/")
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--seeds", type=Path, help="seeds folder to add documents to")
    p.add_argument("--add", type=int, default=0, help="documents to add during the run")
    p.add_argument("--seed", type=int, default=1, help="random seed")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args()
    if urlsplit(args.url).hostname not in LOOPBACK:
        p.error("the load is for this machine only: give a 127.0.0.1 or localhost URL")
    if args.add and not (args.seeds and args.seeds.is_dir()):
        p.error("--add needs --seeds DIR, an existing folder")
    return args


class Results:
    """What every client saw, gathered under one lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)  # kind -> seconds
        self.statuses = Counter()
        self.errors = Counter()
        self.duplicates = []  # URLs of answers that listed a document twice
        self.paths = set()

    def record(self, kind, seconds, status=None, error=None):
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors[error] += 1
            else:
                self.statuses[status] += 1

    def listed(self, url, paths):
        with self.lock:
            if len(paths) != len(set(paths)):
                self.duplicates.append(url)
            self.paths.update(paths[:5])

    def some_path(self, rng):
        with self.lock:
            return rng.choice(sorted(self.paths)) if self.paths else None


def query(rng):
    words = rng.sample(WORDS, rng.randint(1, 3))
    form = rng.random()
    if form < 0.1:
        return f'"{words[0]} {words[-1]}"'
    if form < 0.2:
        return words[0][:4] + "*"
    if form < 0.3 and len(words) > 1:
        return f"{words[0]} -{words[1]}"
    return " ".join(words)


def request(rng, results):
    """(kind, method, url, body) of the next request."""
    roll = rng.random()
    page = f"&page={rng.randint(1, 3)}" if rng.random() < 0.2 else ""
    if roll < 0.35:
        return "page", "GET", f"/search?q={quote(query(rng))}{page}", None
    if roll < 0.7:
        return "api", "GET", f"/api/search?q={quote(query(rng))}{page}", None
    path = results.some_path(rng)
    if roll < 0.85 and path:
        return "doc", "GET", f"/doc/{quote(path)}?q={quote(rng.choice(WORDS))}", None
    if rng.random() < 0.1:
        return "junk", "POST", "/api/search?q=x", b"x" * 50_000
    return "junk", "GET", rng.choice(JUNK), None


_DOC_LINK = re.compile(r'<a[^>]+href="/doc/([^"?]+)')


def listed_paths(kind, body):
    if kind == "api":
        return [hit["path"] for hit in json.loads(body)["hits"]]
    if kind == "page":
        return _DOC_LINK.findall(body.decode("utf-8"))
    return []


def client(url, deadline, rng, results):
    host, port = urlsplit(url).hostname, urlsplit(url).port or 80
    connection = None
    while time.monotonic() < deadline:
        kind, method, target, body = request(rng, results)
        start = time.perf_counter()
        try:
            if connection is None:
                connection = http.client.HTTPConnection(host, port, timeout=30)
            connection.request(method, target, body=body)
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as e:
            results.record(kind, time.perf_counter() - start, error=type(e).__name__)
            connection.close()
            connection = None
            continue
        results.record(kind, time.perf_counter() - start, status=response.status)
        if response.status == 200 and kind in ("api", "page"):
            results.listed(target, listed_paths(kind, data))
        if response.will_close:
            connection.close()
            connection = None


def seed_texts(seeds):
    """The seeds' own .txt files, not the copies this script made."""
    return (p for p in sorted(seeds.rglob("*.txt")) if "_load" not in p.parts)


def add_documents(seeds, count, seconds, stop):
    """Copy ``count`` documents into seeds/_load/ at a steady rate, each made unique."""
    sources = list(islice(seed_texts(seeds), count or 1))
    target = seeds / "_load"
    target.mkdir(exist_ok=True)
    added = 0
    for i in range(count):
        text = sources[i % len(sources)].read_text(encoding="utf-8", errors="replace")
        tmp = target / f".{i}.tmp"
        tmp.write_text(f"{text}\nنسخة التحميل رقم {i}\n", encoding="utf-8")
        tmp.rename(target / f"{i}.txt")  # whole files only, as an editor saves them
        added += 1
        if stop.wait(seconds / count):
            break
    return added


def report(results, seconds, added):
    every = [s for values in results.latencies.values() for s in values]
    server_errors = sum(n for status, n in results.statuses.items() if status >= 500)
    figures = {
        "requests": len(every),
        "requests_per_second": round(len(every) / seconds, 1),
        "latency_ms": {
            kind: {f"p{p}": round(percentile(values, p) * 1000, 1) for p in (50, 95, 99)}
            for kind, values in sorted({**results.latencies, "all": every}.items())
        },
        "statuses": dict(sorted(results.statuses.items())),
        "server_errors": server_errors,
        "connection_errors": dict(results.errors),
        "answers_listing_a_document_twice": len(results.duplicates),
        "documents_added": added,
    }
    ok = not (server_errors or results.errors or results.duplicates)
    return figures, ok


def main():
    args = parse_args()
    if args.add and next(seed_texts(args.seeds), None) is None:
        sys.exit(f"error: {args.seeds} holds no .txt file to copy for --add")
    results = Results()
    stop = threading.Event()
    deadline = time.monotonic() + args.seconds
    clients = [
        threading.Thread(
            target=client,
            daemon=True,
            args=(args.url, deadline, random.Random(args.seed + i), results),
        )
        for i in range(args.clients)
    ]
    added = []
    adder = threading.Thread(
        target=lambda: added.append(add_documents(args.seeds, args.add, args.seconds, stop)),
        daemon=True,
    )
    start = time.monotonic()
    for thread in clients:
        thread.start()
    if args.add:
        adder.start()
    for thread in clients:
        thread.join()
    stop.set()
    if args.add:
        adder.join()
    figures, ok = report(results, time.monotonic() - start, added[0] if added else 0)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print(
            f"{figures['requests']} requests in {args.seconds:g} s from {args.clients} "
            f"clients: {figures['requests_per_second']} requests/s"
        )
        for kind, p in figures["latency_ms"].items():
            print(f"  {kind:5} p50 {p['p50']} ms  p95 {p['p95']} ms  p99 {p['p99']} ms")
        print(f"statuses: {figures['statuses']}")
        print(
            f"5xx: {figures['server_errors']}  connection errors: "
            f"{figures['connection_errors'] or 0}  answers listing a document twice: "
            f"{figures['answers_listing_a_document_twice']}"
        )
        if args.add:
            print(f"documents added to {args.seeds / '_load'}: {figures['documents_added']}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
