"""Results for a page: an analysis computed once per corpus and arguments, its progress shown while it runs.

A page asks :func:`result` for what it shows (``compute.result(find_copies,
corpus, what="Looking for copied passages")``). The analysis runs with a
:class:`~analysis.engine.batch.Runner` over the shared on-disk cache (the CLI's), and
reports its own progress through that Runner: the per-article work as a bar,
articles done of articles in all. The result is kept by ``st.cache_data``,
keyed by the analysis, the corpus's content key and the other arguments, so a
rerun reads it back. The bar is drawn outside the cached call: Streamlit
records what a cached function draws and replays it on every hit, so a bar
drawn inside would be sent again, step by step, each time the result is read.
"""

from __future__ import annotations

import contextvars
import inspect
import threading
from collections.abc import Callable
from types import FunctionType
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from analysis.engine.batch import Runner
from analysis.engine.cache import AnalysisCache, MemoryCache, usable_cache
from analysis.corpus import Article, Corpus
from analysis.story.events import find_events
from analysis.story.in_play import stories_in_play

T = TypeVar("T")
# A bar moves in steps this wide (a share of the work): each step is a message to the browser,
# replayed on every cache hit.
PROGRESS_STEP = 0.05


@st.cache_resource
def shared_cache() -> AnalysisCache | MemoryCache:
    return usable_cache()


def runner() -> Runner:
    """A runner over the shared cache, for quick work a page does outside :func:`result`."""
    return Runner(cache=shared_cache())


def corpus_key(corpus: Corpus) -> str:
    """:attr:`Corpus.key`: what a corpus is known by in Streamlit's caches and widget keys."""
    return corpus.key


def _article_key(article: Article) -> str:
    return f"{article.path}\0{article.id}"


def _layer_key(layer: Any) -> object:  # an analysis.actors.ActorLayer
    return layer.key or (layer.actors, layer.types, layer.mentions, layer.quotes)


def _function_key(func: FunctionType) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def result(analysis: Callable[..., T], *args: Any, what: str, **options: Any) -> T:
    """``analysis(*args, **options, runner=...)``, computed once per arguments, its progress shown as ``what``.

    A :class:`Corpus` among the arguments is known by its content key, an
    :class:`Article` by its path and content hash; other arguments (settings,
    lexicons, frames) by their value. An analysis with no ``runner``
    parameter (no per-article work to cache or report) is called without one.
    """
    bar = st.empty()
    # The bar is drawn in the context of this call, where Streamlit records nothing: inside the cached
    # function its context says "in a cached function", and every element drawn there is kept for replay.
    outside = contextvars.copy_context()
    shown = [-1.0]

    def report(done: int, total: int) -> None:
        share = done / total
        if share - shown[0] >= PROGRESS_STEP or done == total:
            shown[0] = share
            outside.run(bar.progress, share,
                        text=f"{what}: {done} of {total} articles" if done < total else f"{what}…")

    def follow(done: int, total: int) -> None:
        text = f"{what}: {done} of {total} articles" if total else f"{what}…"
        bar.progress(done / total if total else 0.0, text=text)

    options_key = tuple(sorted(options.items()))
    try:
        # Computed ahead by fill() in another thread (the warm start on a big unindexed folder): this call
        # would wait for it with nothing on screen, so its progress is shown until it is done.
        follow_fill(analysis, args, options_key, follow)
        return _cached(analysis, args, options_key, report)
    finally:
        bar.empty()


def fill(analysis: Callable[..., T], *args: Any, **options: Any) -> T:
    """:func:`result` without a bar: what a page would compute, computed ahead where no page is being drawn.

    Its progress is kept where :func:`result` finds it, for a page that asks
    for the same result meanwhile.
    """
    options_key = tuple(sorted(options.items()))
    key = _fill_key(analysis, args, options_key)
    _FILLING[key] = (0, 0)

    def keep(done: int, total: int) -> None:
        _FILLING[key] = (done, total)

    try:
        return _cached(analysis, args, options_key, keep)
    finally:
        with _FILL_DONE:
            _FILLING.pop(key, None)
            _FILL_DONE.notify_all()


# fill()'s runs in progress, by analysis and arguments: articles done and in all. A dict's single get and
# set are atomic; a run leaves it under _FILL_DONE, which wakes the pages waiting on it.
_FILLING: dict[tuple, tuple[int, int]] = {}
_FILL_DONE = threading.Condition()
# How often a page waiting on fill() redraws its bar (a message to the browser each time). Also how long it
# waits before its first bar, as Streamlit's spinner does: a shorter wait flashes a bar, whose browser code
# is loaded for it (the warm start's last step often ends a moment after the first page asks for it).
FILL_POLL_S = 0.5


def _fill_key(analysis: Callable[..., Any], args: tuple, options: tuple) -> tuple:
    return (_function_key(analysis), tuple(corpus_key(a) if isinstance(a, Corpus) else a for a in args), options)


def follow_fill(analysis: Callable[..., Any], args: tuple, options: tuple, show: Callable[[int, int], None]) -> None:
    """While :func:`fill` computes this result in another thread, pass its progress to ``show`` (done, total).

    ``show`` is called every FILL_POLL_S, the first time after FILL_POLL_S;
    ``total`` is 0 until the fill's first report. Returns as soon as the fill
    is done, at once when no fill is computing this result.
    """
    def done() -> bool:
        return _filling(analysis, args, options) is None

    while not done():
        with _FILL_DONE:
            if _FILL_DONE.wait_for(done, timeout=FILL_POLL_S):
                return
        # Drawn at every poll, changed or not: Streamlit acts on a visitor's stop or rerun only when the
        # script draws, and a fill can sit on one count for a while.
        if (progress := _filling(analysis, args, options)) is not None:
            show(*progress)


def _filling(analysis: Callable[..., Any], args: tuple, options: tuple) -> tuple[int, int] | None:
    """fill()'s progress on this very result, or None when no fill() is computing it."""
    if not _FILLING:
        return None
    try:
        return _FILLING.get(_fill_key(analysis, args, options))
    except TypeError:  # a frame or a list among the arguments: unhashable, and never filled ahead
        return None


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False,
               hash_funcs={Corpus: corpus_key, Article: _article_key, FunctionType: _function_key,
                           # by name: importing the actors package here would slow every first page
                           "analysis.actors.evidence.ActorLayer": _layer_key})
def _cached(analysis: Callable[..., T], args: tuple, options: tuple,
            _report: Callable[[int, int], None]) -> T:  # _report: a leading underscore keeps it out of the key
    if "runner" in inspect.signature(analysis).parameters:
        options = (*options, ("runner", Runner(cache=shared_cache(), progress=_report)))
    return analysis(*args, **dict(options))


def events(corpus: Corpus) -> pd.DataFrame:
    """Which story (event) each article of ``corpus`` belongs to: ``analysis.story.events.find_events``."""
    return result(find_events, corpus, what="Grouping the articles into stories")


def events_in_play(full: Corpus, in_play: Corpus) -> pd.DataFrame:
    """The stories of the whole corpus, restricted to the articles in play.

    Stories are always found over the whole corpus, so their ids are the
    sidebar's and ``storylens events``' whatever is in play; ``size`` stays
    the whole story's.
    """
    return stories_in_play(events(full), in_play)
