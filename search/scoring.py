"""BM25F, scored term-at-a-time with numpy over Whoosh's postings.

Whoosh scores document-at-a-time through a tree of Python matcher objects, which
costs tens of milliseconds for a question of a few common words over 30,000
documents. Here each query term's postings are read once as arrays and every
document's score is summed with vector operations. Whoosh still parses the query,
stores the postings, and decides which documents match a query with structure
(phrases, exclusions, prefixes, AND).
"""

import heapq
import math
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import islice

import numpy as np
import numpy.typing as npt
from whoosh import query as wq
from whoosh.columns import ColumnReader
from whoosh.reading import IndexReader, TermInfo
from whoosh.searching import Searcher

from indexer.arabic.stem import unconfirmed_proclitic

from .caches import LENGTHS, POSTINGS, segment_key
from .centroid import agreement
from .heads import Heads
from .postings import PostingArrays, block_positions, leaf_lengths, leaf_matcher, leaf_postings
from .ranking import Ranking
from .variants import READ_CHARS, Variants

# Prefix queries score at most this many of their expansions (the most frequent),
# chosen among the first PREFIX_SCAN words the prefix starts.
MAX_EXPANSIONS = 32
PREFIX_SCAN = MAX_EXPANSIONS * 30
# A scorer keeps the expansions of this many prefixes: each is at most
# MAX_EXPANSIONS words of at most 64 characters (tokenize.MAX_WORD), 256 of them
# under 5 MB, however many prefixes hostile queries bring.
KEPT_EXPANSIONS = 256
# A query scores its first MAX_TERMS distinct terms (prefix expansions and terms
# without their proclitic included), each read and summed over every document:
# query.MAX_WORDS words and query.MAX_PREFIXES prefixes could make 192, and twice
# as many with the shorter terms. ARCD questions have at most 13.
MAX_TERMS = 64
# Proximity weighs every pair of a query's terms, so only the MAX_NEAR rarest
# (by idf) are paired: 120 pairs at most, where 64 terms would make 2,016. No
# ARCD question has more. The lead bonus reads the same terms' positions.
MAX_NEAR = 16
# At most this many of a query's words are looked for under other spellings
# (search/variants.py): the first time, each may read up to SAMPLE documents for
# itself and for each of its MAX_CANDIDATES candidates.
MAX_RESPELLED = 4
# Two query words written in the other order count as this many words further
# apart than in the query's (proximity).
TRANSPOSED = 2
# A distance farther than any two positions of a document are apart.
NOWHERE = 2**40
# A word's lead bonus halves when its first occurrence is this many words into the
# body: the first sentence or two of a news article.
LEAD_WORDS = 30
# Query words this many positions apart, or fewer, stand together: a name or a
# phrase, with a stopword or two between (محمد بن سلمان).
TOGETHER = 4

Mask = npt.NDArray[np.bool_]
Scores = npt.NDArray[np.float32]
# {term text: the fields it is scored in}, as ``Scorer.query_terms`` gives them.
Terms = dict[str, set[str]]
# Every document's score, and the idf of each term found (``Scorer.scored``).
Scored = tuple[Scores, dict[str, float]]
# [(docnum, score)], best first.
Ranked = list[tuple[int, float]]


def positive_terms(q: wq.Query) -> Iterator[tuple[str, str | wq.Prefix]]:
    """(field, text) of every term whose presence should raise a score.

    Excluded terms (NOT, -word) are left out; a phrase contributes its words.
    """
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield from positive_terms(q.a)
    elif isinstance(q, wq.Phrase):
        for word in q.words:
            yield q.fieldname, word
    elif isinstance(q, wq.Term):
        yield q.fieldname, q.text
    elif isinstance(q, wq.Prefix):
        yield q.fieldname, q
    else:
        for child in q.children():
            yield from positive_terms(child)


def is_flat(q: wq.Query) -> bool:
    """True for a plain OR of terms, whose matches are exactly the scored documents."""
    if isinstance(q, wq.Term):
        return True
    return type(q) is wq.Or and all(is_flat(c) for c in q.subqueries)


