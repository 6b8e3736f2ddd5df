"""How documents are scored: BM25F parameters and field weights, chosen by measurement.

See bench/README.md for the measurements behind the defaults.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Ranking:
    k1: float = 1.2
    b: float = 0.75
    title_b: float = 0.75
    title_weight: float = 1.0

    def fields(self):
        return ("title", "body")

    def weight_for(self, field):
        return self.title_weight if field == "title" else 1.0

    def b_for(self, field):
        return self.title_b if field == "title" else self.b
