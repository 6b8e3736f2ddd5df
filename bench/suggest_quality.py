#!/usr/bin/env python3
"""How well «هل تقصد» restores misspelled words, on the evaluation collection.

    .venv/bin/python bench/suggest_quality.py [--words 200] [--seed 7 11 ...] [--failures] [--check]

Takes words from the collection's documents (Arabic, 4+ letters, not stopwords, in
at least 3 documents), applies one common typing slip to each (ة/ه, ى/ي, a hamza
form, ظ/ض, a missing letter, an extra letter, a letter typed with a neighbouring
key: ``search.keyboard.neighbours``) and asks for a suggestion.
A slip counts as restored when the suggested word has the original word's term
(it finds the original's documents: «إخراج» restores «وإخراج»), or when no
suggestion is needed because analysis already gives the slipped word that term
(ة/ه and hamza slips find the same documents as typed). Wrong suggestions are
counted on correctly spelled words: words of the ARCD questions (real typed text,
with a few misspellings of its own) and words of the collection.

Each word goes through what a user gets: a search, then ``Engine.suggestion`` of
its results. The time is that of the suggestion alone, per slipped word; at the
end, also over the ARCD questions and query_speed.py's keyword queries.
bench/README.md has five sets of seven seeds: A (7 11 23 42 3 99 2024), on which
weights were chosen; B (1 5 13 17 101 555 9001) and C (31 77 123 2025 4242 8080
31337), looked at for a weight or two; D (8 14 21 57 300 777 12345) and E (2 4 6 9
10 12 15), for nothing.

``--check`` runs the seeds and word count of bench/expected.json (set A) and exits
non-zero when a mean figure is outside its tolerance there.
"""

import argparse
import random
import statistics
import sys
import time
from collections import Counter

from common import percentile, require_shared
from expected import check, load
from quality import build_index, questions
from query_speed import keyword_queries

from indexer.analysis import arabic_analyzer
from indexer.arabic.tokenize import words
from search.engine import Engine
from search.keyboard import neighbours

SWAPS = [
    ("ة", "ه"),
    ("ه", "ة"),
    ("ى", "ي"),
    ("ي", "ى"),
    ("أ", "ا"),
    ("إ", "ا"),
    ("ا", "أ"),
    ("ؤ", "و"),
    ("ئ", "ي"),
    ("ظ", "ض"),
    ("ض", "ظ"),
]
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
# What run() returns, by the names of bench/expected.json.
FIGURES = ["restored", "wrong (questions)", "wrong (collection)"]


def slips(word, rng):
    """Every slip applicable to ``word``, as (kind, misspelled word)."""
    out = []
    for a, b in SWAPS:
        i = word.find(a)
        if i >= 0:
            out.append((f"{a}→{b}", word[:i] + b + word[i + 1 :]))
    i = rng.randrange(1, len(word) - 1)
    out.append(("missing letter", word[:i] + word[i + 1 :]))
    out.append(("extra letter", word[:i] + rng.choice(LETTERS) + word[i:]))
    if near := sorted(neighbours(word[i])):
        out.append(("neighbouring key", word[:i] + rng.choice(near) + word[i + 1 :]))
    return out


def sample_words(searcher, n, rng, min_docs=3):
    analyzer = arabic_analyzer()
    reader = searcher.reader()
    counts = Counter()
    for docnum in rng.sample(range(reader.doc_count_all()), 400):
        if reader.is_deleted(docnum):
            continue
        body = searcher.stored_fields(docnum)["body"]
        for surface, _, _ in words(body[:2000]):
            if len(surface) >= 4 and "\u0621" <= surface[0] <= "\u064a" and surface.isalpha():
                counts[surface] += 1
    good = [
        w
        for w in sorted(counts)
        if (terms := term(analyzer, w)) and searcher.doc_frequency("body", terms[0]) >= min_docs
    ]
    return rng.sample(good, n)


def term(analyzer, word):
    return [t.text for t in analyzer(word)]