class Scorer:
    """BM25F over one searcher's view of the index."""

    def __init__(
        self, searcher: Searcher, ranking: Ranking, variants: Variants | None = None
    ) -> None:
        """``variants``: another scorer's of the same searcher, which depend on the
        index only, shared so that questions and keywords ask each word once."""
        self.searcher = searcher
        self.ranking = ranking
        self.leaves: list[tuple[IndexReader, int]] = [
            (s.reader(), offset) for s, offset in searcher.leaf_searchers()
        ]
        self.size = searcher.doc_count_all()
        self.live = np.ones(self.size, bool)
        for reader, offset in self.leaves:
            if reader.has_deletions():
                self.live[[offset + d for d in reader.deleted_docs_set]] = False  # type: ignore[attr-defined]  # a SegmentReader's
        self.count = int(self.live.sum())
        self.norms = {f: self._norms(f) for f in ranking.fields()}
        self._digests: ColumnReader | None = None
        self._expansions: dict[tuple[str, str], list[str]] = {}
        self.variants = variants or Variants(
            self._holding,
            self._opening,
            lambda t: searcher.doc_frequency("body", t),  # type: ignore[attr-defined]  # copied from its reader
            self.count,
            searcher.schema["body"].analyzer.chain.term,
        )

    def _norms(self, field: str) -> npt.NDArray[np.float32]:
        """BM25's length normalisation, 1 - b + b * length / average length."""
        lengths = np.zeros(self.size, np.float32)
        for reader, offset in self.leaves:
            (leaf,) = LENGTHS.get(
                (segment_key(reader), field),
                lambda r=reader: leaf_lengths(r, field),  # type: ignore[misc]
            )
            lengths[offset : offset + len(leaf)] = leaf
        if field == "body":
            lengths = np.maximum(lengths, self.ranking.min_length)
        average = lengths[self.live].mean() if self.count else 1.0
        b = self.ranking.b_for(field)
        return (1 - b + b * lengths / max(average, 1e-6)).astype(np.float32)

    def _leaf_postings(self, reader: IndexReader, field: str, text: str) -> PostingArrays:
        return POSTINGS.get(
            (segment_key(reader), field, text), lambda: leaf_postings(reader, field, text)
        )

    def postings(
        self, field: str, text: str
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        """(docnums, term frequencies) of ``text`` in ``field`` over all segments."""
        parts = []
        for reader, offset in self.leaves:
            ids, tfs, _, _ = self._leaf_postings(reader, field, text)
            parts.append((ids + offset, tfs))
        if len(parts) == 1:
            return parts[0]
        return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]))

    def _expand(self, field: str, prefix: str) -> list[str]:
        """The most frequent words starting with ``prefix``, among the first few hundred."""
        key = (field, prefix)
        if key not in self._expansions:
            if len(self._expansions) >= KEPT_EXPANSIONS:
                self._expansions.clear()
            found: Iterable[tuple[bytes, TermInfo]] = islice(
                self.searcher.reader().iter_prefix(field, prefix), PREFIX_SCAN
            )
            found = sorted(found, key=lambda pair: -pair[1].doc_frequency())[:MAX_EXPANSIONS]
            self._expansions[key] = [
                t.decode("utf-8") if isinstance(t, bytes) else t for t, _ in found
            ]
        return self._expansions[key]

    def query_terms(self, q: wq.Query) -> Terms:
        """``{text: {field, ...}}`` for the positive terms of ``q``, patterns
        expanded, and other spellings of the words typed in full."""
        terms: Terms = {}
        typed: list[str] = []
        for field, text in positive_terms(q):
            if field not in self.norms:
                continue
            texts = self._expand(field, text.text) if isinstance(text, wq.Prefix) else [text]
            for t in texts:
                if t in terms or len(terms) < MAX_TERMS:
                    terms.setdefault(t, set()).add(field)
            if not isinstance(text, wq.Prefix) and text in terms and text not in typed:
                typed.append(text)
        if self.ranking.proclitics:
            self._add_confirmed_stems(terms)
        if self.ranking.variants:
            self._add_variants(terms, typed[:MAX_RESPELLED])
        return terms

    def _add_variants(self, terms: Terms, typed: list[str]) -> None:
        """Adds the other spellings of the ``typed`` terms (search/variants.py),
        scored with them as one term (``scores``)."""
        for text in typed:
            for other in self.variants.of(text):
                if len(terms) < MAX_TERMS:
                    terms.setdefault(other, set()).update(terms[text])

    def _holding(self, text: str) -> Sequence[int]:
        """The live documents whose body holds ``text``."""
        ids = self.postings("body", text)[0]
        return ids[self.live[ids]].tolist()  # type: ignore[no-any-return]

    def _opening(self, docnum: int) -> str:
        fields = self.searcher.stored_fields(docnum)  # type: ignore[attr-defined]  # copied from its reader
        return f"{fields['title']}\n{fields['body'][:READ_CHARS]}"

    def _add_confirmed_stems(self, terms: Terms) -> None:
        """Adds the term without its proclitic where analysis could not decide and
        the index holds that in more documents: لنيمار brings in نيمار, but فريق
        never ريق, nor بطاقه طاقه."""
        for text, fields in list(terms.items()):
            shorter = unconfirmed_proclitic(text)
            if (
                shorter
                and shorter not in terms
                and len(terms) < MAX_TERMS
                # Searcher copies doc_frequency from its reader.
                and self.searcher.doc_frequency("body", shorter)  # type: ignore[attr-defined]
                > self.searcher.doc_frequency("body", text)  # type: ignore[attr-defined]
            ):
                terms[shorter] = set(fields)

    def scores(self, terms: Terms) -> Scored:
        """Every document's BM25F score for ``terms`` (``{text: fields}``), and the
        idf of each term found. A term and its other spellings (search/variants.py)
        are scored as one term: their counts summed, the idf of the documents
        holding any, which each of them is given."""
        k1 = self.ranking.k1
        scores = np.zeros(self.size, np.float32)
        matched = np.zeros(self.size, np.float32)
        idfs: dict[str, float] = {}
        groups = 0
        title_bonus = self.ranking.title_bonus
        for group in self._spellings(terms):
            tf = np.zeros(self.size, np.float32)
            title_tf = None
            for text in group:
                for field in terms[text]:
                    ids, tfs = self.postings(field, text)
                    if len(ids):
                        normalised = tfs / self.norms[field][ids]
                        tf[ids] += self.ranking.weight_for(field) * normalised
                        if field == "title" and title_bonus:
                            if title_tf is None:
                                title_tf = np.zeros(self.size, np.float32)
                            title_tf[ids] += normalised
            tf *= self.live
            df = int(np.count_nonzero(tf))
            if not df:
                continue
            idf = math.log(1 + (self.count - df + 0.5) / (df + 0.5))
            # A term alone is held where df is; of a group, each member that is.
            held = group if len(group) == 1 else [t for t in group if self._holds(t, terms[t])]
            idfs.update((text, idf) for text in held)
            scores += idf * tf * (k1 + 1) / (tf + k1)
            if title_tf is not None:
                title_tf *= self.live
                scores += title_bonus * idf * title_tf * (k1 + 1) / (title_tf + k1)
            matched += tf > 0
            groups += 1
        if self.ranking.coord and groups > 1:
            # Documents holding more of the query's words rank higher.
            scores *= (matched / groups) ** self.ranking.coord
        return scores, idfs

    def _spellings(self, terms: Collection[str]) -> list[list[str]]:
        """``terms`` in groups: each with the other spellings of it that ``terms``
        holds (search/variants.py), every other term alone. The bonuses count a
        group once: a document that writes ترمب and ترامب names Trump no more."""
        groups: list[list[str]] = []
        placed: set[str] = set()
        for text in terms:
            if text in placed:
                continue
            group = [
                text,
                *(t for t in self.variants.known(text) if t in terms and t not in placed),
            ]
            placed.update(group)
            groups.append(group)
        return groups

    def _holds(self, text: str, fields: set[str]) -> bool:
        """Whether a live document holds ``text`` in one of ``fields``."""
        return any(self.live[self.postings(field, text)[0]].any() for field in fields)

    def positions(
        self, field: str, text: str, docnums: Sequence[int]
    ) -> dict[int, npt.NDArray[np.int64]]:
        """``{docnum: positions}`` of ``text`` in those of ``docnums`` that hold it."""
        found = {}
        wanted = np.unique(np.asarray(docnums, np.int64))
        for reader, offset in self.leaves:
            postings = self._leaf_postings(reader, field, text)
            held, at = _lookup(postings[0], wanted - offset)
            if not held.any():
                continue
            matcher = leaf_matcher(reader, field, text)
            for d, where in block_positions(matcher, postings, at[held]):
                found[d + offset] = where
        return found

    def body_positions(
        self, docnums: Sequence[int], idfs: dict[str, float]
    ) -> dict[str, dict[int, npt.NDArray[np.int64]]]:
        """``{term: {docnum: positions}}`` in the body, for the MAX_NEAR rarest (by
        idf) of the query's terms and those of ``docnums`` that hold them: what
        ``proximity`` and ``leads`` read, read once. A term's other spellings'
        positions are its own."""
        groups = {g[0]: g for g in self._spellings(idfs)}
        found: dict[str, dict[int, npt.NDArray[np.int64]]] = {}
        for term in _rarest({t: idfs[t] for t in groups}):
            where = found[term] = {}
            for member in groups[term]:
                for d, at in self.positions("body", member, docnums).items():
                    where[d] = np.union1d(where[d], at) if d in where else at
        return found

    @staticmethod
    def proximity(
        where: dict[str, dict[int, npt.NDArray[np.int64]]], idfs: dict[str, float]
    ) -> dict[int, float]:
        """A bonus per document for query words that stand close together in its body.

        For every pair of words both in the document (``where``, as
        ``body_positions`` gives it, in the query's order), the rarer word's idf
        divided by the square of their shortest distance (``_gap``: adjacent
        words in the query's order 1, the other way round 3).
        """
        bonus: dict[int, float] = {}
        texts = list(where)
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                for d in where[a].keys() & where[b].keys():
                    gap = _gap(where[a][d], where[b][d])
                    bonus[d] = bonus.get(d, 0.0) + min(idfs[a], idfs[b]) / (gap * gap)
        return bonus

    @staticmethod
    def leads(
        where: dict[str, dict[int, npt.NDArray[np.int64]]],
        idfs: dict[str, float],
        apart: float = 1.0,
    ) -> dict[int, float]:
        """A bonus per document for the query words its body opens with: for each
        word it holds (``where``, as ``body_positions`` gives it), the word's idf
        × LEAD_WORDS / (LEAD_WORDS + the position of its first occurrence), the
        idf itself for the first word of the body.

        With ``apart`` below 1, a query of several words opens a body where they
        stand together (``_together``): a document earns the sum of their idfs at
        the first place they do, or ``apart`` of the words' bonuses above, if
        more. «محمد بن سلمان» is the subject of an article that opens with it,
        not of one that opens with «الملك سلمان» and lists the prince further down."""
        bonus: dict[int, float] = {}
        for text, found in where.items():
            for d, at in found.items():
                bonus[d] = bonus.get(d, 0.0) + idfs[text] * LEAD_WORDS / (LEAD_WORDS + int(at[0]))
        if apart >= 1.0 or len(where) < 2:
            return bonus
        together = _together(where)
        total = sum(idfs[text] for text in where)
        return {
            d: max(
                apart * b, total * LEAD_WORDS / (LEAD_WORDS + together[d]) if d in together else 0.0
            )
            for d, b in bonus.items()
        }

    def matching(self, q: wq.Query) -> Mask:
        """A boolean mask of the documents a structured query matches.

        AND, OR, NOT and prefixes are combined from the postings with vector
        operations; what needs positions (phrases) or is rarer is left to Whoosh.
        A prefix matches through the expansions that are scored: only those can put
        a document in the results, and Whoosh would visit every word it starts.
        """
        if isinstance(q, wq.Term):
            return self._term_mask(q.fieldname, q.text)
        if isinstance(q, wq.Prefix):
            return self._any(
                self._term_mask(q.fieldname, t) for t in self._expand(q.fieldname, q.text)
            )
        if type(q) is wq.Or:
            return self._any(self.matching(c) for c in q.subqueries)
        if type(q) is wq.And:
            return np.logical_and.reduce([self.matching(c) for c in q.subqueries])
        if isinstance(q, wq.AndNot):
            return self.matching(q.a) & ~self.matching(q.b)
        if isinstance(q, wq.Not):
            return self.live & ~self.matching(q.query)
        if isinstance(q, wq.Every):
            return self.live.copy()
        mask = np.zeros(self.size, bool)
        docs = list(q.docs(self.searcher))
        if docs:
            mask[docs] = True
        return mask

    def _term_mask(self, field: str, text: str) -> Mask:
        mask = np.zeros(self.size, bool)
        mask[self.postings(field, text)[0]] = True
        return mask

    def _any(self, masks: Iterable[Mask]) -> Mask:
        out = np.zeros(self.size, bool)
        for mask in masks:
            out |= mask
        return out

    @staticmethod
    def ranks(q: wq.Query) -> bool:
        """Whether ``q`` has words to rank by; one that only excludes (NOT word)
        scores every document it lets through 1, as match_all does."""
        return next(positive_terms(q), None) is not None

    def scored(self, q: wq.Query, terms: Terms, within: Mask | None = None) -> Scored:
        """Every document's score for ``q`` (0 where it does not match, or is not in
        ``within``, a boolean mask), and the idf of each term found."""
        if self.ranks(q):
            scores, idfs = self.scores(terms)
        else:
            scores, idfs = self.live.astype(np.float32), {}
        if not is_flat(q):
            scores *= self.matching(q)
        if within is not None:
            scores *= within
        return scores, idfs

    def top(
        self,
        q: wq.Query,
        terms: Terms,
        limit: int,
        heads: Heads | None = None,
        scored: Scored | None = None,
    ) -> tuple[int, Ranked]:
        """(total matches, [(docnum, score)] best first), exact duplicates collapsed;
        ``terms`` are ``query_terms(q)``, which the caller also needs for snippets;
        ``scored`` is ``scored(q, terms, ...)`` if the caller has it.

        The best documents earn bonuses for words close together (``proximity``)
        and for a body that opens with them (``leads``); and, where ``heads`` reads
        their opening text, for writing the query's words as typed (``as_typed``,
        over the best ``ranking.exact_depth``), and for agreeing with the others
        (``agreements``).
        """
        scores, idfs = scored or self.scored(q, terms)
        total = int(np.count_nonzero(scores))
        proximity = self.ranking.proximity and len(idfs) > 1
        lead = self.ranking.lead and idfs
        # The bonuses that read the documents' text, where the caller can read it.
        exact = self.ranking.exact if heads is not None else 0.0
        centroid = self.ranking.centroid if heads is not None else 0.0
        depth = self.ranking.rerank_depth if proximity or exact or lead or centroid else 0
        exact_depth = max(depth, self.ranking.exact_depth) if exact else 0
        want = min(total, max(limit * 2 + 10, depth, exact_depth))
        if not want:
            return 0, []
        best = np.argpartition(-scores, want - 1)[:want]
        best = best[np.lexsort((best, -scores[best]))]
        if depth:
            scores = scores.copy()
            if heads is not None and exact:
                self.as_typed(best[:exact_depth], scores, heads, idfs, max(limit, depth))
                best = best[np.lexsort((best, -scores[best]))]
            head = best[:depth].tolist()
            where = self.body_positions(head, idfs) if proximity or lead else {}
            if proximity:
                for d, bonus in self.proximity(where, idfs).items():
                    scores[d] += self.ranking.proximity * bonus
            if lead:
                for d, bonus in self.leads(where, idfs, self.ranking.lead_apart).items():
                    scores[d] += self.ranking.lead * bonus
            best = best[np.lexsort((best, -scores[best]))]
            if heads is not None and centroid:
                for d, bonus in self.agreements(best, scores, heads, idfs).items():
                    scores[d] += centroid * bonus
                best = best[np.lexsort((best, -scores[best]))]
        return total, self.collapse(best, scores, limit)

    def as_typed(
        self,
        best: npt.NDArray[np.integer],
        scores: npt.NDArray[np.floating],
        heads: Heads,
        idfs: dict[str, float],
        keep: int,
    ) -> None:
        """Adds ``ranking.exact`` × its idf × its share (search/exact.py) for each
        query term a document writes as typed to the scores of ``best`` (best
        first), reading a document only if it could enter the first ``keep``:
        given the full bonus of every term it holds, its score passes the keep-th
        bonused score so far."""
        exact = self.ranking.exact
        groups = [g for g in self._spellings(idfs) if heads.terms.intersection(g)]
        most = np.zeros(len(best), np.float32)
        for group in groups:
            held = np.zeros(len(best), np.bool_)
            for term in group:
                for field in self.ranking.fields():
                    held |= np.isin(best, self.postings(field, term)[0])
            most += exact * idfs[group[0]] * held
        kept: list[float] = []  # the best ``keep`` scores so far, a min-heap
        for d, bound in zip(best.tolist(), (scores[best] + most).tolist(), strict=True):
            if len(kept) == keep and bound <= kept[0]:
                continue
            written = heads.written(d)
            scores[d] += exact * sum(
                idfs[group[0]] * max(written.get(t, 0.0) for t in group) for group in groups
            )
            if len(kept) < keep:
                heapq.heappush(kept, float(scores[d]))
            else:
                heapq.heappushpop(kept, float(scores[d]))

    def agreements(
        self,
        best: npt.NDArray[np.integer],
        scores: npt.NDArray[np.floating],
        heads: Heads,
        idfs: dict[str, float],
    ) -> dict[int, float]:
        """{docnum: bonus} for the best rerank_depth distinct documents of ``best``
        (in order of ``scores``): the best score times the cosine between a
        document's words and the others' (search/centroid.py), the query's own
        terms left out. Exact copies are left out, near ones set apart."""
        kept = self.collapse(best, scores, self.ranking.rerank_depth)
        if len(kept) < 2:
            return {}
        top = kept[0][1]
        found = agreement([heads.counts(d) for d, _ in kept], leave_out=idfs)
        return {d: top * cosine for (d, _), cosine in zip(kept, found, strict=True)}

    def collapse(
        self, docnums: npt.NDArray[np.integer], scores: npt.NDArray[np.floating], limit: int
    ) -> Ranked:
        """The first ``limit`` of ``docnums`` with their scores, each text once."""
        if self._digests is None:  # opened on first use: it costs a few ms per segment
            self._digests = self.searcher.reader().column_reader("digest")
        digests = self._digests
        seen, kept = set(), []
        for d in docnums:
            digest = digests[int(d)]
            if digest in seen:
                continue
            seen.add(digest)
            kept.append((int(d), float(scores[d])))
            if len(kept) == limit:
                break
        return kept


