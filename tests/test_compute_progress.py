"""A page's result: computed once per arguments, its progress bar drawn while it runs and never replayed."""

from __future__ import annotations

import threading
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


HELD_SCRIPT = """
import streamlit as st
from tests.test_compute_progress import held
from ui import compute

st.write(compute.result(held, "other folder", what="Holding"))
"""
RELEASE = threading.Event()
CALLS: list[str] = []


def held(name: str, *, runner) -> str:
    """An analysis that stops half way until released: a warm start's long first computation."""
    CALLS.append(name)
    runner.report(2, 4)
    assert RELEASE.wait(60)
    return f"{name} held at {time.perf_counter_ns()}"


def _fill_held(name: str, filled: list[str]) -> threading.Thread:
    """compute.fill(held, name) started in a thread, returned once it is held half way (its progress kept)."""
    from tests.test_compute_progress import held
    from ui import compute

    filler = threading.Thread(target=lambda: filled.append(compute.fill(held, name)))
    filler.start()
    deadline = time.monotonic() + 30
    while compute._filling(held, (name,), ()) != (2, 4):
        assert time.monotonic() < deadline, "fill() never reported its progress"
        time.sleep(0.01)
    return filler


def test_a_page_asking_for_what_fill_is_computing_follows_its_progress_and_reuses_its_result():
    # The module as the page's script imports it (pytest imports this file under another name): one event,
    # one list of calls, one function for the fill and the page.
    from tests.test_compute_progress import CALLS, RELEASE, held
    from ui import compute

    RELEASE.clear()
    CALLS.clear()
    filled: list[str] = []
    filler = _fill_held("folder", filled)
    # What a page asking for the same result meanwhile is shown, until the fill is done.
    seen: list[tuple[int, int]] = []
    threading.Timer(3 * compute.FILL_POLL_S, RELEASE.set).start()
    compute.follow_fill(held, ("folder",), (), lambda done, total: seen.append((done, total)))
    assert len(seen) >= 2 and set(seen) == {(2, 4)}
    filler.join(30)
    # The page itself: it reads the fill's result back, computing nothing (a fill running again, held a while).
    RELEASE.clear()
    filler = _fill_held("other folder", filled)
    at = AppTest.from_string(HELD_SCRIPT, default_timeout=60)
    # Released while the page waits on the fill (showing its bar), computing nothing itself.
    release = threading.Timer(3 * compute.FILL_POLL_S, RELEASE.set)
    release.start()
    clock = time.monotonic()
    at.run()
    assert time.monotonic() - clock >= 2 * compute.FILL_POLL_S  # it did wait for the release
    filler.join(30)
    assert not at.exception, [e.value for e in at.exception]
    assert [m.value for m in at.markdown] == filled[1:] and CALLS == ["folder", "other folder"]
    assert not compute._FILLING  # done: nothing left to follow


def test_arguments_that_cannot_be_hashed_are_never_being_filled():
    import pandas as pd

    from ui import compute

    compute._FILLING[("x", (), ())] = (1, 2)  # some fill in progress, so the lookup is attempted
    try:
        assert compute._filling(held, (pd.DataFrame({"a": [1]}), ["list"]), ()) is None
    finally:
        del compute._FILLING[("x", (), ())]


def test_a_page_waiting_on_a_short_fill_shows_no_bar_and_goes_on_as_soon_as_it_ends():
    # The warm start's last step often ends a moment after the first page asks for its result: the page must go
    # on then, not at its next poll, and draw no bar for so short a wait (its browser code loaded for a flash).
    from tests.test_compute_progress import RELEASE, held
    from ui import compute

    RELEASE.clear()
    filler = _fill_held("short", [])
    seen: list[tuple[int, int]] = []
    threading.Timer(compute.FILL_POLL_S / 10, RELEASE.set).start()
    clock = time.monotonic()
    compute.follow_fill(held, ("short",), (), lambda done, total: seen.append((done, total)))
    waited = time.monotonic() - clock
    filler.join(30)
    assert seen == [] and waited < 0.8 * compute.FILL_POLL_S
