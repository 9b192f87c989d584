"""Sentence similarity: WordNet links, polysemy kept apart, clauses, blocking keys, the concept table."""

from __future__ import annotations

import gzip
from dataclasses import replace
from pathlib import Path

import pytest

from analysis.text.idf import idf_weights
from analysis.text.words import content_stems
from analysis.resources.build_wordnet import TableSettings, build_table, read_wordnet, write_table
from analysis.text.wordnet import TABLE_PATH, key_of
from analysis.text.similarity import (
    SimilaritySettings,
    StaleConceptTable,
    candidate_pairs,
    clause_spans,
    match,
    matched_words,
    matches,
    represent,
    score,
)

WORDS_ONLY = SimilaritySettings(synonym=0.0, related=0.0, bridge=0.0)


def similarity(a: str, b: str, settings: SimilaritySettings = SimilaritySettings()) -> float:
    return score(represent(a, settings=settings), represent(b, settings=settings), settings)


# --- words WordNet links, and words it must keep apart ------------------------------------


@pytest.mark.parametrize("a, b", [
    ("dissuade", "discourage"),  # bridged: both list "deter"
    ("concede", "admit"),  # a hypernym
    ("conceded", "admitted"),  # inflected forms reach the same stems
    ("lead to", "result in"),  # a shared sense of lead and result
    ("detainee", "prisoner"),
    ("swap", "exchange"),
    ("truce", "ceasefire"),  # cease-fire, also written as one word
    ("lengthy", "long"),  # an adjective's cluster head
    ("response", "respond"),  # derived forms
    ("talks", "negotiations"),
    ("U.S.", "America"),
])
def test_wordnet_links_words_that_mean_the_same(a, b):
    assert similarity(a, b) >= 0.5
    assert similarity(a, b, WORDS_ONLY) == 0.0


@pytest.mark.parametrize("a, b", [
    ("fire", "sack"),  # dismissing is fire's 4th verb sense and sack's untagged one
    ("fired", "sacked"),
    ("bank", "shore"),
    ("Monday", "Tuesday"),  # siblings under "weekday" never meet
    ("two", "three"),
    ("emphasized", "action"),  # too general a hypernym
    ("Trump", "outdo"),  # a name is not the card game's verb
])
def test_polysemous_and_sibling_words_stay_apart(a, b):
    assert similarity(a, b) == 0.0


def test_case_tells_a_name_from_a_word():
    name = "Later that day, Bush spoke to reporters."
    assert similarity(name, "Later that day, a shrub grew.") == pytest.approx(
        similarity(name, "Later that day, a tree grew."))
    assert similarity("Later that day, a bush grew.", "Later that day, a shrub grew.") > similarity(
        name, "Later that day, a shrub grew.")


def test_synonyms_raise_a_rewording_above_plain_overlap():
    a = "Trump conceded that the talks would not lead to immediate peace."
    b = "Trump admitted that the dialogue would not result in an immediate peace."
    assert similarity(a, b) > similarity(a, b, WORDS_ONLY) + 0.2
    assert similarity(a, b) > 0.6


def test_unrelated_sentences_stay_apart():
    pairs = [
        ("Troops opened fire on the crowd outside the palace.", "The firm sacked its chief executive on Friday."),
        ("The boat drifted towards the shore at dawn.", "The central bank raised interest rates again."),
        ("Oil prices rose sharply in Asian trading.", "Both sides agreed to exchange prisoners next week."),
    ]
    for a, b in pairs:
        assert similarity(a, b) < 0.15, (a, b)


def test_score_basics():
    text = "Both sides agreed to exchange prisoners next week."
    assert similarity(text, text) == pytest.approx(1.0)
    assert similarity("", text) == 0.0
    assert similarity("the and of", "the and of") == 0.0  # stopwords only: nothing to compare
    a, b = "Putin rejected the ceasefire and demanded concessions.", "The Kremlin rejected a truce proposal."
    assert 0.0 < similarity(a, b) < 1.0
    assert similarity(a, b) == pytest.approx(similarity(b, a))


