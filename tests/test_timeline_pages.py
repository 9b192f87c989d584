"""The timeline in the pages (AppTest): Overview bars, Story first appearances, Actors attention, copy lag, no dates."""

from __future__ import annotations

import shutil

import pytest

from analysis.corpus.dates import published_order
from tests.conftest import ROOT
from tests.test_pages import frame_with, fresh, open_page, texts  # noqa: F401  (fresh: the autouse fixture)

DATED = ROOT / "tests" / "data" / "dated"  # five invented articles, three outlets, one undated, one copy
NO_DATES = "No article in play has a publication date"


def chart_ids(at) -> str:
    return " ".join(str(c.proto.id) for c in at.get("plotly_chart"))


@pytest.fixture
def dated(monkeypatch):
    monkeypatch.setenv("STORYLENS_CORPUS", str(DATED))


def test_overview_draws_articles_per_period_and_outlet(dated):
    at = open_page()
    assert "ov_timeline" in chart_ids(at)
    # Dates a week apart: day by day, changeable.
    assert at.segmented_control(key="ov_every").value == "day"
    assert ("Articles per day (the day each outlet dated them) and outlet. 1 article(s) without a date are counted"
            " apart") in texts(at)
    at.segmented_control(key="ov_every").set_value("week").run()
    assert not at.exception
    assert at.query_params["every"] in ("week", ["week"])


def test_overview_lists_the_articles_of_a_clicked_bar(dated):
    at = open_page()
    # What a click on the Elwin Gazette's bar of 3 March leaves behind (the browser test clicks for real).
    at.session_state["_ov_timeline_picked"] = ("day", "2025-03-03", "Elwin Gazette")
    at.run()
    assert not at.exception
    listed = [f.value for f in at.dataframe if list(f.value.columns) == ["published", "outlet", "title", "article"]][0]
    assert listed["article"].tolist() == ["gazette_1.txt"]
    assert listed["published"].tolist() == ["2025-03-03T14:00:00+01:00"]
    assert "1 article(s) from Elwin Gazette in 2025\\-03\\-03" in texts(at)


def test_story_page_says_who_carried_each_claim_first(dated):
    at = open_page("views/story.py")
    assert not at.exception
    at.toggle(key="st_by_first").set_value(True).run()
    assert not at.exception
    picker = at.selectbox(key="st_claim")
    firsts = frame_with(at, "claim", "first_published", "first_outlet", "followers")
    assert firsts["first_published"].tolist() == sorted(firsts["first_published"], key=published_order)
    assert list(picker.options)[0].startswith(firsts["claim"].iloc[0])
    # The crane's boom snapping: Coastal Wire at 08:15 UTC, the Gazette's copy at 14:00 UTC+1 (13:00 UTC).
    boom = firsts[firsts["followers"].str.contains("Elwin Gazette \\(5 h later\\)")]
    assert len(boom) >= 1 and set(boom["first_outlet"]) == {"Coastal Wire"}
    timing = frame_with(at, "order", "outlet", "published", "later")
    assert timing["order"].tolist() == list(range(1, len(timing) + 1)) and timing["later"].iloc[0] == "first"


def test_actors_page_follows_attention_over_time(dated):
    at = open_page("views/actors.py")
    assert not at.exception
    chosen = at.multiselect(key="ac_attention")
    assert chosen.value and "Ines Tovar" in chosen.value
    assert at.segmented_control(key="ac_every").value == "day"
    assert "Articles naming each actor per day (the day each outlet dated them)" in texts(at)
    chosen.set_value(["Karel Brandt"]).run()
    assert not at.exception
    # The march is undated: its mention of the minister is counted apart, and said so.
    assert "Undated articles naming them, not on the chart: Karel Brandt 1" in texts(at)


def test_copies_say_how_much_later_the_copy_came(dated):
    at = open_page("views/story.py", view="copies")
    assert not at.exception
    pairs = frame_with(at, "article_a", "article_b", "later")
    assert pairs.iloc[0][["article_a", "article_b", "later"]].tolist() == ["wire_1.txt", "gazette_1.txt", "5 h later"]
    assert "came out **5 h later**" in texts(at)


@pytest.mark.parametrize("page, query, what", [
    (None, {}, "there is no timeline"),
    ("views/story.py", {}, "the order in which the articles carried each claim is unknown"),
    ("views/actors.py", {}, "attention over time cannot be drawn"),
])
def test_without_dates_each_view_says_what_to_add(page, query, what):
    at = open_page(page, **query)  # the samples carry no dates
    assert not at.exception
    info = "\n".join(c.value for c in at.caption)
    assert NO_DATES in info and what in info and "metadata.csv" in info
    assert "ov_timeline" not in chart_ids(at) and "st_by_first" not in [t.key for t in at.toggle]


def test_copies_without_dates_say_so(tmp_path, monkeypatch):
    for name in ("wire_1.txt", "gazette_1.txt"):  # the wire copy again, without metadata.csv and its dates
        shutil.copy(DATED / name, tmp_path / name)
    monkeypatch.setenv("STORYLENS_CORPUS", str(tmp_path))
    at = open_page("views/story.py", view="copies")
    assert not at.exception
    assert frame_with(at, "article_a", "later")["later"].tolist() == ["undated"]
    assert "how much later the copy came, is unknown" in "\n".join(c.value for c in at.caption)
