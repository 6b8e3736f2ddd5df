"""A number joined to a clitic or an era letter is indexed and searched as the number."""

import pytest

from indexer.analysis import analyze
from indexer.arabic.numbers import bare_number


@pytest.mark.parametrize(
    ("written", "term"),
    [
        ("و2015", "2015"),  # a conjunction
        ("بـ43", "43"),  # a preposition, with tatweel
        ("الـ24", "24"),  # the article
        ("للـ20", "20"),  # ل + the article
        ("وبالـ3", "3"),  # و + ب + the article
        ("1436هـ", "1436"),  # the Hijri era
        ("2015م", "2015"),  # the Gregorian era
        ("لـ٢٠١٥م", "2015"),  # Arabic-Indic digits, clitic and era
        ("2015", "2015"),
    ],
)
def test_a_number_is_indexed_without_its_clitics_and_era(written, term):
    assert [t["term"] for t in analyze(written)] == [term]


@pytest.mark.parametrize(
    "word",
    [
        "20مليون",  # a missing space: the word is not a clitic
        "عام2015",
        "م2",  # square metres: the letter comes first
        "2ر5",  # a decimal written with ر
        "h1n1",
    ],
)
def test_a_number_joined_to_a_word_is_left_as_written(word):
    assert bare_number(word) == word


def test_searching_a_number_finds_it_joined(indexed):
    eng = indexed(
        {
            "index.txt": "سوق الأسهم\nارتفع المؤشر بـ43 نقطة في رمضان 1436هـ",
            "plain.txt": "خبر\nصعد المؤشر 43 نقطة",
            "other.txt": "خبر\nصعد المؤشر 44 نقطة",
        }
    )
    assert sorted(h.path for h in eng.search("43").hits) == ["index.txt", "plain.txt"]
    hit = eng.search("رمضان 1436").hits[0]
    assert hit.path == "index.txt"
    assert "<mark>1436هـ</mark>" in hit.snippet
