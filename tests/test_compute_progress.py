"""A page's result: computed once per arguments, its progress bar drawn while it runs and never replayed."""

from __future__ import annotations

import time

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

SCRIPT = """
import streamlit as st
from tests.test_compute_progress import counted
from ui import compute

st.write(compute.result(counted, "folder", what="Counting"))
"""


def counted(name: str, *, runner) -> str:
    """An analysis with per-article work: it reports progress through its runner, as the real ones do.

    Its answer differs at each call, so the page shows whether it was computed again.
    """
    for done in range(1, 5):
        runner.report(done, 4)
    return f"{name} counted at {time.perf_counter_ns()}"


@pytest.fixture(autouse=True)
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path / "cache"))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def test_a_result_is_read_back_on_a_rerun_without_replaying_its_progress():
    at = AppTest.from_string(SCRIPT, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    first = [m.value for m in at.markdown]
    assert len(first) == 1 and first[0].startswith("folder counted")
    # A cache hit: had the bar's steps been recorded inside the cached call, Streamlit would replay them
    # on a bar drawn outside it, which fails (a cached function's element on a container made elsewhere).
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [m.value for m in at.markdown] == first
