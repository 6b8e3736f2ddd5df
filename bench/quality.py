#!/usr/bin/env python3
"""Retrieval quality: the ARCD training questions against SaudiNewsNet + ARCD paragraphs.

    .venv/bin/python bench/quality.py [--analysis VARIANT] [--k1 K] [--b B] [--title-weight W]
                                      [--min-length N] [--exact W] [--proclitics off] [--keywords N]
                                      [--check]

Every field of ``search.ranking.Ranking`` is an option of the same name.

Builds the collection from ../shared once, indexes it with bahth's indexer (cached
under bench/.cache by a hash of the index code and the analysis variant, so a
ranking change reruns in seconds), runs the 693 questions through bahth's search
engine in one process, and scores the run with arcd.py: MRR@10, R@1, R@10, R@100.

``--keywords N`` asks each question as a person typing keywords would: its N
rarest words (by their documents in bahth's index, stopwords and words no
document has left out), as written in the question and in its order.

``--exact W`` weighs the bonus for a query word written as typed (search/exact.py).

``--check`` compares the default run's figures with bench/expected.json and exits
non-zero when one is outside its tolerance.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

from common import (
    ARCD,
    CACHE,
    add_ranking_options,
    code_hash,
    collection,
    ranking_from,
    require_shared,
)
from expected import check

from indexer.analysis import arabic_analyzer
from indexer.arabic.tokenize import words
from indexer.build import update_index
from indexer.schema import make_schema
from search.engine import Engine

# Analysis variants, from none to bahth's full chain.
ANALYSES = {
    "none": dict(normalise=False, stop=False, stemming=None, hamza_seats=False),
    "normalise": dict(stop=False, stemming=None, hamza_seats=False),
    "stop": dict(stemming=None, hamza_seats=False),
    "light10": dict(stemming="light10", hamza_seats=False),
    "light10-hamza": dict(stemming="light10"),
    "bahth-nohamza": dict(hamza_seats=False),
    "bahth-nopronouns": dict(stemming="bahth-nopronouns"),
    "bahth-noevidence": dict(stemming="bahth-noevidence"),
    "bahth": dict(),
}


def build_index(variant):
    options = ANALYSES[variant]
    folder = CACHE / f"index-{variant}-{code_hash(options)}"
    if not (folder / ".complete").exists():
        print(f"indexing with analysis {variant!r} into {folder} ...", file=sys.stderr)
        start = time.perf_counter()
        report = update_index(
            collection(),
            folder,
            rebuild=True,
            parallel=True,
            schema=make_schema(arabic_analyzer(**options)),
        )
        print(f"{report.summary()} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
        (folder / ".complete").touch()
    return folder


def questions():
    path = CACHE / "arcd-queries.tsv"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, ARCD, "queries", path], check=True)
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t", 1) for line in f]


def keywords(view, text, n):
    """The ``n`` words of ``text`` in fewest documents of an Engine's ``view``, in
    their order in ``text``."""
    typed = [word for word, _, _ in words(text)]
    found = sorted(
        (df, i)
        for i, word in enumerate(typed)
        if (t := view.term_of(word)) and (df := view.searcher.doc_frequency("body", t))
    )
    return " ".join(typed[i] for i in sorted(i for _, i in found[:n]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--analysis", choices=sorted(ANALYSES), default="bahth")
    add_ranking_options(ap)
    ap.add_argument(
        "--keywords", type=int, metavar="N", help="ask each question as its N rarest words"
    )
    ap.add_argument(
        "--check",
        action="store_true",
        help="exit non-zero when a figure is outside bench/expected.json",
    )
    a = ap.parse_args()
    if a.check and vars(a) != {**vars(ap.parse_args([])), "check": True}:
        ap.error(
            "--check compares the default run with bench/expected.json: leave out the other options"
        )
    require_shared()
    ranking = ranking_from(a)
    asked = questions()
    if a.keywords:
        # Chosen by bahth's index for every variant, so all are asked the same.
        view = Engine(build_index("bahth")).view()
        asked = [(qid, keywords(view, text, a.keywords)) for qid, text in asked]
    engine = Engine(build_index(a.analysis), ranking=ranking)
    run = CACHE / f"run-{os.getpid()}.jsonl"
    start = time.perf_counter()
    with open(run, "w", encoding="utf-8") as f:
        for qid, text in asked:
            hits = engine.rank(text, 100)
            f.write(json.dumps({"qid": qid, "hits": hits}) + "\n")
    took = time.perf_counter() - start
    what = f"{a.keywords} keywords of each question" if a.keywords else "the questions"
    print(f"analysis={a.analysis} {ranking} ({took:.1f} s for {what})")
    scored = subprocess.run(
        [sys.executable, ARCD, "score", run], check=True, capture_output=True, text=True
    ).stdout
    run.unlink()
    print(scored, end="")
    if a.check:
        return check("arcd", figures(scored))
    return 0


def figures(scored):
    """The figures of arcd.py's score output, {"MRR@10": 0.75, ...}."""
    return {name: float(value) for name, value in re.findall(r"(\S+@\d+) ([\d.]+)", scored)}


if __name__ == "__main__":
    sys.exit(main())
