"""Every page through Streamlit's AppTest: it runs, shows its parts, and reacts to its widgets."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis.engine.batch import settings_key, task_name
from analysis.engine.cache import CACHE_FILE, AnalysisCache
from analysis.corpus import load_corpus
from analysis.keywords import KeywordSettings, article_keywords
from tests.conftest import SAMPLE_DIR, SEED_001, SEED_004
from tests.hostile import write_hostile_corpus
from tests.shown_tables import shown_tables
from ui.pickers import LIST_MAX, SEARCH_RESULTS
from ui.sidebar import IN_PLAY_KEY

APP = str(Path(__file__).resolve().parents[1] / "app.py")
# Cold imports of pandas, plotly and yake take a while on a small CI machine.
TIMEOUT = 120


@pytest.fixture(autouse=True)
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("STORYLENS_CORPUS", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def open_page(page: str | None = None, **query: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [i.value for i in at.info] + [c.value for c in at.caption]
    return "\n".join(str(p) for p in parts)


def frame_with(at: AppTest, *columns: str):
    """The first table on the page holding these columns (editors count too)."""
    for frame in shown_tables(at):
        if set(columns) <= set(frame.columns):
            return frame
    raise AssertionError(f"no table with columns {columns}")


def html_texts(at: AppTest) -> str:
    return "\n".join(str(getattr(h, "proto", h)) for h in at.get("html"))


def test_overview_lists_the_sample_articles():
    at = open_page()
    assert at.title[0].value == "StoryLens"
    assert "**5** articles in play · **0** files skipped" in texts(at)
    table = frame_with(at, "title", "outlet", "words")
    assert len(table) == 5
    assert "ICARO Media Group" in set(table["outlet"])


def test_overview_shows_how_similar_the_articles_are_when_asked():
    at = open_page()
    assert not at.get("plotly_chart"), "the first screen holds a chart: the browser loads Plotly for it"
    assert not [f for f in at.dataframe if "similarity" in f.value.columns], "the pairs were computed unasked"
    at.session_state["ov_similar"] = True  # the expander opened
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    pairs = frame_with(at, "a", "b", "similarity")
    assert len(pairs) == 10 and pairs["similarity"].is_monotonic_decreasing  # every pair of the five samples


def test_overview_lists_every_piece_taken_out_when_asked():
    at = open_page()
    assert not [f for f in shown_tables(at) if {"reason"} & set(f.columns)], "the pieces were listed unasked"
    (taken,) = [e for e in at.expander if e.label.startswith("Taken out of the articles")]
    at.session_state["ov_removed_all"] = True  # the expander opened
    at.run()
    assert not at.exception
    summary = frame_with(at, "reason", "pieces")
    assert taken.label == f"Taken out of the articles: {summary['pieces'].sum()} pieces"
    pieces = frame_with(at, "article", "reason", "text", "title")
    assert len(pieces) == summary["pieces"].sum() > 0
    assert set(pieces["title"]) <= {a.title for a in load_corpus(SAMPLE_DIR).articles}


def test_sidebar_selection_narrows_every_page():
    at = open_page(article=[SEED_001, SEED_004])
    assert "**2** articles in play" in texts(at)


def test_keywords_page_per_article_and_modes():
    at = open_page("views/keywords.py")
    assert at.title[0].value == "Keywords"
    assert len(at.get("plotly_chart")) == 1
    assert at.selectbox(key="kw_evidence").value  # a keyword is picked for the evidence
    at.segmented_control(key="kw_mode").set_value("distinctive").run()
    assert not at.exception
    assert at.query_params["mode"] in ("distinctive", ["distinctive"])


def test_keywords_page_computes_only_the_article_it_shows(tmp_path):
    # A cold cache on thousands of articles must not hold up a page showing one.
    at = open_page("views/keywords.py", mode="distinctive", article_kw=SEED_004)
    assert not at.exception
    cache, sample = AnalysisCache(tmp_path / "cache" / CACHE_FILE), load_corpus(SAMPLE_DIR)
    task, key, ids = task_name(article_keywords), settings_key(KeywordSettings()), [a.id for a in sample.articles]
    assert cache.has_many(task, key, ids) == {sample.article(SEED_004).id}
    at.radio(key="kw_view").set_value("Keywords × articles").run()
    assert not at.exception
    assert cache.has_many(task, key, ids) == set(ids)


def test_keywords_in_context_highlights_the_keyword():
    at = open_page("views/keywords.py", view="Keyword in context")
    keyword = at.selectbox(key="kw_kic").value
    shown = html_texts(at)
    assert "<mark" in shown and keyword.split()[0].lower() in shown.lower()


def test_actors_page_shows_treatment_evidence_names_and_voices():
    at = open_page("views/actors.py")
    assert at.title[0].value == "Actors"
    assert "BASIL" in texts(at) and "PerSenT" in texts(at)  # how far the article method agrees with people
    at.selectbox(key="ac_actor").set_value("Vladimir Putin").run()
    assert not at.exception
    shown = html_texts(at)
    assert "Putin" in shown and "voice" in shown and "verdict" in shown
    table = frame_with(at, "article", "actor", "mentions", "sentiment", "label", "type", "quoted")
    assert set(table[table["actor"] == "Vladimir Putin"]["article"]) >= {SEED_001, SEED_004}
    # how each article names him: the sample actors.toml gives "the Russian leader" as an alias
    grid = next(f.value for f in at.dataframe if "the Russian leader" in f.value.index)
    assert grid.loc["the Russian leader"].sum() == 3
    at.selectbox(key="ac_form").set_value("the Russian leader").run()
    assert "the Russian leader</mark>" in html_texts(at)
    voices = frame_with(at, "speaker", "quotations", "words", "share")
    assert "Donald Trump" in set(voices["speaker"])


def test_actors_page_filters_people_and_organisations():
    at = open_page("views/actors.py")
    at.segmented_control(key="ac_type").set_value("person").run()
    assert not at.exception
    table = frame_with(at, "article", "actor", "mentions", "sentiment", "label", "type")
    assert set(table["type"]) == {"person"}
    assert at.query_params["type"] in ("person", ["person"])
    at.segmented_control(key="ac_type").set_value("organisation").run()
    table = frame_with(at, "article", "actor", "mentions", "sentiment", "label", "type")
    assert set(table["type"]) == {"organisation"} and "NATO" in set(table["actor"])


def test_actors_page_vader_method():
    at = open_page("views/actors.py", method="vader")
    assert not at.exception
    assert "VADER" in texts(at)
    table = frame_with(at, "article", "actor", "mentions", "sentiment", "label")
    assert table["sentiment"].between(-1, 1).all()


def test_actors_page_discovers_without_a_table(tmp_path, monkeypatch):
    folder = tmp_path / "crawl"
    folder.mkdir()
    from tests.crawled import AP_MISSILE, REUTERS_CHIPS

    for page in (AP_MISSILE, REUTERS_CHIPS):
        (folder / page.name).write_text(page.raw, encoding="utf-8")
    monkeypatch.setenv("STORYLENS_CORPUS", str(folder))
    at = open_page("views/actors.py")
    table = frame_with(at, "article", "actor", "mentions", "sentiment", "label", "type")
    actors_found = set(table["actor"])
    assert {"Shigeru Ishiba", "Hock Tan", "Kim Jong Un"} <= actors_found
    # no photo credit, agency, place or related-link headline became an actor
    assert not actors_found & {"AP Photo", "Associated Press", "South Korea", "Sea of Japan", "Broadcom Raises Offer",
                               "Chief Executive Officer Hock Tan", "Reuters"}


def test_actors_page_searches_when_there_are_hundreds_of_actors(tmp_path, monkeypatch):
    syllables = ["ba", "ko", "ri", "mu", "te", "lo", "ne", "si"]
    surnames = ["".join(p).capitalize() for p in itertools.product(syllables, repeat=3)][:LIST_MAX + 20]
    folder = tmp_path / "many"
    folder.mkdir()
    (folder / "a.txt").write_text("Many people spoke.\n\n" + " ".join(f"Anna {s} spoke well." for s in surnames))
    (folder / "actors.toml").write_text("[actors]\n" + "".join(f'"Anna {s}" = []\n' for s in surnames))
    monkeypatch.setenv("STORYLENS_CORPUS", str(folder))
    at = open_page("views/actors.py")
    assert len(at.selectbox(key="ac_actor").options) <= SEARCH_RESULTS + 1
    at.text_input(key="ac_actor_q").set_value(surnames[-1].lower()).run()
    assert at.selectbox(key="ac_actor").options[-1] == f"Anna {surnames[-1]}"
    at.selectbox(key="ac_actor").set_value(f"Anna {surnames[-1]}").run()
    assert not at.exception
    assert f">Anna {surnames[-1]}</mark> spoke well." in html_texts(at)


def test_topics_page_heatmap_and_single_article_topics():
    at = open_page("views/topics.py")
    assert at.title[0].value == "Topics"
    assert len(at.get("plotly_chart")) == 1
    single = frame_with(at, "topic", "article", "sentences")
    assert set(single["topic"]) == {"Pope and Vatican", "US-China trade"}


def _heatmap_counts(at: AppTest) -> dict[str, dict[str, int]]:
    """The Topics heatmap as drawn: topic -> article path -> sentences shown in the cell."""
    import base64
    import json

    import numpy as np

    trace = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    text = trace["text"]
    if isinstance(text, dict):  # plotly sends arrays as typed base64 buffers
        shape = tuple(int(n) for n in text["shape"].split(","))
        text = np.frombuffer(base64.b64decode(text["bdata"]), dtype=text["dtype"]).reshape(shape).tolist()
    counts: dict[str, dict[str, int]] = {}
    for row, cells in zip(text, trace["customdata"]):
        for count, (topic, path) in zip(row, cells):
            counts.setdefault(topic, {})[path] = int(count)
    return counts


def test_topics_page_suggests_themes_without_a_lexicon_and_editing_one_updates_the_heatmap(tmp_path, monkeypatch):
    folder = tmp_path / "no_lexicon"
    folder.mkdir()
    for article in SAMPLE_DIR.glob("*.txt"):
        (folder / article.name).write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("STORYLENS_CORPUS", str(folder))
    at = open_page("views/topics.py")
    editor_key = f"tp_editor_{load_corpus(folder).key}"
    themes = at.data_editor(key=editor_key).value
    assert list(themes.columns) == ["topic", "terms"] and 2 <= len(themes) <= 20
    assert all(any(w.islower() for w in name.split()) for name in themes["topic"])
    assert "themes suggested" in at.expander[0].label
    before = _heatmap_counts(at)
    assert list(before) == list(themes["topic"])
    first = themes["topic"][0]
    assert sum(1 for count in before[first].values() if count) >= 2
    # Narrow the first theme to the Pope: only seed 001 reports Pope Leo XIV's call.
    at.session_state[editor_key] = {"edited_rows": {0: {"terms": "Pope, pontiff"}}, "added_rows": [],
                                    "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    after = _heatmap_counts(at)
    assert [path for path, count in after[first].items() if count] == [SEED_001]
    assert {t: c for t, c in after.items() if t != first} == {t: c for t, c in before.items() if t != first}


def test_compare_page_from_a_link():
    at = open_page("views/compare.py", a=SEED_001, b=SEED_004)
    assert at.selectbox(key="cmp_a").value == SEED_001
    assert at.selectbox(key="cmp_b").value == SEED_004
    shown = html_texts(at)
    assert "Reworded" in shown and "comprehensive ceasefire" in shown


def test_compare_opens_on_the_two_most_alike_articles_and_names_them_in_the_link():
    at = open_page("views/compare.py")
    assert (at.selectbox(key="cmp_a").value, at.selectbox(key="cmp_b").value) == (SEED_001, SEED_004)
    assert (at.query_params["a"], at.query_params["b"]) == (SEED_001, SEED_004)


def test_compare_needs_two_articles():
    at = open_page("views/compare.py", article=[SEED_001])
    assert "at least 2 articles" in texts(at)


# Each page opened on the hostile article where it shows one article at a time.
@pytest.mark.parametrize("page,query", [(None, {}), ("views/story.py", {}), ("views/keywords.py", {"article_kw": "hostile.txt"}),
                                        ("views/actors.py", {"article_ac": "hostile.txt"}),
                                        ("views/topics.py", {"article_tp": "hostile.txt"}),
                                        ("views/compare.py", {"a": "hostile.txt"})])
def test_every_page_survives_a_hostile_corpus(page, query, tmp_path, monkeypatch):
    corpus = write_hostile_corpus(tmp_path / "corpus", tmp_path / "outside")
    monkeypatch.setenv("STORYLENS_CORPUS", str(corpus))
    at = open_page(page, **query)
    assert at.title
    # Whatever a page draws of the hostile files, the payloads stay text: escaped in HTML, inert in Markdown.
    drawn = html_texts(at)
    for payload in ("<script>", "<img src=x", "<svg onload", "<b>tag</b>"):
        assert payload not in drawn, (page, payload)
    assert "](javascript:" not in texts(at) and ":red[" not in texts(at), page
    if page in ("views/story.py", "views/compare.py"):  # they draw whole sentences as HTML: the title as text
        assert "&lt;script&gt;window.__xss=1;" in drawn
    if page is None:
        assert "**5** files skipped" in texts(at)
        assert "<script>" in "".join(frame_with(at, "title", "outlet")["title"])  # shown as data, not markup


def write_reissued_corpus(folder: Path) -> Path:
    """Two articles under one headline (a re-issue with a new paragraph), and one other story."""
    folder.mkdir()
    body = ("Finance minister Jane Holloway resigned on Monday after a row over the budget, her office said. "
            "Holloway had warned that the plan would cut 4,000 jobs over two years. "
            "Prime Minister Tom Reddick said he accepted her resignation with regret.")
    (folder / "a.txt").write_text(f"Minister quits over budget row & jobs\n\n{body}\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"Minister quits over budget row & jobs\n\n{body} Holloway later said the figure "
                                  "was closer to 5,000 jobs over two years.\n", encoding="utf-8")
    (folder / "c.txt").write_text("Harbour reopens\n\nThe harbour at Kelso reopened on Friday after a storm closed it "
                                  "for three days, the port authority said.\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("page,query", [(None, {}), ("views/story.py", {}), ("views/story.py", {"view": "figures"}),
                                        ("views/story.py", {"view": "copies"}),
                                        ("views/keywords.py", {}),
                                        ("views/actors.py", {}), ("views/topics.py", {}),
                                        ("views/compare.py", {})])
def test_articles_sharing_a_headline_keep_their_own_columns(page, query, tmp_path, monkeypatch):
    # Wire copy and re-issues share headlines: a chart axis must not stack them and a table must not
    # refuse two equal column names (pyarrow does).
    monkeypatch.setenv("STORYLENS_CORPUS", str(write_reissued_corpus(tmp_path / "reissue")))
    at = open_page(page, **query)
    assert at.title
    shown = everything_shown(at)
    # Each re-issue is its own column, row or bar: the second one's label is told apart, or both files are named.
    assert re.search(re.escape(REISSUE) + r"(?: \(E\d+\))? \(2\)", shown) or ("a.txt" in shown and "b.txt" in shown)


REISSUE = "Minister quits over budget row & jobs"


def everything_shown(at: AppTest) -> str:
    """Tables (columns and cells), charts' specs, HTML, text and widget options, as one string."""
    parts = [texts(at), html_texts(at)]
    parts += [frame.to_csv() + " ".join(map(str, frame.columns)) for frame in shown_tables(at)]
    parts += [str(chart.proto) for chart in at.get("plotly_chart")]
    parts += [" ".join(map(str, getattr(box, "options", []))) for box in [*at.selectbox, *at.multiselect]]
    return "\n".join(parts).replace("&amp;", "&")


