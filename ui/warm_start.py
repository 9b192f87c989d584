"""Getting the server ready for its first visitor before that visitor's browser asks for a page.

Started from ``serve.py`` when the server starts. A browser opening the app
first loads Streamlit's own code, and only then asks for the first page; until
then the server is idle. Streamlit runs the page script only when a browser
asks, so without this the first visitor waits for everything the first page
needs, one step after another: importing pandas and our analysis modules, then
reading the operator's corpus and grouping it into stories. Here that work runs
in a thread at server start, into the same caches the pages read, so the first
page finds it done (or half done: the caches make a page wait for a
computation in flight rather than repeat it).

It must not slow what it runs beside. Measured with the browser on the same
two cores (bench/app_bench.py, and a timeline of server start, page load,
script run, page drawn): at Python's default 5 ms thread switch interval the
server's event loop, serving Streamlit's files, waited for the interpreter
lock behind the imports at every step, and the page loaded only once they were
done; and the imports took a core the browser needed. So the imports run at
the lowest CPU priority, with threads switching every 0.5 ms; the corpus is
read after them at the server's own priority.

A page that starts before the imports are done imports beside them, without
waiting: a module one thread is importing makes the other wait until it is
whole (CPython's per-module lock), and what the warm start has not reached yet
the page imports at its own priority. That is safe because our modules import
one another without a cycle (tests/test_import_cycles.py): two threads each
holding a module of one cycle, each wanting the other's, would be handed a
half-made module.

Nothing here draws: no script is running, so there is nowhere to draw to.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import threading

_LOG = logging.getLogger(__name__)
THREAD_NAME = "storylens-warm-start"
SWITCH_INTERVAL_S = 0.0005
LOWEST_PRIORITY = 19  # nice, for the imports beside the browser
_STARTED = threading.Event()


class _NoScriptHere(logging.Filter):
    """Streamlit warns that a cache is used outside a script run ("missing ScriptRunContext"): here, by design."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD_NAME


def start(loop: asyncio.AbstractEventLoop) -> threading.Thread:
    """Import the first page's modules in a daemon thread, then read the corpus in one ``loop`` starts."""
    if not _STARTED.is_set():
        logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_NoScriptHere())
    _STARTED.set()
    thread = threading.Thread(target=_imports_then_read, args=(loop,), name=THREAD_NAME, daemon=True)
    thread.start()
    return thread


def _imports_then_read(loop: asyncio.AbstractEventLoop) -> None:
    if _import(lower_priority=True):
        # A thread takes its creator's priority: the reader is started by the event loop's thread, at the
        # server's own (a process pool it starts for an unindexed folder keeps it for every later page).
        loop.call_soon_threadsafe(lambda: threading.Thread(target=read_corpus, name=THREAD_NAME, daemon=True).start())


def warm_up() -> None:
    """Both steps in this thread, at its priority (tests; a caller without an event loop)."""
    if _import(lower_priority=False):
        read_corpus()


def _import(lower_priority: bool) -> bool:
    before = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    try:
        # Their worker threads (OpenBLAS's, pyarrow's allocator's) start at import and take this thread's
        # priority for the server's life: imported before it is lowered.
        import numpy  # noqa: F401
        import pyarrow  # noqa: F401

        if lower_priority:
            _lower_this_threads_priority()
        import_first_page()
        return True
    except Exception:  # noqa: BLE001 - the first page will meet the same error and show it to its visitor
        _LOG.warning("StoryLens warm start stopped early; the first page will do the work itself", exc_info=True)
        return False
    finally:
        sys.setswitchinterval(before)


def _lower_this_threads_priority() -> None:
    try:  # Linux: a thread's own nice value (its native id as the "process")
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOWEST_PRIORITY)
    except (AttributeError, OSError):  # elsewhere it would lower the whole server: leave it
        pass


def import_first_page() -> None:
    """Import what the Overview and the sidebar import (views/overview.py is a script, so it cannot be imported).

    tests/test_warm_start.py checks the first page imports nothing after this.
    """
    from analysis import article_similarity  # noqa: F401
    from analysis.corpus import CorpusNotFound, pages, tables  # noqa: F401
    from analysis.story.events import find_events  # noqa: F401
    from ui import charts, compute, render, repl_check, sidebar, source, timeline_views  # noqa: F401


def read_corpus() -> None:
    """Read the operator's corpus and its stories into the caches the sidebar and the Overview read."""
    try:
        from analysis.corpus import CorpusNotFound
        from analysis.engine.cache import AnalysisCache
        from analysis.story.events import find_events
        from ui import compute, source

        cache = compute.shared_cache()
        # One connection for the reads and writes of both steps: a connection per call (a dozen on the samples)
        # made each close of the file's last one copy its write-ahead log back, 0.05-0.1 s the first page waited.
        with cache.held() if isinstance(cache, AnalysisCache) else contextlib.nullcontext():
            try:
                corpus = source.load(source.operator_corpus_dir())
            except CorpusNotFound:
                return  # the sidebar says so to every visitor
            if len(corpus.articles) >= 2:
                compute.fill(find_events, corpus)
    except Exception:  # noqa: BLE001 - the first page will meet the same error and show it to its visitor
        _LOG.warning("StoryLens warm start stopped early; the first page will do the work itself", exc_info=True)
