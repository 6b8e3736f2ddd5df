"""A role's holder is told from his deputy, who is named by the same words."""

import pytest

from indexer.analysis import arabic_analyzer
from indexer.arabic.tokenize import word_texts
from search.deputies import deputy_only, role, terms_of

TERM = arabic_analyzer().chain.term


def query(text):
    return terms_of(word_texts(text), TERM)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وزير الصحة", True),
        ("ولى العهد", True),  # ى for ي, as typed
        ("أمير منطقة الرياض", True),
        ("الأمين العام لمجلس التعاون", True),
        ("العهد", False),
        ("الصحة", False),
        ("مستشفى الملك فهد", False),
        ("", False),
    ],
)
def test_a_query_that_starts_with_a_role_is_a_role(text, expected):
    assert role(query(text), TERM) is expected


@pytest.mark.parametrize(
    ("text", "role_query", "expected"),
    [
        ("نائب وزير الصحة يتفقد مستشفيات نجران", "وزير الصحة", True),
        ("ونائب وزير الصحة يطمئن على المصابين", "وزير الصحة", True),  # with و
        ("مساعد وزير الصحة يزور جازان", "وزير الصحة", True),
        ("ولي ولي العهد يصل إلى الأردن", "ولي العهد", True),
        ("نائب أمير منطقة الرياض يستقبل المهنئين", "أمير منطقة الرياض", True),
        # The holder named once, however often the deputy is.
        ("نائب وزير الصحة ينقل تحيات وزير الصحة", "وزير الصحة", False),
        ("ولي العهد وولي ولي العهد يستقبلان المهنئين", "ولي العهد", False),
        ("وزير الصحة يفتتح مستشفى", "وزير الصحة", False),
        # The deputy minister of another ministry: the words are not the query's.
        ("نائب وزير التعليم يزور مستشفى الصحة", "وزير الصحة", None),
        ("خبر عن الطقس", "وزير الصحة", None),
        # A query for the deputy's own title finds him.
        ("ولي ولي العهد يصل إلى الأردن", "ولي ولي العهد", False),
    ],
)
def test_a_role_written_only_after_a_deputy_is_the_deputys(text, role_query, expected):
    assert deputy_only(word_texts(text), query(role_query), TERM) is expected
