"""The suggested themes, started in the background once a page has run, so Topics opens on them.

The index fills the per-article results every page starts from. The suggested
themes are corpus-wide (NMF fits that choose their number: most of Topics'
first visit on BBC's 2,225 articles), and computing them in the index would
cost it about a tenth of plain YAKE more, cold. So when a page of a large
folder without topics.toml has run, the app computes them in a
process apart (:func:`analysis.background.suggest_themes_apart`), into the
on-disk cache. The Topics page waits for that computation if it is still
running (:func:`wait`), then reads the themes back from the cache.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ProcessPoolExecutor

from analysis.background import suggest_themes_apart
from analysis.batch import _pool_context
from analysis.cache import AnalysisCache
from analysis.corpus import Corpus
from ui import compute

# Below this many articles the themes take about a second: the page computes them itself.
WARM_FROM_ARTICLES = 300

_running: dict[str, Future] = {}  # corpus key -> the warm-up of its themes (done ones stay: started once)
_seen: set[str] = set()  # corpus keys already looked at, warmed up or not: every later page run returns at once
_guard = threading.Lock()


def start(corpus: Corpus) -> Future | None:
    """Start the themes of ``corpus`` (the whole folder in play) apart, once per folder and server; the computation, if started.

    Called after every page run, so it decides once per corpus and process:
    later calls cost a set lookup. Nothing heavy is imported here: the first
    page stays as light as it is (tests/test_first_screen.py); the process
    apart imports what the themes need.
    """
    key = corpus.key
    if key in _seen:
        return None
    _seen.add(key)
    cache = compute.shared_cache()
    if corpus.topics_toml or len(corpus.articles) < WARM_FROM_ARTICLES or not isinstance(cache, AnalysisCache):
        return None
    with _guard:
        if key in _running:
            return None
        pool = ProcessPoolExecutor(max_workers=1, mp_context=_pool_context())
        future = _running[key] = pool.submit(suggest_themes_apart, corpus, str(cache.path))
    future.add_done_callback(lambda _: pool.shutdown(wait=False))
    return future


def wait(corpus: Corpus) -> None:
    """Wait for the warm-up of ``corpus``'s themes, if one is running; its failure leaves the page to compute them."""
    future = _running.get(corpus.key)
    if future is not None:
        try:
            future.result()
        except Exception:  # noqa: BLE001 - the page computes the themes itself and shows any error they raise
            pass