def test_idf_weights_rare_shared_words_up():
    a, b = "Putin rejected the ceasefire and demanded concessions.", "The Kremlin rejected a ceasefire proposal."
    flat = similarity(a, b)
    idf = {"reject": 1.0, "ceasefir": 4.0, "putin": 1.0, "demand": 1.0, "concession": 1.0,
           "kremlin": 1.0, "proposal": 1.0}
    assert score(represent(a, idf), represent(b, idf)) > flat
    # IDF from the texts in play, as Compare takes it from two articles.
    idf = idf_weights(content_stems(t) for t in [a, b, "A ceasefire.", "Another ceasefire.", "Ceasefire talks."])
    assert represent(a, idf).weights["ceasefir"] < represent(a, idf).weights["demand"]


def test_matched_words_say_which_words_met():
    a = represent("Trump did not dissuade Putin from retaliating.")
    b = represent("Trump did not discourage Putin from striking back.")
    words_a, words_b = matched_words(a, b)
    # retaliate and "strike back" share a WordNet sense; dissuade and discourage a bridge (deter).
    assert words_a == {"trump": 1.0, "putin": 1.0, "dissuad": 0.8, "retaliat": 1.0}
    assert words_b == {"trump": 1.0, "putin": 1.0, "discourag": 0.8, "strik": 1.0, "back": 1.0}


# --- clauses ----------------------------------------------------------------------------------

TWO_CLAIMS = ("The minister admitted that the budget would not balance this year, "
              "cautioning that fuel prices are likely to climb further in the winter.")


@pytest.mark.parametrize("text, pieces", [
    (TWO_CLAIMS, ["The minister admitted that the budget would not balance this year",
                  "cautioning that fuel prices are likely to climb further in the winter."]),
    ("Despite weeks of quiet talks in Geneva, the two sides failed to agree on a lasting truce.",
     ["Despite weeks of quiet talks in Geneva", "the two sides failed to agree on a lasting truce."]),
    ("Rebels seized the northern town; government troops withdrew to the coast overnight.",
     ["Rebels seized the northern town", "government troops withdrew to the coast overnight."]),
    # A dash opens an aside, spaced or not; a range's dash is no break.
    ("The talks in Istanbul between the two delegations ended early — the first such talks in three years.",
     ["The talks in Istanbul between the two delegations ended early", "the first such talks in three years."]),
    ("The talks in Istanbul between the two delegations ended early—the first such talks in three years.",
     ["The talks in Istanbul between the two delegations ended early", "the first such talks in three years."]),
    ("A ceasefire of 30–60 days was proposed by the mediators in Geneva on Monday.", None),
    # Too short a piece stays with its neighbour.
    ("Putin, speaking separately, dismissed the idea of a truce.", None),
    ("Prices rose, but slowly.", None),
])
def test_clause_spans(text, pieces):
    spans = clause_spans(text)
    assert [text[s:e] for s, e in spans] == (pieces or [text])
    assert all(0 <= s < e <= len(text) for s, e in spans)


def test_a_long_sentence_matches_a_short_one_by_its_clause():
    long = represent(TWO_CLAIMS)
    budget = represent("The minister conceded the budget would not balance this year.")
    fuel = represent("Fuel prices will probably climb further this winter.")
    assert [(c.start, c.end) for c in long.clauses] == clause_spans(TWO_CLAIMS)
    for short, clause in ((budget, 0), (fuel, 1)):
        best = match(long, short)
        assert (best.a_clause, best.b_clause) == (clause, None)
        assert best.score > score(long, short) + 0.15
        assert match(short, long) == (pytest.approx(best.score), None, clause)
    # Every way they meet is listed, best first; two clauses never meet alone.
    found = matches(long, budget)
    assert found[0] == match(long, budget)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert all(m.a_clause is None or m.b_clause is None for m in found)
    assert matches(long, budget, min_score=0.99) == []


# --- blocking ---------------------------------------------------------------------------------


