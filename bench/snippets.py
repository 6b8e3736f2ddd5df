#!/usr/bin/env python3
"""Snippets as readers see them: repeated text, tag lists, cut sentences.

    .venv/bin/python bench/snippets.py [--queries 100] [--hits 10] [--show 5]

Runs a sample of query_speed.py's keyword queries (titles' words), of the ARCD
questions and of two words of the tags that end many news pages («سمات السعودية
بوتين روسيا», which such queries match densely) through Engine.search, and reads
the snippet of each of the top hits:

- repeated: a run of five words shown more often than its document has it (two
  passages that overlap);
- with tags: some passage shows some of a line of tags («سمات ...» after the
  last sentence, as 3alyoum's pages end); tags only: every passage does;
- words shown: distinct query terms marked in the snippet, on average;
- length: characters, on average.
"""

import argparse
import html
import random
import re
import statistics
import sys
from collections import Counter

from common import require_shared
from quality import build_index, questions
from query_speed import keyword_queries

from search.engine import Engine

RUN = 5
_PARTS = re.compile(r"\s*…\s*")
_MARKED = re.compile(r"<mark>(.*?)</mark>")


def runs(text):
    found = re.findall(r"\w+", text)
    return [" ".join(found[i : i + RUN]) for i in range(len(found) - RUN + 1)]


def repeats(shown, body):
    written = Counter(runs(body))
    return any(n > 1 and n > written[run] for run, n in Counter(runs(shown)).items())


_TAG_LINE = re.compile(r"(?:^|(?<=[.!?؟]\s))سمات [^\n.!?؟]+$", re.M)


def in_tags(part, body):
    """Whether ``part`` of a snippet shows some of a line of tags of ``body``
    («سمات ...» after its last sentence)."""
    at = body.find(part)
    return at >= 0 and any(
        m.start() < at + len(part) and at < m.end() for m in _TAG_LINE.finditer(body)
    )


def tag_queries(searcher, n, rng):
    """Two neighbouring words of the tag lines of ``n`` documents."""
    out, docnums = [], list(searcher.reader().all_doc_ids())
    while len(out) < n:
        body = searcher.stored_fields(rng.choice(docnums))["body"]
        if line := _TAG_LINE.search(body):
            tags = line.group().split()[1:]
            if len(tags) >= 2:
                i = rng.randrange(len(tags) - 1)
                out.append(" ".join(tags[i : i + 2]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--queries", type=int, default=100, help="of each set")
    ap.add_argument("--hits", type=int, default=10)
    ap.add_argument("--show", type=int, default=5, help="examples of each defect to print")
    a = ap.parse_args()
    require_shared()
    index_dir = build_index("bahth")
    engine = Engine(index_dir)
    searcher = engine.searcher()
    rng = random.Random(15)
    asked = [q for _, q in questions()]
    sets = {
        "keywords": rng.sample(keyword_queries(index_dir), a.queries),
        "questions": rng.sample(asked, a.queries),
        "tag words": tag_queries(searcher, a.queries, rng),
    }
    for name, queries in sets.items():
        count, repeated, with_tags, only_tags, shown_terms, lengths = 0, [], [], 0, [], []
        for query in queries:
            for hit in engine.search(query, per_page=a.hits).hits:
                body = searcher.document(path=hit.path)["body"]
                plain = html.unescape(_MARKED.sub(r"\1", hit.snippet))
                parts = [p for p in _PARTS.split(plain) if p]
                count += 1
                lengths.append(len(plain))
                shown_terms.append(len({m.lower() for m in _MARKED.findall(hit.snippet)}))
                if repeats(plain, body):
                    repeated.append(f"{query}: {plain}")
                tagged = [in_tags(p, body) for p in parts]
                if any(tagged):
                    with_tags.append(f"{query}: {plain}")
                only_tags += bool(parts) and all(tagged)
        print(
            f"{name}: {len(queries)} queries, {count} snippets; repeated text "
            f"{len(repeated)} ({len(repeated) / count:.1%}), with tags {len(with_tags)} "
            f"({len(with_tags) / count:.1%}), tags only {only_tags}; marked words per snippet "
            f"{statistics.mean(shown_terms):.2f}; length {statistics.mean(lengths):.0f} "
            f"characters"
        )
        for label, found in (("repeated", repeated), ("with tags", with_tags)):
            examples = found[: a.show]
            if examples:
                print(f"  {label}, e.g.:", *examples, sep="\n    ")


if __name__ == "__main__":
    sys.exit(main())
