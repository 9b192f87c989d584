"""Figures across articles: reading them, what they measure, lining them up by fact, disagreements."""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from analysis.engine.batch import Runner
from analysis.engine.cache import AnalysisCache
from analysis.corpus import load_corpus
from analysis.resources.build_wordnet import build_noun_table, read_wordnet, write_noun_table
from analysis.text.wordnet import NOUNS_PATH, TABLE_PATH, StaleConceptTable, load_noun_table
from analysis.story.figure_parse import parse_figures
from analysis.story.figures import (
    APART_COLUMNS,
    FIGURE_TABLE_COLUMNS,
    FigureSettings,
    article_figures,
    fact_summary,
    figure_table,
    figures_apart,
    figures_by_event,
)
from analysis.story.measured import figure_context, measured_noun, noun_complement, noun_file
from tests.conftest import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004, SHARED_CORPORA

# --- reading figures ----------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("over an hour of talks", [("over an hour", "duration", "over 1 hour")]),
    ("a 30-60 day ceasefire", [("30-60 day", "duration", "30-60 days")]),
    ("within 24 hours", [("24 hours", "duration", "24 hours")]),
    ("a 21-year-old student", [("21-year-old", "age", "21 years old")]),
    ("Close to three dozen Democrats", [("Close to three dozen", "count", "nearly 36")]),
    ("benefits of $1,179 a month", [("$1,179 a month", "money", "USD 1,179 a month")]),
    ("by 1.25 percentage points", [("1.25 percentage points", "percent", "1.25 points")]),
    ("before Jan. 3 and on 22 June 2025", [("Jan. 3", "date", "January 3"), ("22 June 2025", "date", "June 22, 2025")]),
    ("two-and-a-half months", [("two-and-a-half months", "duration", "2.5 months")]),
])
def test_figures_are_read_with_what_they_mean(text, expected):
    assert [(f.text, f.kind, f.value) for f in parse_figures(text)] == expected


@pytest.mark.parametrize("text", [
    "He arrives at 4:30 p.m. or just after 11 a.m.",  # times
    "the 9/11 health bill",  # dates written with a slash
    "It passed in a 396-9 vote.",  # a score
    "the No. 2 Republican, citing Article 1",  # labels
    "two-thirds of the gap, three fifths of a person",  # fractions
    "two years ago, a year later",  # points in time, not lengths
    "hundred of thousands of jobs",  # a manner of speaking
    "in 2004 and 2005",  # years
])
def test_what_only_looks_like_a_figure_is_not_one(text):
    assert parse_figures(text) == []


@pytest.mark.parametrize("sentence, figure, noun", [
    ("Zelenskyy expected a swap of 500 prisoners of war.", "500", "prisoners"),
    ("Describing their 75-minute conversation, Trump said", "75-minute", "conversation"),
    ("The dialogue, which spanned more than two hours, was long.", "more than two hours", "dialogue"),
    ("three calls, with one lasting approximately 50 minutes", "approximately 50 minutes", "calls"),
    ("The 168-member committee will vote.", "168", "member"),  # the hyphened word is what is counted
    ("Obama has spent $2 million in legal fees.", "$2 million", "fees"),
    ("perhaps 15 stories tall, in three adjacent buildings", "15", "stories"),  # a plural ends the phrase
    ("in three adjacent buildings two blocks north", "three", "buildings"),  # an adjective is skipped
    ("the White House for three months had refused", "three months", ""),  # a name is not measured
    ("64 percent think he should go", "64 percent", ""),  # "think" is a verb, says WordNet
    # another figure's number word is not what this one counts (seen on BASIL)
    ("Cantor outraised the college professor $5.4 million to $200,000.", "$200,000", ""),
    ("The 49-year-old teaches at a small college.", "49-year-old", ""),  # the age is the subject here
    ("Brat has an 11-year-old daughter.", "11-year-old", "daughter"),
    ("The 22-year-old star signed on Friday.", "22-year-old", "star"),
])
def test_the_measured_noun(sentence, figure, noun):
    found = next(f for f in parse_figures(sentence) if f.text == figure)
    assert measured_noun(sentence, found.start, found.end, found.kind) == noun


def test_the_nouns_of_phrase_and_the_words_of_its_clause():
    text = "Democrats opposed the two-year extension of tax cuts for the rich."
    start = text.index("two-year")
    assert noun_complement(text, start, start + len("two-year")) == ["tax", "cut"]
    text = "Police said 12 people were killed and 50 people were injured."
    start = text.index("12")
    context = dict(figure_context(text, start, start + 2, "people"))
    assert context == {"kill": 3, "polic": 2}  # the clause stops at "and": "injured" is the 50's
    assert noun_file("calls") == noun_file("conversation") == "communication"


