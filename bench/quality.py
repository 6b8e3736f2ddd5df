#!/usr/bin/env python3
"""Retrieval quality: the ARCD training questions against SaudiNewsNet + ARCD paragraphs.

    .venv/bin/python bench/quality.py [--analysis VARIANT] [--k1 K] [--b B] [--title-weight W]
                                      [--no-proclitics] [--keywords N] [--exact W]

Builds the collection from ../shared once, indexes it with bahth's indexer (cached
under bench/.cache by a hash of the index code and the analysis variant, so a
ranking change reruns in seconds), runs the 693 questions through bahth's search
engine in one process, and scores the run with arcd.py: MRR@10, R@1, R@10, R@100.

``--keywords N`` asks each question as a person typing keywords would: its N
rarest words (by their documents in bahth's index, stopwords and words no
document has left out), as written in the question and in its order.

``--exact W`` tries the issue's "extra weight for an exact (unstemmed) match":
the best 20 documents are re-ranked with W × idf added for each query word the
document writes as typed (normalised, not stemmed). Measured and not kept; the
re-ranking lives here, not in ``search/``.
"""
import argparse
import json
import os
import subprocess
import sys
import time

from common import ARCD, CACHE, code_hash, collection, require_shared

from indexer.analysis import arabic_analyzer
from indexer.arabic.normalize import fold_hamza_seats, normalize
from indexer.arabic.tokenize import words
from indexer.build import update_index
from indexer.schema import make_schema
from search import query as queries
from search.engine import Engine
from search.ranking import Ranking

EXACT_DEPTH = 20

# Analysis variants, from none to bahth's full chain.
ANALYSES = {
    "none": dict(normalise=False, stop=False, stemming=None, hamza_seats=False),
    "normalise": dict(stop=False, stemming=None, hamza_seats=False),
    "stop": dict(stemming=None, hamza_seats=False),
    "light10": dict(stemming="light10", hamza_seats=False),
    "light10-hamza": dict(stemming="light10"),
    "bahth-nohamza": dict(hamza_seats=False),
    "bahth-nopronouns": dict(stemming="bahth-nopronouns"),
    "bahth": dict(),
}


def build_index(variant):
    options = ANALYSES[variant]
    folder = CACHE / f"index-{variant}-{code_hash(options)}"
    if not (folder / ".complete").exists():
        print(f"indexing with analysis {variant!r} into {folder} ...", file=sys.stderr)
        start = time.perf_counter()
        report = update_index(collection(), folder, rebuild=True, parallel=True,
                              schema=make_schema(arabic_analyzer(**options)))
        print(f"{report.summary()} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
        (folder / ".complete").touch()
    return folder


def questions():
    path = CACHE / "arcd-queries.tsv"
    if not path.exists():
        subprocess.run([sys.executable, ARCD, "queries", path], check=True)
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t", 1) for line in f]


def keywords(view, text, n):
    """The ``n`` words of ``text`` in fewest documents of an Engine's ``view``, in
    their order in ``text``."""
    typed = [word for word, _, _ in words(text)]
    found = sorted((df, i) for i, word in enumerate(typed)
                   if (t := view.term_of(word)) and (df := view.searcher.doc_frequency("body", t)))
    return " ".join(typed[i] for i in sorted(i for _, i in found[:n]))


def exact_ranked(engine, text, weight, limit=100):
    """``Engine.rank`` with the best EXACT_DEPTH re-ranked by ``weight`` × idf for
    each word of ``text`` that a document writes as typed."""
    view = engine.view()
    q = queries.parse(view.parser, text)
    if q is None:
        return []
    terms = view.scorer.query_terms(q)
    _, ranked = view.scorer.top(q, terms, limit)
    _, idfs = view.scorer.scores(terms)  # the idfs BM25F gave each term
    typed = {surface(word): idfs[t] for word, _, _ in words(text)
             if (t := view.term_of(word)) in idfs}

    def rescored(hit):
        stored = view.searcher.stored_fields(hit[0])
        held = {surface(w) for w, _, _ in words(stored["title"] + "\n" + stored["body"])}
        return hit[1] + weight * sum(idf for form, idf in typed.items() if form in held)

    head = sorted(ranked[:EXACT_DEPTH], key=rescored, reverse=True)
    return [view.searcher.stored_fields(d)["path"] for d, _ in head + ranked[EXACT_DEPTH:]]


def surface(word):
    return fold_hamza_seats(normalize(word))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--analysis", choices=sorted(ANALYSES), default="bahth")
    ap.add_argument("--k1", type=float, default=Ranking.k1)
    ap.add_argument("--b", type=float, default=Ranking.b)
    ap.add_argument("--title-weight", type=float, default=Ranking.title_weight)
    ap.add_argument("--title-b", type=float, default=Ranking.title_b)
    ap.add_argument("--coord", type=float, default=Ranking.coord)
    ap.add_argument("--proximity", type=float, default=Ranking.proximity)
    ap.add_argument("--rerank-depth", type=int, default=Ranking.rerank_depth)
    ap.add_argument("--no-proclitics", dest="proclitics", action="store_false",
                    help="do not also look for a term without a joined ب/ل/ك/ف")
    ap.add_argument("--keywords", type=int, metavar="N",
                    help="ask each question as its N rarest words")
    ap.add_argument("--exact", type=float, default=0.0, metavar="W",
                    help="re-rank the best 20 by W x idf per query word written as typed")
    a = ap.parse_args()
    require_shared()
    ranking = Ranking(k1=a.k1, b=a.b, title_b=a.title_b, title_weight=a.title_weight,
                      coord=a.coord, proximity=a.proximity, rerank_depth=a.rerank_depth,
                      proclitics=a.proclitics)
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
            hits = exact_ranked(engine, text, a.exact) if a.exact else engine.rank(text, 100)
            f.write(json.dumps({"qid": qid, "hits": hits}) + "\n")
    took = time.perf_counter() - start
    what = f"{a.keywords} keywords of each question" if a.keywords else "the questions"
    print(f"analysis={a.analysis} {ranking} ({took:.1f} s for {what})")
    subprocess.run([sys.executable, ARCD, "score", run], check=True)
    run.unlink()


if __name__ == "__main__":
    main()
