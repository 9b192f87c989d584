"""Names: when two ways of writing a name are the same name, and what a table entry matches."""

from __future__ import annotations

import pytest

from analysis.actors.names import (
    acronym_of, actor_terms, clean_name, initials, is_acronym, is_personal_name, name_key, spelling_key, surname,
)


@pytest.mark.parametrize(("written", "key"), [
    ("Kim Jong Un", "kim jong un"),
    ("Kim Jong-Un", "kim jong un"),
    ("Kim Jong-un", "kim jong un"),
    ("KIM JONG UN", "kim jong un"),
    ("Mr. Kim", "kim"),
    ("Kim's", "kim"),
    ("Putin’s", "putin"),
    ("U.N.", "un"),
    ("Erdoğan", "erdogan"),
    ("President Recep Tayyip Erdoğan", "recep tayyip erdogan"),
    ("Chief Executive Officer Hock Tan", "hock tan"),
    ("the Kremlin", "kremlin"),
    ("Pope Leo XIV", "pope leo xiv"),
])
def test_name_key(written: str, key: str) -> None:
    assert name_key(written) == key


@pytest.mark.parametrize("variants", [
    ("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskii"),
    ("Gaddafi", "Gadhafi", "Gadafi"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
])
def test_romanisations_share_a_spelling_key(variants) -> None:
    assert len({spelling_key(name_key(v)) for v in variants}) == 1


@pytest.mark.parametrize(("a", "b"), [("Putin", "Pitin"), ("Clinton", "Clayton"), ("Kim", "Kym Smith"),
                                      ("Lynn", "Lin"), ("Khan", "Han"), ("Myers", "Miers"), ("Kyle", "Kile")])
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert spelling_key(name_key(a)) != spelling_key(name_key(b))


def test_clean_name_keeps_regnal_titles() -> None:
    assert clean_name("Pope Leo XIV") == "Pope Leo XIV"
    assert clean_name("former President Donald Trump") == "Donald Trump"
    assert clean_name("Mrs. May's") == "May"


@pytest.mark.parametrize(("acronym", "name", "expected"), [
    ("ICC", "International Criminal Court", True),
    ("NATO", "North Atlantic Treaty Organization", True),
    ("U.N.", "United Nations", True),
    ("ICJ", "International Court of Justice", True),
    ("ICC", "International Chamber", False),
])
def test_acronyms(acronym: str, name: str, expected: bool) -> None:
    assert is_acronym(acronym)
    assert acronym_of(acronym, name) is expected


def test_initials_skip_small_words() -> None:
    assert initials("Bank of England") == "BE"


def test_surname_with_particles_and_suffixes() -> None:
    assert surname("Ursula von der Leyen".split()) == "von der Leyen"
    assert surname("Martin Luther King Jr.".split()) == "King"
    assert surname("Pope Leo XIV".split()) == ""


def test_personal_names() -> None:
    assert is_personal_name("Vladimir Putin")
    assert not is_personal_name("White House")
    assert not is_personal_name("Putin")


def test_actor_terms_add_surname_and_plain_spelling() -> None:
    assert actor_terms("Recep Tayyip Erdoğan") == ("Recep Tayyip Erdoğan", "Erdoğan", "Recep Tayyip Erdogan",
                                                   "Erdogan")
    assert actor_terms("White House") == ("White House",)
    assert actor_terms("Pope Leo XIV", ["pontiff"]) == ("Pope Leo XIV", "pontiff", "Pope Leo")