# --- the WordNet noun table ------------------------------------------------------------------------

MINI = {
    "data.noun": ["00000001 10 n 02 call 0 phone_call 0 000 | a telephone connection",
                  "00000002 18 n 01 prisoner 0 000 | a person who is confined",
                  "00000003 09 n 01 think 0 000 | an instance of deliberate thinking"],
    "index.noun": ["call n 1 0 1 1 00000001", "phone_call n 1 0 1 0 00000001", "prisoner n 1 0 1 1 00000002",
                   "think n 1 0 1 0 00000003"],
    "data.verb": ["00000010 31 v 01 think 0 000 | judge or regard"],
    "index.verb": ["think v 1 0 1 1 00000010"],
    "data.adj": [], "index.adj": [], "data.adv": [], "index.adv": [],
    "noun.exc": [], "verb.exc": ["thought think"], "adj.exc": [], "adv.exc": [],
    "cntlist.rev": ["call%1:10:00:: 1 3", "prisoner%1:18:00:: 1 12", "think%1:09:00:: 1 1", "think%2:31:00:: 1 99"],
}


@pytest.fixture
def mini_wordnet(tmp_path: Path) -> Path:
    folder = tmp_path / "wordnet"
    folder.mkdir()
    for name, lines in MINI.items():
        (folder / name).write_text("".join(line + "\n" for line in lines), encoding="latin-1")
    return folder


def test_the_noun_table_holds_each_stems_file_and_noun_share(mini_wordnet, tmp_path):
    table = build_noun_table(read_wordnet(mini_wordnet))
    assert table["call"] == ("communication", 1.0)
    assert table["prisoner"] == ("person", 1.0)
    assert table["think"] == ("cognition", 0.01)  # 1 noun tag in 100
    assert table["thought"] == ("", 0.0)  # only a verb's past tense here
    path = tmp_path / "nouns.tsv.gz"
    write_noun_table(table, path)
    assert load_noun_table(path) == table
    stale = gzip.decompress(path.read_bytes()).decode("utf-8").replace("prisoners=prisoner", "prisoners=prison")
    path.write_bytes(gzip.compress(stale.encode("utf-8")))
    with pytest.raises(StaleConceptTable):
        load_noun_table(path)


def test_the_shipped_noun_table_and_the_untouched_concept_table():
    nouns = load_noun_table(NOUNS_PATH)
    assert nouns["call"][0] == nouns["conversation"][0] == nouns["dialogu"][0] == "communication"
    assert nouns["prisoner"][0] == nouns["children"][0] == "person"
    assert nouns["think"][1] < 0.05 and nouns["prisoner"][1] > 0.9
    assert NOUNS_PATH.stat().st_size < 500_000 and NOUNS_PATH != TABLE_PATH


# --- lining up on the samples ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples(sample_corpus):
    return figure_table(sample_corpus)


def _fact_of(table, article, figure):
    rows = table[(table["article"] == article) & (table["figure"] == figure)]
    assert len(rows) == 1, (article, figure)
    return rows.iloc[0]["fact"]


def test_golden_the_call_length_is_one_fact_all_five_articles_give_and_it_disagrees(samples):
    given = [(SEED_000, "75-minute"), (SEED_001, "over an hour"), (SEED_004, "hour-long"),
             (SEED_002, "more than two hours"), (SEED_003, "approximately 50 minutes")]
    facts = {_fact_of(samples, article, figure) for article, figure in given}
    assert len(facts) == 1
    rows = samples[samples["fact"] == facts.pop()]
    assert len(rows) == 5 and rows["disagree"].all() and rows["articles"].eq(5).all()
    assert rows["kind"].eq("duration").all()
    assert set(rows["measures"]) == {"conversation", "talks", "discussion", "dialogue", "calls"}
    assert rows["fact_label"].iloc[0].startswith("duration of ")


def test_golden_prisoners_and_detainees_are_one_fact_that_disagrees(samples):
    fact = _fact_of(samples, SEED_001, "500")
    assert fact == _fact_of(samples, SEED_003, "1,000")
    rows = samples[samples["fact"] == fact]
    assert rows["disagree"].all() and set(rows["value"]) == {"500", "1,000"}
    assert rows["fact_label"].iloc[0] == "count of detainees / prisoners"