def _rarest(idfs: dict[str, float]) -> dict[str, float]:
    """The MAX_NEAR terms of ``idfs`` with the highest idf (all of them if fewer)."""
    if len(idfs) <= MAX_NEAR:
        return idfs
    rarest = set(sorted(idfs, key=idfs.get, reverse=True)[:MAX_NEAR])  # type: ignore[arg-type]
    return {t: idf for t, idf in idfs.items() if t in rarest}


def _lookup(
    ids: npt.NDArray[np.integer], docnums: npt.NDArray[np.integer]
) -> tuple[Mask, npt.NDArray[np.intp]]:
    """(which of ``docnums`` are in the sorted ``ids``, and where they are in it)."""
    at = np.searchsorted(ids, docnums)
    if not len(ids):
        return np.zeros(len(docnums), bool), at
    return ids[np.minimum(at, len(ids) - 1)] == docnums, at


def _together(where: dict[str, dict[int, npt.NDArray[np.int64]]]) -> dict[int, int]:
    """{docnum: the first position of the first term of ``where`` with every other
    term within TOGETHER positions of it}, for the documents where there is one."""
    first, *others = where.values()
    found = {}
    for d, at in first.items():
        near = np.ones(len(at), np.bool_)
        for other in others:
            there = other.get(d)
            if there is None:
                break
            near &= np.minimum(*_around(at, there)) <= TOGETHER
        else:
            if near.any():
                found[d] = int(at[near][0])
    return found


def _gap(a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> int:
    """The shortest distance from a position in ``a`` to one in ``b`` after it
    (both sorted), or TRANSPOSED more from one in ``b`` before it: «بندر بن
    سلطان» is not «سلطان بن بندر», and Lucene's sloppy phrases count two words
    written the other way round as two moves apart too."""
    ahead, behind = _around(a, b)
    return max(1, int(min(ahead.min(), behind.min() + TRANSPOSED)))


def _around(
    a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """For each position in ``a``, the distance to the first position in ``b`` at
    or after it and to the last one before it (both sorted; NOWHERE where there
    is none)."""
    i = np.searchsorted(b, a)  # b[i - 1] < a <= b[i]
    ahead = np.where(i < len(b), b[np.minimum(i, len(b) - 1)] - a, NOWHERE)
    behind = np.where(i > 0, a - b[np.maximum(i - 1, 0)], NOWHERE)
    return ahead, behind
