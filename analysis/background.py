"""Corpus-wide results computed in a process apart: the app's warm-up of the suggested themes.

A thread in the server would hold the interpreter lock against the pages
being drawn (the Actors page's first visit on BBC took half as long again
beside it); a process of its own, its linear algebra held to one thread,
takes one core and leaves the other to the pages (on BBC one thread is also
twice as fast as the default threads, and gives the same themes). Not niced:
on a busy machine a niced warm-up starved, and the Topics page waited for it
longer than it would have computed alone (34.9 s against 7.0 s). Instead the
server pauses it while a page is computed (ui/warmup.py), at any moment but
while it reads its inputs into memory, the only time it touches a file (paused
while checkpointing the cache as its last reader closes, it would hold the
lock a page's writes wait for, 30 s each). It sends what it would store back
to the server, which stores it.
"""

from __future__ import annotations

from multiprocessing.connection import Connection
from typing import Any

from analysis.batch import Runner, settings_key, task_name
from analysis.cache import AnalysisCache, MemoryCache, json_rows
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


def themes_rows(corpus: Corpus, cache_path: str, pause: Any = None) -> list[Row] | None:
    """The themes of ``corpus`` as the cache rows to store ([] when already stored); None when inputs are missing.

    Missing inputs are left to the page, which computes them with its progress
    bar: no hidden minutes of work here. ``pause``, when given, is the
    server's (lock, pausable byte): the process may be paused while the byte
    is set. It is cleared, under the lock, while the inputs are read into
    memory from the on-disk cache, the only time the process touches a file
    (even a reader, the last to close, checkpoints the file under its write lock).
    """
    from threadpoolctl import threadpool_limits  # scikit-learn's own dependency

    from analysis.keywords import KeywordSettings, article_keywords
    from analysis.story.events import article_sentence_stems
    from analysis.themes import ThemeSettings, suggest_themes

    if pause is not None:
        with pause[0]:  # the server pauses this process only under the lock, and only while the byte is set
            pause[1].value = 0
    disk = AnalysisCache(cache_path)
    ids = list({a.id for a in corpus.articles})
    memory = MemoryCache(entries=2 * len(ids) + 1)
    for func, settings in ((article_sentence_stems, None), (article_keywords, KeywordSettings())):
        task, key = task_name(func), settings_key(settings)
        found = disk.get_many(task, key, ids)
        if len(found) < len(ids):
            return None
        memory.put_many(task, key, found)
    themes = task_name(suggest_themes), settings_key(ThemeSettings())
    if disk.get_many(*themes, [corpus.key]):
        return []
    if pause is not None:
        pause[1].value = 1
    with threadpool_limits(1):
        suggest_themes(corpus, ThemeSettings(), runner=Runner(cache=memory))
    return json_rows(*themes, memory.get_many(*themes, [corpus.key]))


def suggest_themes_apart(corpus: Corpus, cache_path: str, send: Connection, pause: Any = None) -> None:
    """In a process of its own: :func:`themes_rows`, sent through ``send`` (an error ends it without sending)."""
    try:
        send.send(themes_rows(corpus, cache_path, pause))
    finally:
        send.close()
