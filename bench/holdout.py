#!/usr/bin/env python3
"""Whether the ranking chosen on the ARCD questions holds for questions not seen.

    .venv/bin/python bench/holdout.py [--splits 50] [--resamples 2000]

Issue #5 is checked again on held-out Arabic questions that are not in ../shared.
This script estimates how much of bahth's figure is owed to choosing its ranking on
the 693 questions it can see:

- every variant of a small grid (k1, b, title weight, proximity: the parameters
  that moved the figures most in bench/README.md) is run over all the questions;
- the questions are split in two halves at random, ``--splits`` times; the best
  variant on one half is scored on the other (as if the other half were held out),
  and the defaults are scored on the same halves;
- a bootstrap over the questions gives an interval for the defaults' figures.
"""

import argparse
import importlib.util
import itertools
import random
import statistics
import sys

from common import ARCD, require_shared
from quality import build_index

from search.engine import Engine
from search.ranking import Ranking

GRID = {
    "k1": [1.2, 2.0, 3.0],
    "b": [0.75, 1.0],
    "title_weight": [1.0, 2.0],
    "proximity": [0.0, 1.0],
}


def load_arcd():
    """../shared's arcd.py as a module: its questions and how it names a hit."""
    spec = importlib.util.spec_from_file_location("arcd", ARCD)
    arcd = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(arcd)
    return arcd


def reciprocal_ranks(engine, arcd):
    """{question id: (1/rank if in the top 10 else 0, found in the top 100)}, as
    arcd.py scores a run."""
    out = {}
    for qid, text, key in arcd.queries(arcd.HERE / "arcd-train.json.xz"):
        names = [arcd.hit_name(path) for path in engine.rank(text, 100)]
        rank = names.index(key + ".txt") + 1 if key + ".txt" in names else 0
        out[qid] = (1 / rank if 0 < rank <= 10 else 0.0, rank > 0)
    return out


def mrr(rr, qids):
    return statistics.fmean(rr[q][0] for q in qids)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--splits", type=int, default=50)
    ap.add_argument("--resamples", type=int, default=2000)
    a = ap.parse_args()
    require_shared()
    index_dir = build_index("bahth")
    arcd = load_arcd()
    variants = [Ranking(**dict(zip(GRID, values))) for values in itertools.product(*GRID.values())]
    default = Ranking()
    if default not in variants:
        variants.append(default)
    runs = {v: reciprocal_ranks(Engine(index_dir, ranking=v), arcd) for v in variants}
    qids = list(runs[default])
    best = max(variants, key=lambda v: mrr(runs[v], qids))
    print(
        f"{len(variants)} variants; best on all {len(qids)} questions: {best} "
        f"MRR@10 {mrr(runs[best], qids):.4f}; defaults {mrr(runs[default], qids):.4f}"
    )

    rng = random.Random(0)
    seen, unseen, defaults = [], [], []
    for _ in range(a.splits):
        shuffled = rng.sample(qids, len(qids))
        for tune, held in (shuffled[::2], shuffled[1::2]), (shuffled[1::2], shuffled[::2]):
            chosen = max(variants, key=lambda v: mrr(runs[v], tune))
            seen.append(mrr(runs[chosen], tune))
            unseen.append(mrr(runs[chosen], held))
            defaults.append(mrr(runs[default], held))
    print(
        f"chosen on one half ({2 * a.splits} times): MRR@10 {statistics.fmean(seen):.4f} "
        f"on that half, {statistics.fmean(unseen):.4f} on the other "
        f"(the defaults there: {statistics.fmean(defaults):.4f})"
    )

    rr = runs[default]
    samples = [rng.choices(qids, k=len(qids)) for _ in range(a.resamples)]
    mrrs = sorted(mrr(rr, sample) for sample in samples)
    recalls = sorted(statistics.fmean(rr[q][1] for q in sample) for sample in samples)
    low, high = int(0.025 * a.resamples), int(0.975 * a.resamples) - 1
    print(
        f"defaults, 95 % bootstrap interval over the questions: "
        f"MRR@10 {mrrs[low]:.3f}-{mrrs[high]:.3f}, R@100 {recalls[low]:.3f}-{recalls[high]:.3f}"
    )


if __name__ == "__main__":
    sys.exit(main())