@pytest.mark.parametrize("a, b", [("over 300", "more than 300"), ("30-60 day", "30 to 60 days")])
def test_golden_children_and_ceasefire_line_up_and_agree(samples, a, b):
    fact = _fact_of(samples, SEED_001, a)
    assert fact == _fact_of(samples, SEED_004, b)
    assert not samples.loc[samples["fact"] == fact, "disagree"].any()


def test_golden_only_the_call_and_the_prisoners_disagree(samples):
    disagreeing = samples[samples["disagree"]]
    assert set(disagreeing["fact"]) == {_fact_of(samples, SEED_000, "75-minute"), _fact_of(samples, SEED_001, "500")}
    # 001's two other durations (ending the war, the ceasefire) are facts of their own.
    assert len({_fact_of(samples, SEED_001, f) for f in ("24 hours", "30-60 day", "over an hour")}) == 3
    wednesday = samples[samples["figure"] == "Wednesday"]
    assert wednesday["fact"].nunique() == 1 and not wednesday["disagree"].any()


def test_golden_table_shape_order_and_evidence(samples, sample_corpus):
    assert list(samples.columns) == FIGURE_TABLE_COLUMNS and FIGURE_TABLE_COLUMNS[:5] == [
        "fact", "article", "figure", "sentence_index", "sentence"]
    facts = list(dict.fromkeys(samples["fact"]))
    assert facts == [f"F{i}" for i in range(1, len(facts) + 1)]
    summary = fact_summary(samples)
    keys = list(zip(~summary["disagree"], -summary["articles"]))
    assert keys == sorted(keys)  # disagreements first, then by how many articles give the fact
    for row in samples.itertuples():
        assert row.sentence[row.start:row.end] == row.figure
        assert sample_corpus.article(row.article).sentences[row.sentence_index].text == row.sentence
    assert figure_table(sample_corpus).equals(samples)  # the same input gives the same ids


def test_golden_fact_summary_lines_values_up_by_article(samples):
    summary = fact_summary(samples)
    assert list(summary.columns[:5]) == ["fact", "fact_label", "kind", "articles", "disagree"]
    call = summary[summary["fact"] == _fact_of(samples, SEED_000, "75-minute")].iloc[0]
    assert (call[SEED_000], call[SEED_001], call[SEED_002], call[SEED_003], call[SEED_004]) == (
        "75 minutes", "over 1 hour", "over 2 hours", "about 50 minutes", "1 hour")


# --- lining up, rule by rule -----------------------------------------------------------------------


def _facts(make_corpus, files, settings=FigureSettings()):
    table = figure_table(make_corpus(files), settings)
    return table, {(r.article, r.figure): r.fact for r in table.itertuples()}


@pytest.mark.parametrize("files, together, disagree", [
    # One article gives an interview and a speech: they are two facts, though both are communications.
    ({"a.txt": "The interview lasted two hours. His speech lasted 20 minutes.\n",
      "b.txt": "He gave a 30-minute speech.\n"}, [("a.txt", "20 minutes"), ("b.txt", "30-minute")], True),
    # A noun and a hypernym of it line up where the sentences say the same besides.
    ({"a.txt": "Some 1,000 detainees were freed.\n", "b.txt": "About 1,000 prisoners were freed.\n"},
     [("a.txt", "Some 1,000"), ("b.txt", "About 1,000")], False),
    # One article's two counts of people split by their clause; the other's joins the one killed.
    ({"a.txt": "Police said 12 people were killed and 50 people were injured.\n",
      "b.txt": "The blast killed 14 people, police said.\n"}, [("a.txt", "12"), ("b.txt", "14")], True),
    # A figure without a noun joins the one fact holding an equal figure.
    ({"a.txt": "The talks lasted two hours.\n", "b.txt": "They were still at it after two hours.\n"},
     [("a.txt", "two hours"), ("b.txt", "two hours")], False),
])
def test_facts_line_up(make_corpus, files, together, disagree):
    table, fact = _facts(make_corpus, files)
    assert len({fact[k] for k in together}) == 1
    assert table.loc[table["fact"] == fact[together[0]], "disagree"].all() == disagree


