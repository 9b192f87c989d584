"""Load-once state is thread-safe and written one way: Streamlit serves every visitor on a thread."""

from __future__ import annotations

import ast
import importlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from analysis.engine._once import LOADERS, load_once
from analysis.text.wordnet import NOUNS_PATH, TABLE_PATH

ANALYSIS = Path(__file__).resolve().parents[1] / "analysis"
THREADS = 8

# Every model or table read once per process, by module and name, with the arguments it is called with.
EXPECTED = {
    "analysis.models.ner.name_finder": (),
    "analysis.models.target_sentiment._model": (),
    "analysis.models.target_features.vader_lexicon": (),
    "analysis.models.paragraph_words.shipped_words": (),
    "analysis.actors.sentiment._analyzer": (),
    "analysis.actors.names.nicknamer": (),
    "analysis.actors.agreement.load_agreement": (),
    "analysis.actors.agreement._newsmtsc": (),
    "analysis.text.wordnet._read_nouns": (str(NOUNS_PATH),),
    "analysis.text.wordnet._read_table": (str(TABLE_PATH),),
    "analysis.text.wordnet._read_proper_nouns": (str(TABLE_PATH),),
    "analysis.engine.cache.library_versions": (),
    "analysis.engine.cache.shipped_data_digest": (),
}


def _all_at_once(call, threads: int = THREADS) -> list:
    """``call()`` from ``threads`` threads released together by a barrier; their results."""
    barrier = threading.Barrier(threads)

    def run():
        barrier.wait()
        return call()

    with ThreadPoolExecutor(threads) as pool:
        return [f.result() for f in [pool.submit(run) for _ in range(threads)]]


def _loaders() -> dict[str, object]:
    for name in {n.rsplit(".", 1)[0] for n in EXPECTED}:
        importlib.import_module(name)
    return {f"{loader.__module__}.{loader.__qualname__}": loader for loader in LOADERS}


def test_every_shipped_model_and_table_has_a_loader_that_loads_once():
    assert set(EXPECTED) <= set(_loaders())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_loaders_are_safe_under_threads(name):
    loader = _loaders()[name]
    loader.forget()
    results = _all_at_once(lambda: loader(*EXPECTED[name]))
    assert loader.loads == 1, f"{name} loaded {loader.loads} times by {THREADS} threads at once"
    assert all(r is results[0] for r in results), f"{name} gave the threads different objects"
    assert loader(*EXPECTED[name]) is results[0] and loader.loads == 1


def test_a_slow_load_runs_once_and_every_thread_waits_for_it():
    @load_once
    def slow() -> object:
        time.sleep(0.2)  # long enough for every thread to arrive while it runs
        return object()

    results = _all_at_once(slow)
    assert slow.loads == 1
    assert len({id(r) for r in results}) == 1


def test_a_failed_load_is_not_kept_and_each_argument_loads_once():
    attempts = []

    @load_once
    def flaky(name: str) -> str:
        attempts.append(name)
        if len(attempts) == 1:
            raise OSError("disk hiccup")
        return name.upper()

    with pytest.raises(OSError):
        flaky("a")
    assert flaky("a") == "A" and flaky("a") == "A"
    assert flaky("b") == "B"
    assert attempts == ["a", "a", "b"]


def test_load_once_state_is_written_one_way():
    """No module of analysis/ keeps lazy state by `global` or a one-entry lru_cache: @load_once does."""
    found = []
    for path in sorted(ANALYSIS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                found.append(f"{path.name}:{node.lineno} global {', '.join(node.names)}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "lru_cache":
                size = next((k.value for k in node.keywords if k.arg == "maxsize"), None)
                if isinstance(size, ast.Constant) and size.value == 1:
                    found.append(f"{path.name}:{node.lineno} lru_cache(maxsize=1)")
            if isinstance(node, ast.ImportFrom) and node.module == "functools" and \
                    any(alias.name == "cache" for alias in node.names):
                found.append(f"{path.name}:{node.lineno} functools.cache")
    assert not found, found
