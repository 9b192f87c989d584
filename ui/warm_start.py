"""Getting the server ready for its first visitor before that visitor's browser asks for a page.

Started from ``serve.py`` when the server starts. A browser opening the app
first loads Streamlit's own code (1-2 s on this machine), and only then asks
for the first page; until then the server is idle. Streamlit runs the page
script only when a browser asks, so without this the first visitor waits for
everything the first page needs, one step after another: importing pandas and
our analysis modules (~1 s), then reading the operator's corpus and grouping it
into stories. Here that work runs in a thread at server start, into the same
caches the pages read, so the first page finds it done (or half done: the
caches make a page wait for a computation in flight rather than repeat it).

Nothing here draws: no script is running, so there is nowhere to draw to.
"""

from __future__ import annotations

import logging
import sys
import threading

_LOG = logging.getLogger(__name__)
THREAD_NAME = "storylens-warm-start"
SWITCH_INTERVAL_S = 0.0005


class _NoScriptHere(logging.Filter):
    """Streamlit warns that a cache is used outside a script run ("missing ScriptRunContext"): here, by design."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD_NAME


def start() -> threading.Thread:
    """Warm up in a daemon thread (it never holds the server's shutdown)."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_NoScriptHere())
    thread = threading.Thread(target=warm_up, name=THREAD_NAME, daemon=True)
    thread.start()
    return thread


def warm_up() -> None:
    """Import what the first page imports, then read the operator's corpus and its stories into the caches."""
    # While this thread imports, the server's event loop (serving Streamlit's own code to the browser) waits for
    # the interpreter lock at every step, 5 ms by default each time: the browser's page load then waited for the
    # whole warm-up (measured: loaded 1 s later than with no warm-up). Switching threads every 0.5 ms lets it in.
    before = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    try:
        # The Overview's and the sidebar's modules (views/overview.py is a script, so it cannot be imported);
        # tests/test_warm_start.py checks the first page imports nothing after this.
        from analysis import article_similarity  # noqa: F401
        from analysis.corpus import CorpusNotFound, pages, tables  # noqa: F401
        from analysis.story.events import find_events
        from ui import charts, compute, render, repl_check, sidebar, source, timeline_views  # noqa: F401

        try:
            corpus = source.load(source.operator_corpus_dir())
        except CorpusNotFound:
            return  # the sidebar says so to every visitor
        if len(corpus.articles) >= 2:
            compute.fill(find_events, corpus)
    except Exception:  # noqa: BLE001 - the first page will meet the same error and show it to its visitor
        _LOG.warning("StoryLens warm start stopped early; the first page will do the work itself", exc_info=True)
    finally:
        sys.setswitchinterval(before)
