#!/usr/bin/env python3
"""Conflation precision and recall of an analysis variant, on word pairs graded by readers.

    .venv/bin/python bench/conflation.py vocab
    .venv/bin/python bench/conflation.py sample --analysis VARIANT --merged N --split N --seed S
    .venv/bin/python bench/conflation.py pool --out FILE
    .venv/bin/python bench/conflation.py grade ANSWERS [--pool FILE]
    .venv/bin/python bench/conflation.py score --analysis VARIANT [VARIANT ...] [--errors]
    .venv/bin/python bench/conflation.py article --analysis VARIANT [VARIANT ...] [--list N]

Light stemming merges the forms of a word into one term (الكتاب, كتابه, والكتب...)
and, by mistake, some different words (الرياض 'Riyadh' and الرياضة 'sport'). This
script measures both kinds of error against a reader's judgment:

- ``vocab`` counts the surface forms of the evaluation collection (words of each
  file's title and body, harakat and tatweel removed by ``strip_marks``), once,
  into bench/.cache.
- ``sample`` adds word pairs to the pool, bench/judged/conflation.tsv
  (``word1<TAB>word2<TAB>grade``, the grade empty until judged; no pair twice, in
  either order). Only Arabic words written at least 3 times, and no stopwords.
  *Merged* pairs are two forms the variant gives one term, spelled differently
  even with أ/إ/آ written ا: a term is drawn with probability proportional to its
  forms' frequency, then two of its forms at random. *Split* pairs are forms one
  a clitic (و ف ب ل ك ال ...) and/or a suffix (ة ه ها هم ... ات) longer than the
  other, both in the vocabulary, that the variant gives different terms: drawn
  with probability proportional to the rarer form's frequency.
- ``pool`` writes the ungraded pairs, shuffled and in random order within each
  pair, one ``id<TAB>word<TAB>word`` a line (id = line number), for graders who
  should not know how a pair was sampled; bench/judged/conflation-guidelines.md
  tells them how to grade.
- ``grade`` reads the graders' answers (``id<TAB>same|different``, or
  ``id<TAB>word<TAB>word<TAB>same|different``) back into the pool.
- ``score`` gives, for each variant, over the graded pairs: precision (of pairs it
  merges, the share graded same), recall (of pairs graded same, the share it
  merges) and F1; and how many pairs it merges that are not graded yet. Those
  must be graded before a figure is quoted.
- ``article`` counts the forms written both bare and with the article (وزير and
  الوزير, both MIN_COUNT times or more) that a variant gives two terms: the two
  are nearly always one word, so such a pair is nearly always a miss (والدين,
  'parents' or و + الدين 'and the religion', is an exception).

Stopwords: a pair is skipped, when sampling and when scoring, if either word is a
stopword for the variant (its chain gives no term). A stopword is not searched
for at all, so whether it conflates is moot: «على» and «علي» ('on' and the name
Ali) are not a conflation error of a variant that drops «على».

The figures are relative to the pool. Pairs come from the samples drawn so far
(for bahth: as many split pairs as merged ones), so recall depends on how many of
each were drawn, and a variant's precision counts the merged pairs sampled for
another variant too. Compare variants on one pool; do not read recall as the
share of all same-word pairs in the language.
"""

import argparse
import hashlib
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from common import CACHE, ROOT, code_hash, collection, require_shared
from quality import ANALYSES

from indexer.analysis import arabic_analyzer
from indexer.arabic.normalize import strip_marks
from indexer.arabic.tokenize import words
from indexer.documents import UnreadableDocument, read_document

POOL = ROOT / "bench" / "judged" / "conflation.tsv"
HEADER = "word1\tword2\tgrade"
GRADES = ("same", "different")
ARTICLE = "ال"
MIN_COUNT = 3

