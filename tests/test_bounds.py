"""Every request's work has a bound by design, whatever the query or the document:
each test checks the answer and counts the work done (characters analysed,
candidates, parser steps, terms, pairs, bytes kept), never the time taken."""

import json
import random
import threading

import pytest
from click.testing import CliRunner
from whoosh.qparser import taggers

from indexer.analysis import ArabicAnalyzer
from indexer.arabic import chain as chains
from indexer.arabic.tokenize import MAX_WORD, words
from indexer.build import update_index
from search import caches, engine as engines, postings, query as queries, scoring, snippets, suggest
from search.engine import TITLE_CHARS, Engine
from search.lane import Busy
from web.app import create_app
from web.cli import main

from .conftest import write_all

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
# A word longer than any word: 5,000 letters, not one word of the index.
LONG = "".join(random.Random(14).choice(LETTERS) for _ in range(5000))
# 200 words of one document, which a query of them all would pair 19,900 times.
MANY = ["".join(random.Random(i).choices(LETTERS, k=6)) for i in range(200)]
# Whoever analyses more than this for one query does work that grows with the
# query's length or its square (the 5,000-letter word once made 350,000 candidates).
ANALYSED_CHARS = 200_000


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("bounds")
    write_all(
        root / "seeds",
        {
            "books.txt": "معرض الكتب\nافتتح معرض الكتب في الرياض وزاره القراء.",
            "relations.txt": "بوتين يبحث العلاقات الثنائية\nناقش الرئيسان العلاقات.",
            # The long word, cut as analysis cuts it, is this document's word too.
            "long.txt": f"نص طويل\n{LONG[:MAX_WORD]}{LONG[::-1]} ورد في الكتب",
            # One line: all title, each of its 20,000 words a match for «الكتب».
            "one-line.txt": "الكتب " * 20_000,
            "long-body.txt": "كتب كثيرة\n" + "الكتب " * 20_000,
            "many.txt": "كلمات كثيرة\n" + " ".join(MANY),
        },
    )
    update_index(root / "seeds", root / "index")
    return root / "index"


@pytest.fixture
def analysed(monkeypatch):
    """Characters and words analysed from now on; past ANALYSED_CHARS the test fails
    at once, rather than after the minutes the unbounded work would take."""
    work = {"chars": 0, "words": 0, "longest": 0}
    run = chains.Chain._run

    def counting(steps, word):
        work["chars"] += len(word)
        work["words"] += 1
        work["longest"] = max(work["longest"], len(word))
        assert work["chars"] <= ANALYSED_CHARS, "unbounded analysis"
        return run(steps, word)

    monkeypatch.setattr(chains.Chain, "_run", staticmethod(counting))
    return work


@pytest.fixture
def calls(monkeypatch):
    """``count(owner, name)`` counts the calls of a method from now on."""
    counted = {}

    def count(owner, name):
        method = getattr(owner, name)
        counted[name] = 0

        def counting(*args, **kwargs):
            counted[name] += 1
            return method(*args, **kwargs)

        monkeypatch.setattr(owner, name, counting)
        return counted

    return count


def test_a_word_is_cut_at_max_word_characters_with_its_offsets():
    text = f"قبل {LONG} بعد"
    assert list(words(text)) == [
        ("قبل", 0, 3),
        (LONG[:MAX_WORD], 4, 4 + MAX_WORD),
        ("بعد", 5005, 5008),
    ]


def test_snippets_mark_a_long_word_as_analysis_cuts_it(index_dir):
    term_of = ArabicAnalyzer().chain.term
    text = f"{LONG} {LONG[:MAX_WORD]} {'ب' * 70}{LONG[:MAX_WORD]}"
    found = snippets.marked_words(text, {term_of(LONG[:MAX_WORD])}, term_of)
    # The cut-off part of a run is no word: the third run, which holds the term's
    # letters only past its first MAX_WORD characters, is not marked.
    assert [(t.startchar, t.endchar) for t in found] == [(0, MAX_WORD), (5001, 5001 + MAX_WORD)]


