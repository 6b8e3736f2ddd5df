"""How far each of the best documents agrees with the others (search/centroid.py)."""

import math

import pytest
from hypothesis import given, strategies as st

from search.centroid import agreement

KING = {"الملك": 2, "سلمان": 1, "يستقبل": 1, "ولي": 1, "العهد": 1}
KING_AGAIN = {"الملك": 1, "سلمان": 1, "يستقبل": 1, "الرئيس": 1, "الفرنسي": 1, "قصر": 1}
WEDDING = {"سلمان": 1, "زفاف": 2, "كريمة": 1, "حفل": 1}


def test_the_odd_one_out_agrees_least():
    found = agreement([KING, KING_AGAIN, WEDDING], same=1.5)
    assert found[2] < found[0] and found[2] < found[1]


def test_the_query_terms_are_left_out():
    # Left out, سلمان is all the wedding shares with the others.
    assert agreement([KING, KING_AGAIN, WEDDING], leave_out={"سلمان"})[2] == 0.0
    assert agreement([KING, KING_AGAIN, WEDDING])[2] > 0.0


def test_the_cosine_with_the_sum_of_the_others():
    a, b, c = {"x": 1, "y": 1}, {"x": 1}, {"y": 1}
    # a against b + c, each of length 1: (1/√2 + 1/√2) / √2 = 1.
    assert agreement([a, b, c], same=1.5)[0] == pytest.approx(1.0)
    # b against a + c = (1/√2, 1/√2 + 1): b · that / |that|.
    rest = (1 / math.sqrt(2), 1 / math.sqrt(2) + 1)
    assert agreement([a, b, c], same=1.5)[1] == pytest.approx(rest[0] / math.hypot(*rest))


def test_a_copy_agrees_with_the_rest_not_with_itself():
    # KING and KING_AGAIN (cosine 0.58) are two stories; a wedding notice two
    # newspapers ran (cosine 1) is one, and agrees with the rest, not its copy.
    twice = [KING, KING_AGAIN, WEDDING, dict(WEDDING)]
    apart = agreement(twice)
    assert apart[2] < apart[0]
    assert apart[2] == pytest.approx(agreement([KING, KING_AGAIN, WEDDING])[2])
    # Counted as different texts, the copies agree with each other most.
    together = agreement(twice, same=1.5)
    assert together[2] > together[0]


def test_documents_with_nothing_to_share_get_nothing():
    assert agreement([]) == []
    assert agreement([KING]) == [0.0]
    assert agreement([{}, KING, {}]) == [0.0, 0.0, 0.0]
    assert agreement([{"x": 1}, {"y": 1}]) == [0.0, 0.0]


def test_repeating_a_word_weighs_it_less_than_in_proportion():
    # Ten times a word of the others' weighs 1 + log 10, not 10: one document's
    # repetition does not outweigh the words it shares.
    spam = {"الملك": 10, "زفاف": 1}
    other = {"الملك": 1}
    wedding = {"زفاف": 1}
    together = agreement([spam, other, wedding], same=1.5)
    weight = 1 + math.log(10)
    assert together[0] == pytest.approx((weight + 1) / math.hypot(weight, 1) / math.sqrt(2))


@given(
    st.lists(
        st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 50), max_size=8),
        max_size=12,
    )
)
def test_agreement_is_a_cosine_in_order(counts):
    found = agreement(counts)
    assert len(found) == len(counts)
    assert all(0.0 <= x <= 1.0 for x in found)
    # Each document against the others, whatever order they come in.
    assert agreement(counts[::-1]) == pytest.approx(found[::-1])
