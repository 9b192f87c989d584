"""A corpus-wide result (the themes, the stories): one computation however many sessions ask at once."""

from __future__ import annotations

import threading
import time

import pytest

from analysis.engine.batch import _COMPUTING, Runner
from analysis.engine.cache import AnalysisCache


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