def test_the_cli_searches_a_5000_letter_word_with_bounded_work(index_dir, analysed, calls):
    candidates = calls(suggest, "_well_formed")
    result = CliRunner().invoke(main, ["search", LONG, "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    assert "long.txt" in result.stdout  # found by its first MAX_WORD letters
    assert "did you mean" not in result.stderr
    assert candidates["_well_formed"] == 0  # no spelling candidates for no word
    assert analysed["longest"] <= MAX_WORD


def test_the_api_answers_long_words_with_bounded_work(index_dir, analysed, calls):
    candidates = calls(suggest, "_well_formed")
    client = create_app(index_dir).test_client()
    # The page's own limit is 500 characters: the 5,000-letter word is refused unread.
    assert client.get("/api/search", query_string={"q": LONG}).status_code == 400
    assert analysed["words"] == 0
    for n in (300, 500):
        answer = client.get("/api/search", query_string={"q": LONG[:n]})
        assert answer.status_code == 200
        body = answer.get_json()
        assert [h["path"] for h in body["hits"]] == ["long.txt"]
        assert body["suggestion"] is None
    assert candidates["_well_formed"] == 0
    assert analysed["longest"] <= MAX_WORD


def test_a_misspelled_word_gets_a_bounded_number_of_candidates(index_dir, calls):
    candidates = calls(suggest, "_well_formed")
    engine = Engine(index_dir)
    result = engine.search("الكتبب")
    assert engine.suggestion(result) == "الكتب"
    # Some 70 candidates a letter, for a word of at most LONGEST characters.
    assert 0 < candidates["_well_formed"] <= 75 * (suggest.LONGEST + 1)


def test_a_query_of_unknown_words_looks_for_a_bounded_number_of_them(index_dir, calls):
    looked_for = calls(suggest, "_likeliest")
    engine = Engine(index_dir)
    result = engine.search("الكتبب " + " ".join(MANY[0][::-1] + c for c in LETTERS))
    assert engine.suggestion(result).startswith("الكتب ")  # the first is mended
    assert looked_for["_likeliest"] == suggest.MENDED


def test_a_query_of_2000_copies_of_a_word_is_one_word(index_dir, calls):
    engine = Engine(index_dir)
    once = [h.path for h in engine.search("الكتب").hits]
    analyzed = calls(ArabicAnalyzer, "__call__")
    result = engine.search(" ".join(["الكتب"] * 2000))
    assert [h.path for h in result.hits] == once
    # The parser analyses each word once per field: the first MAX_WORDS words only.
    assert analyzed["__call__"] <= 2 * queries.MAX_WORDS


def test_distinct_words_bound_the_terms_scored_and_the_pairs_for_proximity(
    index_dir, calls, monkeypatch
):
    engine = Engine(index_dir)
    scored = []
    monkeypatch.setattr(
        scoring.Scorer,
        "scores",
        lambda self, terms, f=scoring.Scorer.scores: (scored.append(len(terms)), f(self, terms))[1],
    )
    gaps = calls(scoring, "_gap")
    result = engine.search(" ".join(MANY * 10))
    assert [h.path for h in result.hits] == ["many.txt"]
    assert scored and max(scored) <= scoring.MAX_TERMS
    pairs = scoring.MAX_NEAR * (scoring.MAX_NEAR - 1) // 2
    assert gaps["_gap"] <= pairs * engine.policy.questions.rerank_depth


@pytest.mark.parametrize(
    "text", ["(" * 500 + "الكتب", "(" * 250 + "الكتب" + ")" * 250, "(الكتب " * 250 + ")" * 250]
)
def test_500_brackets_are_parsed_to_a_bounded_depth(index_dir, calls, text):
    engine = Engine(index_dir)
    expected = {h.path for h in engine.search("الكتب").hits}
    tagged = calls(taggers.RegexTagger, "match")
    plain = " ".join(["الكتب"] * min(text.count("الكتب"), queries.MAX_WORDS))
    queries.parse(engine.view().parser, plain)
    words_only, tagged["match"] = tagged["match"], 0
    result = engine.search(text)
    assert {h.path for h in result.hits} == expected
    # Whoosh tries its taggers at every character of a word and at every bracket
    # (5 times): beyond the words' own, the work of MAX_DEPTH brackets each way.
    assert tagged["match"] <= words_only + 2 * queries.MAX_DEPTH * 10


def test_only_the_first_prefixes_of_a_query_are_expanded(index_dir, calls):
    engine = Engine(index_dir)
    expansions = calls(scoring.Scorer, "_expand")
    rng = random.Random(3)
    engine.search(" ".join("".join(rng.choices(LETTERS, k=2)) + "*" for _ in range(100)))
    # Scoring and matching expand each prefix in each field.
    assert expansions["_expand"] <= 2 * len(queries.FIELDS) * queries.MAX_PREFIXES


def test_a_document_on_one_line_is_shown_and_marked_in_bounded_work(
    index_dir, analysed, calls, monkeypatch
):
    engine = Engine(index_dir)
    marked = []
    monkeypatch.setattr(
        snippets,
        "marked_words",
        lambda text, *args, f=snippets.marked_words: (marked.append(len(text)), f(text, *args))[1],
    )
    hits = {h.path: h for h in engine.search("الكتب", per_page=100).hits}
    title = hits["one-line.txt"].title
    assert title.startswith("الكتب الكتب") and len(title) <= TITLE_CHARS + 2
    assert hits["one-line.txt"].title_snippet.count("<mark>") == title.count("الكتب")
    assert hits["long-body.txt"].snippet.count("<mark>") > 1
    # Neither the 120,000-character title nor the body is read to its end.
    assert max(marked) <= max(TITLE_CHARS + 2, snippets.PASSAGE_CHARS) < 120_000


def test_the_json_cli_answers_the_long_word_too(index_dir, analysed):
    result = CliRunner().invoke(main, ["search", "--json", LONG, "--index", str(index_dir)])
    assert [h["path"] for h in json.loads(result.stdout)["hits"]] == ["long.txt"]
    assert analysed["longest"] <= MAX_WORD


def test_a_long_query_word_is_cut_before_parsing(index_dir, calls):
    tagged = calls(taggers.RegexTagger, "match")
    parsed = queries.parse(Engine(index_dir).view().parser, LONG)
    assert {text for _, text in parsed.iter_all_terms()} == {
        ArabicAnalyzer().chain.term(LONG[:MAX_WORD])
    }
    # Whoosh tried its taggers at every character of a word: 70,000 for this one.
    assert tagged["match"] <= 20 * (MAX_WORD + 1)


def test_the_postings_cache_counts_the_bytes_of_terms_the_index_lacks():
    cache = caches.ArrayCache(100_000)
    for i in range(10_000):
        cache.get(("segment", "body", f"word{i}"), lambda: postings.EMPTY)
    assert cache.nbytes <= 100_000
    assert len(cache._items) < 1000


def test_the_analysis_cache_holds_a_byte_budget(monkeypatch):
    monkeypatch.setattr(chains, "CACHE_BYTES", 1_000_000)
    chain = chains.make_chain.__wrapped__()  # its own cache, not the process's
    for i in range(20_000):
        chain.term(f"{i}{LONG[: MAX_WORD - 5]}")
    held = sum(len(word) * 2 + 50 for word in chain._cache)
    assert 0 < held <= 1_000_000


def test_spelling_candidates_are_not_kept_in_the_analysis_cache(index_dir, analysed):
    engine = Engine(index_dir)
    chain = engine.view().term_of.__self__
    result = engine.search("الكتبب")
    held = len(chain._cache)
    assert engine.suggestion(result) == "الكتب"
    assert analysed["words"] > 300  # its candidates, analysed
    assert len(chain._cache) <= held + 1


def test_analyzers_share_one_analysis_cache():
    assert ArabicAnalyzer().chain is ArabicAnalyzer().chain


def test_a_scorer_keeps_a_bounded_number_of_expansions(index_dir):
    scorer = Engine(index_dir).view().scorer("")
    for a in LETTERS:
        for b in LETTERS:
            scorer._expand("body", a + b)
    assert len(scorer._expansions) <= scoring.KEPT_EXPANSIONS < len(LETTERS) ** 2


def test_long_queries_take_turns_and_short_ones_never_wait(index_dir, monkeypatch):
    monkeypatch.setattr(engines, "WAITING", 0)  # none may wait: the next is refused
    app = create_app(index_dir)
    engine = app.extensions["bahth"]
    client = app.test_client()
    entered, release, tops = threading.Event(), threading.Event(), []
    top = scoring.Scorer.top

    def held_top(self, q, terms, limit, *args):
        tops.append(len(terms))
        if len(terms) > 2:  # the long query: it holds its turn until released
            entered.set()
            assert release.wait(30)
        return top(self, q, terms, limit, *args)

    monkeypatch.setattr(scoring.Scorer, "top", held_top)
    long_query = " ".join(MANY[:12])
    first = threading.Thread(target=engine.search, args=(long_query,))
    first.start()
    try:
        assert entered.wait(30)
        assert client.get("/api/search", query_string={"q": "الكتب"}).status_code == 200
        refused = client.get("/api/search", query_string={"q": long_query})
        assert refused.status_code == 503 and "error" in refused.get_json()
        with pytest.raises(Busy):
            engine.search("(الكتب) OR معرض*")
        with pytest.raises(Busy):  # a deep page, whose copies are looked for in 310 hits
            engine.search("الكتب", page=31, per_page=10)
        # The misspelled short query is answered, without looking for candidates.
        answer = client.get("/api/search", query_string={"q": "الكتبب"}).get_json()
        assert answer["suggestion"] is None
        assert len(tops) == 3  # the long one, and the two short ones: no refused one started
        assert engine.search("الكتب", page=30, per_page=10).total  # not deep: never waits
    finally:
        release.set()
        first.join()
    assert client.get("/api/search", query_string={"q": long_query}).get_json()["hits"]
