#!/usr/bin/env python3
"""Judged keyword searches: bahth and Lucene's ArabicAnalyzer on the same queries.

    .venv/bin/python bench/judged.py [--run NAME=RUN.jsonl ...] [--pool OUT] [--seed S]
                                     [--lucene-standard] [--only FIRST-LAST] [--second]
                                     [ranking options of quality.py]
    .venv/bin/python bench/judged.py grade ANSWERS --pool POOL
    .venv/bin/python bench/judged.py save NAME OUT.jsonl    (NAME: bahth, bahth-page, lucene, ...)

The queries (``judged/queries.tsv``: id, query, intent) are what people type into a
news archive's search box; ``judged/qrels.tsv`` holds every judgment made so far
(id, path, grade 0/1/2) by readers who followed ``judged/guidelines.md`` and did not
know which system found a document. The report runs bahth (the code as it is, each
query ranked as the page answers it: one that finds a few documents includes its
«did you mean»'s), bahth-page (the same, with near-duplicates folded as the page
shows them: a story republished by five newspapers is one hit) and
Lucene 8's ArabicAnalyzer through ``../shared/lucene/run.sh`` (BM25, title boost 2,
its defaults) over the evaluation collection, and prints for each: P@5 and P@10
(grade 1 or 2 counts as relevant), nDCG@10 (gain = grade), queries with no hit, the
documents of its top 10 that nobody has judged yet, and on how many queries its
nDCG@10 is at least 0.1 above / below Lucene's, and the P@5 ceiling: what each run
would score if its top 20 were ordered by grade (what reranking could reach), and
what no ordering of the judged documents can pass. Unjudged documents count as not relevant,
so no figure is final until ``--pool OUT`` has written them out (shuffled, with no
system named), readers have graded them and ``grade`` has added their answers.

``--second`` also scores each run's top 5 by a second reader's grades
(``judged/qrels-second.tsv``: the top 5s of bahth and Lucene graded again, blind
to the first grades), and says how often the two readers agree.

``--run NAME=FILE`` adds a run saved earlier (by ``save``, for instance from an older
checkout) to the report and the pool, as TREC pools several systems.
"""

import argparse
import json
import math
import os
import random
import subprocess
import sys
from pathlib import Path

from common import CACHE, SHARED, add_ranking_options, collection, ranking_from, require_shared

HERE = Path(__file__).resolve().parent / "judged"
QUERIES = HERE / "queries.tsv"
QRELS = HERE / "qrels.tsv"
# A second reader's grades of the top 5s of bahth and Lucene, for how far the
# figures depend on who reads.
SECOND = HERE / "qrels-second.tsv"
DEPTH = 10
# The ceiling reorders each run's first CEILING_DEPTH hits by their grades.
CEILING_DEPTH = 20
EXCERPT_CHARS = 700
LUCENE_ANALYZERS = {"lucene": "arabic", "lucene-standard": "standard"}
BAHTH_RUNS = ("bahth", "bahth-page")


