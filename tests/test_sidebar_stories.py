"""The sidebar's Story picker sits above the article picker and restricts it, whichever of the two is drawn first.

With no story chosen the article picker is drawn before the stories are
grouped (ui/sidebar.py says why); with one chosen, from the picker or from a
link, after it, over the story's articles only.
"""

from __future__ import annotations

import pytest
import streamlit as st

from tests.dated_samples import dated_samples
from tests.test_pages import open_page


@pytest.fixture(autouse=True)
def stories(monkeypatch, tmp_path):
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("STORYLENS_CORPUS", str(dated_samples(tmp_path / "dated")))  # three stories
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def _pickers(at) -> list[str]:
    """The sidebar's two pickers, top to bottom."""
    return [node.key for node in at.sidebar if getattr(node, "key", None) in ("sb_event", "sb_articles")]


def test_the_story_picker_is_above_the_article_picker_and_restricts_it():
    at = open_page()
    assert _pickers(at) == ["sb_event", "sb_articles"]
    every = at.multiselect(key="sb_articles").options
    story = next(o for o in at.selectbox(key="sb_event").options if o != "All stories")
    at.selectbox(key="sb_event").set_value(story).run()
    assert not at.exception and _pickers(at) == ["sb_event", "sb_articles"]
    chosen = at.multiselect(key="sb_articles").options
    assert 0 < len(chosen) < len(every) and set(chosen) < set(every)
    # The same story from a link, in a new session: its articles only, from the first run.
    linked = open_page(event=at.query_params["event"])
    assert _pickers(linked) == ["sb_event", "sb_articles"] and linked.selectbox(key="sb_event").value == at.selectbox(key="sb_event").value
    assert linked.multiselect(key="sb_articles").options == chosen
    at.selectbox(key="sb_event").set_value("All stories").run()
    assert _pickers(at) == ["sb_event", "sb_articles"] and at.multiselect(key="sb_articles").options == every