def suggestion(engine, text):
    """What the results page shows for ``text``, and the seconds it took to decide."""
    result = engine.search(text)
    start = time.perf_counter()
    got = engine.suggestion(result)
    return got, time.perf_counter() - start


def run(engine, searcher, typed, n, seed, show_failures):
    """One sample: restored slips by kind, wrong suggestions, time per slipped word."""
    rng = random.Random(seed)
    analyzer = arabic_analyzer()
    restored, by_kind, failures, took = 0, Counter(), [], []
    for word in sample_words(searcher, n, rng):
        kind, typo = rng.choice(slips(word, rng))
        got, seconds = suggestion(engine, typo)
        took.append(seconds)
        ok = term(analyzer, got if got is not None else typo) == term(analyzer, word)
        restored += ok
        by_kind[kind, ok] += 1
        if not ok:
            failures.append(f"{kind}: {word} → {typo} → {got}")
    wrong = [w for w in rng.sample(typed, n) if suggestion(engine, w)[0]]
    own = sample_words(searcher, n, rng, min_docs=1)
    wrong_own = [w for w in own if suggestion(engine, w)[0]]
    print(
        f"seed {seed}: restored {restored}/{n} = {restored / n:.1%}; suggestion time {timing(took)}"
    )
    for kind in sorted({k for k, _ in by_kind}):
        print(f"  {kind}: {by_kind[kind, True]}/{by_kind[kind, True] + by_kind[kind, False]}")
    print(
        f"  wrong suggestions for {n} words of the questions: {len(wrong)} = "
        f"{len(wrong) / n:.1%} ({', '.join(wrong)})"
    )
    print(
        f"  wrong suggestions for {n} words of the collection (any frequency): "
        f"{len(wrong_own)} = {len(wrong_own) / n:.1%} ({', '.join(wrong_own)})"
    )
    print(
        "  misses:" if show_failures else "  misses, e.g.:",
        *(failures if show_failures else failures[:8]),
        sep="\n    ",
    )
    return restored / n, len(wrong) / n, len(wrong_own) / n


def timing(took):
    return (
        f"median {statistics.median(took) * 1000:.1f} ms, "
        f"p95 {percentile(took, 95) * 1000:.1f} ms, max {max(took) * 1000:.1f} ms"
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int)
    ap.add_argument("--seed", type=int, nargs="+")
    ap.add_argument("--failures", action="store_true", help="list every slip not restored")
    ap.add_argument(
        "--check",
        action="store_true",
        help="run bench/expected.json's seeds; exit non-zero when a figure "
        "is outside its tolerance",
    )
    a = ap.parse_args()
    expected = load("suggest")
    if a.check and (a.seed or a.words):
        ap.error(
            "--check runs the seeds and words of bench/expected.json: leave out --seed and --words"
        )
    a.seed = a.seed or (expected["seeds"] if a.check else [7])
    a.words = a.words or expected["words"]
    require_shared()
    index_dir = build_index("bahth")
    engine = Engine(index_dir)
    searcher = engine.searcher()
    asked = [q for _, q in questions()]
    typed = sorted({w for q in asked for w, _, _ in words(q) if len(w) >= 3 and w.isalpha()})
    rows = [run(engine, searcher, typed, a.words, seed, a.failures) for seed in a.seed]
    mean = [sum(col) / len(rows) for col in zip(*rows)]
    if len(rows) > 1:
        print(
            f"mean of {len(rows)} seeds: restored {mean[0]:.1%}, wrong suggestions "
            f"{mean[1]:.1%} (questions), {mean[2]:.1%} (collection)"
        )
    # What every query pays, misspelled or not.
    for name, texts in [
        ("the ARCD questions", asked),
        ("200 keyword queries", keyword_queries(index_dir)),
    ]:
        print(f"suggestion time over {name}: {timing([suggestion(engine, q)[1] for q in texts])}")
    if a.check:
        return check("suggest", dict(zip(FIGURES, mean)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
