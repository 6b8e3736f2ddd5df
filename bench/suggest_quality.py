#!/usr/bin/env python3
"""How well «هل تقصد» restores misspelled words, on the evaluation collection.

    .venv/bin/python bench/suggest_quality.py [--words 200] [--seed 7]

Takes words from the collection's documents (Arabic, 4+ letters, not stopwords, in
at least 3 documents), applies one common typing slip to each (ة/ه, ى/ي, a hamza
form, ظ/ض, a missing letter, an extra letter) and asks for a suggestion.
A slip counts as restored when the suggested word has the original word's term
(it finds the original's documents: «إخراج» restores «وإخراج»), or when no
suggestion is needed because analysis already gives the slipped word that term
(ة/ه and hamza slips find the same documents as typed). Wrong suggestions are
counted on correctly spelled words: words of the ARCD questions (real typed text)
and words of the collection.
"""
import argparse
import random
import sys
from collections import Counter

from common import require_shared
from quality import build_index, questions

from indexer.analysis import arabic_analyzer
from indexer.arabic.tokenize import words
from search.engine import Engine
from search.suggest import suggest

SWAPS = [("ة", "ه"), ("ه", "ة"), ("ى", "ي"), ("ي", "ى"), ("أ", "ا"), ("إ", "ا"),
         ("ا", "أ"), ("ؤ", "و"), ("ئ", "ي"), ("ظ", "ض"), ("ض", "ظ")]
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def slips(word, rng):
    """Every slip applicable to ``word``, as (kind, misspelled word)."""
    out = []
    for a, b in SWAPS:
        i = word.find(a)
        if i >= 0:
            out.append((f"{a}→{b}", word[:i] + b + word[i + 1:]))
    i = rng.randrange(1, len(word) - 1)
    out.append(("missing letter", word[:i] + word[i + 1:]))
    out.append(("extra letter", word[:i] + rng.choice(LETTERS) + word[i:]))
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
    good = [w for w in sorted(counts)
            if (terms := [t.text for t in analyzer(w)])
            and searcher.doc_frequency("body", terms[0]) >= min_docs]
    return rng.sample(good, n)


def term(analyzer, word):
    return [t.text for t in analyzer(word)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    require_shared()
    rng = random.Random(a.seed)
    searcher = Engine(build_index("bahth")).searcher()
    analyzer = arabic_analyzer()
    restored, by_kind = 0, Counter()
    failures = []
    for word in sample_words(searcher, a.words, rng):
        kind, typo = rng.choice(slips(word, rng))
        got = suggest(searcher, typo)
        ok = term(analyzer, got if got is not None else typo) == term(analyzer, word)
        restored += ok
        by_kind[kind, ok] += 1
        if not ok:
            failures.append(f"{word} → {typo} → {got}")
    print(f"restored {restored}/{a.words} = {restored / a.words:.1%}")
    for kind in sorted({k for k, _ in by_kind}):
        print(f"  {kind}: {by_kind[kind, True]}/{by_kind[kind, True] + by_kind[kind, False]}")
    print("  misses, e.g.:", "; ".join(failures[:8]))
    typed = sorted({w for _, q in questions() for w, _, _ in words(q)
                    if len(w) >= 3 and w.isalpha()})
    checked = rng.sample(typed, a.words)
    wrong = [w for w in checked if suggest(searcher, w) is not None]
    print(f"wrong suggestions for {len(checked)} words of the questions: "
          f"{len(wrong)} = {len(wrong) / len(checked):.1%} ({', '.join(wrong[:10])})")
    own = sample_words(searcher, a.words, rng, min_docs=1)
    wrong_own = [w for w in own if suggest(searcher, w) is not None]
    print(f"wrong suggestions for {len(own)} words of the collection (any frequency): "
          f"{len(wrong_own)} = {len(wrong_own) / len(own):.1%} ({', '.join(wrong_own[:10])})")


if __name__ == "__main__":
    sys.exit(main())
