"""Timeline: periods (the days printed, ISO weeks, month ends), undated articles, every grouping, who said a claim
first."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import timeline as tl
from analysis.charts import OTHERS, fold_minor_groups, period_bars
from analysis.corpus.tables import NO_OUTLET
from analysis.engine.batch import Runner
from analysis.corpus.dates import normalise_published, published_order
from analysis.story.claims import find_claims
from tests.test_events import BRIDGE, CHESS


def runner() -> Runner:
    return Runner(workers=1)


# --- periods ---------------------------------------------------------------------------


@pytest.mark.parametrize("written, every, period", [
    ("2025-06-04", "day", "2025-06-04"),
    # Late evening in New York is the next day in UTC, early morning in Moscow the day before: the period is the
    # day the outlet printed, in the offset it wrote.
    ("2025-06-04T23:30:00-05:00", "day", "2025-06-04"),
    ("2025-06-05T01:30:00+03:00", "day", "2025-06-05"),
    # ISO weeks: Monday 30 December 2024 opens week 1 of 2025; 3 January 2021 closes week 53 of 2020.
    ("2024-12-30", "week", "2025-W01"),
    ("2024-12-29", "week", "2024-W52"),
    ("2021-01-03", "week", "2020-W53"),
    ("2025-01-05T23:59:59Z", "week", "2025-W01"),
    ("2025-01-06T00:00:00Z", "week", "2025-W02"),
    # Month ends: the last minute of January in UTC, and offsets that UTC would carry into the next month.
    ("2025-01-31T23:59:00Z", "month", "2025-01"),
    ("2025-01-31T23:30:00-02:00", "month", "2025-01"),
    ("2024-02-29", "month", "2024-02"),
    ("2024-12-31T22:00:00-03:00", "month", "2024-12"),
    ("2025-02-01T00:30:00+01:00", "month", "2025-02"),
])
def test_period_of_a_normalised_date(written, every, period):
    assert tl.period_of(normalise_published(written), every) == period


def test_undated_has_no_period_and_a_bad_period_is_refused():
    assert tl.period_of("", "week") is None
    with pytest.raises(tl.BadPeriod, match="fortnight"):
        tl.period_of("2025-06-04", "fortnight")
    assert issubclass(tl.BadPeriod, ValueError)


@pytest.mark.parametrize("dates, every", [
    (["2025-06-01", "2025-06-01"], "day"),
    (["2025-06-01", "2025-06-22T10:00:00Z"], "day"),
    (["2025-06-01", "2025-06-23", ""], "week"),
    (["2025-01-01", "2025-07-03"], "week"),  # 183 days
    (["2025-01-01", "2025-07-04"], "month"),
    (["2010-02-01", "2014-11-30"], "month"),
])
def test_the_period_is_chosen_from_the_span(dates, every):
    assert tl.choose_every(dates) == every


def test_choosing_a_period_without_dates_says_so():
    with pytest.raises(tl.NoDates):
        tl.choose_every(["", ""])


def test_periods_between_include_the_empty_ones_across_year_ends():
    assert tl.periods_between("2024-12-30", "2025-01-02", "day") == ["2024-12-30", "2024-12-31", "2025-01-01",
                                                                      "2025-01-02"]
    assert tl.periods_between("2024-12-22", "2025-01-13", "week") == ["2024-W51", "2024-W52", "2025-W01",
                                                                       "2025-W02", "2025-W03"]
    assert tl.periods_between("2024-11-30", "2025-02-01", "month") == ["2024-11", "2024-12", "2025-01", "2025-02"]


# --- timelines ---------------------------------------------------------------------------

OUTLETS = {"a.txt": ("Daily Post", "2025-06-02T09:00:00Z"), "b.txt": ("Daily Post", "2025-06-04"),
           "c.txt": ("Evening Star", "2025-06-03T23:30:00-05:00"), "d.txt": ("Evening Star", ""),
           "e.txt": ("", "2025-06-10")}


def _metadata(rows: dict[str, tuple[str, str]]) -> str:
    return "file,outlet,published\n" + "".join(f"{f},{o},{p}\n" for f, (o, p) in rows.items())


@pytest.fixture
def outlets(make_corpus):
    # A person, for the groupings by actor; Marlowe is a town (the name finder reads "in Marlowe" as one).
    texts = {name: f"Story {name}\n\nMayor Ann Reyes chaired a council in Marlowe on a day in June. "
                   f"Item {i} was discussed.\n" for i, name in enumerate(OUTLETS)}
    return make_corpus({**texts, "metadata.csv": _metadata(OUTLETS)})


def test_by_outlet_counts_each_article_once_and_undated_apart(outlets):
    table = tl.timeline(outlets, "outlet", "day")
    assert list(table.columns) == ["period", "group", "articles"]
    rows = list(table.itertuples(index=False, name=None))
    # c.txt was written late on 3 June in UTC-5 (4 June in UTC): of the 3rd, as printed. e.txt has no outlet: its
    # name prefix stands in.
    assert rows == [("2025-06-02", "Daily Post", 1), ("2025-06-03", "Evening Star", 1),
                    ("2025-06-04", "Daily Post", 1), ("2025-06-10", tl.NO_OUTLET, 1),
                    ("undated", "Evening Star", 1)]
    assert table["articles"].sum() == len(outlets.articles)


def test_by_week_and_month_and_none(outlets):
    weeks = tl.timeline(outlets, "outlet", "week")
    assert weeks[weeks["period"] == "2025-W23"].set_index("group")["articles"].to_dict() == {
        "Daily Post": 2, "Evening Star": 1}
    months = tl.timeline(outlets, "none", "month")
    assert list(months.itertuples(index=False, name=None)) == [("2025-06", tl.ALL, 4), ("undated", tl.ALL, 1)]


def test_grid_fills_empty_periods_and_keeps_undated_last(outlets):
    grid = tl.timeline_grid(tl.timeline(outlets, "outlet", "day"), "day")
    assert grid.index.tolist() == [f"2025-06-{d:02d}" for d in range(2, 11)] + ["undated"]
    assert grid.loc["2025-06-05"].sum() == 0
    assert grid.loc["undated", "Evening Star"] == 1
    assert int(grid.values.sum()) == len(outlets.articles)


def test_article_periods_list_every_article(outlets):
    periods = tl.article_periods(outlets, "week").set_index("article")
    assert periods.loc["d.txt", "period"] == "undated"
    assert periods.loc["c.txt", "published"] == "2025-06-03T23:30:00-05:00"
    assert periods.loc["c.txt", "period"] == "2025-W23"
    assert len(periods) == len(outlets.articles)


def test_no_dates_at_all_is_an_error_and_one_article_works(make_corpus, tmp_path):
    undated = make_corpus({"a.txt": "Title\n\nOne sentence here. Another one there.\n"})
    with pytest.raises(tl.NoDates, match="metadata.csv"):
        tl.timeline(undated, "outlet", "week")
    (tmp_path / "metadata.csv").write_text("file,published\na.txt,2025-06-04\n", encoding="utf-8")
    from analysis.corpus import load_corpus
    one = tl.timeline(load_corpus(tmp_path), "outlet", "week")
    assert list(one.itertuples(index=False, name=None)) == [("2025-W23", tl.NO_OUTLET, 1)]


def test_unknown_grouping_and_period_are_refused(outlets):
    with pytest.raises(tl.BadPeriod):
        tl.timeline(outlets, "outlet", "fortnight")
    with pytest.raises(ValueError, match="grouping"):
        tl.timeline(outlets, "colour", "week")


def test_by_event_counts_each_story(make_corpus):
    texts = {f"bridge_{i}.txt": t for i, t in enumerate(BRIDGE)} | {f"chess_{i}.txt": t for i, t in enumerate(CHESS)}
    dates = {"bridge_0.txt": "2024-03-03", "bridge_1.txt": "2024-03-04", "bridge_2.txt": "2024-03-11",
             "chess_0.txt": "2024-03-04", "chess_1.txt": "2024-03-04", "chess_2.txt": ""}
    metadata = "file,published\n" + "".join(f"{f},{d}\n" for f, d in dates.items())
    corpus = make_corpus({**texts, "metadata.csv": metadata})
    table = tl.timeline(corpus, "event", "week", runner=runner())
    by_story = {}
    for period, group, articles in table.itertuples(index=False, name=None):
        by_story.setdefault(group, {})[period] = articles
    assert sorted(by_story.values(), key=str) == sorted(
        [{"2024-W09": 1, "2024-W10": 1, "2024-W11": 1}, {"2024-W10": 2, "undated": 1}], key=str)


ACTORS = """[actors]
"Petra Holm" = ["council leader"]
"Tomas Reyes" = []
"""


def test_by_actor_counts_articles_naming_each_actor_and_their_sentences(make_corpus):
    texts = {
        "a.txt": "Holm speaks\n\nPetra Holm opened the meeting. Holm said the ferry would run. Reyes was absent.\n",
        "b.txt": "Ferry plan\n\nThe council leader promised a ferry. Nobody else spoke.\n",
        "c.txt": "Chess\n\nTomas Reyes resigned in Oslo. Reyes will play again.\n",
        "d.txt": "Later\n\nPetra Holm visited the river.\n",
    }
    metadata = "file,published\na.txt,2025-06-02\nb.txt,2025-06-03\nc.txt,2025-06-03\nd.txt,\n"
    corpus = make_corpus({**texts, "metadata.csv": metadata, "actors.toml": ACTORS})
    table = tl.timeline(corpus, "actor", "week", runner=runner())
    assert list(table.columns) == ["period", "group", "articles", "mentions"]
    got = {(p, g): (a, m) for p, g, a, m in table.itertuples(index=False, name=None)}
    assert got[("2025-W23", "Petra Holm")] == (2, 3)  # two sentences in a.txt, one in b.txt
    assert got[("2025-W23", "Tomas Reyes")] == (2, 3)
    assert got[("undated", "Petra Holm")] == (1, 1)
    # The Actors page counts from the layer it already holds: the same table.
    from analysis.actors import actor_layer, parse_actors
    layer = actor_layer(corpus, parse_actors(ACTORS), runner=runner())
    pd.testing.assert_frame_equal(tl.actor_attention(layer, corpus, "week"), table)
    chosen = tl.actor_attention(layer, corpus, "week", ["Petra Holm"])
    assert set(chosen["group"]) == {"Petra Holm"} and chosen["articles"].sum() == 3
    # An actor table given wins over the corpus's own.
    only_reyes = tl.timeline(corpus, "actor", "week", runner=runner(), actors=(("Tomas Reyes", ()),))
    assert set(only_reyes["group"]) == {"Tomas Reyes"}


def test_by_topic_counts_articles_and_sentences(make_corpus):
    texts = {
        "a.txt": "Report one\n\nA ferry will run. The ferry is free. The bridge fell.\n",
        "b.txt": "Report two\n\nThe bridge fell on Sunday. Engineers inspected it.\n",
        "c.txt": "Report three\n\nReyes resigned in Oslo.\n",
    }
    topics = '[topics]\n"Transport" = ["ferry", "bridge"]\n"Chess" = ["resign*"]\n'
    metadata = "file,published\na.txt,2025-06-02\nb.txt,2025-07-01\nc.txt,2025-07-02\n"
    corpus = make_corpus({**texts, "metadata.csv": metadata, "topics.toml": topics})
    table = tl.timeline(corpus, "topic", "month", runner=runner())
    assert list(table.itertuples(index=False, name=None)) == [
        ("2025-06", "Transport", 1, 3), ("2025-07", "Chess", 1, 1), ("2025-07", "Transport", 1, 1)]


# --- who said it first -----------------------------------------------------------------------------


def _bridge_firsts(make_corpus, mercury: str, courier: str):
    """The bridge story's corpus, claims and first appearances, with the Mercury's and the Courier's dates (the
    Tane Times's is 5 March, a day alone), and the ferry claim's rows by article."""
    texts = {f"bridge_{i}.txt": t for i, t in enumerate(BRIDGE)}
    metadata = ("file,outlet,published\n"
                f"bridge_0.txt,Marlowe Mercury,{mercury}\n"
                "bridge_1.txt,Tane Times,2024-03-05\n"
                f"bridge_2.txt,County Courier,{courier}\n")
    corpus = make_corpus({**texts, "metadata.csv": metadata})
    claims = find_claims(corpus, runner=runner())
    firsts = tl.first_appearances(claims, corpus)
    ferry = claims[claims["sentence"].str.contains("ferry")]["claim"].iloc[0]
    return corpus, claims, firsts, ferry, firsts[firsts["claim"] == ferry].set_index("article")


def test_first_appearance_of_a_claim_orders_by_utc_time_and_says_how_much_later(make_corpus):
    # bridge_2 was published first once its offset is taken into account (09:30 UTC on the 3rd).
    _, claims, firsts, ferry, rows = _bridge_firsts(make_corpus, "2024-03-03T14:00:00Z", "2024-03-03T11:30:00+02:00")
    assert set(firsts["claim"]) == set(claims["claim"])
    assert rows.loc["bridge_2.txt", "order"] == 1 and rows.loc["bridge_2.txt", "first"]
    assert rows.loc["bridge_0.txt", "delay_hours"] == pytest.approx(4.5)
    assert rows.loc["bridge_0.txt", "later"] == "4 h later"
    # A day alone is read in days: 3 March to 5 March.
    assert rows.loc["bridge_1.txt", "later"] == "2 days later"
    assert (rows["first_outlet"] == "County Courier").all()
    summary = tl.first_appearance_summary(firsts)
    assert summary["first_published"].map(published_order).is_monotonic_increasing
    assert "Marlowe Mercury (4 h later)" in summary.set_index("claim").loc[ferry, "followers"]


def test_first_appearance_orders_instants_not_the_strings_written_in_other_offsets(make_corpus):
    # bridge_2, 23:30 in New York on the 3rd (04:30 UTC on the 4th), came out after bridge_0, 02:00 in Athens on
    # the 4th (midnight UTC), though its string sorts first; each keeps the day it printed.
    corpus, _, _, _, rows = _bridge_firsts(make_corpus, "2024-03-04T02:00:00+02:00", "2024-03-03T23:30:00-05:00")
    assert rows.loc["bridge_0.txt", "order"] == 1 and rows.loc["bridge_0.txt", "first"]
    assert rows.loc["bridge_2.txt", "delay_hours"] == pytest.approx(4.5)
    assert rows.loc["bridge_2.txt", "later"] == "4 h later"
    assert tl.article_periods(corpus, "day").set_index("article")["period"].to_dict() == {
        "bridge_0.txt": "2024-03-04", "bridge_1.txt": "2024-03-05", "bridge_2.txt": "2024-03-03"}


def test_the_claims_summary_orders_first_appearances_by_instant():
    firsts = pd.DataFrame({"claim": ["C1", "C2", "C3", "C4"], "first_published": [
        "2025-12-06T23:37:00-05:00", "", "2025-12-07T01:00:00+01:00", "2025-12-06"],
        "first_article": ["a", "b", "c", "d"], "first_outlet": ["A", "B", "C", "D"], "outlet": ["A", "B", "C", "D"],
        "later": ["first"] * 4, "delay_hours": [0.0] * 4})
    assert tl.first_appearance_summary(firsts)["claim"].tolist() == ["C4", "C3", "C1", "C2"]


def test_first_appearance_with_a_hand_written_claim_table_and_undated_articles(outlets):
    claims = pd.DataFrame({"claim": ["C1", "C1", "C1", "C1", "C2", "C2"],
                           "article": ["d.txt", "b.txt", "a.txt", "a.txt", "d.txt", "e.txt"],
                           "sentence_index": [0, 1, 3, 1, 0, 0], "sentence": ["d", "b", "a3", "a1", "d", "e"]})
    firsts = tl.first_appearances(claims, outlets)
    c1 = firsts[firsts["claim"] == "C1"]
    # One row per claim and article (its first sentence), the undated article last, never first.
    assert c1["article"].tolist() == ["a.txt", "b.txt", "d.txt"]
    assert c1["sentence_index"].tolist() == [1, 1, 0]
    assert c1["later"].tolist() == ["first", "2 days later", "undated"]
    assert math.isnan(c1["delay_hours"].iloc[2])
    c2 = firsts[firsts["claim"] == "C2"]
    assert c2["article"].tolist() == ["e.txt", "d.txt"]
    summary = tl.first_appearance_summary(firsts)
    assert summary["claim"].tolist() == ["C1", "C2"]
    assert tl.first_appearances(claims.iloc[0:0], outlets).empty


@pytest.mark.parametrize("hours, earlier, later, words", [
    (0.0, "2025-06-04T10:00:00Z", "2025-06-04T10:00:00Z", "at the same time"),
    (0.5, "2025-06-04T10:00:00Z", "2025-06-04T10:30:00Z", "30 min later"),
    (26.0, "2025-06-04T10:00:00Z", "2025-06-05T12:00:00Z", "26 h later"),
    (72.0, "2025-06-04T10:00:00Z", "2025-06-07T10:00:00Z", "3 days later"),
    (0.0, "2025-06-04", "2025-06-04", "same day"),
    (14.0, "2025-06-04", "2025-06-04T14:00:00Z", "same day"),
    (24.0, "2025-06-04", "2025-06-05", "1 day later"),
    (None, "2025-06-04", "", "undated"),
])
def test_delays_in_words(hours, earlier, later, words):
    assert tl.describe_delay(hours, earlier, later) == words


def test_copy_lag_says_how_much_later_the_copy_came(outlets):
    pairs = pd.DataFrame({"article_a": ["a.txt", "b.txt"], "article_b": ["c.txt", "d.txt"], "words": [30, 20]})
    lagged = tl.copy_lag(pairs, outlets)
    assert lagged["lag_hours"].iloc[0] == pytest.approx(43.5)
    assert lagged["later"].tolist() == ["44 h later", "undated"]
    assert lagged["published_b"].iloc[0] == "2025-06-03T23:30:00-05:00"


def test_actor_and_topic_groupings_are_kept_whole_per_corpus(outlets, tmp_path, monkeypatch):
    from analysis import actors, topics
    from analysis.engine.cache import AnalysisCache

    cached = Runner(cache=AnalysisCache(tmp_path / "cache.sqlite"), workers=1)
    first = {by: tl.timeline(outlets, by, "week", runner=cached) for by in ("actor", "topic")}

    def computed_again(*args, **kwargs):
        raise AssertionError("recomputed what the cache keeps")

    monkeypatch.setattr(actors, "actor_layer", computed_again)
    monkeypatch.setattr(topics, "coverage_matrix", computed_again)
    for by, table in first.items():
        pd.testing.assert_frame_equal(tl.timeline(outlets, by, "week", runner=cached), table)
    # Another lexicon is another result.
    with pytest.raises(AssertionError, match="recomputed"):
        tl.timeline(outlets, "topic", "week", runner=cached, topics=(("Council", ("council",)),))


@pytest.mark.parametrize("by, topics, empty", [("actor", None, False), ("topic", (("Council", ("council",)),), False),
                                              ("topic", (("Chess", ("chess",)),), True)])
def test_kept_memberships_are_frame_json_and_read_back_typed(outlets, tmp_path, by, topics, empty):
    # One way to keep a table (analysis.frame_json): an empty grouping keeps its int column, not objects.
    from tests.kept_frames import KeptResults, assert_kept_as_frame_json

    cache = KeptResults(tmp_path / "cache.sqlite")
    members = tl._memberships(outlets, by, Runner(cache=cache, workers=1), None, topics)
    (stored,) = cache.kept("analysis.timeline.memberships")
    assert_kept_as_frame_json(stored, members)
    assert members.empty == empty
    assert stored["dtypes"][members.columns[-1]] == "int64"  # mentions, or sentences


def test_every_outlet_drawn_has_a_colour_of_its_own_and_the_catch_alls_are_grey():
    # Fourteen outlets and undated ones: the chart folds all but the largest into "other outlets".
    rows = [{"period": "2025-06", "group": f"outlet {i:02d}", "articles": 20 - i} for i in range(14)]
    rows.append({"period": "2025-06", "group": NO_OUTLET, "articles": 30})
    table, shown = fold_minor_groups(pd.DataFrame(rows))
    grid = table.groupby(["period", "group"])["articles"].sum().unstack(fill_value=0)
    colours = {trace.name: trace.marker.color for trace in period_bars(grid, "articles").data}
    assert colours[OTHERS] != colours[NO_OUTLET] and {colours[OTHERS], colours[NO_OUTLET]} <= {"#888888", "#BBBBBB"}
    outlets = [c for name, c in colours.items() if name not in (OTHERS, NO_OUTLET)]
    assert len(outlets) == len(shown) - 1 and len(set(outlets)) == len(outlets)
