"""Which documents write a query's words as typed (search/exact.py)."""

from indexer.analysis import arabic_analyzer
from indexer.arabic.tokenize import word_texts
from search.exact import ARTICLE_MISMATCH, typed_forms, written_as_typed

CHAIN = arabic_analyzer().chain


def written(text, query):
    typed = typed_forms(query, CHAIN.term, CHAIN.pattern)
    return written_as_typed(word_texts(text), typed, CHAIN.term, CHAIN.pattern)


def test_a_word_as_typed_up_to_its_proclitics_and_marks():
    riyadh = CHAIN.term("الرياض")
    assert written("وصل إلى الرِّياض أمس", "الرياض") == {riyadh: 1.0}
    assert written("وصل بالرياض أمس", "الرياض") == {riyadh: 1.0}
    assert written("عاد من الرياض", "بالرياض") == {riyadh: 1.0}
    assert written("عاد للرياض", "الرياض") == {riyadh: 1.0}  # ل + ال


def test_a_word_that_only_shares_the_stem_is_not_written_as_typed():
    assert CHAIN.term("الرياضة") == CHAIN.term("الرياض")
    assert written("أخبار الرياضة اليوم", "الرياض") == {}
    assert written("أخبار الرياض اليوم", "الرياضة") == {}


def test_each_word_of_the_query_is_found_on_its_own():
    text = "اجتمع وزير الصحة بالمسؤولين"
    both = {CHAIN.term("وزير"): 1.0, CHAIN.term("الصحة"): 1.0}
    assert written(text, "وزير الصحة") == both
    assert written(text, "وزيرة الصحة") == {CHAIN.term("الصحة"): 1.0}


def test_a_hamza_on_an_alef_meets_its_own_seat_or_a_bare_alef_not_another():
    camels = CHAIN.term("الإبل")
    assert CHAIN.term("آبل") == camels  # letter forms fold: one stem for both
    assert written("سباق الإبل", "الإبل") == {camels: 1.0}
    assert written("سباق الابل", "الإبل") == {camels: 1.0}
    assert written("ساعة آبل الذكية", "الإبل") == {}
    assert written("ساعة آبل الذكية", "الابل") == {camels: ARTICLE_MISMATCH}  # typed bare: any seat
    assert written("عاد إلى الآثار", "أثار") == {}


def test_a_typed_teh_marbuta_is_not_met_by_heh():
    umrah = CHAIN.term("العمرة")
    assert CHAIN.term("عمره") == umrah  # ة folds into ه: one stem for both
    assert written("أدى العمرة", "العمرة") == {umrah: 1.0}
    assert written("في آخر عمره", "العمرة") == {}  # 'his age', not 'Umrah'
    assert written("أدى العمرة", "العمره") == {umrah: 1.0}  # ه typed for ة meets ة


def test_a_word_written_only_without_the_article_as_typed_earns_part():
    salman = CHAIN.term("سلمان")
    assert written("زفاف السلمان", "سلمان") == {salman: ARTICLE_MISMATCH}
    assert written("زفاف السلمان ثم الملك سلمان", "سلمان") == {salman: 1.0}
    assert written("أسواق إبل", "الإبل") == {CHAIN.term("الإبل"): ARTICLE_MISMATCH}
    assert 0 < ARTICLE_MISMATCH < 1


def test_a_hamza_on_waw_or_yeh_is_one_spelling():
    assert written("قال مسئول في الوزارة", "مسؤول") == {CHAIN.term("مسؤول"): 1.0}
