"""How documents are scored: BM25F parameters and field weights, chosen by measurement.

Questions and keyword searches want different things. A question («من هو مؤسس
...؟») is answered by a short paragraph among long articles, so full length
normalisation wins; a keyword search («جدة», «وزير الصحة») is answered by the
articles about it, and pages whose body is a few tag words must not win. The
Policy tells the two apart by how a query is typed. See bench/README.md for the
measurements behind both sets of parameters.
"""

from dataclasses import dataclass, field

from indexer.arabic.stopwords import key
from indexer.arabic.tokenize import words


@dataclass(frozen=True)
class Ranking:
    # Frequent words saturate late, and long documents are fully normalised: a
    # short paragraph that answers a question beats a long article that mentions
    # its words in passing (bench/README.md).
    k1: float = 2.0
    b: float = 1.0
    title_b: float = 1.0
    title_weight: float = 2.0
    # A body is normalised as if it held at least this many words: a page whose
    # body is a few tag words or an author's name would otherwise win every
    # search for one of them, as if it were wholly about it.
    min_length: float = 0.0
    # Weight of the title scored on its own (BM25 of the title alone), added to
    # BM25F: BM25F saturates a word's title and body counts together, so a title
    # that holds it adds little to a body that repeats it; summed over fields,
    # as Lucene scores, the title counts in full. A question names its subject,
    # which an answer's title often is (bench/README.md: ARCD's questions gain,
    # judged keyword searches lose).
    title_bonus: float = 0.25
    # Scores are multiplied by (share of the query's words present) ** coord.
    coord: float = 0.0
    # Weight of the proximity bonus, added to the best rerank_depth documents.
    proximity: float = 1.0
    # Weight of the bonus for writing a query word as typed (search/exact.py),
    # times the word's idf, added to the same documents.
    exact: float = 0.0
    # Weight of the bonus for a body that opens with the query's words (see
    # Scorer.leads), added to the same documents: a news article names its
    # subject in its first sentence, one that mentions it in passing further
    # down, and a paragraph that answers a question often opens with its subject.
    lead: float = 0.5
    # Share of the lead bonus earned by a body that opens with a query's words
    # apart, never together (see Scorer.leads): a keyword search of several words
    # names one subject, a name or a phrase. A question's words need not stand
    # together in its answer.
    lead_apart: float = 1.0
    # Weight of the bonus for agreeing with the other best documents (see
    # search/centroid.py), times the best score, added to the same documents: a
    # namesake or a word's other sense shares few words with the articles most
    # of the results are. A question wants one paragraph, not the common subject.
    centroid: float = 0.0
    rerank_depth: int = 20
    # The as-typed bonus reaches this many of the best documents, more than the
    # other bonuses: where a stem merges a rare word with a common one (العمرة
    # 'Umrah' with عمر 'Omar'), the documents that write the word as typed may all
    # rank below the first rerank_depth.
    exact_depth: int = 100
    # A query term with a joined ب/ل/ك/ف (لكاس) also looks for the term without it
    # (كاس) when more documents hold that.
    proclitics: bool = True
    # A query term also looks for other spellings of the same foreign name
    # (search/variants.py): ترمب for ترامب, غوارديولا for جوارديولا.
    variants: bool = True

    def fields(self) -> tuple[str, str]:
        return ("title", "body")

    def weight_for(self, field: str) -> float:
        return self.title_weight if field == "title" else 1.0

    def b_for(self, field: str) -> float:
        return self.title_b if field == "title" else self.b


QUESTIONS = Ranking()
# Keywords: BM25's usual saturation and length normalisation, a body counted as
# at least 60 words, the title weighing three times the body, a document that
# writes a word as typed preferred to one that only shares its stem, one
# about what most of the best documents are about to a namesake, and one that
# opens with the query's words together to one that opens with one of them.
KEYWORDS = Ranking(
    k1=1.2,
    b=0.75,
    title_weight=3.0,
    min_length=60.0,
    title_bonus=0.0,
    exact=1.0,
    centroid=0.2,
    lead_apart=0.5,
)

# Words a question starts with, as stopwords.key writes them.
QUESTION_WORDS = frozenset(
    key(w)
    for w in (
        "ما",
        "ماذا",
        "من",
        "متى",
        "أين",
        "كيف",
        "لماذا",
        "لم",
        "هل",
        "كم",
        "أي",
        "أية",
        "بم",
        "بماذا",
        "لمن",
        "ممن",
        "مم",
        "عم",
        "عمن",
        "إلام",
        "علام",
        "كيفية",
        "اذكر",
        "عرف",
    )
)
# A query this long is a sentence, not a few keywords.
SENTENCE_WORDS = 6


def is_question(text: str) -> bool:
    """True for a question or a sentence; False for keywords."""
    typed = [w for w, _, _ in words(text)]
    # Distinct words: a word typed a thousand times is no sentence.
    if "؟" in text or "?" in text or len(set(typed)) >= SENTENCE_WORDS:
        return True
    return bool(typed) and key(typed[0]) in QUESTION_WORDS


@dataclass(frozen=True)
class Policy:
    """Which Ranking a query gets."""

    questions: Ranking = QUESTIONS
    keywords: Ranking = field(default=KEYWORDS)

    @classmethod
    def only(cls, ranking: Ranking | None) -> "Policy":
        """One ranking for every query (None: the default policy)."""
        return cls() if ranking is None else cls(ranking, ranking)

    def for_query(self, text: str) -> Ranking:
        return self.questions if is_question(text) else self.keywords
