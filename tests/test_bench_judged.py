"""bench/judged.py's agreement between two readers' grades, on toy grades."""

import pytest


@pytest.fixture
def judged(bench_module):
    return bench_module("judged")


def test_readers_who_agree_on_every_pair_agree_fully(judged):
    first = {("k1", "a"): 2, ("k1", "b"): 0, ("k2", "c"): 1}
    assert judged.agreement(first, dict(first)) == (3, 1.0, 1.0, 1.0)


def test_agreement_counts_relevance_apart_from_grade_and_corrects_for_chance(judged):
    first = {("k1", "a"): 2, ("k1", "b"): 0, ("k1", "c"): 2, ("k1", "d"): 0}
    # One grade differs within relevant (2 -> 1), one across it (0 -> 1).
    second = {("k1", "a"): 1, ("k1", "b"): 1, ("k1", "c"): 2, ("k1", "d"): 0}
    n, agree, kappa, equal = judged.agreement(first, second)
    assert (n, agree, equal) == (4, 0.75, 0.5)
    # Chance agreement: first says relevant 1/2, second 3/4 -> 1/2.
    assert kappa == pytest.approx((0.75 - 0.5) / (1 - 0.5))


def test_only_pairs_both_graded_count(judged):
    first = {("k1", "a"): 2, ("k1", "b"): 0}
    assert judged.agreement(first, {("k1", "a"): 2, ("k9", "z"): 0})[0] == 1
    assert judged.agreement(first, {}) == (0, 0.0, 0.0, 0.0)