def read_queries():
    with open(QUERIES, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    return {qid: (text, intent) for qid, text, intent in rows}


def read_qrels(path=QRELS):
    grades = {}
    if path.exists():
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    qid, doc, grade = line.rstrip("\n").split("\t")
                    grades[qid, doc] = int(grade)
    return grades


def bahth_runs(queries, ranking, names=BAHTH_RUNS):
    """{name: run} for ``names`` of "bahth", the ranking, and "bahth-page", the
    hits as the page shows them.

    Each query is ranked as the page answers it: one that finds a few documents
    is widened by its «did you mean» (Engine.answer). The page also folds a
    story's near-duplicates into one hit (search/neardup.py), so a reader sees a
    copy of a story once, and the next story in its place."""
    from quality import build_index

    from search.engine import Engine

    engine = Engine(build_index("bahth"), ranking=ranking)
    ask = {
        "bahth": lambda text: engine.rank(text, CEILING_DEPTH),
        "bahth-page": lambda text: [
            h.path for h in engine.search(text, per_page=CEILING_DEPTH).hits
        ],
    }
    runs = {name: {} for name in names}
    for qid, (text, _) in queries.items():
        answered = engine.answered_query(text)
        for name in names:
            runs[name][qid] = ask[name](answered)
    return runs


def lucene_run(queries, name):
    analyzer = LUCENE_ANALYZERS[name]
    work = CACHE / "lucene"
    index = work / f"index-{analyzer}"
    run_sh = SHARED / "lucene" / "run.sh"
    env = {**os.environ, "LUCENE_WORK": str(work)}
    if not (index / ".complete").exists():
        subprocess.run(
            ["bash", run_sh, "index", collection(), index, analyzer, "--threads", "1"],
            check=True,
            env=env,
            stdout=sys.stderr,
        )
        (index / ".complete").touch()
    tsv, out = work / "judged-queries.tsv", work / f"judged-{name}.jsonl"
    tsv.write_text(
        "".join(f"{qid}\t{text}\n" for qid, (text, _) in queries.items()), encoding="utf-8"
    )
    subprocess.run(
        ["bash", run_sh, "search", index, tsv, out, analyzer, "--passes", "1"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return read_run(out)


def read_run(path):
    with open(path, encoding="utf-8") as f:
        return {row["qid"]: row["hits"][:CEILING_DEPTH] for row in map(json.loads, f)}


def metrics(run, queries, grades):
    """Mean P@5, P@10, nDCG@10 over ``queries``, queries with no hit, unjudged pairs."""
    p5 = p10 = ndcg = 0.0
    zero, unjudged, per_query = [], set(), {}
    for qid in queries:
        hits = run.get(qid, [])[:DEPTH]
        if not hits:
            zero.append(qid)
        got = [grades.get((qid, path), 0) for path in hits]
        unjudged.update((qid, p) for p in hits if (qid, p) not in grades)
        p5 += sum(g > 0 for g in got[:5]) / 5
        p10 += sum(g > 0 for g in got[:10]) / 10
        ideal = sorted((g for (q, _), g in grades.items() if q == qid), reverse=True)[:DEPTH]
        best = _dcg(ideal)
        per_query[qid] = _dcg(got) / best if best else 0.0
        ndcg += per_query[qid]
    n = len(queries)
    return {
        "P@5": p5 / n,
        "P@10": p10 / n,
        "nDCG@10": ndcg / n,
        "per_query": per_query,
        "zero-hit": zero,
        "unjudged": sorted(unjudged),
    }


def ceiling(run, queries, grades):
    """(mean P@5 if each query's first CEILING_DEPTH hits of ``run`` were ordered by
    grade, unjudged pairs among them; None for ``run``: if every judged document
    were): what reordering could reach, and what no ranking of the judged can pass."""
    p5, unjudged = 0.0, 0
    for qid in queries:
        if run is None:
            got = [g for (q, _), g in grades.items() if q == qid]
        else:
            hits = run.get(qid, [])[:CEILING_DEPTH]
            got = [grades.get((qid, path), 0) for path in hits]
            unjudged += sum((qid, path) not in grades for path in hits)
        p5 += min(5, sum(g > 0 for g in got)) / 5
    return p5 / len(queries), unjudged


def _dcg(gains):
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def write_pool(pairs, out, seed):
    """The unjudged pairs, shuffled, as readers see them: the query, its intent and
    the document's title and opening, never the system that found it."""
    queries, folder = read_queries(), collection()
    pairs = sorted(pairs)
    random.Random(seed).shuffle(pairs)
    with open(out, "w", encoding="utf-8") as f:
        for n, (qid, path) in enumerate(pairs, 1):
            text, intent = queries[qid]
            doc = (folder / path).read_text(encoding="utf-8", errors="replace")
            title, _, body = doc.partition("\n")
            body = " ".join(body.split())
            excerpt = body[:EXCERPT_CHARS] + (" …" if len(body) > EXCERPT_CHARS else "")
            f.write(
                json.dumps(
                    {
                        "id": n,
                        "qid": qid,
                        "path": path,
                        "query": text,
                        "intent": intent,
                        "title": title,
                        "body_chars": len(body),
                        "body": excerpt,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    print(f"{len(pairs)} unjudged pairs written to {out}")


def grade(answers, pool):
    """Adds readers' answers (``id<TAB>grade``, then a note if any) for the pairs of
    ``pool`` to the qrels."""
    with open(pool, encoding="utf-8") as f:
        pairs = {row["id"]: (row["qid"], row["path"]) for row in map(json.loads, f)}
    grades, added = read_qrels(), 0
    with open(answers, encoding="utf-8") as f:
        for line in f:
            fields = line.split("\t") if "\t" in line else line.split()
            found = [f.strip() for f in fields[:2]]
            if len(found) == 2 and found[0].isdigit() and found[1] in ("0", "1", "2"):
                pair = pairs.get(int(found[0]))
                if pair and pair not in grades:
                    grades[pair] = int(found[1])
                    added += 1
    with open(QRELS, "w", encoding="utf-8") as f:
        f.write("# query id, document path, grade (0 not, 1 partly, 2 highly relevant)\n")
        for (qid, path), g in sorted(grades.items()):
            f.write(f"{qid}\t{path}\t{g}\n")
    print(f"{added} judgments added; {len(grades)} in all")


def report(runs, queries, grades):
    print(f"{len(queries)} queries, {len(grades)} judgments")
    print(
        f"{'system':<18} {'P@5':>6} {'P@10':>6} {'nDCG@10':>8} {'zero-hit':>8} "
        f"{'unjudged@10':>11} {'vs lucene ±0.1':>15}"
    )
    found = {name: metrics(run, queries, grades) for name, run in runs.items()}
    for name, m in found.items():
        diffs = [m["per_query"][q] - found["lucene"]["per_query"][q] for q in queries]
        better, worse = sum(d >= 0.1 for d in diffs), sum(d <= -0.1 for d in diffs)
        print(
            f"{name:<18} {m['P@5']:6.3f} {m['P@10']:6.3f} {m['nDCG@10']:8.3f} "
            f"{len(m['zero-hit']):8d} {len(m['unjudged']):11d} {better:>7d} / {worse:<5d}"
        )
    cap, _ = ceiling(None, queries, grades)
    print(f"P@5 ceiling, each run's top {CEILING_DEPTH} ordered by grade (unjudged in it):")
    for name, run in runs.items():
        p5, unjudged = ceiling(run, queries, grades)
        print(f"  {name:<16} {p5:6.3f} ({unjudged})")
    print(f"  {'every judged doc':<16} {cap:6.3f}")
    for name, m in found.items():
        if m["zero-hit"]:
            print(
                f"{name}: no hit for " + ", ".join(f"{q} «{queries[q][0]}»" for q in m["zero-hit"])
            )
    return found


def agreement(first, second):
    """(pairs both graded, share agreeing on relevant or not, Cohen's kappa of
    that, share of equal grades)."""
    both = [pair for pair in second if pair in first]
    if not both:
        return 0, 0.0, 0.0, 0.0
    n = len(both)
    agree = sum((first[p] > 0) == (second[p] > 0) for p in both) / n
    a, b = (sum(grades[p] > 0 for p in both) / n for grades in (first, second))
    chance = a * b + (1 - a) * (1 - b)
    kappa = (agree - chance) / (1 - chance) if chance < 1 else 1.0
    return n, agree, kappa, sum(first[p] == second[p] for p in both) / n


def report_second(runs, queries, grades):
    """P@5 of each run by the second reader's grades, and how the readers agree."""
    second = {pair: g for pair, g in read_qrels(SECOND).items() if pair[0] in queries}
    # The queries the second reader graded: the others were added after.
    queries = {q: v for q, v in queries.items() if q in {qid for qid, _ in second}}
    n, agree, kappa, equal = agreement(grades, second)
    print(
        f"second reader ({len(queries)} queries): {n} pairs both graded; relevant or not "
        f"agreed on {agree:.3f} (Cohen's kappa {kappa:.3f}), the same grade {equal:.3f}"
    )
    # Where the second reader graded, relevant to both readers, and to either.
    both = grades | {p: min(g, grades.get(p, g)) for p, g in second.items()}
    either = grades | {p: max(g, grades.get(p, g)) for p, g in second.items()}
    print(f"  {'P@5':<16} {'second':>6} {'both':>6} {'either':>6}")
    for name, run in runs.items():
        p5 = [metrics(run, queries, g)["P@5"] for g in (second, both, either)]
        print(f"  {name:<16} " + " ".join(f"{x:6.3f}" for x in p5))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command")
    g = sub.add_parser("grade", help="add readers' answers to the judgments")
    g.add_argument("answers")
    g.add_argument("--pool", required=True)
    s = sub.add_parser("save", help="save one system's run, for pooling later")
    s.add_argument("name", choices=[*BAHTH_RUNS, *LUCENE_ANALYZERS])
    s.add_argument("out")
    ap.add_argument(
        "--run",
        action="append",
        default=[],
        metavar="NAME=FILE",
        help="a saved run to report and pool too",
    )
    ap.add_argument(
        "--lucene-standard", action="store_true", help="also run Lucene's StandardAnalyzer"
    )
    ap.add_argument("--pool", metavar="OUT", help="write the unjudged top-10 pairs here")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--second",
        action="store_true",
        help="also P@5 by a second reader's grades (judged/qrels-second.tsv), and agreement",
    )
    ap.add_argument(
        "--only",
        metavar="FIRST-LAST",
        help="the queries from FIRST to LAST (k165-k224): a set added later, reported alone",
    )
    add_ranking_options(ap)
    a = ap.parse_args()
    if a.command == "grade":
        return grade(a.answers, a.pool)
    require_shared()
    queries = read_queries()
    if a.only:
        first, _, last = a.only.partition("-")
        queries = {q: v for q, v in queries.items() if first <= q <= (last or first)}
    if a.command == "save":
        run = (
            bahth_runs(queries, ranking_from(a), [a.name])[a.name]
            if a.name in BAHTH_RUNS
            else lucene_run(queries, a.name)
        )
        with open(a.out, "w", encoding="utf-8") as f:
            for qid, hits in run.items():
                f.write(json.dumps({"qid": qid, "hits": hits}, ensure_ascii=False) + "\n")
        return None
    runs = {**bahth_runs(queries, ranking_from(a)), "lucene": lucene_run(queries, "lucene")}
    if a.lucene_standard:
        runs["lucene-standard"] = lucene_run(queries, "lucene-standard")
    for spec in a.run:
        name, _, path = spec.partition("=")
        runs[name] = read_run(path)
    grades = read_qrels()
    found = report(runs, queries, grades)
    if a.second:
        report_second(runs, queries, grades)
    if a.pool:
        write_pool({pair for m in found.values() for pair in m["unjudged"]}, a.pool, a.seed)
    return None


if __name__ == "__main__":
    main()
