#!/usr/bin/env python3
"""Other spellings of a name (search/variants.py): which are the same name, and their cost.

    .venv/bin/python bench/variants.py [--terms 400] [--seed 5] [--pool OUT]

Asks ``Variants.evidence`` for the words of the judged queries
(``judged/queries.tsv``) and for ``--terms`` terms drawn from the collection (4+
letters, in 3+ documents, not common in the lexicon: the words variants are
looked for), each on a fresh index view, and prints how many have a candidate
checked and one accepted, and the time per term (the first search for a word
pays it; later ones find it cached). ``judged/variants.tsv`` holds candidate
pairs graded blind, "same" (one word or name, spelled another way) or "different",
by readers given both spellings and a sentence of the collection for each; the
script prints precision and recall of the accepted pairs among those graded, at
the threshold and around it. ``--pool OUT`` writes the pairs not graded yet,
shuffled, without their similarity, for readers.
"""

import argparse
import hashlib
import heapq
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

from common import percentile, require_shared
from judged import read_queries
from quality import build_index

from indexer.arabic.chain import make_chain
from indexer.arabic.lexicon import frequency
from indexer.arabic.tokenize import words
from search import variants as variants_module
from search.engine import Engine
from search.spelling import spelled, words_around

GRADED = Path(__file__).resolve().parent / "judged" / "variants.tsv"
THRESHOLDS = (0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
EXAMPLE_CHARS = 90


def read_graded():
    graded = {}
    if GRADED.exists():
        for line in GRADED.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                term, other, grade = line.split("\t")[:3]
                graded[term, other] = graded[other, term] = grade == "same"
    return graded


def sampled_terms(searcher, n, seed):
    """``n`` terms drawn by a seeded hash of each term, not by its place in the
    vocabulary: a change that adds or removes other terms leaves the sample, and
    so the pairs already graded, as they were."""
    terms = []
    for raw in searcher.reader().field_terms("body"):
        term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if (
            len(term) >= 4
            and searcher.doc_frequency("body", term) >= 3
            and frequency(term) < variants_module.COMMON
        ):
            terms.append(term)
    return heapq.nsmallest(n, terms, key=lambda t: hashlib.sha1(f"{seed}:{t}".encode()).hexdigest())


def example(searcher, term):
    """A sentence of the collection that writes ``term``."""
    letters = re.compile(spelled(term))
    for docnum in list(searcher.reader().postings("body", term).all_ids())[:20]:
        fields = searcher.stored_fields(docnum)
        text = f"{fields['title']}. {fields['body'][:5000]}"
        for start, end in words_around(text, letters):
            if make_chain().term(text[start:end]) == term:
                return " ".join(text[max(0, start - EXAMPLE_CHARS) : end + EXAMPLE_CHARS].split())
    return ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--terms", type=int, default=400)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--pool", metavar="OUT")
    a = ap.parse_args()
    require_shared()
    index = build_index("bahth")
    engine = Engine(index)
    searcher = engine.searcher()
    query_terms = {
        t
        for text, _ in read_queries().values()
        for w, _, _ in words(text)
        if (t := make_chain().term(w))
    }
    sets = {
        "judged queries' words": sorted(query_terms),
        "collection terms": sampled_terms(searcher, a.terms, a.seed),
    }
    pairs = {}
    for name, terms in sets.items():
        variants = Engine(index).view().scorer("").variants  # a fresh, empty cache
        checked = accepted = 0
        times = []
        for term in terms:
            start = time.perf_counter()
            found = variants.evidence(term)
            times.append((time.perf_counter() - start) * 1000)
            checked += bool(found)
            accepted += any(s >= variants_module.SAME_COMPANY for _, s in found)
            for other, alike in found:
                pairs[term, other] = alike
        print(
            f"{name}: {len(terms)} terms, {checked} with a candidate checked, {accepted} "
            f"with one accepted; ms per term p50 {statistics.median(times):.1f} "
            f"p95 {percentile(times, 95):.1f} max {max(times):.0f}"
        )
    graded = read_graded()
    print(f"{len(pairs)} candidate pairs, {sum(p in graded for p in pairs)} graded")
    print("threshold  accepted  graded  precision  recall")
    same = [p for p in pairs if graded.get(p)]
    for threshold in THRESHOLDS:
        taken = [p for p, s in pairs.items() if s >= threshold]
        judged = [p for p in taken if p in graded]
        right = sum(graded[p] for p in judged)
        marker = " <- SAME_COMPANY" if threshold == variants_module.SAME_COMPANY else ""
        print(
            f"{threshold:9.2f}  {len(taken):8}  {len(judged):6}  "
            f"{right / len(judged) if judged else float('nan'):9.3f}  "
            f"{sum(pairs[p] >= threshold for p in same) / len(same) if same else float('nan'):6.3f}"
            f"{marker}"
        )
    for (term, other), alike in sorted(pairs.items(), key=lambda kv: -kv[1]):
        if alike >= variants_module.SAME_COMPANY:
            grade = {True: "same", False: "DIFFERENT", None: "?"}[graded.get((term, other))]
            print(f"  {term} ~ {other}  {alike:.3f}  {grade}")
    if a.pool:
        todo = [p for p in pairs if p not in graded]
        random.Random(a.seed).shuffle(todo)
        with open(a.pool, "w", encoding="utf-8") as f:
            for n, (term, other) in enumerate(todo, 1):
                row = {
                    "id": n,
                    "word1": term,
                    "example1": example(searcher, term),
                    "word2": other,
                    "example2": example(searcher, other),
                }
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{len(todo)} ungraded pairs written to {a.pool}", file=sys.stderr)


if __name__ == "__main__":
    main()
