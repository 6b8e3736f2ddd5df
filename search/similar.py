"""Documents like a given one, as Lucene's MoreLikeThis finds them, BM25-weighted.

MoreLikeThis builds a query of a document's 25 most distinctive terms, each
weighed by its frequency in the document times its idf. Raw frequency favours
long documents' common words and, with its default of a term written at least
twice, leaves a short paragraph with hardly any terms; here a term weighs what
it would add to the document's own BM25F score (frequency saturated and
normalised by the document's length, title words counted title_weight times,
times idf), and candidates are scored by BM25F with each term boosted by its
weight. The document itself, copies of it, and copies of a document already
chosen are left out (near-duplicates: see search/neardup.py).
"""

import math
from collections import Counter
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from indexer.analysis import ArabicAnalyzer

from .neardup import ShinglesOf, copies
from .scoring import Ranked, Scorer, Terms

# As MoreLikeThis: this many terms make the query.
QUERY_TERMS = 25
# A term in fewer documents (the document itself included) links it to nothing.
MIN_DOCS = 2
# Candidates scored beyond the n asked for, for the copies that are left out.
SPARE = 20


def similar(
    scorer: Scorer,
    analyzer: ArabicAnalyzer,
    docnum: int,
    fields: Mapping[str, Any],
    n: int,
    shingles_of: ShinglesOf,
) -> tuple[Ranked, Terms]:
    """([(docnum, score)] of the ``n`` documents most like ``docnum``, whose stored
    ``fields`` are given, and ``{term: fields}`` of the query that found them);
    ``shingles_of(docnum)`` tells copies (search/neardup.py)."""
    weights = _distinctive(scorer, analyzer, docnum, fields)
    if not weights:
        return [], {}
    top = max(weights.values())
    k1 = scorer.ranking.k1
    scores = np.zeros(scorer.size, np.float32)
    for text, weight in weights.items():
        tf = _combined_tf(scorer, text)
        df = int(np.count_nonzero(tf))
        scores += (weight / top) * _idf(scorer, df) * tf * (k1 + 1) / (tf + k1)
    scores *= scorer.live
    scores[docnum] = 0
    want = min(int(np.count_nonzero(scores)), n + SPARE)
    if not want:
        return [], {}
    best = np.argpartition(-scores, want - 1)[:want]
    best = best[np.lexsort((best, -scores[best]))]
    return _without_copies(docnum, best, scores, n, shingles_of), {
        t: set(scorer.ranking.fields()) for t in weights
    }


def _distinctive(
    scorer: Scorer, analyzer: ArabicAnalyzer, docnum: int, fields: Mapping[str, Any]
) -> dict[str, float]:
    """{term: weight} of the QUERY_TERMS terms that weigh most in the document."""
    k1 = scorer.ranking.k1
    tf: Counter[str] = Counter()
    for field in scorer.ranking.fields():
        weight = scorer.ranking.weight_for(field) / scorer.norms[field][docnum]
        for token in analyzer(fields.get(field, "")):
            tf[token.text] += weight
    weights = {}
    for text, f in tf.items():
        df = max(scorer.searcher.doc_frequency(field, text) for field in scorer.ranking.fields())  # type: ignore[attr-defined]
        if df >= MIN_DOCS:
            weights[text] = _idf(scorer, df) * f * (k1 + 1) / (f + k1)
    return dict(sorted(weights.items(), key=lambda item: -item[1])[:QUERY_TERMS])


def _combined_tf(scorer: Scorer, text: str) -> npt.NDArray[np.float32]:
    """Every document's BM25F frequency of ``text``: fields weighed and normalised."""
    tf = np.zeros(scorer.size, np.float32)
    for field in scorer.ranking.fields():
        ids, tfs = scorer.postings(field, text)
        if len(ids):
            tf[ids] += scorer.ranking.weight_for(field) * tfs / scorer.norms[field][ids]
    return tf * scorer.live


def _idf(scorer: Scorer, df: int) -> float:
    return math.log(1 + (scorer.count - df + 0.5) / (df + 0.5))


def _without_copies(
    docnum: int,
    best: npt.NDArray[np.intp],
    scores: npt.NDArray[np.float32],
    n: int,
    shingles_of: ShinglesOf,
) -> Ranked:
    """The first ``n`` of ``best`` that are copies neither of ``docnum`` nor of
    one kept before them."""
    kept, shingles = [], [shingles_of(docnum)]
    for d in best.tolist():
        these = shingles_of(d)
        if any(copies(these, s) for s in shingles):
            continue
        kept.append((d, float(scores[d])))
        shingles.append(these)
        if len(kept) == n:
            break
    return kept
