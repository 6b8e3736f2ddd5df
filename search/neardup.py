"""Near-duplicates: the same text republished with small edits.

Two documents are copies when the sets of their word trigrams (of analysed terms,
so diacritics, hamza forms and stopwords do not count) overlap by at least
RESEMBLANCE (Broder's resemblance, the Jaccard coefficient of the shingle sets).
Shingles are computed from the stored text when needed, for the few documents
compared, so the index holds nothing more.
"""
from dataclasses import dataclass

# Words per shingle: three words in a row rarely repeat between different texts,
# yet an edit changes only the three shingles that hold it.
WIDTH = 3
RESEMBLANCE = 0.5


@dataclass(frozen=True)
class Shingles:
    hashes: frozenset

    @classmethod
    def of(cls, analyzer, fields):
        """The shingles of a document's stored title and body."""
        terms = [t.text for t in analyzer(fields.get("title", "") + "\n" + fields.get("body", ""))]
        if len(terms) < WIDTH:
            return cls(frozenset([hash(tuple(terms))]))
        return cls(frozenset(hash(tuple(terms[i:i + WIDTH]))
                             for i in range(len(terms) - WIDTH + 1)))

    def resemblance(self, other):
        union = len(self.hashes | other.hashes)
        return len(self.hashes & other.hashes) / union if union else 1.0

    def copies(self, other):
        return self.resemblance(other) >= RESEMBLANCE
