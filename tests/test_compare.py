"""Article diff: sentence similarity, one-to-many alignment, word changes, figures apart, golden pairs."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from analysis.article_similarity import similarity_matrix
from analysis.compare import align, alignment_summary, word_changes
from analysis.text.similarity import SimilaritySettings
from analysis.text.verdict import CompareSettings, sentence_similarity
from analysis.story.figures import figure_table, figures_apart
from tests.conftest import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004

GOLDEN_001 = "dismissed the idea of a comprehensive ceasefire"
GOLDEN_004 = "a full ceasefire in Ukraine would not benefit Russia"


# --- sentence similarity (analysis.text.similarity; its own tests are in test_similarity.py) --------


def test_identical_sentences_score_one_and_unrelated_zero():
    text = "Both sides agreed to exchange prisoners next week."
    assert sentence_similarity(text, text) == pytest.approx(1.0)
    assert sentence_similarity(text, "Oil prices rose sharply in Asia.") == 0.0
    assert sentence_similarity("", text) == 0.0
    assert sentence_similarity("the and of", "the and of") == 0.0  # stopwords only: nothing to compare


def test_stems_and_synonyms_make_rewordings_equal():
    assert sentence_similarity("Sanctions were imposed.", "They imposed a sanction.") == pytest.approx(1.0)
    assert sentence_similarity("a truce in Gaza", "a ceasefire in Gaza") == pytest.approx(1.0)
    assert sentence_similarity("time to reorganize", "time to regroup") == pytest.approx(1.0)
    assert sentence_similarity("Iran’s program", "Iran's programs") == pytest.approx(1.0)
    # Words WordNet does not hold to be one: "comprehensive" is not "full".
    assert sentence_similarity("a comprehensive ceasefire", "a full ceasefire") == pytest.approx(0.5)


def test_similarity_is_symmetric_bounded_and_weighted():
    a = "Putin rejected the ceasefire and demanded concessions."
    b = "The Kremlin rejected a ceasefire proposal."
    score = sentence_similarity(a, b)
    assert 0.0 < score < 1.0
    assert score == pytest.approx(sentence_similarity(b, a))
    # A rare shared word counts for more when weights say so.
    idf = {"reject": 1.0, "ceasefir": 3.0, "putin": 1.0, "demand": 1.0, "concession": 1.0,
           "kremlin": 1.0, "proposal": 1.0}
    assert sentence_similarity(a, b, idf) > score


def test_sentence_similarity_takes_the_best_clause():
    long = ("The minister admitted that the budget would not balance this year, "
            "cautioning that fuel prices are likely to climb further in the winter.")
    short = "Fuel prices will probably climb further this winter."
    whole = SimilaritySettings(min_clause_words=100)  # nothing splits
    assert sentence_similarity(long, short) > sentence_similarity(long, short, settings=whole) + 0.2


# --- alignment on handmade pairs --------------------------------------------------

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


def _pairs(frame):
    return [(None if pd.isna(r.a_index) else int(r.a_index),
             None if pd.isna(r.b_index) else int(r.b_index), r.status) for r in frame.itertuples()]


def test_align_pairs_across_reordering_and_places_lone_sentences(pair):
    a, b = pair
    frame = align(a, b)
    assert list(frame.columns) == ["a_index", "a_sentence", "b_index", "b_sentence", "similarity", "status"]
    assert _pairs(frame) == [
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


def test_align_passes_its_similarity_settings_on(make_corpus):
    corpus = make_corpus({"a.txt": "The truce held in Gaza overnight.\n",
                          "b.txt": "The ceasefire held in Gaza overnight.\n"})
    a, b = corpus.article("a.txt"), corpus.article("b.txt")
    linked = align(a, b)
    assert _pairs(linked) == [(0, 0, "reworded")]  # synonyms make a rewording, not a copy
    assert linked.loc[0, "similarity"] == pytest.approx(1.0)
    plain = CompareSettings(similarity=SimilaritySettings(synonym=0.0, related=0.0, bridge=0.0))
    assert align(a, b, plain).loc[0, "similarity"] < 0.8


def test_alignment_summary_counts(pair):
    summary = alignment_summary(align(*pair))
    assert summary == {"a_in_b": pytest.approx(2 / 3), "b_in_a": pytest.approx(2 / 3),
                       "shared": 1, "reworded": 1, "only_a": 1, "only_b": 1}


SPLIT_A = ("Budget news\n\nThe minister admitted that the budget would not balance this year, cautioning "
           "that fuel prices are likely to climb further in the winter. "
           "Prisoners were exchanged at the border on Monday.\n")
SPLIT_B = ("Budget worries\n\nThe minister conceded the budget would not balance this year. "
           "Fuel prices will probably climb further this winter.\n\n"
           "Prisoners Exchanged At The Border\n\nOfficials said more talks would follow.\n")


@pytest.fixture
def split_pair(make_corpus):
    corpus = make_corpus({"a.txt": SPLIT_A, "b.txt": SPLIT_B})
    return corpus.article("a.txt"), corpus.article("b.txt")


def test_a_sentence_pairs_with_each_sentence_that_splits_it(split_pair):
    a, b = split_pair
    assert [s.kind for s in b.sentences] == ["headline", "body", "body", "heading", "body"]
    frame = align(a, b)
    assert _pairs(frame) == [
        (0, 0, "reworded"),  # headline with headline
        (1, 1, "reworded"),  # the budget clause ...
        (1, 2, "reworded"),  # ... and the fuel clause, one row per partner, in B's order
        (None, 3, "only_b"),  # a heading never pairs with body text, however alike
        (None, 4, "only_b"),
        (2, None, "only_a"),
    ]
    # A sentence counts once in the shares, however many partners it has.
    assert alignment_summary(frame) == {"a_in_b": pytest.approx(2 / 3), "b_in_a": pytest.approx(3 / 5),
                                        "shared": 0, "reworded": 3, "only_a": 1, "only_b": 2}


HEADLINE_A = ("Storm closes the harbour of Lindau\n\n"
              "A storm closed the harbour of Lindau on Sunday, stranding the ferries.\n\n"
              "Ferries wait at the pier\n\n"
              "Forty ferries waited at the pier for the wind to drop.\n")
HEADING_B = ("The harbour stayed shut for a second day as the wind kept the ferries in.\n\n"
             "Storm closes the harbour of Lindau\n\n"
             "Officials said the pier would reopen once the wind dropped.\n")
HEADLINE_C = "Storm shuts the harbour of Lindau\n\nThe ferries stayed in on Sunday as the storm blew.\n"
HEADING_D = "Rain falls on Lindau all week.\n\nFerries wait at the pier\n\nThe pier stayed full.\n"


def test_a_headline_pairs_only_with_a_headline_and_a_heading_only_with_a_heading(make_corpus):
    corpus = make_corpus({"a.txt": HEADLINE_A, "b.txt": HEADING_B, "c.txt": HEADLINE_C, "d.txt": HEADING_D})
    a, b, c, d = (corpus.article(p) for p in ("a.txt", "b.txt", "c.txt", "d.txt"))
    assert [s.kind for s in a.sentences] == ["headline", "body", "heading", "body"]
    assert [s.kind for s in b.sentences] == ["body", "heading", "body"]
    assert c.sentences[0].kind == "headline"
    # B's section heading has the very words of A's headline, yet the headline stays alone.
    ab = align(a, b)
    assert ab[ab["a_index"] == 0]["status"].tolist() == ["only_a"]
    assert ab[ab["b_index"] == 1]["status"].tolist() == ["only_b"]
    # A headline reworded in another article's headline still pairs.
    ac = align(a, c)
    assert ac[ac["a_index"] == 0][["b_index", "status"]].values.tolist() == [[0, "reworded"]]
    # Either way round.
    ba = align(b, a)
    assert ba[ba["a_index"] == 1]["status"].tolist() == ["only_a"]
    # A heading pairs with a heading saying the same.
    assert [s.kind for s in d.sentences] == ["body", "heading", "body"]
    ad = align(a, d)
    assert ad[ad["a_index"] == 2][["b_index", "status"]].values.tolist() == [[1, "shared"]]


def test_a_further_partner_must_bring_new_words(make_corpus):
    corpus = make_corpus({
        "a.txt": "Rebels seized the northern town of Kala on Sunday.\n",
        "b.txt": "Rebels seized the northern town of Kala. On Sunday, rebels seized the town of Kala again.\n",
    })
    frame = align(corpus.article("a.txt"), corpus.article("b.txt"))
    # The second B sentence repeats the words the first already matched: it stays alone.
    assert [status for _, _, status in _pairs(frame)] == ["shared", "only_b"]


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


def _apart(a, b):
    """What Compare shows: the figures each of two articles gives that the other does not."""
    return figures_apart(figure_table([a, b]), a.path, b.path)


def test_figures_compare_by_meaning_not_spelling(make_corpus):
    corpus = make_corpus({
        "a.txt": "He rejected a 30-60 day truce after an hour-long call on June 22. "
                 "The second round ended. Turnout was 45%. Some 1,000 detainees were freed.\n",
        "b.txt": "He rejected a truce of 30 to 60 days after an hour of talks on 22 June. "
                 "Turnout was 45 percent. About 1,000 prisoners and three generals were freed "
                 "after two hours.\n",
    })
    frame = _apart(corpus.article("a.txt"), corpus.article("b.txt"))
    assert list(frame.columns[:4]) == ["article", "figure", "sentence_index", "sentence"]
    # Only what is truly one-sided is left: the count of generals and the two hours.
    assert _figures_by_article(frame) == {"b.txt": ["three", "two hours"]}
    row = frame[frame["figure"] == "two hours"].iloc[0]
    assert row["sentence"][row["start"]:row["end"]] == "two hours"  # the evidence Compare highlights
    assert corpus.article("b.txt").sentences[row["sentence_index"]].text == row["sentence"]


# --- golden checks on the samples -------------------------------------------------------


@pytest.fixture(scope="module")
def arts(sample_corpus):
    return {path[:3]: sample_corpus.article(path)
            for path in (SEED_000, SEED_001, SEED_002, SEED_003, SEED_004)}


# 001 and 004 retell one wire story. Pairs a reader draws by reading both (001 index, 004 index):
MUST_001_004 = {
    (1, 0),  # the long call on Wednesday about the conflict in Ukraine
    (2, 1),  # Trump admitted / conceded the talks would not result in / lead to immediate peace
    (2, 2),  # ... cautioning / acknowledging that Russia would retaliate for the airfield attacks
    (5, 8),  # Putin: a comprehensive / full ceasefire would only benefit Kyiv, time to regroup and rearm
    (8, 14),  # Russia working to return over 300 abducted Ukrainian children
    (10, 20),  # Zelenskyy calls Russia's broader peace proposal an ultimatum
    (12, 9),  # Putin rejects the unconditional 30-60 day ceasefire
    (14, 4),  # the drone strikes on Russian airfields came up in the call; Putin would respond
    (22, 22),  # Erdogan offers to host a summit of Putin and Zelenskyy
}
# Pairs a reader draws that Compare misses. Trump did not dissuade / discourage Putin from
# retaliating / responding: WordNet links retaliate and respond only through "act, move", too
# general to count. A hand-made synonym group linked them for this pair alone; it changed nothing
# on MRPC (bench/compare_settings_bench.py) and went: the gold is right, the similarity misses it.
KNOWN_MISSES_001_004 = {(3, 4)}
# Progress on prisoner exchanges and the return of soldiers' bodies: 001 says it twice.
ONE_OF_001_004 = {(7, 13), (20, 13)}
# Pairs a reader may or may not draw: a partial overlap of one fact.
MAY_001_004 = ONE_OF_001_004 | {
    (1, 1), (2, 6), (3, 6), (14, 6), (14, 2), (14, 5), (13, 5), (8, 15), (6, 20), (9, 13), (10, 13),
    (7, 12), (20, 10), (23, 21), (23, 22), (21, 14),
    (2, 4),  # Russia will retaliate for / Putin may respond to the drone attacks on its airfields
}


def _drawn(frame):
    paired = frame[frame["status"].isin(["shared", "reworded"])]
    return {(int(i), int(j)) for i, j in zip(paired["a_index"], paired["b_index"])}


def test_golden_pairs_of_001_and_004(arts):
    frame = align(arts["001"], arts["004"])
    drawn = _drawn(frame)
    assert MUST_001_004 <= drawn, sorted(MUST_001_004 - drawn)
    assert drawn & ONE_OF_001_004
    assert drawn <= MUST_001_004 | MAY_001_004, sorted(drawn - MUST_001_004 - MAY_001_004)



def test_golden_one_001_sentence_pairs_with_the_two_004_sentences_that_split_it(arts):
    frame = align(arts["001"], arts["004"])
    rows = frame[frame["a_index"] == 2]
    assert rows["b_index"].tolist()[:2] == [1, 2]
    assert {(2, int(j)) for j in rows["b_index"].iloc[2:]} <= MAY_001_004
    assert rows["status"].tolist()[:2] == ["reworded", "reworded"]
    assert "result in an \"immediate peace\"" in rows.iloc[0]["a_sentence"]
    assert "would not lead to immediate peace" in rows.iloc[0]["b_sentence"]
    assert "Russia would retaliate to Ukraine’s recent attacks" in rows.iloc[1]["b_sentence"]


@pytest.mark.xfail(strict=True, reason="WordNet does not link retaliate and respond (KNOWN_MISSES_001_004); weighing "
                   "the predicate would pass it, but loses on MRPC and BASIL (bench/core_weight_bench.py)")
def test_golden_dissuade_pairs_with_discourage(arts):
    assert KNOWN_MISSES_001_004 <= _drawn(align(arts["001"], arts["004"]))
    frame = align(arts["001"], arts["004"])
    row = frame[frame["a_sentence"].str.contains("Trump did not dissuade Putin from potential retaliatory actions")
                & frame["b_sentence"].str.contains("Trump did not discourage Putin from responding")]
    assert len(row) == 1 and row.iloc[0]["status"] == "reworded"


def test_golden_comprehensive_vs_full_ceasefire_is_reworded(arts):
    frame = align(arts["001"], arts["004"])
    row = frame[frame["a_sentence"].str.contains(GOLDEN_001)]
    assert len(row) == 1
    assert GOLDEN_004 in row.iloc[0]["b_sentence"]
    assert row.iloc[0]["status"] == "reworded"
    assert 0.5 < row.iloc[0]["similarity"] < 0.8


PAIRS = list(itertools.combinations(["000", "001", "002", "003", "004"], 2))


@pytest.mark.parametrize("x, y", PAIRS)
def test_golden_every_sentence_appears_and_rows_keep_order(arts, x, y):
    a, b = arts[x], arts[y]
    frame = align(a, b)
    assert sorted(set(frame["a_index"].dropna().astype(int))) == list(range(len(a.sentences)))
    assert sorted(set(frame["b_index"].dropna().astype(int))) == list(range(len(b.sentences)))
    a_rows = frame["a_index"].dropna().astype(int).tolist()
    assert a_rows == sorted(a_rows)  # rows follow A's order
    for _, partners in frame.dropna(subset=["a_index", "b_index"]).groupby("a_index"):
        assert partners["b_index"].is_monotonic_increasing  # a sentence's partners in B's order
    assert frame["similarity"].between(0, 1).all()
    assert not frame.duplicated(["a_index", "b_index"]).any()


@pytest.mark.parametrize("x, y", PAIRS)
def test_golden_headings_pair_only_with_headings(arts, x, y):
    a, b = arts[x], arts[y]
    paired = align(a, b).dropna(subset=["a_index", "b_index"])
    for i, j in zip(paired["a_index"], paired["b_index"]):
        assert a.sentences[int(i)].kind == b.sentences[int(j)].kind, (x, int(i), y, int(j))


def test_golden_001_headline_pairs_with_no_heading_of_004(arts):
    # 004 has no headline (its first line is a paragraph), only section headings; one of them,
    # "Ukraine’s Response and Prospects for Peace", shares words with 001's headline.
    a, b = arts["001"], arts["004"]
    assert a.sentences[0].kind == "headline" and "headline" not in {s.kind for s in b.sentences}
    frame = align(a, b)
    headline = frame[frame["a_index"] == 0]
    assert headline["status"].tolist() == ["only_a"]
    assert "Ukraine’s Response and Prospects for Peace" in set(frame.loc[frame["status"] == "only_b", "b_sentence"])


def test_golden_001_and_004_share_most(arts):
    # 001 and 004 retell the same wire story; 002 is about the March call, 003 a commentary.
    summaries = {(x, y): alignment_summary(align(arts[x], arts[y])) for x, y in PAIRS}
    best = max(summaries, key=lambda k: summaries[k]["a_in_b"] + summaries[k]["b_in_a"])
    assert best == ("001", "004")
    # At least the 001 sentences of the pairs a reader must draw (one of ONE_OF counts).
    must = {i for i, _ in MUST_001_004} | {min(i for i, _ in ONE_OF_001_004)}
    assert summaries[("001", "004")]["a_in_b"] >= len(must) / len(arts["001"].sentences)
    assert summaries[("002", "003")]["a_in_b"] < 0.05 and summaries[("002", "003")]["b_in_a"] < 0.05


def test_golden_figures_apart_000_vs_001(arts):
    frame = _apart(arts["000"], arts["001"])
    figures = _figures_by_article(frame)
    # The call's length is one fact, and "75-minute" fits "over an hour": neither is one-sided.
    assert "75-minute" not in figures[SEED_000] and "over an hour" not in figures[SEED_001]
    assert "approximately 41" in figures[SEED_000]  # aircraft hit: only 000 counts them
    assert "500" in figures[SEED_001]  # the prisoner swap size
    # Both name Wednesday; a "second dialogue" is not a duration.
    assert "Wednesday" not in figures[SEED_000] + figures[SEED_001]
    assert not any("second" in f for f in figures[SEED_000])


def test_golden_ceasefire_window_is_the_same_figure_in_001_and_004(arts):
    figures = _figures_by_article(_apart(arts["001"], arts["004"]))
    assert "30-60 day" not in figures.get(SEED_001, [])
    assert "30 to 60 days" not in figures.get(SEED_004, [])
    assert "over 150 square kilometers" in figures[SEED_001]  # Sumy land grab, absent from 004


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


# --- corpus similarity at scale: the matrix path against the pair-by-pair definition ---------

from analysis.text.idf import smoothed_idf, weighted_cosine  # noqa: E402
from analysis.text.tfidf import WEIGHTING  # noqa: E402
from analysis.text.words import content_stems  # noqa: E402
from analysis.engine.batch import Runner  # noqa: E402
from analysis.article_similarity import article_stems, most_alike, most_similar_pairs  # noqa: E402
from analysis.corpus import load_corpus  # noqa: E402


def _generated_articles(count=200, seed=5):
    """Articles drawing on a shared vocabulary: common words, rarer words, and near-copies."""
    import random

    rng = random.Random(seed)
    common = [f"common{k}" for k in range(40)]  # in most articles
    rare = [f"rare{k}" for k in range(600)]  # in a few articles each
    files = {}
    for k in range(count):
        words = rng.choices(common, k=30) + rng.choices(rare, k=rng.randint(0, 25))
        sentences = [" ".join(["The"] + words[i:i + 8]) + "." for i in range(0, len(words), 8)]
        files[f"{k:03d}.txt"] = f"Item {k}\n\n" + " ".join(sentences) + "\n"
    files["007.txt"] = "It was.\n\nIt was and is, as it has been.\n"  # stopwords only: nothing to compare
    files["copy.txt"] = files["010.txt"].replace("Item 10", "Item ten")  # a near-copy of 010
    return files


def _reference_matrix(corpus):
    """The one article similarity written out pair by pair: (1 + log tf) * IDF with pseudo-documents, cosine."""
    import math
    from collections import Counter

    docs = [Counter(content_stems(a.text)) for a in corpus.articles]
    df = Counter(s for doc in docs for s in doc)
    idf = {s: smoothed_idf(len(docs) + WEIGHTING.prior_documents, count) for s, count in df.items()}

    def tf(count):
        return 1.0 + math.log(count) if WEIGHTING.log_tf else count

    vectors = [{s: tf(c) * idf[s] for s, c in doc.items()} for doc in docs]
    n = len(docs)
    out = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            out[i, j] = out[j, i] = weighted_cosine(vectors[i], vectors[j])
    return out


@pytest.fixture
def generated(make_corpus):
    return make_corpus(_generated_articles())


def test_similarity_matrix_equals_the_pairwise_definition(generated):
    matrix = similarity_matrix(generated, runner=Runner(workers=1))
    paths = [a.path for a in generated.articles]
    assert list(matrix.index) == paths and list(matrix.columns) == paths
    assert np.allclose(matrix.to_numpy(), _reference_matrix(generated), atol=1e-5)  # float32 sums
    empty = "007.txt"  # stopwords only: alike to nothing, itself included by convention
    assert matrix.loc[empty].drop(empty).eq(0.0).all() and matrix.loc[empty, empty] == 1.0


def test_article_stems_are_json_counts_and_cached_per_article(generated):
    import json

    article = generated.article("010.txt")
    stems = article_stems(article)
    assert json.loads(json.dumps(stems)) == stems
    assert sum(stems.values()) == len(content_stems(article.text))

    class MemoryCache:
        def __init__(self):
            self.store = {}

        def get_many(self, task, key, ids):
            return {i: self.store[(task, key, i)] for i in ids if (task, key, i) in self.store}

        def put_many(self, task, key, items):
            self.store.update({(task, key, i): v for i, v in items.items()})

        def has_many(self, task, key, ids):
            return {i for i in ids if (task, key, i) in self.store}

    runner = Runner(cache=MemoryCache(), workers=1)
    first = similarity_matrix(generated, runner=runner)
    assert runner.computed == len(generated.articles)
    second = similarity_matrix(generated, runner=runner)
    assert runner.computed == len(generated.articles) and runner.reused == len(generated.articles)
    pd.testing.assert_frame_equal(first, second)


def test_most_similar_pairs_are_the_best_of_the_upper_triangle(generated):
    matrix = similarity_matrix(generated, runner=Runner(workers=1))
    pairs = most_similar_pairs(matrix, top=25)
    assert list(pairs.columns) == ["a", "b", "similarity"]
    assert len(pairs) == 25
    values = matrix.to_numpy()
    paths = list(matrix.index)
    every = sorted(((-values[i, j], i, j) for i in range(len(paths)) for j in range(i + 1, len(paths))))
    assert [(paths.index(a), paths.index(b)) for a, b in zip(pairs["a"], pairs["b"])] == \
        [(i, j) for _, i, j in every[:25]]
    assert pairs["similarity"].tolist() == pytest.approx([-v for v, _, _ in every[:25]])
    assert (pairs.iloc[0]["a"], pairs.iloc[0]["b"]) == ("010.txt", "copy.txt")  # the near-copy
    # A corpus in, the same pairs out.
    pd.testing.assert_frame_equal(most_similar_pairs(generated, top=25, runner=Runner(workers=1)), pairs)


def test_most_similar_pairs_ties_small_and_empty():
    paths = ["a", "b", "c", "d"]
    tied = pd.DataFrame([[1.0, 0.5, 0.5, 0.1],
                         [0.5, 1.0, 0.5, 0.5],
                         [0.5, 0.5, 1.0, 0.2],
                         [0.1, 0.5, 0.2, 1.0]], index=paths, columns=paths)
    # Equal scores keep matrix order: (a,b), (a,c), (b,c), (b,d).
    assert most_similar_pairs(tied, top=3).to_dict("records") == [
        {"a": "a", "b": "b", "similarity": 0.5}, {"a": "a", "b": "c", "similarity": 0.5},
        {"a": "b", "b": "c", "similarity": 0.5}]
    assert len(most_similar_pairs(tied, top=100)) == 6  # every pair, no self-pairs
    one = pd.DataFrame([[1.0]], index=["a"], columns=["a"])
    assert list(most_similar_pairs(one).columns) == ["a", "b", "similarity"]
    assert most_similar_pairs(one).empty and most_similar_pairs(tied, top=0).empty


def test_compare_opens_on_the_most_alike_pair_and_b_follows_a(generated, tmp_path):
    assert most_alike(generated, runner=Runner(workers=1)) == ("010.txt", "copy.txt")  # the near-copy
    matrix = similarity_matrix(generated, runner=Runner(workers=1))
    first = "050.txt"
    assert most_alike(generated, first, runner=Runner(workers=1)) == (first, matrix.loc[first].drop(first).idxmax())

    def folder(name: str, files: dict[str, str]):
        (tmp_path / name).mkdir()
        for file, text in files.items():
            (tmp_path / name / file).write_text(text)
        return load_corpus(tmp_path / name)

    assert most_alike(folder("one", {"one.txt": "A lone article about the harbour.\n"})) is None
    unrelated = folder("two", {"a.txt": "Harbour walls failed overnight.\n", "b.txt": "Violins sang sweetly.\n"})
    assert most_alike(unrelated) is None  # nothing in common: the page opens on the first two


def test_golden_most_similar_pair_of_the_samples(sample_corpus):
    pairs = most_similar_pairs(sample_corpus, top=3)
    assert len(pairs) == 3
    assert (pairs.iloc[0]["a"], pairs.iloc[0]["b"]) == (SEED_001, SEED_004)
    assert pairs["similarity"].is_monotonic_decreasing
