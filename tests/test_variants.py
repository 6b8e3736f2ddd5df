"""Other spellings of a foreign name: candidates, the evidence that picks them,
and a search that finds every spelling."""

from collections import Counter
from dataclasses import replace

import pytest

from indexer.arabic.transliteration import respellings
from search import scoring, variants
from search.ranking import KEYWORDS
from search.variants import similarity

CAMPAIGN = "المرشح الجمهوري دونالد {} يتصدر استطلاعات الرأي في ولاية أيوا"
COOKING = "وصفة طبق {} بالأرز والبهارات في مطبخ البيت"


@pytest.mark.parametrize(
    ("term", "other"),
    [
        ("ترمب", "ترامب"),  # a vowel written
        ("نتانياهو", "نتنياهو"),  # a vowel left out
        ("غوارديولا", "جوارديولا"),  # /g/ as غ or ج
        ("انستقرام", "انستغرام"),  # /g/ as ق or غ
        ("اولاند", "هولاند"),  # a silent h
    ],
)
def test_a_name_has_its_transliterations_among_its_respellings(term, other):
    assert other in respellings(term)
    assert term in respellings(other)


def test_respellings_keep_a_word_s_ends_and_skip_short_words():
    found = respellings("ترمب")
    assert "ترمب" not in found
    # A vowel letter is added or dropped inside the word, not at its ends.
    assert "اترمب" not in found and "ترمبا" not in found
    assert "ترمبي" in respellings("ترامبي")
    assert "ترامب" not in respellings("ترامبي")  # the last letter stays
    assert respellings("قطر") == set()


def test_similarity_weighs_rare_company_over_common():
    idf = {"فيروس": 3.0, "قال": 0.1, "مطبخ": 3.0}.get
    virus, kitchen = Counter(فيروس=4, قال=4), Counter(مطبخ=4, قال=4)
    assert similarity(virus, virus, idf) == pytest.approx(1.0)
    assert similarity(virus, kitchen, idf) < 0.01
    assert similarity(virus, Counter(), idf) == 0.0


def spelled(pattern, spellings, n):
    """``n`` documents for each spelling, written in ``pattern``'s company."""
    return {
        f"{s}-{i}.txt": f"خبر {i}\n" + pattern.format(s) + f" {i}. " + pattern.format(s)
        for s in spellings
        for i in range(n)
    }


@pytest.fixture
def indexed(indexed):
    # Not folded: each spelling's documents are near-duplicates by design.
    return lambda docs, **options: indexed(docs, fold=False, **options)


def paths(engine, query):
    return sorted(h.path for h in engine.search(query, per_page=50).hits)


def test_a_name_finds_its_other_spelling_written_in_the_same_company(indexed):
    eng = indexed(spelled(CAMPAIGN, ["ترمب", "ترامب"], 3))
    for query in ("ترمب", "ترامب"):
        assert paths(eng, query) == sorted(spelled(CAMPAIGN, ["ترمب", "ترامب"], 3))
    page = eng.search("ترمب")
    assert any("<mark>ترامب</mark>" in h.snippet for h in page.hits)


def test_variants_off_takes_the_name_as_typed(indexed):
    eng = indexed(
        spelled(CAMPAIGN, ["ترمب", "ترامب"], 3), ranking=replace(KEYWORDS, variants=False)
    )
    assert paths(eng, "ترمب") == sorted(spelled(CAMPAIGN, ["ترمب"], 3))


def test_two_spellings_in_different_company_stay_apart(indexed):
    # Neither is a word of the lexicon; only their company tells them apart.
    docs = {**spelled(CAMPAIGN, ["زبرقان"], 3), **spelled(COOKING, ["زبرقن"], 3)}
    eng = indexed(docs)
    assert paths(eng, "زبرقان") == sorted(spelled(CAMPAIGN, ["زبرقان"], 3))
    # In the same company they are one name.
    eng = indexed({**docs, **spelled(CAMPAIGN, ["زبرقن"], 3)})
    assert len(paths(eng, "زبرقان")) == 6


@pytest.mark.parametrize(("name", "other"), [("حسين", "حسن"), ("مالك", "ملك"), ("انقطاع", "انقطع")])
def test_a_common_word_is_not_another_spelling(indexed, name, other):
    # Two names, or a noun and its verb, common in Arabic, whatever their company.
    eng = indexed(spelled(CAMPAIGN, [name, other], 3))
    assert paths(eng, name) == sorted(spelled(CAMPAIGN, [name], 3))


def test_a_document_writing_both_spellings_counts_the_name_once(indexed):
    docs = {
        **spelled(CAMPAIGN, ["ترمب", "ترامب"], 3),
        "both.txt": "خبر\nترمب قال ترامب " + COOKING.format("اليوم"),
        "twice.txt": "خبر\nترمب قال ترمب " + COOKING.format("اليوم"),
    }
    eng = indexed(docs)
    scorer = eng.view().scorer("ترمب")
    searcher = eng.searcher()
    q = eng.view().parser.parse("ترمب")
    terms = scorer.query_terms(q)
    assert set(terms) == {"ترمب", "ترامب"}
    scores, idfs = scorer.scored(q, terms)
    assert idfs["ترمب"] == idfs["ترامب"]
    both, twice = (searcher.document_number(path=p) for p in ("both.txt", "twice.txt"))
    assert scores[both] == pytest.approx(scores[twice])


def test_a_query_of_many_names_looks_for_a_bounded_number_of_them(indexed, monkeypatch):
    # Eight made-up names, each written a second way in the same company.
    names = [f"كزبل{letter}ن" for letter in "تثجحخدذر"]
    docs = {}
    for name in names:
        docs.update(spelled(CAMPAIGN, [name, name.replace("ل", "لا")], 2))
    eng = indexed(docs)
    asked, read = [], []
    monkeypatch.setattr(
        variants.Variants,
        "_spellings",
        lambda self, term, f=variants.Variants._spellings: (asked.append(term), f(self, term))[1],
    )
    monkeypatch.setattr(
        scoring.Scorer,
        "_opening",
        lambda self, docnum, f=scoring.Scorer._opening: (read.append(docnum), f(self, docnum))[1],
    )
    hits = eng.search(" ".join(names), per_page=50).hits
    assert len(asked) == scoring.MAX_RESPELLED
    # Each word's own documents and each candidate's, SAMPLE at most of each.
    assert len(read) <= scoring.MAX_RESPELLED * (variants.MAX_CANDIDATES + 1) * variants.SAMPLE
    # The words looked for find their other spelling; the rest are taken as typed.
    typed = [h for h in hits if "لا" not in h.path]
    assert len(typed) == len(docs) // 2
    assert len(hits) - len(typed) == 2 * scoring.MAX_RESPELLED


def test_questions_and_keywords_share_one_view_s_spellings(indexed):
    eng = indexed(spelled(CAMPAIGN, ["ترمب", "ترامب"], 3))
    view = eng.view()
    keywords, question = view.scorer("ترمب"), view.scorer("ماذا قال ترمب في أيوا؟")
    assert keywords is not question
    assert keywords.variants is question.variants