@pytest.mark.parametrize("files, apart", [
    # Of one file, but too far apart in size for a file alone to join them.
    ({"a.txt": "He gave a 40-minute interview.\n", "b.txt": "He gave a three-hour speech.\n"},
     [("a.txt", "40-minute"), ("b.txt", "three-hour")]),
    # An order of size apart: two facts, however alike the nouns.
    ({"a.txt": "He follows 198 people on Twitter.\n", "b.txt": "He gave a speech to 45,000 people.\n"},
     [("a.txt", "198"), ("b.txt", "45,000")]),
    # Their "of" phrases share no word: two extensions.
    ({"a.txt": "Democrats opposed the two-year extension of tax cuts.\n",
      "b.txt": "The deal left out a 13-month extension of unemployment insurance.\n"},
     [("a.txt", "two-year"), ("b.txt", "13-month")]),
    # Lawmakers are leaders, but nothing else the sentences say is alike.
    ({"a.txt": "The two leaders met in Geneva.\n", "b.txt": "Nine lawmakers voted against the bill.\n"},
     [("a.txt", "two"), ("b.txt", "Nine")]),
    # One noun, two facts in one article, told apart by their clauses.
    ({"a.txt": "Palin earned 10 percent support, while Barbour received 1 percent support.\n",
      "b.txt": "Romney won 20 percent support.\n"}, [("a.txt", "10 percent"), ("b.txt", "20 percent")]),
    # Counts are never joined by a lexicographer file: prisoners and children are both persons.
    ({"a.txt": "They freed 500 prisoners.\n", "b.txt": "They freed 300 children.\n"},
     [("a.txt", "500"), ("b.txt", "300")]),
])
def test_facts_kept_apart_never_disagree(make_corpus, files, apart):
    table, fact = _facts(make_corpus, files)
    assert fact[apart[0]] != fact[apart[1]]
    assert not table["disagree"].any()


@pytest.mark.parametrize("a, b", [
    ("They met on Monday. The vote is on June 3.", "They met on Tuesday. The vote is on June 4."),  # dates
    ("He was 3 when the war began. In 2004 he left.", "He was 5 when the war began. In 2005 he left."),  # bare
    ("They met on Wednesday.", "They met on June 22."),  # a weekday and a date
])
def test_no_disagreement_from_dates_bare_numbers_or_years(make_corpus, a, b):
    table, _ = _facts(make_corpus, {"a.txt": a + "\n", "b.txt": b + "\n"})
    assert not table["disagree"].any()
    assert table.groupby("fact")["article"].nunique().max() == 1


def test_equal_dates_line_up(make_corpus):
    table, fact = _facts(make_corpus, {"a.txt": "They met on June 22.\n", "b.txt": "The 22 June meeting.\n"})
    assert fact[("a.txt", "June 22")] == fact[("b.txt", "22 June")]


def test_coarse_grouping_can_be_turned_off(make_corpus):
    files = {"a.txt": "A 75-minute conversation.\n", "b.txt": "Three calls, one lasting about 50 minutes.\n"}
    _, coarse = _facts(make_corpus, files)
    _, strict = _facts(make_corpus, files, FigureSettings(coarse_kinds=()))
    assert coarse[("a.txt", "75-minute")] == coarse[("b.txt", "about 50 minutes")]
    assert strict[("a.txt", "75-minute")] != strict[("b.txt", "about 50 minutes")]


def test_headlines_give_no_figures(make_corpus):
    corpus = make_corpus({"a.txt": "Three killed in blast\n\nThe blast killed four people.\n"})
    table = figure_table(corpus)
    assert table["figure"].tolist() == ["four"]
    assert corpus.article("a.txt").sentences[0].kind == "headline"


@pytest.mark.parametrize("files", [
    {},
    {"a.txt": "No numbers here at all.\n", "b.txt": "None here either.\n"},
    {"a.txt": "Some 1,00,0 and 12..5 people, $ and % and 3 3 3.\n"},
])
def test_bad_input_gives_an_empty_frame_with_the_columns(make_corpus, files, tmp_path):
    corpus = make_corpus(files) if files else load_corpus(tmp_path)
    table = figure_table(corpus)
    assert list(table.columns) == FIGURE_TABLE_COLUMNS
    assert table.empty or not table["disagree"].any()
    assert list(fact_summary(table.iloc[0:0]).columns) == ["fact", "fact_label", "kind", "articles", "disagree"]
    assert list(figures_apart(table.iloc[0:0], "a.txt", "b.txt").columns) == APART_COLUMNS


def test_one_article_alone(make_corpus):
    table = figure_table(make_corpus({"a.txt": "The 75-minute call ended. 500 prisoners were freed.\n"}))
    assert len(table) == 2 and not table["disagree"].any() and table["articles"].eq(1).all()


