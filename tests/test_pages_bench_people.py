"""How bench/pages_bench.py compares authors: as lists of people, the same rule for the gold and for us."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("pages_bench", Path(__file__).resolve().parents[1] / "bench" / "pages_bench.py")
pages_bench = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(pages_bench)


@pytest.mark.parametrize("gold, ours", [
    ("Benjamin Fischer und Marcus Theurer", "Benjamin Fischer; Marcus Theurer"),
    ("AFP/The Local", "AFP; The Local"),
    ("SADHBH O'SULLIVAN, ELISABETH KOCHAN", "Sadhbh O'Sullivan; Elisabeth Kochan"),
    ("Michael L. Anderson, PhD", "Michael L. Anderson"),
])
def test_the_same_people_however_joined(gold, ours):
    assert pages_bench.same_people(ours, gold)


@pytest.mark.parametrize("gold, ours", [
    ("Jane Doe; John Roe", "John Roe; Jane Doe"),  # the order of a byline is kept
    ("Jane Doe", "Jane Doe; John Roe"),  # one more person is a miss
    ("Markus M. Haefliger", "Markus M Haefliger"),  # a name's spelling still counts
])
def test_other_people_are_a_miss(gold, ours):
    assert not pages_bench.same_people(ours, gold)


@pytest.mark.parametrize("value, expected", [
    ("2020-04-07", "2020-04-07"), ("2022-01.26", "2022-01.26"), ("nan", ""), (None, ""), (float("nan"), "")])
def test_a_gold_day_written_nan_is_no_gold(value, expected):
    assert pages_bench.gold_day(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("Von Jane Doe und John Roe", "Jane Doe und John Roe"), ("By Jane Doe", "Jane Doe"), (["Jane Doe", "John Roe"], "Jane Doe; John Roe"),
    ("Rezepte von Mutti", "Rezepte von Mutti"), ("von der Leyen", "von der Leyen"), (None, "")])
def test_a_byline_word_in_front_of_a_gold_author_is_no_name(value, expected):
    assert pages_bench.gold_author(value) == expected
