#!/usr/bin/env python3
"""«مقالات مشابهة» against Lucene's MoreLikeThis: paragraphs of the same article.

    .venv/bin/python bench/similar_quality.py

The collection's ARCD files are paragraphs of Wikipedia articles, each with its
article's name as its title line (mostly three paragraphs an article). For each
of them, the 5 documents most like it, among all 31,433, are asked of bahth
(``Engine.similar``) and of Lucene 8's MoreLikeThis with its default settings
(ArabicAnalyzer, BM25; bench/similar/MltBench.java, compiled with javac); a
document is right if it is another paragraph of the same article: "distinct"
counts only those that are no near-duplicate of it (ARCD holds some paragraphs
twice, in versions; bahth leaves such copies out by design), "any" counts all.
Prints P@5, its ceiling (an article's other paragraphs / 5) and R@5 (the share
of those found), with the title and body compared as the document page does,
and with the body alone, since there the title names the article.
"""

import dataclasses
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from common import CACHE, collection, require_shared
from quality import build_index

from search import neardup
from search.engine import Engine
from search.ranking import KEYWORDS

HERE = Path(__file__).resolve().parent / "similar"
JARS = [f"/usr/share/java/lucene-{m}-8.7.0.jar" for m in ("core", "queries", "analyzers-common")]


def articles(folder):
    """{path: article} of the ARCD paragraphs."""
    out = {}
    for f in sorted((folder / "arcd").glob("*.txt")):
        out[f"arcd/{f.name}"] = f.read_text(encoding="utf-8").split("\n", 1)[0].strip()
    return out


def lucene(folder, paths, fields):
    """{path: [5 paths]} from MoreLikeThis over ``fields``."""
    classes = CACHE / "mlt-classes"
    classpath = os.pathsep.join([str(classes), *JARS])
    if not (classes / "MltBench.class").exists():
        classes.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "javac",
                "-encoding",
                "UTF-8",
                "-cp",
                classpath,
                "-d",
                classes,
                HERE / "MltBench.java",
            ],
            check=True,
        )
    index = CACHE / "lucene-mlt"
    if not (index / ".complete").exists():
        subprocess.run(["java", "-cp", classpath, "MltBench", "index", folder, index], check=True)
        (index / ".complete").touch()
    out = CACHE / f"mlt-{fields.replace(',', '-')}.tsv"
    subprocess.run(
        ["java", "-cp", classpath, "MltBench", "like", index, fields, out],
        input="\n".join(paths) + "\n",
        text=True,
        check=True,
    )
    rows = (line.rstrip("\n").split("\t") for line in out.read_text(encoding="utf-8").splitlines())
    return {row[0]: row[1:] for row in rows}


def bahth(index_dir, paths, body_only):
    ranking = dataclasses.replace(KEYWORDS, title_weight=0.0) if body_only else None
    engine = Engine(index_dir, ranking=ranking)
    start = time.perf_counter()
    found = {p: [h.path for h in engine.similar(p)] for p in paths}
    return found, (time.perf_counter() - start) * 1000 / len(paths)


def copies_of(index_dir, article):
    """{path: the paragraphs of its article that are its near-duplicates}: ARCD
    holds some paragraphs twice, in versions (55 of 527 pairs at 0.4 or more)."""
    view = Engine(index_dir).view()
    shingles = {p: view.shingles(view.searcher.document_number(path=p)) for p in article}
    return {
        p: {
            o
            for o in article
            if o != p and article[o] == article[p] and neardup.copies(shingles[p], shingles[o])
        }
        for p in article
    }


def scores(found, article, copies):
    """P@5, R@5 and P@5's ceiling; a near-duplicate of the paragraph is no other
    paragraph, unless ``copies`` is empty."""
    same = defaultdict(set)
    for path, name in article.items():
        same[name].add(path)
    p5 = r5 = ceiling = 0.0
    for path, hits in found.items():
        others = same[article[path]] - {path} - copies.get(path, set())
        right = sum(h in others for h in hits[:5])
        p5 += right / 5
        r5 += right / len(others) if others else 1.0
        ceiling += min(len(others), 5) / 5
    n = len(found)
    return p5 / n, r5 / n, ceiling / n


def main():
    require_shared()
    folder = collection()
    index_dir = build_index("bahth")
    article = articles(folder)
    paths = list(article)
    copies = copies_of(index_dir, article)
    print(f"{len(paths)} paragraphs of {len(set(article.values()))} articles")
    print(
        f"{'system':32} {'fields':11} {'right':8} {'P@5':>6} {'ceiling':>8} {'R@5':>6} "
        f"{'ms/doc':>7}"
    )
    for body_only in (False, True):
        fields = "body" if body_only else "title,body"
        bahth_found, ms = bahth(index_dir, paths, body_only)
        runs = {
            "bahth Engine.similar": bahth_found,
            "Lucene MoreLikeThis (defaults)": lucene(folder, paths, fields),
        }
        for name, found in runs.items():
            for right, excluded in (("distinct", copies), ("any", {})):
                p5, r5, ceiling = scores(found, article, excluded)
                time = f"{ms:7.1f}" if name.startswith("bahth") else ""
                print(f"{name:32} {fields:11} {right:8} {p5:6.3f} {ceiling:8.3f} {r5:6.3f} {time}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
