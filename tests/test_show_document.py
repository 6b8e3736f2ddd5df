"""Engine.document: one indexed document in full, marked for a query."""

import pytest

from indexer.build import update_index
from search.engine import Engine

from .conftest import write


@pytest.fixture
def engine(seeds, index_dir):
    write(
        seeds,
        "مجلد/خبر أول.txt",
        "العلاقات <b>الثنائية</b>\nفقرة أولى عن العلاقات.\n\n\nفقرة ثانية عن الاقتصاد & السوق.",
    )
    update_index(seeds, index_dir)
    return Engine(index_dir)


def test_the_document_is_found_by_its_indexed_path_only(engine, seeds):
    assert engine.document("مجلد/خبر أول.txt").path == "مجلد/خبر أول.txt"
    for path in ["خبر أول.txt", "../مجلد/خبر أول.txt", str(seeds / "مجلد/خبر أول.txt"), ""]:
        assert engine.document(path) is None


def test_without_a_query_the_text_is_escaped_and_unmarked(engine):
    doc = engine.document("مجلد/خبر أول.txt")
    assert doc.title == "العلاقات &lt;b&gt;الثنائية&lt;/b&gt;"
    assert doc.pages == [["فقرة أولى عن العلاقات.", "فقرة ثانية عن الاقتصاد &amp; السوق."]]


def test_a_query_marks_its_words_throughout(engine):
    doc = engine.document("مجلد/خبر أول.txt", "علاقات السوق")
    assert doc.title == '<mark id="m1">العلاقات</mark> &lt;b&gt;الثنائية&lt;/b&gt;'
    assert doc.pages == [
        [
            'فقرة أولى عن <mark id="m2">العلاقات</mark>.',
            'فقرة ثانية عن الاقتصاد &amp; <mark id="m3">السوق</mark>.',
        ]
    ]
    assert (doc.matches, doc.more) == (3, False)


def test_a_query_that_misses_the_document_marks_nothing(engine):
    doc = engine.document("مجلد/خبر أول.txt", "الطقس")
    assert "<mark>" not in doc.title + doc.body
    assert engine.document("مجلد/خبر أول.txt", "في").pages[0][0] == "فقرة أولى عن العلاقات."


def test_changed_and_removed_documents_are_seen(engine, seeds, index_dir):
    write(seeds, "مجلد/خبر أول.txt", "عنوان جديد\nنص جديد.")
    update_index(seeds, index_dir)
    assert engine.document("مجلد/خبر أول.txt").title == "عنوان جديد"
    (seeds / "مجلد/خبر أول.txt").unlink()
    update_index(seeds, index_dir)
    assert engine.document("مجلد/خبر أول.txt") is None
