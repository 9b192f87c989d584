"""Article diff: sentence similarity, alignment, word changes, unique figures, golden pairs."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from analysis.compare import (
    CompareSettings,
    align,
    alignment_summary,
    sentence_similarity,
    similarity_matrix,
    unique_figures,
    word_changes,
)
from tests.conftest import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004

GOLDEN_001 = "dismissed the idea of a comprehensive ceasefire"
GOLDEN_004 = "a full ceasefire in Ukraine would not benefit Russia"


# --- sentence similarity ---------------------------------------------------------


def test_identical_sentences_score_one_and_unrelated_zero():
    text = "Both sides agreed to exchange prisoners next week."
    assert sentence_similarity(text, text) == pytest.approx(1.0)
    assert sentence_similarity(text, "Oil prices rose sharply in Asia.") == 0.0
    assert sentence_similarity("", text) == 0.0
    assert sentence_similarity("the and of", "the and of") == 0.0  # stopwords only: nothing to compare


def test_stems_and_synonyms_make_rewordings_equal():
    assert sentence_similarity("Sanctions were imposed.", "They imposed a sanction.") == pytest.approx(1.0)
    assert sentence_similarity("a comprehensive ceasefire", "a full ceasefire") == pytest.approx(1.0)
    assert sentence_similarity("time to reorganize", "time to regroup") == pytest.approx(1.0)
    assert sentence_similarity("Iran’s program", "Iran's programs") == pytest.approx(1.0)


def test_similarity_is_symmetric_and_bounded():
    a = "Putin rejected the ceasefire and demanded concessions."
    b = "The Kremlin rejected a ceasefire proposal."
    score = sentence_similarity(a, b)
    assert 0.0 < score < 1.0
    assert score == pytest.approx(sentence_similarity(b, a))
    # A rare shared word counts for more when weights say so.
    idf = {"reject": 1.0, "ceasefir": 3.0, "putin": 1.0, "demand": 1.0, "concession": 1.0,
           "kremlin": 1.0, "proposal": 1.0}
    assert sentence_similarity(a, b, idf) > score


# --- alignment on a handmade pair --------------------------------------------------

A_TEXT = ("The talks in Geneva lasted two hours on Monday. "
          "Both sides agreed to exchange prisoners next week. "
          "Oil prices rose sharply.\n")
B_TEXT = ("Both sides agreed to exchange prisoners next week. "
          "The weather was mild in the capital. "
          "On Monday the Geneva talks went on for two hours, officials noted.\n")


@pytest.fixture
def pair(make_corpus):
    corpus = make_corpus({"a.txt": A_TEXT, "b.txt": B_TEXT})
    return corpus.article("a.txt"), corpus.article("b.txt")


def test_align_pairs_across_reordering_and_places_lone_sentences(pair):
    a, b = pair
    frame = align(a, b)
    assert list(frame.columns) == ["a_index", "a_sentence", "b_index", "b_sentence", "similarity", "status"]
    got = [(None if pd.isna(r.a_index) else int(r.a_index),
            None if pd.isna(r.b_index) else int(r.b_index), r.status) for r in frame.itertuples()]
    assert got == [
        (0, 2, "reworded"),  # Geneva talks: same fact, other order and words
        (1, 0, "shared"),  # copied word for word
        (None, 1, "only_b"),  # the weather line follows its B neighbour's row
        (2, None, "only_a"),
    ]
    assert frame.loc[1, "similarity"] == pytest.approx(1.0)
    assert frame["a_index"].dtype.name == "Int64" and frame["b_index"].dtype.name == "Int64"
    assert frame.loc[2, "a_sentence"] == "" and frame.loc[3, "b_sentence"] == ""


def test_align_thresholds_come_from_settings(pair):
    a, b = pair
    strict = align(a, b, CompareSettings(shared_threshold=0.8, reworded_threshold=0.99))
    assert list(strict["status"]).count("reworded") == 0
    assert list(strict["status"]).count("shared") == 1
    everything_shared = align(a, b, CompareSettings(shared_threshold=0.3, reworded_threshold=0.3))
    assert list(everything_shared["status"]).count("shared") == 2


def test_alignment_summary_counts(pair):
    summary = alignment_summary(align(*pair))
    assert summary == {"a_in_b": pytest.approx(2 / 3), "b_in_a": pytest.approx(2 / 3),
                       "shared": 1, "reworded": 1, "only_a": 1, "only_b": 1}


# --- word changes ---------------------------------------------------------------------


def test_word_changes_marks_the_swapped_word_and_keeps_whitespace():
    a = "Putin rejected a full ceasefire."
    b = "Putin flatly rejected a comprehensive  ceasefire, again."
    ops = word_changes(a, b)
    assert ("replace", " full", " comprehensive") in ops
    assert ("insert", "", " flatly") in ops
    assert "".join(x for _, x, _ in ops) == a
    assert "".join(y for _, _, y in ops) == b
    assert {op for op, _, _ in ops} <= {"equal", "replace", "delete", "insert"}


def test_word_changes_identical_and_empty():
    assert word_changes("Same text here.", "Same text here.") == [("equal", "Same text here.", "Same text here.")]
    assert word_changes("Gone now.", "") == [("delete", "Gone now.", "")]


# --- figures --------------------------------------------------------------------------


def _figures_by_article(frame):
    return {path: sorted(group["figure"]) for path, group in frame.groupby("article")}


def test_figures_compare_by_meaning_not_spelling(make_corpus):
    corpus = make_corpus({
        "a.txt": "He rejected a 30-60 day truce after an hour-long call on June 22. "
                 "The second round ended. Turnout was 45%. Some 1,000 detainees were freed.\n",
        "b.txt": "He rejected a truce of 30 to 60 days after an hour of talks on 22 June. "
                 "Turnout was 45 percent. About 1,000 prisoners and three generals were freed "
                 "after two hours.\n",
    })
    frame = unique_figures(corpus.article("a.txt"), corpus.article("b.txt"))
    assert list(frame.columns) == ["article", "figure", "sentence_index", "sentence"]
    # Only what is truly one-sided is left: the count of generals and the two hours.
    assert _figures_by_article(frame) == {"b.txt": ["three", "two hours"]}
    row = frame[frame["figure"] == "two hours"].iloc[0]
    assert "two hours" in row["sentence"]
    assert corpus.article("b.txt").sentences[row["sentence_index"]].text == row["sentence"]


# --- golden checks on the samples -------------------------------------------------------


@pytest.fixture(scope="module")
def arts(sample_corpus):
    return {path[:3]: sample_corpus.article(path)
            for path in (SEED_000, SEED_001, SEED_002, SEED_003, SEED_004)}


def test_golden_comprehensive_vs_full_ceasefire_is_reworded(arts):
    frame = align(arts["001"], arts["004"])
    row = frame[frame["a_sentence"].str.contains(GOLDEN_001)]
    assert len(row) == 1
    assert GOLDEN_004 in row.iloc[0]["b_sentence"]
    assert row.iloc[0]["status"] == "reworded"
    assert 0.5 < row.iloc[0]["similarity"] < CompareSettings().shared_threshold


@pytest.mark.parametrize("x, y", list(itertools.combinations(["000", "001", "002", "003", "004"], 2)))
def test_golden_every_sentence_appears_exactly_once(arts, x, y):
    a, b = arts[x], arts[y]
    frame = align(a, b)
    assert sorted(frame["a_index"].dropna().astype(int)) == list(range(len(a.sentences)))
    assert sorted(frame["b_index"].dropna().astype(int)) == list(range(len(b.sentences)))
    a_rows = frame["a_index"].dropna().astype(int).tolist()
    assert a_rows == sorted(a_rows)  # rows follow A's order
    assert frame["similarity"].between(0, 1).all()


def test_golden_001_and_004_share_most(arts):
    # 001 and 004 retell the same wire story; 002 is about the March call.
    summaries = {(x, y): alignment_summary(align(arts[x], arts[y]))
                 for x, y in itertools.combinations(sorted(arts), 2)}
    best = max(summaries, key=lambda k: summaries[k]["reworded"] + summaries[k]["shared"])
    assert best == ("001", "004")
    assert summaries[("001", "004")]["reworded"] >= 8
    assert summaries[("002", "003")]["reworded"] + summaries[("002", "003")]["shared"] == 0


def test_golden_unique_figures_000_vs_001(arts):
    frame = unique_figures(arts["000"], arts["001"])
    figures = _figures_by_article(frame)
    assert "75-minute" in figures[SEED_000]
    assert "approximately 41" in figures[SEED_000]  # aircraft hit: only 000 counts them
    assert "over an hour" in figures[SEED_001]
    assert "500" in figures[SEED_001]  # the prisoner swap size
    # Both name Wednesday; a "second dialogue" is not a duration.
    assert "Wednesday" not in figures[SEED_000] + figures[SEED_001]
    assert not any("second" in f for f in figures[SEED_000])


def test_golden_ceasefire_window_is_the_same_figure_in_001_and_004(arts):
    figures = _figures_by_article(unique_figures(arts["001"], arts["004"]))
    assert "30-60 day" not in figures.get(SEED_001, [])
    assert "30 to 60 days" not in figures.get(SEED_004, [])
    assert "over 150" in figures[SEED_001]  # Sumy land grab, absent from 004


def test_golden_similarity_matrix(sample_corpus):
    matrix = similarity_matrix(sample_corpus)
    paths = [a.path for a in sample_corpus.articles]
    assert list(matrix.index) == paths and list(matrix.columns) == paths
    values = matrix.to_numpy()
    assert np.allclose(np.diag(values), 1.0)
    assert np.allclose(values, values.T)
    assert ((values >= 0) & (values <= 1)).all()
    off = matrix.where(~np.eye(len(paths), dtype=bool))
    assert off.stack().idxmax() in {(SEED_001, SEED_004), (SEED_004, SEED_001)}