def test_candidate_pairs_share_a_rare_key():
    texts = ["The detainees were freed at dawn.", "Prisoners walked out of the jail.",
             "Oil prices rose sharply.", "Prices of grain fell.", "The weather was mild."]
    reps = [represent(t) for t in texts]
    pairs = candidate_pairs(reps, max_df=3)
    assert (0, 1) in pairs  # detainee and prisoner meet on a concept, not a stem
    assert (2, 3) in pairs  # "price"
    assert all(i < j for i, j in pairs) and (0, 4) not in pairs
    assert (2, 3) not in candidate_pairs(reps + [represent("Prices climbed.")] * 5, max_df=3)
    across = candidate_pairs(reps[:2], max_df=3, other=reps[1:3])
    assert (0, 0) in across and (1, 0) in across  # other's index 0 is "Prisoners ..."


# --- the concept table: a setting or a table reaches the scorer ----------------------------------


def test_credits_come_from_the_settings():
    a, b = "Trump conceded the point.", "Trump admitted the point."
    assert similarity(a, b, replace(SimilaritySettings(), related=0.0)) < similarity(a, b)
    assert similarity(a, b, replace(SimilaritySettings(), related=0.4)) == pytest.approx(
        (2 + 2 + 2 * 0.4) / 6)  # trump, point shared; concede/admit related at 0.4


def test_the_shipped_table_is_small_and_carries_its_licence():
    assert TABLE_PATH.stat().st_size <= 1_300_000  # 1.16 MB without species (bench/wordnet_table_bench.py)
    header = gzip.decompress(TABLE_PATH.read_bytes()).decode("utf-8").splitlines()[:4]
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in header[1]
    licence = (TABLE_PATH.parent / "WORDNET_LICENSE.txt").read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in licence
    assert "THIS SOFTWARE AND DATABASE IS PROVIDED \"AS IS\"" in licence


# A miniature WordNet in its own file formats: enough senses to test the builder's choices.
MINI = {
    "data.verb": [
        "00000001 32 v 02 admit 0 acknowledge 0 000 | declare to be true",
        "00000002 32 v 02 concede 0 confess 0 001 @ 00000001 v 0000 | admit a wrongdoing",
        "00000003 33 v 02 fire 0 discharge 0 000 | cause to go off",
        "00000004 41 v 03 dismiss 0 fire 1 sack 0 000 | terminate the employment of",
        "00000005 40 v 02 sack 1 plunder 0 000 | plunder a town",
    ],
    "index.verb": [
        "admit v 1 1 @ 1 1 00000001", "acknowledge v 1 1 @ 1 1 00000001",
        "concede v 1 1 @ 1 1 00000002", "confess v 1 1 @ 1 1 00000002",
        "fire v 2 1 @ 2 2 00000003 00000004", "discharge v 1 1 @ 1 1 00000003",
        "dismiss v 1 1 @ 1 1 00000004", "sack v 2 1 @ 2 1 00000005 00000004",
        "plunder v 1 1 @ 1 1 00000005",
    ],
    "data.noun": [
        "00000010 18 n 02 prisoner 0 captive 0 000 | a person who is confined",
        "00000011 18 n 01 detainee 0 001 @ 00000010 n 0000 | someone held in custody",
        "00000012 26 n 03 cease-fire 0 truce 0 armistice 0 000 | a state of peace agreed",
        "00000013 18 n 02 Bush 0 George_Bush 0 000 | a president",
        "00000014 20 n 02 bush 0 shrub 0 000 | a low woody plant",
        "00000015 05 n 01 mouse 0 000 | a small rodent",
        "00000016 05 n 02 vermin 0 mouse 1 000 | pests",
    ],
    "index.noun": [
        "prisoner n 1 1 @ 1 1 00000010", "captive n 1 1 @ 1 1 00000010",
        "detainee n 1 1 @ 1 0 00000011", "cease-fire n 1 0 1 0 00000012",
        "truce n 1 0 1 0 00000012", "armistice n 1 0 1 0 00000012",
        "bush n 2 0 2 1 00000014 00000013", "george_bush n 1 0 1 0 00000013",
        "shrub n 1 0 1 0 00000014", "mouse n 2 0 2 0 00000015 00000016", "vermin n 1 0 1 0 00000016",
    ],
    "data.adj": [], "index.adj": [], "data.adv": [], "index.adv": [],
    "noun.exc": ["mice mouse"], "verb.exc": [], "adj.exc": [], "adv.exc": [],
    "cntlist.rev": [
        "admit%2:32:00:: 1 20", "concede%2:32:00:: 1 5", "fire%2:33:00:: 1 30", "fire%2:41:00:: 2 2",
        "sack%2:40:00:: 1 3", "prisoner%1:18:00:: 1 12", "bush%1:20:00:: 1 4",
    ],
}


