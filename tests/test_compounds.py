"""«عبد» and «أبو» names, and words in two parts, written as one word or two
(indexer/arabic/compounds.py)."""

import pytest

from indexer.analysis import analyze, arabic_analyzer
from indexer.arabic.compounds import (
    derive_first_parts,
    first_parts,
    joined_text,
    joined_words,
    written_apart,
)
from indexer.arabic.lexicon import counts
from indexer.build import update_index
from search.engine import Engine
from search.heads import Heads

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
        (["إلى", "أبو", "ظبي"], ["إلى", "أبوظبي"]),
        (["وأبو", "بكر", "البغدادي"], ["وأبوبكر", "البغدادي"]),
        (["أبو", "عبد", "الله"], ["أبو", "عبدالله"]),  # the «عبد» name first
        (["أبو", "عبدالله"], ["أبو", "عبدالله"]),
        (["أبو", "في"], ["أبو", "في"]),  # not a name: a function word
        (["أبو", "20"], ["أبو", "20"]),
        (["أبو", "أبو", "مازن"], ["أبو", "أبومازن"]),
        # «أبو»'s other cases join a word general text writes with «أبو» as one.
        (["علي", "بن", "أبي", "طالب"], ["علي", "بن", "أبوطالب"]),
        (["عن", "أبي", "هريرة"], ["عن", "أبوهريرة"]),
        (["إن", "أبا", "بكر"], ["إن", "أبوبكر"]),
        (["وأبي", "بكر"], ["وأبوبكر"]),
        (["رحم", "الله", "أبي", "العزيز"], ["رحم", "الله", "أبي", "العزيز"]),  # my father
        (["أبى", "الله"], ["أبى", "الله"]),  # refused
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
    assert joined_text("مطار أبو ظبي") == "مطار أبوظبي"
    assert joined_text("علي بن أبي  طالب") == "علي بن أبوطالب"


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


def test_a_kunya_or_place_of_abu_finds_both_spellings(indexed):
    eng = indexed(
        {
            "split.txt": "خبر\nوصل الوفد إلى أبو ظبي أمس.",
            "joined.txt": "خبر\nوصل الوفد إلى أبوظبي أمس.",
            "gazelle.txt": "خبر\nشوهد ظبي في البرية.",
        }
    )
    for query in ("أبوظبي", "أبو ظبي"):
        assert {h.path for h in eng.search(query).hits} == {"split.txt", "joined.txt"}
    hit = next(h for h in eng.search("أبوظبي").hits if h.path == "split.txt")
    assert "<mark>أبو ظبي</mark>" in hit.snippet


@pytest.mark.parametrize(
    ("words", "joined"),
    [
        (["على", "فيس", "بوك"], ["على", "فيسبوك"]),
        (["والفيس", "بوك"], ["والفيسبوك"]),
        (["أون", "لاين"], ["أونلاين"]),  # a hamza on the first part's alef
        (["كيلو", "متر", "مربع"], ["كيلومتر", "مربع"]),  # the second half starts nothing
        (["بلاي", "ستيشن"], ["بلايستيشن"]),
        (["نيو", "جيرسي"], ["نيوجيرسي"]),
        # Words general text rarely writes as one are left apart, however
        # often the pair is written.
        (["وزير", "الخارجية"], ["وزير", "الخارجية"]),
        (["أحد", "أهم"], ["أحد", "أهم"]),  # not إحداهم
        (["يتم", "وضع"], ["يتم", "وضع"]),  # not يتموضع
        (["لأي", "عمل"], ["لأي", "عمل"]),  # not لا يعمل
        # Parts of two letters are heads of names and spelled-out letters.
        (["آل", "خليفة"], ["آل", "خليفة"]),  # not الخليفة, the caliph
        (["اس", "اس"], ["اس", "اس"]),  # not أساس
        (["بن", "سلمان"], ["بن", "سلمان"]),
        (["هل", "يوجد"], ["هل", "يوجد"]),  # a function word joins nothing
    ],
)
def test_a_word_in_two_parts_is_one_word_where_general_text_writes_it_so(words, joined):
    assert joined_words(words) == joined