def test_per_article_figures_are_json_and_cached(sample_corpus, tmp_path):
    records = article_figures(sample_corpus.article(SEED_001))
    json.dumps(records, allow_nan=False)  # an open interval's end is None, not inf
    over = next(r for r in records if r["text"] == "over an hour")
    assert over["high"] is None and over["noun"] == "talks" and over["stem"] == "talk"
    runner = Runner(cache=AnalysisCache(tmp_path / "cache.sqlite"))
    first = figure_table(sample_corpus, runner=runner)
    computed = runner.computed
    again = figure_table(sample_corpus, runner=runner)
    assert computed == len(sample_corpus.articles) and runner.computed == computed  # served from the cache
    assert again.equals(first) and math.isinf(first.loc[first["figure"] == "over an hour", "high"].iloc[0])


# --- real corpora --------------------------------------------------------------------------------

BASIL = SHARED_CORPORA / "basil_dev"


@pytest.mark.corpora
@pytest.mark.skipif(not BASIL.is_dir(), reason="../shared/corpora/basil_dev is absent")
def test_basil_events_flag_few_facts_and_never_a_date_or_a_bare_number():
    flagged = 0
    for event in sorted(p for p in BASIL.iterdir() if p.is_dir()):
        table = figure_table(load_corpus(event))
        disagreeing = table[table["disagree"]]
        assert (disagreeing["kind"] != "date").all()
        # Two articles' figures with a noun disagree; bare figures only ever join equal ones.
        named = disagreeing[disagreeing["measures"] != ""]
        assert set(named["fact"]) == set(disagreeing["fact"])
        assert (named.groupby("fact")["article"].nunique() >= 2).all()
        flagged += disagreeing["fact"].nunique()
    assert flagged <= 12  # 50 events of three outlets each: disagreements are rare and each is read


def test_a_story_figure_table_is_kept_whole_in_the_cache(sample_corpus, tmp_path, monkeypatch) -> None:
    # Lining figures up reads the WordNet table, seconds in a fresh process: a second run reads the table kept.
    import pandas as pd

    from analysis.story import figures

    from tests.kept_frames import KeptResults, assert_kept_as_frame_json

    cache = KeptResults(tmp_path / "cache.sqlite")
    first = figure_table(sample_corpus, runner=Runner(cache=cache))
    # Kept as analysis.frame_json keeps every cached table: each column's dtype comes back, not a guess.
    (stored,) = cache.kept("analysis.story.figures.table")
    assert_kept_as_frame_json(stored, first)
    assert {c: t for c, t in stored["dtypes"].items() if t not in ("str", "object")} == {
        "sentence_index": "int64", "low": "float64", "high": "float64", "disagree": "bool", "articles": "int64",
        "start": "int64", "end": "int64"}
    monkeypatch.setattr(figures, "group_facts", lambda *a: pytest.fail("the kept table was not used"))
    again = figure_table(sample_corpus, runner=Runner(cache=AnalysisCache(cache.path)))
    pd.testing.assert_frame_equal(first, again)
    assert (again["high"] == float("inf")).any()  # open intervals survive the trip


def test_a_table_without_figures_has_the_same_columns_and_number_types(make_corpus) -> None:
    table = figure_table(make_corpus({"a.txt": "Officials met.\n", "b.txt": "Nobody said much.\n"}))
    full = figure_table(make_corpus({"c.txt": "Officials said 12 people were hurt.\n"}))
    assert table.empty and not full.empty

    def numbers(frame):
        return {c: str(t) for c, t in frame.dtypes.items() if str(t) not in ("str", "object")}

    assert list(table.columns) == list(full.columns) and numbers(table) == numbers(full)
    assert len(numbers(table)) == 7


def test_a_noun_shared_by_two_stories_is_one_fact_only_where_their_sentences_say_one_thing(make_corpus):
    corpus = make_corpus({
        "festival.txt": "Artists from 16 countries light up the canals this winter in the city's festival.\n",
        "football.txt": "He has won league titles in four countries, a record among managers.\n",
        "swap_a.txt": "The two sides exchanged 500 prisoners of war at the border on Sunday.\n",
        "swap_b.txt": "The two sides exchanged 1,000 prisoners of war at the border on Sunday, officials said.\n",
    })
    stories = pd.DataFrame({"article": ["festival.txt", "football.txt", "swap_a.txt", "swap_b.txt"],
                            "event": ["E1", "E2", "E3", "E4"]})
    table = figures_by_event(corpus, stories)
    countries = table[table["measures"].str.contains("countr")]
    assert countries["fact"].nunique() == 2 and not countries["disagree"].any()
    prisoners = table[table["measures"].str.contains("prisoner")]
    assert prisoners["fact"].nunique() == 1 and prisoners["disagree"].all()
    # without the stories, one noun is one fact, as within a story
    assert figure_table(corpus).query("measures.str.contains('countr')", engine="python")["fact"].nunique() == 1