@pytest.fixture
def mini_wordnet(tmp_path: Path) -> Path:
    folder = tmp_path / "wordnet"
    folder.mkdir()
    for name, lines in MINI.items():
        (folder / name).write_text("  licence header lines start with two spaces\n" + "".join(
            line + "\n" for line in lines), encoding="latin-1")
    return folder


def test_builder_keeps_frequent_senses_names_phrases_and_exceptions(mini_wordnet):
    table = build_table(read_wordnet(mini_wordnet), TableSettings(species=True))
    assert table["conced"]["related"] == {"v00000001"}  # concede's hypernym is admit
    assert table["admit"]["synsets"] == {"v00000001"}
    # fire as dismissing is 2 of 32 tags: dropped; sack's dismissing sense is untagged: dropped.
    assert "v00000004" not in table["fir"]["synsets"] | table.get("sack", {}).get("synsets", set())
    assert table["detaine"]["related"] == {"n00000010"}
    assert table["ceasefir"]["synsets"] == table["ceas fir"]["synsets"] == {"n00000012"}
    assert table["^bush"]["synsets"] == {"n00000013"} and table["bush"]["synsets"] == {"n00000014"}
    assert table[key_of("mice")]["synsets"] == {"n00000015"}  # the exception list maps mice to mouse
    assert table["plunder"]["synsets"] == table["sack"]["synsets"] == {"v00000005"}
    # dismiss's one sense is no kept sense of fire or sack; only bridges (fire: discharge; sack: plunder)
    # hold it, and none once both words count as too ambiguous to bridge.
    assert table["dismiss"] == {"synsets": set(), "related": set(), "bridges": {"fir", "sack"}}
    assert "fir" in table["discharg"]["bridges"]
    assert "dismiss" not in build_table(read_wordnet(mini_wordnet), TableSettings(max_bridge_senses=1))


def test_builder_leaves_species_out_by_default(mini_wordnet):
    # bush the shrub (noun.plant) and mouse the rodent (noun.animal) go; Bush the president stays
    table = build_table(read_wordnet(mini_wordnet))
    assert table["^bush"]["synsets"] == {"n00000013"} and "bush" not in table
    assert key_of("mice") not in table and table["prisoner"]["synsets"] == {"n00000010"}


def test_a_table_given_in_the_settings_reaches_the_scorer(mini_wordnet, tmp_path):
    path = tmp_path / "mini.tsv.gz"
    write_table(build_table(read_wordnet(mini_wordnet)), TableSettings(), path)
    mini = SimilaritySettings(table=str(path))
    assert similarity("The ceasefire held.", "The truce held.", mini) == pytest.approx(1.0)
    assert similarity("Two detainees", "Two captives", mini) > similarity("Two detainees", "Two captives", WORDS_ONLY)
    # The mini table knows nothing of talks and negotiations; the shipped one does.
    assert similarity("talks", "negotiations", mini) == 0.0 < similarity("talks", "negotiations")


def test_a_table_built_with_other_stems_is_refused(mini_wordnet, tmp_path):
    path = tmp_path / "stale.tsv.gz"
    write_table(build_table(read_wordnet(mini_wordnet)), TableSettings(), path)
    text = gzip.decompress(path.read_bytes()).decode("utf-8").replace("retaliated=retaliat", "retaliated=retali")
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    with pytest.raises(StaleConceptTable):
        represent("anything", settings=SimilaritySettings(table=str(path)))


@pytest.mark.parametrize("text", [
    "The U.S. and the U.S.A. met; Putin’s aide and O'Neill's dog, rock ’n’ roll.",
    "THE U.S. SAID NO. Well-known co-operation, 30-60 days, don't.",
    "", "___", "Straße İstanbul ÉCOLE",
])
def test_tokens_are_word_spans_tokens(text):
    from analysis.text.words import tokens, word_spans

    assert tokens(text) == [token for token, _, _ in word_spans(text)]