def test_keyed_labels_are_unique_per_key_and_plain_for_tables():
    from ui.render import keyed_labels

    labels = ["Budget row & jobs", "Budget row & jobs", "Budget row & jobs", "Budget row & jobs (2)"]
    assert keyed_labels(labels, ["a", "b", "a", "c"], for_plot=False) == [
        "Budget row & jobs", "Budget row & jobs (2)", "Budget row & jobs", "Budget row & jobs (2) (2)"]
    assert keyed_labels(labels[:1], ["a"]) == ["Budget row &amp; jobs"]  # escaped for Plotly
    assert keyed_labels(["a" * 80], ["k"], limit=10) == ["a" * 9 + "…"]


def test_markdown_escape_keeps_untrusted_text_literal():
    from ui.render import md

    escaped = md("[x](javascript:alert(1)) :red[y] $5 <b>z</b> :material/home:")
    assert "](" not in escaped and "<b>" not in escaped and ":red" not in escaped
    assert ":\u200b" in escaped  # icon shortcodes are broken up
    assert escaped.replace("\\", "").replace("\u200b", "") == "[x](javascript:alert(1)) :red[y] $5 <b>z</b> :material/home:"


# --- Story ---------------------------------------------------------------------------------------------------

def test_story_page_claims_matrix_and_evidence():
    at = open_page("views/story.py")
    assert at.title[0].value == "Story"
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Claims two or more articles carry"]) >= 10
    assert len(at.get("plotly_chart")) == 1
    claims = at.selectbox(key="st_claim")
    claims.set_value(claims.options[0]).run()
    assert not at.exception
    assert "<mark" in html_texts(at)  # the part of each sentence stating the claim
    assert "Only this article reports" in texts(at)
    at.selectbox(key="st_article").set_value(SEED_004).run()
    assert not at.exception


