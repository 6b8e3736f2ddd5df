"""Which documents write a query's words as typed (search/exact.py)."""

from indexer.analysis import arabic_analyzer
from indexer.arabic.tokenize import word_texts
from search.exact import typed_forms, written_as_typed

CHAIN = arabic_analyzer().chain


def written(text, query):
    typed = typed_forms(query, CHAIN.term, CHAIN.pattern)
    return written_as_typed(word_texts(text), typed, CHAIN.term, CHAIN.pattern)


def test_a_word_as_typed_up_to_its_proclitics_and_marks():
    riyadh = CHAIN.term("الرياض")
    assert written("وصل إلى الرِّياض أمس", "الرياض") == {riyadh}
    assert written("وصل بالرياض أمس", "الرياض") == {riyadh}
    assert written("عاد من الرياض", "بالرياض") == {riyadh}


def test_a_word_that_only_shares_the_stem_is_not_written_as_typed():
    assert CHAIN.term("الرياضة") == CHAIN.term("الرياض")
    assert written("أخبار الرياضة اليوم", "الرياض") == set()
    assert written("أخبار الرياض اليوم", "الرياضة") == set()


def test_each_word_of_the_query_is_found_on_its_own():
    text = "اجتمع وزير الصحة بالمسؤولين"
    assert written(text, "وزير الصحة") == {CHAIN.term("وزير"), CHAIN.term("الصحة")}
    assert written(text, "وزيرة الصحة") == {CHAIN.term("الصحة")}


def test_a_hamza_on_an_alef_meets_its_own_seat_or_a_bare_alef_not_another():
    camels = CHAIN.term("الإبل")
    assert CHAIN.term("آبل") == camels  # letter forms fold: one stem for both
    assert written("سباق الإبل", "الإبل") == {camels}
    assert written("سباق الابل", "الإبل") == {camels}
    assert written("ساعة آبل الذكية", "الإبل") == set()
    assert written("ساعة آبل الذكية", "الابل") == {camels}  # typed bare: any seat
    assert written("عاد إلى الآثار", "أثار") == set()


def test_a_hamza_on_waw_or_yeh_is_one_spelling():
    assert written("قال مسئول في الوزارة", "مسؤول") == {CHAIN.term("مسؤول")}
