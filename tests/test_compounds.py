"""«عبد» names written as one word or two (indexer/arabic/compounds.py)."""

import pytest

from indexer.analysis import analyze, arabic_analyzer
from indexer.arabic.compounds import joined_text, joined_words
from indexer.build import update_index
from search.engine import Engine

from .conftest import write_all

ANALYZER = arabic_analyzer()


@pytest.mark.parametrize(
    ("words", "joined"),
    [
        (["الملك", "عبد", "العزيز"], ["الملك", "عبدالعزيز"]),
        (["وعبد", "الله", "بن"], ["وعبدالله", "بن"]),
        (["عبد", "ربه", "منصور"], ["عبدربه", "منصور"]),
        (["عبد", "عبد", "الله"], ["عبد", "عبدالله"]),
        (["عبد", "مأمور"], ["عبد", "مأمور"]),  # not a name: left apart
        (["العبد", "الفقير"], ["العبد", "الفقير"]),
        (["عبد"], ["عبد"]),
    ],
)
def test_abd_and_the_word_completing_the_name_are_one_word(words, joined):
    assert joined_words(words) == joined


def test_both_spellings_have_one_term_at_one_position():
    split = ANALYZER.term_positions("وصل الملك عبد العزيز إلى جدة")
    one = ANALYZER.term_positions("وصل الملك عبدالعزيز إلى جدة")
    assert split == one and "عبدالعزيز" in split
    # The tokens the query side and snippets see agree with what is indexed.
    tokens = analyze("الملك عَبْد العزيز")
    assert [t["term"] for t in tokens] == ["ملك", "عبدالعزيز"]
    assert tokens[1]["text"] == "عَبْد العزيز"


def test_a_query_typed_with_a_space_is_searched_as_one_word():
    assert joined_text("مطار الملك عبد  العزيز") == "مطار الملك عبدالعزيز"
    assert joined_text('عبد "الله"') == 'عبد "الله"'  # only spaces are removed


@pytest.fixture
def names(seeds, index_dir):
    write_all(
        seeds,
        {
            "split.txt": "خبر\nاستقبل الملك عبد العزيز الوفد.",
            "joined.txt": "خبر\nاستقبل الملك عبدالعزيز الوفد.",
            "other.txt": "خبر\nاستقبل عبد الكريم الوفد.",
        },
    )
    update_index(seeds, index_dir)
    return Engine(index_dir)


@pytest.mark.parametrize("query", ["عبدالعزيز", "عبد العزيز", '"الملك عبد العزيز"'])
def test_each_spelling_finds_both(names, query):
    assert {h.path for h in names.search(query).hits} == {"split.txt", "joined.txt"}


def test_the_name_written_apart_is_marked_whole(names):
    hit = next(h for h in names.search("عبدالعزيز").hits if h.path == "split.txt")
    assert "<mark>عبد العزيز</mark>" in hit.snippet
    shown = names.document("split.txt", "عبدالعزيز")
    assert shown.matches == 1 and ">عبد العزيز</mark>" in shown.body


def test_the_cli_shows_the_name_as_one_word(bahth):
    result = bahth("analyze", "عبد الله")
    assert result.stdout.split("\t")[:2] == ["عبد الله", "عبدالله"]
    assert "not indexed" not in result.stderr
