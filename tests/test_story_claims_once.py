"""The Story page asks for a story set's claims once, and reads them back on every rerun."""

from __future__ import annotations

import functools

import pytest
import streamlit as st

from analysis.story import claims as story_claims
from tests.dated_samples import dated_samples
from tests.test_pages import open_page


@pytest.fixture
def claim_runs(monkeypatch, tmp_path) -> list[tuple[str, ...]]:
    """The articles of every find_claims call the page makes."""
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path / "cache"))
    # Several stories for certain: from text alone the undated samples are one.
    monkeypatch.setenv("STORYLENS_CORPUS", str(dated_samples(tmp_path / "dated")))
    st.cache_data.clear()
    st.cache_resource.clear()
    runs: list[tuple[str, ...]] = []
    real = story_claims.find_claims

    @functools.wraps(real)
    def counted(corpus, *args, **kwargs):
        runs.append(tuple(a.path for a in corpus.articles))
        return real(corpus, *args, **kwargs)

    monkeypatch.setattr(story_claims, "find_claims", counted)
    yield runs
    st.cache_data.clear()
    st.cache_resource.clear()


def test_the_story_page_computes_claims_once_per_story_set(claim_runs) -> None:
    at = open_page("views/story.py")
    assert len(at.dataframe) and len(claim_runs) == 1
    every = claim_runs[0]
    at.run()
    at.segmented_control(key="st_view").set_value("figures").run()
    at.segmented_control(key="st_view").set_value("claims").run()
    assert not at.exception
    assert claim_runs == [every]  # reruns and a trip to another view read the claims back
    stories = [o for o in at.selectbox(key="sb_event").options if o != "All stories"]
    at.selectbox(key="sb_event").set_value(stories[0]).run()
    assert not at.exception
    assert len(claim_runs) == 2 and set(claim_runs[1]) < set(every)  # a new story set: its claims, once
    at.selectbox(key="sb_event").set_value("All stories").run()
    assert len(claim_runs) == 2