def test_the_shipped_first_parts_are_the_lexicon_s():
    # Derived once (build_lexicon --first-parts): a change to the lexicon or to
    # the figures of compounds.py without deriving them again fails here.
    derived, shipped = derive_first_parts(counts()), first_parts()
    assert {part: shipped[part] for part in derived} == derived
    for part in shipped.keys() - derived.keys():  # typed with a hamza
        assert part[0] in "أإآ" and "ا" + part[1:] in derived


def test_first_parts_are_found_without_normalising_the_word():
    firsts = first_parts()
    assert {"فيس", "كيلو", "اون", "أون"} <= firsts.keys()
    assert "ب" in firsts["فيس"] and "ا" in firsts["نيو"] and "أ" in firsts["نيو"]
    assert not {"التي", "بعد", "رئيس", "الحمد"} & firsts.keys()  # words of their own
    assert written_apart("فيسبوك", "على الفيس بوك") and written_apart("اونلاين", "أون لاين")
    assert written_apart("عبدالعزيز", "")
    assert not written_apart("فيسبوك", "على فيسبوك") and not written_apart("وزير", "وز ير")
    # A long word a typist could split is read word by word only where it is.
    assert not written_apart("مستشفي", "في مستشفى الملك فهد")


@pytest.mark.parametrize(
    ("docs", "queries", "marked"),
    [
        (
            {
                "split.txt": "خبر\nنشر الحساب صورة على الفيس بوك أمس.",
                "joined.txt": "خبر\nنشر الحساب صورة على فيسبوك أمس.",
                "face.txt": "خبر\nغسل الوجه بالماء والصابون.",
            },
            ("فيسبوك", "فيس بوك", "الفيسبوك"),
            "الفيس بوك",
        ),
        (  # «أبو» in another case
            {
                "split.txt": "خبر\nخطبة في مسجد أبي بكر الصديق.",
                "joined.txt": "خبر\nسيرة أبو بكر الصديق.",
                "father.txt": "خبر\nرحم الله أبي العزيز.",
            },
            ("أبو بكر", "أبي بكر", "أبوبكر"),
            "أبي بكر",
        ),
    ],
)
def test_each_way_of_writing_a_word_in_two_finds_both(indexed, docs, queries, marked):
    eng = indexed(docs)
    for query in queries:
        assert {h.path for h in eng.search(query).hits} == {"split.txt", "joined.txt"}
    hit = next(h for h in eng.search(queries[0]).hits if h.path == "split.txt")
    assert f"<mark>{marked}</mark>" in hit.snippet


def test_a_word_typed_in_two_parts_is_no_slip(indexed):
    # «فيس» alone is in no document, and «فليس» is one letter away: the two
    # parts are one word, known to the index, and nothing is mended.
    docs = {f"joined{i}.txt": f"خبر {i}\nنشر الحساب صورة على فيسبوك." for i in range(3)}
    docs["other.txt"] = "خبر\nقال إنه فليس من المال."
    eng = indexed(docs)
    result, suggestion = eng.answer("فيس بوك")
    assert suggestion is None and result.corrected_from is None
    assert result.total == 3


@pytest.mark.parametrize("query", ["فيسبوك", "فيس بوك"])
def test_a_document_writing_the_word_in_two_parts_writes_it_as_typed(query):
    chain = ANALYZER.chain
    fields = {"title": "خبر", "body": "نشر الحساب صورة على فيس بوك أمس."}
    heads = Heads(query, lambda _: fields, chain)
    assert heads.written(0) == {chain.term("فيسبوك"): 1.0}
    # Only a query that may hold such a word reads the documents' parts joined.
    assert Heads("صورة", lambda _: fields, chain).counts(0)[chain.term("فيس")] == 1
