"""Corpus-wide results computed in a process apart: the app's warm-up of the suggested themes.

A thread in the server would hold the interpreter lock against the pages
being drawn (the Actors page's first visit on BBC took half as long again
beside it); a process of its own, its linear algebra held to one thread,
takes one core and leaves the other to the pages (on BBC one thread is also
twice as fast as the default threads, and gives the same themes). Not niced:
on a busy machine a niced warm-up starved, and the Topics page waited for it
longer than it would have computed alone (34.9 s against 7.0 s). Instead the
server pauses it while a page is computed (ui/warmup.py). So that a pause can
come at any moment, the process writes nothing to the on-disk cache (a paused
writer would hold the lock the page's own writes wait for): it reads its
inputs there and sends what it would store back to the server, which stores it.
"""

from __future__ import annotations

from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from analysis.batch import Runner, settings_key, task_name
from analysis.cache import AnalysisCache, json_rows
from analysis.corpus import Corpus

Row = tuple[str, str, str, str]  # (task, settings key, id, JSON text), as AnalysisCache.put_rows stores


def themes_inputs_cached(corpus: Corpus, runner: Runner) -> bool:
    """Whether the cache holds, for every article, the per-article results the themes read."""
    from analysis.keywords import KeywordSettings, article_keywords
    from analysis.story.events import article_sentence_stems

    if runner.cache is None:
        return False
    ids = list({a.id for a in corpus.articles})
    return all(len(runner.cache.has_many(task_name(func), settings_key(settings), ids)) == len(ids)
               for func, settings in ((article_sentence_stems, None), (article_keywords, KeywordSettings())))


class _ReadOnly:
    """The on-disk cache to read from; what is written to it is kept as rows, for another process to store."""

    def __init__(self, cache: AnalysisCache) -> None:
        self._cache = cache
        self.rows: list[Row] = []

    def get_many(self, task: str, settings_key: str, ids: Sequence[str]) -> dict[str, Any]:
        return self._cache.get_many(task, settings_key, ids)

    def has_many(self, task: str, settings_key: str, ids: Sequence[str]) -> set[str]:
        return self._cache.has_many(task, settings_key, ids)

    def put_many(self, task: str, settings_key: str, items: dict[str, Any]) -> None:
        self.rows += json_rows(task, settings_key, items)

    def put_rows(self, rows: Sequence[Row]) -> None:
        self.rows += rows


def themes_rows(corpus: Corpus, cache_path: str) -> list[Row] | None:
    """The themes of ``corpus`` as the cache rows to store ([] when already stored); None when inputs are missing.

    Missing inputs are left to the page, which computes them with its progress
    bar: no hidden minutes of work here.
    """
    from threadpoolctl import threadpool_limits  # scikit-learn's own dependency

    from analysis import topics

    reads = _ReadOnly(AnalysisCache(cache_path))
    runner = Runner(cache=reads)
    if not themes_inputs_cached(corpus, runner):
        return None
    with threadpool_limits(1):
        topics.suggest_topics(corpus, runner=runner)
    return reads.rows


def suggest_themes_apart(corpus: Corpus, cache_path: str, send: Connection) -> None:
    """In a process of its own: :func:`themes_rows`, sent through ``send`` (an error ends it without sending)."""
    try:
        send.send(themes_rows(corpus, cache_path))
    finally:
        send.close()