def test_a_single_story_holding_every_article_offers_no_story_to_choose():
    # The samples, undated, are one story of all five: "All stories" and that story would show the same
    # articles, so the sidebar draws no story picker, and a link naming a story that is not there (E2)
    # leaves every article in play.
    at = open_page("views/story.py", event="E2")
    assert not at.exception
    assert not [box for box in at.selectbox if box.key == "sb_event"]
    assert len(at.session_state[IN_PLAY_KEY].articles) == 5


def test_story_page_copies_view(tmp_path, monkeypatch):
    folder = tmp_path / "wire"
    folder.mkdir()
    shared = ("The committee met on Tuesday and agreed that the new bridge over the river would open next spring, "
              "a year later than planned, because the steel had arrived late from the mill.")
    (folder / "a.txt").write_text(f"Bridge to open\n\n{shared} Officials were pleased.\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"River crossing delayed\n\nResidents cheered. {shared}\n", encoding="utf-8")
    monkeypatch.setenv("STORYLENS_CORPUS", str(folder))
    at = open_page("views/story.py", view="copies")
    assert not at.exception
    pairs = frame_with(at, "article_a", "article_b", "words", "passages")
    assert len(pairs) == 1 and pairs.iloc[0]["words"] >= 20
    assert html_texts(at).count("<mark") >= 2  # the passage marked in both texts


def test_story_page_asks_for_one_story_when_many_articles_are_in_play(tmp_path, monkeypatch):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(65):
        (folder / f"a{n:02d}.txt").write_text(f"Item {n}\n\nWord{n} alpha{n} beta{n} gamma{n} happened today.\n",
                                              encoding="utf-8")
    monkeypatch.setenv("STORYLENS_CORPUS", str(folder))
    at = open_page("views/story.py")
    assert not at.exception
    assert "Choose one story" in texts(at)


def test_the_outlet_filter_shows_only_when_an_outlet_has_two_articles(monkeypatch):
    # The samples: each article an outlet (or file prefix) of its own, so the Articles list is the same filter.
    assert not [m for m in open_page().multiselect if m.key == "sb_groups"]
    monkeypatch.setenv("STORYLENS_CORPUS", str(Path(__file__).parent / "data" / "dated"))
    at = open_page()
    (outlets,) = [m for m in at.multiselect if m.key == "sb_groups"]
    assert outlets.options == ["Coastal Wire", "Elwin Gazette", "North Herald"]
    outlets.set_value(["North Herald"]).run()
    assert "**2** articles in play" in texts(at)
