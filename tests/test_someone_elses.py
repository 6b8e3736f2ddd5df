"""A query's words written for someone else: a role's deputy (search/deputies.py)
or another country's office (search/abroad.py) earns no as-typed bonus."""

import pytest

from indexer.analysis import arabic_analyzer
from indexer.arabic.tokenize import word_texts
from search.abroad import home
from search.deputies import role
from search.heads import Heads
from search.mentions import mentions, terms_of

CHAIN = arabic_analyzer().chain
TERM = CHAIN.term


def query(text):
    return terms_of(word_texts(text), TERM)


def written(text, title, body="", own="السعودي"):
    """The as-typed bonus shares a document of ``title`` and ``body`` earns for
    the query ``text``, in a collection whose own country's adjective is ``own``."""
    heads = Heads(text, lambda _: {"title": title, "body": body}, CHAIN, own)
    return heads.written(0)


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
    ("title", "role_query", "someone_elses"),
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
        # A query for the deputy's own title finds him.
        ("ولي ولي العهد يصل إلى الأردن", "ولي ولي العهد", False),
    ],
)
def test_a_role_written_only_after_a_deputy_is_the_deputys(title, role_query, someone_elses):
    assert (written(role_query, title) == {}) is someone_elses


@pytest.mark.parametrize(
    ("title", "text", "someone_elses"),
    [
        ("إقالة وزير الصحة الكوري", "وزير الصحة", True),
        ("مجلس الوزراء البحريني يدين التفجير", "مجلس الوزراء", True),
        ("الشرطة التركية تعتقل مشتبهين", "الشرطة التركية", False),  # the query names it
        ("وزيرة الخارجية الأمريكية تزور القاهرة", "وزيرة الخارجية", True),  # feminine
        ("وزير المالية اليونانى يستقيل", "وزير المالية", True),  # ى for ي
        # The collection's own country is as good as none.
        ("مجلس الوزراء السعودي يقر الميزانية", "مجلس الوزراء", False),
        ("مجلس الوزراء يقر الميزانية", "مجلس الوزراء", False),
        # Named once as its own, however often as another's.
        ("وزير الصحة يلتقي وزير الصحة الكوري", "وزير الصحة", False),
        # Regions name many countries' common bodies, not another country's.
        ("الأمين العام لمجلس التعاون الخليجي يستقبل السفير", "الأمين العام لمجلس التعاون", False),
        # One word is a topic, not an office: the police abroad are police.
        ("الشرطة التركية تعتقل مشتبهين", "الشرطة", False),
    ],
)
def test_an_office_written_only_with_another_countrys_adjective_is_that_countrys(
    title, text, someone_elses
):
    assert (written(text, title) == {}) is someone_elses


def test_the_opening_decides_where_the_title_does_not_name_the_query():
    body = "أقالت كوريا الجنوبية وزير الصحة الكوري بعد تفشي المرض"
    assert written("وزير الصحة", "إقالة مسؤول في سيول", body) == {}
    assert written("وزير الصحة", "إقالة مسؤول في سيول", body, own="الكوري") != {}


def test_the_collections_own_country_is_the_one_it_names_most():
    documents = {TERM("السعودي"): 40, TERM("المصري"): 90, TERM("الكوري"): 3}
    assert home(lambda term: documents.get(term, 0), TERM) == "المصري"
    assert home(lambda term: 0, TERM) is None


@pytest.mark.parametrize(
    ("text", "query_text", "expected"),
    [
        ("وزير الصحة يزور", "وزير الصحة", [(0, 1)]),
        ("وزير في الصحة", "وزير الصحة", [(0, 2)]),  # a stopword between
        ("ولي ولي العهد", "ولي العهد", [(1, 2)]),
        ("الصحة وزير", "وزير الصحة", []),
        ("وزير الصحة ووزير الصحة", "وزير الصحة", [(0, 1), (2, 3)]),
        ("وزير", "وزير الصحة", []),
    ],
)
def test_mentions_are_the_query_terms_written_in_a_row(text, query_text, expected):
    assert list(mentions(CHAIN.terms(word_texts(text)), query(query_text))) == expected
