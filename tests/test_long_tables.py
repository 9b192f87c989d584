"""Long tables: the first rows drawn, a search for the others, every row in the download (Actors page)."""

from __future__ import annotations

import pandas as pd

from analysis import actors
from analysis.corpus import load_corpus
from analysis.rows_shown import matching_rows, rows_shown
from tests.conftest import SAMPLE_DIR
from tests.test_pages import fresh, frame_with, open_page, texts  # noqa: F401  (fresh: the pages' cache reset)

TREATMENT = ("article", "actor", "mentions", "sentiment", "label", "type")


def test_a_search_keeps_the_rows_holding_it_in_any_column_whatever_the_case():
    frame = pd.DataFrame({"actor": ["Vladimir Putin", "NATO", "Putin's aide", "Kyiv"],
                          "title": ["Talks", "Putin meets NATO", "Aide", "a.b"], "n": [1, 2, 3, 4]})
    assert matching_rows(frame, "  putin ", ("actor", "title"))["n"].tolist() == [1, 2, 3]
    assert matching_rows(frame, "PUTIN", ("actor",))["n"].tolist() == [1, 3]
    assert matching_rows(frame, "", ("actor",)) is frame
    assert matching_rows(frame, ".", ("title",))["n"].tolist() == [4], "the query is text, not a pattern"
    shown, kept = rows_shown(frame, "putin", ("actor", "title"), limit=2)
    assert shown["n"].tolist() == [1, 2] and kept["n"].tolist() == [1, 2, 3]


def test_widest_first_orders_by_the_articles_naming_each_actor_and_loses_no_row():
    table = pd.DataFrame({"article": ["a", "a", "b", "b", "c", "c"],
                          "actor": ["Ann", "Bob", "Bob", "Cy", "Bob", "Ann"], "mentions": [5, 1, 2, 9, 3, 1]})
    ordered = actors.widest_first(table)
    assert list(zip(ordered["actor"], ordered["article"])) == [
        ("Bob", "c"), ("Bob", "b"), ("Bob", "a"), ("Ann", "a"), ("Ann", "c"), ("Cy", "b")]
    pd.testing.assert_frame_equal(ordered.sort_values(["article", "actor"]).reset_index(drop=True),
                                  table.sort_values(["article", "actor"]).reset_index(drop=True))


def test_actors_page_draws_the_first_rows_and_reaches_the_rest(monkeypatch):
    monkeypatch.setattr("ui.render.ROWS_SHOWN", 5)
    corpus = load_corpus(SAMPLE_DIR)
    whole = actors.actor_sentiment(corpus, actors.parse_actors(corpus.actors_toml))
    whole["title"] = whole["article"].map({a.path: a.title for a in corpus.articles})
    assert len(whole) > 5
    at = open_page("views/actors.py")
    table = frame_with(at, *TREATMENT)
    assert len(table) == 5
    # an actor named in the most articles leads
    reach = whole["actor"].value_counts()
    assert reach[table["actor"].iloc[0]] == reach.max()
    assert f"Showing the first 5 of {len(whole)} rows" in texts(at)
    labels = {b.key: b.label for b in at.get("download_button")}
    assert labels["ac_table_csv"] == f"Download {len(whole)} rows (CSV)"
    # a search reaches an actor past the first rows, with every row naming them
    last = actors.widest_first(whole)["actor"].iloc[-1]
    at.text_input(key="ac_table_q").set_value(last.lower()).run()
    assert not at.exception, [e.value for e in at.exception]
    found = frame_with(at, *TREATMENT)
    wanted = matching_rows(whole, last, ("actor", "title"))
    assert len(found) == min(5, len(wanted)) and last in set(found["actor"])
    assert set(zip(found["article"], found["actor"])) <= set(zip(wanted["article"], wanted["actor"]))
    labels = {b.key: b.label for b in at.get("download_button")}
    assert labels["ac_table_csv"] == f"Download {len(wanted)} rows (CSV)"
