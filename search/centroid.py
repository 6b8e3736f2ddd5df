"""How far each of the best documents agrees with the rest of them.

The cluster hypothesis: documents relevant to a query resemble each other more
than they resemble the rest. A search for «سلمان» finds dozens of articles about
the king and two wedding notices of men named Salman; «كيري» finds John Kerry's
visits and one caption of the actress Kerry Washington. Each matches the
query's words as well as the others, but shares few other words with them.
Scoring each document by its likeness to the others rewards the sense most of
them take, as pseudo-relevance feedback does, without a second search.
"""

from collections.abc import Collection, Mapping, Sequence

import numpy as np

# In the top 20s of the judged keyword queries, 99 % of the pairs of
# near-duplicates (search/neardup.py) have a cosine of 0.7 or more, and so do
# rewrites of one event by two newspapers (bench/README.md).
SAME = 0.7


def agreement(
    counts: Sequence[Mapping[str, int]], leave_out: Collection[str] = (), same: float = SAME
) -> list[float]:
    """For each of ``counts`` (a document's ``{term: count}``), the cosine between
    it and the sum of the others, from 0 to 1. Terms are weighed 1 + log(count);
    ``leave_out`` (the query's terms, which every document holds) are not counted.
    Two documents whose own cosine is ``same`` or more are one story told twice
    (five newspapers run the same agency text): each is set apart from the other,
    so a story agrees with the rest, not with its copies."""
    column: dict[str, int] = {}
    rows, cols, found = [], [], []
    for row, terms in enumerate(counts):
        for term, n in terms.items():
            if n > 0 and term not in leave_out:
                rows.append(row)
                cols.append(column.setdefault(term, len(column)))
                found.append(n)
    weights = np.zeros((len(counts), len(column)))
    weights[rows, cols] = 1 + np.log(np.asarray(found, dtype=float))
    # Each document a vector of length 1, so a long one weighs no more than a
    # short one in the others' sum.
    norms = np.linalg.norm(weights, axis=1)
    units = weights / np.where(norms > 0, norms, 1.0)[:, None]
    apart = (units @ units.T < same) & ~np.eye(len(counts), dtype=bool)
    others = apart @ units
    lengths = np.linalg.norm(others, axis=1)
    dots = np.einsum("ij,ij->i", units, others)
    cosine = np.divide(dots, lengths, out=np.zeros_like(dots), where=lengths > 1e-9)
    return np.clip(cosine, 0.0, 1.0).tolist()
