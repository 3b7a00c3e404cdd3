"""The suggestion the officer meant comes first (GUI tester's a08 and b23): a common syllable the
typo lacks one letter of ("nhah" → "nhanh", not "nha"), and among the same bare letters the common
syllable whatever its marks ("Lậy ý kiến" → "Lấy", not "Lạy, Lây"). Expected words written by hand."""
from __future__ import annotations

import pytest

from tudanhgia.services.spelling import new_checker


@pytest.fixture(scope="module")
def checker():
    return new_checker()


@pytest.mark.parametrize(("typo", "meant"), [
    ("nhah", "nhanh"), ("chíh", "chính"),      # a letter left out of a common syllable
    ("lậy", "lấy"), ("Lậy", "Lấy"),            # the same bare letters: the common syllable, the typo's case kept
    ("LẬY", "LẤY")])
def test_the_common_word_comes_first(checker, typo, meant):
    assert checker.suggestions(typo)[0] == meant


def test_the_other_candidates_stay_offered(checker):
    assert {"nha", "nhanh"} <= set(checker.suggestions("nhah"))
    offered = checker.suggestions("Lậy")
    assert {"Lấy", "Lạy", "Lây"} <= set(offered) and len(offered) == len({s.casefold() for s in offered})
