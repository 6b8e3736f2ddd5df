"""The plain Arabic functions: tokenising, normalising, stopwords and stemming."""
import unicodedata

import pytest

from indexer.analysis import analyze
from indexer.arabic.normalize import normalize
from indexer.arabic.stem import BAHTH, LIGHT10, without_proclitic
from indexer.arabic.stopwords import is_stopword
from indexer.arabic.tokenize import words


def terms(text):
    return [t["term"] for t in analyze(text)]


def test_words_keep_their_marks_and_offsets():
    text = "قال: الْعَلَاقَاتِ، ممتازة؟ نعم"
    found = list(words(text))
    assert [w for w, _, _ in found] == ["قال", "الْعَلَاقَاتِ", "ممتازة", "نعم"]
    assert all(text[s:e] == w for w, s, e in found)


@pytest.mark.parametrize("family", [
    "الحسن والحسن بالحسن كالحسن فالحسن حسن",
    "ساهدون ساهدين ساهدات ساهدان ساهد",
    "زوجها زوج",
    "أحمد احمد إحمد",
    "العلاقات علاقات الْعَلَاقَاتِ العـــلاقات",
    "ألعاب الألعاب العاب",
    "التزام الالتزام",
    "مستشفى مستشفي",
    "مدرسة مدرسه",
    "مسؤول مسئول",
    "كتابﹰ كتابً كتاب",  # tanween as a presentation form, which NFKC spaces off
])
def test_word_families_share_one_term(family):
    assert len(set(terms(family))) == 1, terms(family)


def test_a_haraka_standing_alone_is_no_term():
    assert terms("ﹰ ﱞ ً") == []


@pytest.mark.parametrize("a, b", [("على", "علا"), ("كتاب", "كاتب"), ("عالم", "علم")])
def test_different_words_stay_apart(a, b):
    assert normalize(a) != normalize(b)
    assert BAHTH.stem(normalize(a)) != BAHTH.stem(normalize(b))


def test_short_words_are_not_stemmed():
    assert terms("الو") == ["الو"]


def test_latin_words_and_numbers_are_only_case_folded():
    assert terms("Python COVID-19 ٢٠٢١ ۱۲") == ["python", "covid", "19", "2021", "12"]


@pytest.mark.parametrize("composed", ["أحمد", "مسؤول", "رئيس"])
def test_decomposed_and_presentation_forms_meet_composed_text(composed):
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert terms(decomposed) == terms(composed)
    assert normalize("ﻷ") == normalize("لأ")


def test_invisible_marks_are_ignored():
    assert terms("عل\u200cاقات \u200fبوتين\u200f") == terms("علاقات بوتين")


def test_stopwords_are_matched_after_normalisation():
    for word in ("في", "فِي", "إلى", "الى", "على", "ماذا"):
        assert is_stopword(normalize(word)), word
    assert terms("فِي البيت") == terms("البيت")


def test_light10_is_the_lucene_baseline():
    assert LIGHT10.stem("والحسن") == "حسن"
    assert LIGHT10.stem("وبالحسن") != "حسن"  # Lucene strips only و+ال forms it lists
    assert BAHTH.stem("وبالحسن") == "حسن"
    assert BAHTH.stem("وللحسن") == "حسن"
    assert BAHTH.stem("علاقاتهم") == BAHTH.stem("علاقات")


def test_pronoun_suffixes_spare_short_words():
    for word in ("متهم", "حاكم", "مساهم"):
        assert BAHTH.stem(word) == word


@pytest.mark.parametrize("term, shorter", [
    ("لكاس", "كاس"), ("بمصر", "مصر"), ("فريق", "ريق"), ("كتاب", "تاب"),  # the index decides
    ("لها", None), ("وكاس", None), ("مصر", None), ("cup", None),
])
def test_a_joined_preposition_or_conjunction_can_be_set_aside(term, shorter):
    assert without_proclitic(term) == shorter
