"""The app's background themes: one computation however many ask, read back by the Topics page, none unprepared."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from analysis import topics
from analysis.background import themes_inputs_cached
from analysis.batch import _COMPUTING, Runner, task_name
from analysis.cache import AnalysisCache
from analysis.keywords import KeywordSettings, article_keywords
from analysis.story.events import article_sentence_stems
from analysis.themes import ThemeSettings, suggest_themes
from tests.conftest import SAMPLE_DIR
from ui import warmup


def test_a_corpus_wide_result_is_computed_once_however_many_ask_at_once(tmp_path):
    runner = Runner(cache=AnalysisCache(tmp_path / "cache.sqlite3"))
    calls, release, answers = [], threading.Event(), []

    def compute():
        calls.append(1)
        release.wait(10)
        return ["theme"]

    askers = [threading.Thread(target=lambda: answers.append(runner.corpus_wide("t/v1", None, "k", compute, list,
                                                                               list))) for _ in range(4)]
    for asker in askers:
        asker.start()
    time.sleep(0.3)  # every asker is waiting by now: on the computation, not beside it
    release.set()
    for asker in askers:
        asker.join(10)
    assert calls == [1]
    assert answers == [["theme"]] * 4
    assert _COMPUTING == {}  # the result's lock went with its last caller


def test_a_failed_corpus_wide_result_keeps_no_lock(tmp_path):
    runner = Runner(cache=AnalysisCache(tmp_path / "cache.sqlite3"))

    def fails():
        raise OSError("disk hiccup")

    with pytest.raises(OSError):
        runner.corpus_wide("t/v1", None, "k", fails, list, list)
    assert _COMPUTING == {}
    assert runner.corpus_wide("t/v1", None, "k", lambda: ["theme"], list, list) == ["theme"]


@pytest.fixture
def folder(make_corpus):
    """The sample articles without their topics.toml: themes are what the Topics page would show."""
    return make_corpus({p.name: p.read_text(encoding="utf-8") for p in sorted(SAMPLE_DIR.glob("*.txt"))})


def _fresh(monkeypatch, cache):
    """The warm-up's state as in a new server, over ``cache``."""
    monkeypatch.setattr(warmup, "WARM_FROM_ARTICLES", 2)
    monkeypatch.setattr(warmup, "_running", {})
    monkeypatch.setattr(warmup, "_seen", set())
    monkeypatch.setattr(warmup, "_load", {"pages": 0, "waiting": 0})
    monkeypatch.setattr(warmup.compute, "shared_cache", lambda: cache)


def _warm(monkeypatch, corpus, cache):
    _fresh(monkeypatch, cache)
    return warmup.start(corpus)


def _cached_themes(corpus, runner):
    def not_cached():
        raise AssertionError("the themes were not in the cache")

    return runner.corpus_wide(task_name(suggest_themes), ThemeSettings(), corpus.key, not_cached, list, tuple)


def test_the_warmup_leaves_the_themes_the_page_would_compute(folder, tmp_path, monkeypatch):
    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    runner = Runner(cache=cache)
    runner.ensure_all([(article_sentence_stems, None), (article_keywords, KeywordSettings())], folder.articles)
    assert themes_inputs_cached(folder, runner)
    assert _warm(monkeypatch, folder, cache).result(timeout=300) is True  # in a worker process of its own
    assert warmup.start(folder) is None  # once per folder and server
    warmup.wait(folder)
    expected = topics.suggest_topics(folder, runner=Runner(cache=None))
    assert expected
    assert [name for name, _ in _cached_themes(folder, runner)] == [name for name, _ in expected]
    assert topics.suggest_topics(folder, runner=runner) == expected


def test_no_warmup_without_the_inputs_cached_or_with_a_topics_file(folder, sample_corpus, tmp_path, monkeypatch):
    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    assert _warm(monkeypatch, folder, cache).result(timeout=300) is False  # the inputs are missing: left to the page
    with pytest.raises(AssertionError, match="not in the cache"):
        _cached_themes(folder, Runner(cache=cache))
    assert sample_corpus.topics_toml and _warm(monkeypatch, sample_corpus, cache) is None


def test_each_corpus_is_looked_at_once_per_process(folder, tmp_path, monkeypatch):
    """start() runs after every page: past the first call for a corpus it reads nothing, not even the cache."""
    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    assert _warm(monkeypatch, folder, cache).result(timeout=300) is False

    def no_more():
        raise AssertionError("start() looked at the corpus again")

    monkeypatch.setattr(warmup.compute, "shared_cache", no_more)
    assert warmup.start(folder) is None


def _stopped(pid: int) -> bool:
    """Whether the process is stopped (SIGSTOP), as /proc says once the signal has been delivered."""
    deadline = time.monotonic() + 5
    while Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "T":
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@contextmanager
def _started_while_a_page_runs(monkeypatch, folder, tmp_path):
    """(the warm-up's future, its process, the cache), inside a page run: started then, it is paused before it has
    computed the themes."""
    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    Runner(cache=cache).ensure_all([(article_sentence_stems, None), (article_keywords, KeywordSettings())],
                                   folder.articles)
    _fresh(monkeypatch, cache)
    with warmup.page_running():
        future = warmup.start(folder)
        warm = warmup._running[folder.key]
        assert _stopped(warm.process.pid)
        assert warm.pausable.value == 1  # not while it said it reads the cache
        yield future, warm.process, cache


def test_the_warmup_waits_while_a_page_is_computed(folder, tmp_path, monkeypatch):
    with _started_while_a_page_runs(monkeypatch, folder, tmp_path) as (future, process, cache):
        time.sleep(1.0)
        assert _stopped(process.pid) and not future.done()
    assert future.result(timeout=300) is True  # no page running: it went on, and its themes were stored
    assert [name for name, _ in _cached_themes(folder, Runner(cache=cache))]


def test_a_page_waiting_for_the_themes_lets_the_warmup_run(folder, tmp_path, monkeypatch):
    with _started_while_a_page_runs(monkeypatch, folder, tmp_path) as (future, _, _):
        with warmup.page_running():  # the Topics page, in another session: it waits for the themes
            waiter = threading.Thread(target=warmup.wait, args=(folder,))
            waiter.start()
            waiter.join(300)
            assert not waiter.is_alive()
        assert future.result(timeout=1) is True


def test_without_job_control_signals_the_warmup_is_never_paused(monkeypatch):
    # Windows has no SIGSTOP: a page run must go on as if there were no warm-up, never raise.
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        warm = warmup._Warmup.__new__(warmup._Warmup)
        warm.process, warm.paused, warm.answered = sleeper, False, False
        monkeypatch.setattr(warmup, "CAN_PAUSE", False)
        warm.hold(True)
        time.sleep(0.2)
        state = Path(f"/proc/{sleeper.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        assert not warm.paused and state != "T"
    finally:
        sleeper.kill()
        sleeper.wait()
