"""Running analyses from a page: persistent cache, progress bar, cached results.

The slow part of every analysis is per article (YAKE, VADER, name finding)
and lives in the on-disk cache shared with the CLI. :func:`prepare` fills it
with a progress bar, outside any ``st.cache_*`` function (progress bars must
not be replayed from a cache); the page then calls the analysis through
``st.cache_data`` wrappers that only read what :func:`prepare` stored.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from analysis.batch import Runner, settings_key, task_name
from analysis.article_similarity import article_stems
from analysis.story.events import article_sentence_stems, find_events
from analysis.cache import AnalysisCache
from analysis.corpus import Article, Corpus

# Per-article results kept in memory when the disk cache is unavailable.
MEMORY_CACHE_ENTRIES = 20_000
# "Already complete" markers kept before starting over: far more than the
# corpora x settings one server sees, and a forgotten marker costs one lookup.
PREPARED_MARKERS = 4096


class _MemoryCache:
    """A bounded in-process stand-in for AnalysisCache (read-only disks, odd hosts).

    Sessions run on threads of one server process and share it: a lock keeps
    one session's eviction from running under another's read.
    """

    def __init__(self) -> None:
        self._items: OrderedDict[tuple[str, str, str], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, task: str, key: str, ids: Sequence[str]) -> dict[str, Any]:
        with self._lock:
            return {i: self._items[(task, key, i)] for i in ids if (task, key, i) in self._items}

    def has_many(self, task: str, key: str, ids: Sequence[str]) -> set[str]:
        with self._lock:
            return {i for i in ids if (task, key, i) in self._items}

    def put_rows(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        for task, key, article_id, text in rows:
            self.put_many(task, key, {article_id: json.loads(text)})

    def put_many(self, task: str, key: str, items: dict[str, Any]) -> None:
        with self._lock:
            for article_id, value in items.items():
                self._items[(task, key, article_id)] = value
            while len(self._items) > MEMORY_CACHE_ENTRIES:
                self._items.popitem(last=False)


@st.cache_resource
def shared_cache() -> AnalysisCache | _MemoryCache:
    cache = AnalysisCache()
    return _MemoryCache() if cache.disabled_reason else cache


def runner() -> Runner:
    """A runner over the shared cache, for work :func:`prepare` has already done."""
    return Runner(cache=shared_cache())


@st.cache_resource
def _prepared() -> set[tuple[str, str, str]]:
    # (task, settings, corpus key) already known to be complete in the cache.
    return set()


def corpus_key(corpus: Corpus) -> str:
    """:attr:`Corpus.key`: what Streamlit's caches are keyed by (a Corpus itself is not hashed)."""
    return corpus.key


def prepare(func: Callable[[Article, Any], Any], corpus: Corpus, settings: Any, what: str) -> None:
    """Make sure ``func`` has run on every article, showing progress while it does."""
    prepare_once((task_name(func), settings_key(settings), corpus_key(corpus)), what,
                 lambda runner: runner.ensure(func, corpus.articles, settings))


def prepare_once(marker: tuple[str, str, str], what: str, work: Callable[[Runner], Any]) -> None:
    """Run ``work`` (filling the disk cache through the runner it is given) once per ``marker``, with progress."""
    done = _prepared()
    if marker in done:
        return
    bar = st.empty()

    def report(finished: int, total: int) -> None:
        if finished < total:
            bar.progress(finished / total, text=f"{what}: {finished} of {total} articles")

    work(Runner(cache=shared_cache(), progress=report))
    bar.empty()
    if len(done) >= PREPARED_MARKERS:
        done.clear()
    done.add(marker)


@st.cache_data(max_entries=16, ttl=3600, show_spinner="Grouping the articles into stories…")
def _events(key: str, _corpus: Corpus) -> pd.DataFrame:
    del key  # names the articles; _corpus is not hashed
    return find_events(_corpus, runner=runner())


def events(corpus: Corpus) -> pd.DataFrame:
    """Which story (event) each article of ``corpus`` belongs to: ``analysis.story.events.find_events``."""
    prepare(article_stems, corpus, None, "Reading vocabulary")
    prepare(article_sentence_stems, corpus, None, "Reading sentences")
    return _events(corpus_key(corpus), corpus)


def events_in_play(full: Corpus, in_play: Corpus) -> pd.DataFrame:
    """The stories of the whole corpus, restricted to the articles in play.

    Stories are always found over the whole corpus, so their ids are the
    sidebar's and ``storylens events``' whatever is in play; ``size`` stays
    the whole story's.
    """
    found = events(full)
    held = {a.path for a in in_play.articles}
    return found[found["article"].isin(held)].reset_index(drop=True)
