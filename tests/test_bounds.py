"""Every request's work has a bound by design, whatever the query or the document:
each test checks the answer and counts the work done (characters analysed,
candidates, parser steps, terms, pairs, bytes kept), never the time taken."""
import json
import random

import pytest
from click.testing import CliRunner

from indexer.analysis import ArabicAnalyzer
from indexer.arabic import chain as chains
from indexer.arabic.tokenize import MAX_WORD, words
from indexer.build import update_index
from search import snippets, suggest
from search.engine import Engine
from web.app import create_app
from web.cli import main

from .conftest import write_all

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
# A word longer than any word: 5,000 letters, not one word of the index.
LONG = "".join(random.Random(14).choice(LETTERS) for _ in range(5000))
# Whoever analyses more than this for one query does work that grows with the
# query's length or its square (the 5,000-letter word once made 350,000 candidates).
ANALYSED_CHARS = 200_000


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("bounds")
    write_all(root / "seeds", {
        "books.txt": "معرض الكتب\nافتتح معرض الكتب في الرياض وزاره القراء.",
        "relations.txt": "بوتين يبحث العلاقات الثنائية\nناقش الرئيسان العلاقات.",
        # The long word, cut as analysis cuts it, is this document's word too.
        "long.txt": f"نص طويل\n{LONG[:MAX_WORD]}{LONG[::-1]} ورد في الكتب",
    })
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
    assert list(words(text)) == [("قبل", 0, 3), (LONG[:MAX_WORD], 4, 4 + MAX_WORD),
                                 ("بعد", 5005, 5008)]


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


def test_the_json_cli_answers_the_long_word_too(index_dir, analysed):
    result = CliRunner().invoke(main, ["search", "--json", LONG, "--index", str(index_dir)])
    assert [h["path"] for h in json.loads(result.stdout)["hits"]] == ["long.txt"]
    assert analysed["longest"] <= MAX_WORD