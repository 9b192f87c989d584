"""Corpus-wide results computed in a process apart: the app's warm-up of the suggested themes.

A thread in the server would hold the interpreter lock against the pages
being drawn (the Actors page's first visit on BBC took half as long again
beside it); a process of its own, its linear algebra held to one thread,
takes one core and leaves the other to the pages (on BBC one thread is also
twice as fast as the default threads, and gives the same themes). Not niced:
on a busy machine a niced warm-up starved, and the Topics page waited for it
longer than it would have computed alone (34.9 s against 7.0 s). It writes to
the same on-disk cache, where the page reads the result.
"""

from __future__ import annotations

from analysis.batch import Runner, settings_key, task_name
from analysis.cache import AnalysisCache
from analysis.corpus import Corpus


def themes_inputs_cached(corpus: Corpus, runner: Runner) -> bool:
    """Whether the cache holds, for every article, the per-article results the themes read."""
    from analysis.keywords import KeywordSettings, article_keywords
    from analysis.story.events import article_sentence_stems

    if runner.cache is None:
        return False
    ids = list({a.id for a in corpus.articles})
    return all(len(runner.cache.has_many(task_name(func), settings_key(settings), ids)) == len(ids)
               for func, settings in ((article_sentence_stems, None), (article_keywords, KeywordSettings())))


def suggest_themes_apart(corpus: Corpus, cache_path: str) -> bool:
    """In a worker process: the themes of ``corpus`` into the cache at ``cache_path``; False when inputs are missing.

    Missing inputs are left to the page, which computes them with its progress
    bar: no hidden minutes of work here.
    """
    from threadpoolctl import threadpool_limits  # scikit-learn's own dependency

    from analysis import topics

    runner = Runner(cache=AnalysisCache(cache_path))
    if not themes_inputs_cached(corpus, runner):
        return False
    with threadpool_limits(1):
        topics.suggest_topics(corpus, runner=runner)
    return True
