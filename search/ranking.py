"""How documents are scored: BM25F parameters and field weights, chosen by measurement.

See bench/README.md for the measurements behind the defaults.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Ranking:
    # Frequent words saturate late, and long documents are fully normalised: a
    # short paragraph that answers a question beats a long article that mentions
    # its words in passing (bench/README.md).
    k1: float = 2.0
    b: float = 1.0
    title_b: float = 1.0
    title_weight: float = 2.0
    # Scores are multiplied by (share of the query's words present) ** coord.
    coord: float = 0.0
    # Weight of the proximity bonus, added to the best rerank_depth documents.
    proximity: float = 1.0
    rerank_depth: int = 20
    # A query term with a joined ب/ل/ك/ف (لكاس) also looks for the term without it
    # (كاس) when more documents hold that.
    proclitics: bool = True

    def fields(self):
        return ("title", "body")

    def weight_for(self, field):
        return self.title_weight if field == "title" else 1.0

    def b_for(self, field):
        return self.title_b if field == "title" else self.b