CLITICS = ("و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "فال", "كال", "وبال")
SUFFIXES = ("ة", "ه", "ها", "هم", "هما", "كم", "نا", "ي", "ية", "ان", "ين", "ون", "ات")

# A word of the 28 letters, hamza forms, ة and ى only (no digits, Latin or Persian letters).
ARABIC = re.compile("[\u0621-\u063a\u0641-\u064a]+")
ALEFS = str.maketrans("أإآ", "ااا")

# The code whose change changes the vocabulary.
VOCAB_CODE = ["indexer/arabic/tokenize.py", "indexer/arabic/normalize.py", "indexer/documents.py"]


# --- vocabulary -----------------------------------------------------------------


def vocab_path():
    h = hashlib.sha1()
    for name in VOCAB_CODE:
        h.update((ROOT / name).read_bytes())
    return CACHE / f"conflation-vocab-{h.hexdigest()[:12]}.tsv"


def vocabulary(build=True):
    """``Counter`` of surface forms (after ``strip_marks``) over the collection, cached."""
    path = vocab_path()
    if not path.exists():
        if not build:
            sys.exit(f"no vocabulary at {path}: run `conflation.py vocab` first")
        require_shared()
        folder = collection()
        print(f"counting the words of {folder} ...", file=sys.stderr)
        counts, files, skipped = Counter(), 0, 0
        for f in sorted(folder.rglob("*.txt")):
            try:
                doc = read_document(f, f.relative_to(folder).as_posix())
            except UnreadableDocument:
                skipped += 1
                continue
            files += 1
            counts.update(strip_marks(w) for w, _, _ in words(doc.title + "\n" + doc.body))
        counts.pop("", None)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            for form, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                out.write(f"{form}\t{n}\n")
        tmp.replace(path)
        print(
            f"{files} files ({skipped} unreadable): {sum(counts.values()):,} words, "
            f"{len(counts):,} forms -> {path}",
            file=sys.stderr,
        )
        return counts
    counts = Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            form, n = line.rstrip("\n").split("\t")
            counts[form] = int(n)
    return counts


def arabic_words(counts):
    """Arabic forms of two letters or more written at least MIN_COUNT times, with their
    counts. A single letter is an initial or a numbering (د. for دكتور, أ), not a word."""
    return {
        w: n for w, n in counts.items() if n >= MIN_COUNT and len(w) > 1 and ARABIC.fullmatch(w)
    }


# --- the pool -------------------------------------------------------------------


def key(a, b):
    return (a, b) if a <= b else (b, a)


def read_pool():
    """``[[word1, word2, grade], ...]`` in file order."""
    if not POOL.exists():
        return []
    rows = []
    with open(POOL, encoding="utf-8") as f:
        for i, line in enumerate(f):
            line = line.rstrip("\n")
            if not line or (i == 0 and line == HEADER):
                continue
            w1, w2, *rest = line.split("\t")
            rows.append([w1, w2, rest[0].strip() if rest else ""])
    return rows


def write_pool(rows):
    POOL.parent.mkdir(parents=True, exist_ok=True)
    tmp = POOL.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(HEADER + "\n")
        for w1, w2, grade in rows:
            f.write(f"{w1}\t{w2}\t{grade}\n")
    tmp.replace(POOL)


def chain_for(variant):
    return arabic_analyzer(**ANALYSES[variant]).chain


# --- sampling -------------------------------------------------------------------


def merged_pairs(vocab, term, n, rng, taken):
    """``n`` pairs of forms with one term, spelled differently beyond أ/إ/آ."""
    forms = defaultdict(list)
    for w in sorted(vocab):
        if (t := term(w)) is not None:
            forms[t].append(w)
    # Terms with two forms that differ beyond the alef's hamza.
    terms = [t for t, ws in forms.items() if len({w.translate(ALEFS) for w in ws}) > 1]
    weights = [sum(vocab[w] for w in forms[t]) for t in terms]
    print(
        f"  {len(terms):,} terms have forms spelled differently ({sum(weights):,} words)",
        file=sys.stderr,
    )
    out = []
    for _ in range(200 * n):
        if len(out) == n:
            break
        ws = forms[rng.choices(terms, weights)[0]]
        a = rng.choice(ws)
        b = rng.choice([w for w in ws if w.translate(ALEFS) != a.translate(ALEFS)])
        if key(a, b) not in taken:
            taken.add(key(a, b))
            out.append((a, b))
    return out


def split_pairs(vocab, term, n, rng, taken):
    """``n`` pairs (w, v), v = clitic + w + suffix (either or both), with two terms."""
    candidates = []
    for w in sorted(vocab):
        tw = term(w)
        if tw is None:
            continue
        for c in ("",) + CLITICS:
            for s in ("",) + SUFFIXES:
                v = c + w + s
                if v != w and v in vocab and (tv := term(v)) is not None and tv != tw:
                    candidates.append((w, v))
    candidates = sorted(set(candidates))
    print(f"  {len(candidates):,} affixed pairs have two terms", file=sys.stderr)
    weights = [min(vocab[w], vocab[v]) for w, v in candidates]
    out = []
    for _ in range(200 * n):
        if len(out) == n:
            break
        w, v = rng.choices(candidates, weights)[0]
        if key(w, v) not in taken:
            taken.add(key(w, v))
            out.append((w, v))
    return out


def cmd_sample(a):
    vocab = arabic_words(vocabulary())
    term = chain_for(a.analysis).term
    rng = random.Random(a.seed)
    rows = read_pool()
    taken = {key(w1, w2) for w1, w2, _ in rows}
    print(
        f"analysis {a.analysis} (index code {code_hash(ANALYSES[a.analysis])}): "
        f"{len(vocab):,} Arabic forms written {MIN_COUNT}+ times",
        file=sys.stderr,
    )
    merged = merged_pairs(vocab, term, a.merged, rng, taken) if a.merged else []
    split = split_pairs(vocab, term, a.split, rng, taken) if a.split else []
    rows += [[w1, w2, ""] for w1, w2 in merged + split]
    write_pool(rows)
    print(
        f"added {len(merged)} merged and {len(split)} split pairs "
        f"(asked {a.merged} and {a.split}); the pool has {len(rows)} pairs, "
        f"{sum(1 for r in rows if r[2])} graded"
    )


# --- grading --------------------------------------------------------------------


def cmd_pool(a):
    rows = [(w1, w2) for w1, w2, grade in read_pool() if not grade]
    rng = random.Random(a.seed)
    rng.shuffle(rows)
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for i, pair in enumerate(rows, 1):
            w1, w2 = rng.sample(pair, 2)
            f.write(f"{i}\t{w1}\t{w2}\n")
    print(f"{len(rows)} ungraded pairs -> {out}")


def latest_pool_file():
    found = sorted(
        POOL.parent.glob("conflation-pool-*.txt"),
        key=lambda p: int(m.group()) if (m := re.search(r"\d+(?=\.txt$)", p.name)) else 0,
    )
    if not found:
        sys.exit("no conflation-pool-*.txt in bench/judged: give --pool")
    return found[-1]


def cmd_grade(a):
    pool_file = Path(a.pool) if a.pool else latest_pool_file()
    ids = {}
    with open(pool_file, encoding="utf-8") as f:
        for line in f:
            i, w1, w2 = line.rstrip("\n").split("\t")
            ids[i] = (w1, w2)
    answers, bad = {}, []
    with open(a.answers, encoding="utf-8-sig") as f:
        for n, line in enumerate(f, 1):
            fields = [x.strip() for x in line.rstrip("\n").split("\t")]
            if not any(fields):
                continue
            i, grade = fields[0], fields[-1].lower()
            if (
                i not in ids
                or grade not in GRADES
                or len(fields) not in (2, 4)
                or (len(fields) == 4 and key(*fields[1:3]) != key(*ids[i]))
            ):
                bad.append(f"{a.answers}:{n}: {line.rstrip()}")
                continue
            answers[key(*ids[i])] = grade
    valid = len(answers)
    rows = read_pool()
    set_, changed = 0, 0
    for row in rows:
        grade = answers.pop(key(row[0], row[1]), None)
        if grade is None:
            continue
        if row[2] and row[2] != grade:
            changed += 1
            print(f"changed: {row[0]} / {row[1]}: {row[2]} -> {grade}", file=sys.stderr)
        set_ += row[2] != grade
        row[2] = grade
    write_pool(rows)
    for line in bad:
        print(f"not read: {line}", file=sys.stderr)
    print(
        f"read {valid} answers from {a.answers} "
        f"(pool {pool_file.name}): {set_} grades set ({changed} changed), "
        f"{len(answers)} for pairs no longer in conflation.tsv, {len(bad)} lines not read; "
        f"{sum(1 for r in rows if r[2])} of {len(rows)} pairs graded"
    )


# --- scoring --------------------------------------------------------------------


def cmd_score(a):
    rows = read_pool()
    print(
        f"pool: {len(rows)} pairs, {sum(1 for r in rows if r[2])} graded "
        f"({sum(1 for r in rows if r[2] == 'same')} same)"
    )
    print(
        f"{'analysis':<18} {'precision':>9} {'recall':>7} {'F1':>6} {'graded':>7} "
        f"{'merged':>7} {'same':>6} {'both':>6} {'stop':>5} {'ungraded merged':>16}"
    )
    unfinished = False
    for variant in a.analysis:
        term = chain_for(variant).term
        tp = merged = same = graded = stop = pending = 0
        errors = []
        for w1, w2, grade in rows:
            t1, t2 = term(w1), term(w2)
            if t1 is None or t2 is None:
                stop += 1
                continue
            merges = t1 == t2
            if not grade:
                pending += merges
                continue
            graded += 1
            merged += merges
            same += grade == "same"
            tp += merges and grade == "same"
            if merges != (grade == "same"):
                errors.append((w1, w2, grade, t1, t2))
        p = tp / merged if merged else float("nan")
        r = tp / same if same else float("nan")
        f1 = 2 * p * r / (p + r) if merged and same and p + r else float("nan")
        print(
            f"{variant:<18} {p:>9.3f} {r:>7.3f} {f1:>6.3f} {graded:>7} {merged:>7} "
            f"{same:>6} {tp:>6} {stop:>5} {pending:>16}"
        )
        unfinished |= pending > 0
        if a.errors:
            for w1, w2, _grade, t1, t2 in errors:
                kind = "merged, graded different" if t1 == t2 else "split, graded same"
                print(f"    {kind}: {w1} / {w2} ({t1} / {t2})")
    print(
        "precision: of graded pairs merged, share graded same; recall: of pairs graded "
        "same, share merged; both: merged and graded same; stop: pairs skipped for a stopword"
    )
    if unfinished:
        print(
            "NOT FINAL: some pairs these variants merge are not graded yet "
            "(run `pool`, have them graded, `grade`)"
        )


def cmd_article(a):
    """Forms written both bare and with the article that a variant gives two terms."""
    vocab = arabic_words(vocabulary(build=False))
    for variant in a.analysis:
        term = chain_for(variant).term
        both, apart = 0, []
        for w, n in vocab.items():
            definite = ARTICLE + w
            if w.startswith(ARTICLE) or definite not in vocab:
                continue
            bare, with_article = term(w), term(definite)
            if bare is None or with_article is None:
                continue
            both += 1
            if bare != with_article:
                apart.append((min(n, vocab[definite]), w, bare, definite, with_article))
        apart.sort(key=lambda row: (-row[0], row[1]))
        print(
            f"{variant}: {len(apart)} of {both} forms written both ways have two terms "
            f"({sum(row[0] for row in apart):,} words, counting the rarer of each pair)"
        )
        for n, w, bare, definite, with_article in apart[: a.list]:
            print(f"    {n:>6}  {w} → {bare}   {definite} → {with_article}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("vocab", help="count the collection's surface forms (cached)")
    s = sub.add_parser("sample", help="add merged and split pairs to the pool")
    s.add_argument("--analysis", choices=sorted(ANALYSES), default="bahth")
    s.add_argument("--merged", type=int, default=0, metavar="N")
    s.add_argument("--split", type=int, default=0, metavar="N")
    s.add_argument("--seed", type=int, default=1)
    s = sub.add_parser("pool", help="write the ungraded pairs, shuffled, for graders")
    s.add_argument("--out", required=True)
    s.add_argument("--seed", type=int, default=0, help="of the shuffle")
    s = sub.add_parser("grade", help="read graders' answers into the pool")
    s.add_argument("answers", metavar="FILE", help="id<TAB>same|different a line")
    s.add_argument(
        "--pool",
        help="the pool file the ids refer to "
        "(default: the newest bench/judged/conflation-pool-N.txt)",
    )
    s = sub.add_parser("score", help="precision, recall, F1 of variants over graded pairs")
    s.add_argument("--analysis", nargs="+", choices=sorted(ANALYSES), default=["bahth"])
    s.add_argument("--errors", action="store_true", help="list the pairs each variant gets wrong")
    s = sub.add_parser("article", help="forms whose term changes with the article")
    s.add_argument("--analysis", nargs="+", choices=sorted(ANALYSES), default=["bahth"])
    s.add_argument("--list", type=int, default=0, metavar="N", help="list the N commonest")
    a = ap.parse_args()
    if a.command == "vocab":
        counts = vocabulary()
        ar = arabic_words(counts)
        print(
            f"{len(counts):,} forms, {sum(counts.values()):,} words; {len(ar):,} Arabic forms "
            f"written {MIN_COUNT}+ times ({vocab_path()})"
        )
    else:
        commands = {"sample": cmd_sample, "pool": cmd_pool, "grade": cmd_grade}
        commands.update(score=cmd_score, article=cmd_article)
        commands[a.command](a)


if __name__ == "__main__":
    main()
