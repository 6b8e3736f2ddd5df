"""Analysis of arbitrary Unicode never fails, keeps honest offsets and is stable."""

import re
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st
from whoosh.fields import TEXT

from indexer.analysis import analyze, arabic_analyzer
from indexer.arabic.normalize import normalize
from indexer.arabic.tokenize import MAX_WORD, WORD_CHAR, word_texts, words
from indexer.schema import make_schema
from search import query as queries
from search.snippets import marked_words

from .strategies import ARABIC_LETTERS, MARKS, hostile_text

FUZZ = settings(max_examples=200, deadline=None)
ANALYZER = arabic_analyzer()
PARSER = queries.make_parser(make_schema(ANALYZER))


@FUZZ
@given(hostile_text)
def test_every_token_is_its_own_slice_of_the_text(text):
    for t in ANALYZER(text, chars=True, keeporiginal=True):
        assert 0 <= t.startchar < t.endchar <= len(text)
        assert text[t.startchar : t.endchar] == t.original
        assert t.text  # a stopped or empty word is dropped, never indexed as ""


@FUZZ
@given(st.one_of(hostile_text, st.text(alphabet="بحثَ ", max_size=300)))
def test_word_texts_are_the_words_without_offsets(text):
    assert word_texts(text) == [surface for surface, _, _ in words(text)]
    assert all(len(w) <= MAX_WORD for w in word_texts(text))


@FUZZ
@given(st.one_of(hostile_text, st.text(alphabet="بحث_ـَ\u200c1a -", max_size=200)))
def test_words_are_the_runs_of_word_characters_cut_to_max_word(text):
    # WORD_CHAR defines a word; tokenize matches texts without "_" by a faster pattern.
    runs = [
        (m.start(), min(m.end(), m.start() + MAX_WORD)) for m in re.finditer(rf"{WORD_CHAR}+", text)
    ]
    assert [(start, end) for _, start, end in words(text)] == runs
    assert word_texts(text) == [text[start:end] for start, end in runs]


@FUZZ
@given(hostile_text)
def test_analyze_reports_the_surface_form_at_its_offsets(text):
    for token in analyze(text):
        assert text[token["start"] : token["end"]] == token["text"]


@FUZZ
@given(hostile_text)
def test_normalising_twice_changes_nothing(text):
    for surface, _, _ in words(text):
        once = normalize(surface)
        assert normalize(once) == once


@FUZZ
@given(
    st.text(
        alphabet=st.sampled_from(ARABIC_LETTERS + MARKS + ["\u0640", "\u200c"]),
        min_size=1,
        max_size=12,
    )
)
def test_marks_and_tatweel_never_split_a_word(word):
    assert len(list(words(word))) <= 1


@FUZZ
@given(hostile_text)
def test_a_query_is_analysed_as_a_document_is(text):
    # The words alone, without the characters that are query syntax.
    plain = " ".join(
        surface for surface, _, _ in words(text) if surface not in ("AND", "OR", "NOT")
    )
    document_terms = {t.text for t in ANALYZER(plain)}
    q = queries.parse(PARSER, plain)
    query_terms = (
        set() if q is None else {text for field, text in q.iter_all_terms() if field == "body"}
    )
    assert query_terms == document_terms


@FUZZ
@given(hostile_text, st.data())
def test_snippets_mark_exactly_the_words_whose_term_was_asked_for(text, data):
    # The oracle analyses every word; marked_words looks only around the terms' letters.
    chain = ANALYZER.chain
    every = [(start, end, chain.term(w)) for w, start, end in words(text) if chain.term(w)]
    asked = data.draw(st.sets(st.sampled_from([t for _, _, t in every] + ["قلم", ""])))
    found = [(t.startchar, t.endchar, t.text) for t in marked_words(text, asked, chain.term)]
    assert found == [(s, e, t) for s, e, t in every if t in asked]


@pytest.mark.parametrize(
    "text, word",
    [
        ("N\u0300", "Ǹ"),
        ("O\u0302\u0300", "Ồ"),  # found by the test above
        (unicodedata.normalize("NFD", "قال المسؤول إن"), "مسؤول"),  # و and U+0654
    ],
)
def test_letters_written_decomposed_are_marked(text, word):
    term = ANALYZER.chain.term(word)
    assert [t.text for t in marked_words(text, {term}, ANALYZER.chain.term)] == [term]


@FUZZ
@given(hostile_text, st.sampled_from([1.0, 2.5]))
def test_fields_index_the_postings_whoosh_would(text, boost):
    ours = make_schema(ANALYZER, title_boost=boost)["title"]
    whoosh = TEXT(analyzer=ANALYZER, stored=True, field_boost=boost)
    assert sorted(ours.index(text)) == sorted(whoosh.index(text))
