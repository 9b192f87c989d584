"""The name finder's document features: what other sentences of an article tell a capitalised token."""

from __future__ import annotations

from analysis.models.ner_context import context_features, stacked_features
from analysis.models.ner_features import FeatureSettings, Lexicons

LEX = Lexicons(clusters={"Volgograd": ("1", "17", "300"), "coach": ("2", "40", "500")})
DOC = [["Rotor", "Volgograd", "beat", "Alania", "."],
       ["Rotor", "scored", "twice", "."],
       ["ROTOR", "coach", "Ivanov", "said", "the", "rotor", "failed", "."]]


def test_a_word_sees_the_neighbours_of_its_other_occurrences_not_its_own() -> None:
    features = context_features(DOC, FeatureSettings(doc_context=True, doc_clusters=True), LEX)
    second = features[(1, 0)]
    assert {"x:dn=volgograd", "x:dnc=17", "x:dn=coach", "x:dnc=40", "x:dp=<S>", "x:lower"} <= set(second)
    assert "x:dn=scored" not in second  # its own right neighbour
    assert "x:dn=scored" in features[(0, 0)] and "x:dn=scored" in features[(2, 0)]  # "ROTOR" is the same word
    assert (1, 1) not in features and (0, 3) not in features  # lower case, and a word seen once


def test_no_document_features_unless_the_settings_ask() -> None:
    assert context_features(DOC, FeatureSettings(), LEX) == {}
    plain = context_features(DOC, FeatureSettings(doc_context=True), LEX)
    assert not any("c=" in f for features in plain.values() for f in features)


def test_stacked_features_say_how_the_rest_of_the_document_was_typed() -> None:
    tags = [["B-ORG", "I-ORG", "O", "B-ORG", "O"],
            ["B-PER", "O", "O", "O"],
            ["B-ORG", "O", "B-PER", "O", "O", "O", "O", "O"]]
    features = stacked_features(DOC, tags)
    # "Rotor" in sentence 2, typed PER: the other two were ORG, one of them alone ("ROTOR"), one
    # inside a longer ORG name.
    assert sorted(features[(1, 0)]) == ["x:sl=ORG", "x:sn=ORG", "x:st=ORG"]
    # "ROTOR" in sentence 3: the others were ORG and PER (a tie, both given); the name "rotor" was PER once.
    assert sorted(features[(2, 0)]) == ["x:sl=ORG", "x:sn=PER", "x:st=ORG", "x:st=PER"]
    assert (2, 2) not in features  # "Ivanov" is seen once


def test_only_a_token_that_may_open_a_name_takes_document_features() -> None:
    doc = [["Singer", "Tom", "Harlow", "left", "."], ["Harlow", "said", "Mr.", "Harlow", "left", "."],
           ["Tom", "Harlow", "stayed", "."]]
    every = context_features(doc, FeatureSettings(doc_context=True), LEX)
    starts = context_features(doc, FeatureSettings(doc_context=True, doc_run_start=True), LEX)
    assert (0, 2) in every and (2, 1) in every
    assert (0, 2) not in starts and (2, 1) not in starts  # "Harlow" after "Tom"
    assert (1, 0) in starts and (1, 3) in starts  # alone, and after a title
    assert starts[(1, 0)] == every[(1, 0)]  # what a token takes is the same; only who takes it changes
