"""The suggested themes, started in the background once a page has run, so Topics opens on them.

The index fills the per-article results every page starts from. The suggested
themes are corpus-wide (NMF fits that choose their number: most of Topics'
first visit on BBC's 2,225 articles), and computing them in the index would
cost it about a tenth of plain YAKE more, cold. So when a page of a large
folder without topics.toml has run, the app computes them in a process apart
(:func:`analysis.background.suggest_themes_apart`) and stores what it sends
back in the on-disk cache. The Topics page waits for that computation if it
is still running (:func:`wait`), then reads the themes back from the cache.

The warm-up yields to the pages: while any page is being computed
(:func:`page_running`, around every run in app.py) the process is paused
(SIGSTOP), but never while it reads its inputs from the cache (then it could
hold the file's lock), and it goes on when no page is. On two cores it otherwise takes one
from the page a visitor waits for (Actors' first visit on BBC, right after
`storylens index`: 10 s beside it, 6-7 s without). A page waiting for the
themes lets it run whatever else is running.
"""

from __future__ import annotations

import atexit
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

from analysis.background import suggest_themes_apart
from analysis.batch import _pool_context
from analysis.cache import AnalysisCache
from analysis.corpus import Corpus
from ui import compute

# Below this many articles the themes take about a second: the page computes them itself.
WARM_FROM_ARTICLES = 300
# Pausing needs POSIX job-control signals; where there are none (Windows) the warm-up simply runs on.
CAN_PAUSE = hasattr(signal, "SIGSTOP") and hasattr(signal, "SIGCONT")
# How often a running warm-up is looked at, to be paused as soon as it may be after reading its inputs.
SETTLE_SECONDS = 0.05


class _Warmup:
    """One corpus's themes computed in a process apart, stored by this one; paused on demand.

    ``future``'s result: whether the themes are in the cache (False: their
    inputs were not, the page computes them).
    """

    def __init__(self, corpus: Corpus, cache: AnalysisCache) -> None:
        context = _pool_context()
        receive, send = context.Pipe(duplex=False)
        self.future: Future[bool] = Future()
        self.paused = False
        self.answered = False  # the process has sent its rows or died: it is never signalled again
        # Cleared by the process, under the lock, while it reads the cache: see hold().
        self.pause_lock, self.pausable = context.Lock(), context.RawValue("b", 1)
        self.process = context.Process(target=suggest_themes_apart,
                                       args=(corpus, str(cache.path), send, (self.pause_lock, self.pausable)),
                                       name="storylens-themes", daemon=True)
        self.process.start()
        send.close()  # the child holds the only writing end: its exit ends recv() below
        threading.Thread(target=self._collect, args=(receive, cache), name="storylens-themes-collect",
                         daemon=True).start()

    def _collect(self, receive: Connection, cache: AnalysisCache) -> None:
        try:
            while not receive.poll(SETTLE_SECONDS):  # it may become pausable again while a page runs
                with _gate:
                    _settle()
            rows = receive.recv()
        except (EOFError, OSError) as exc:  # it died without answering
            rows = exc
        with _gate:
            self.hold(False)  # paused after sending, it must go on to exit
            self.answered = True
        try:
            if isinstance(rows, Exception):
                raise RuntimeError(f"the themes warm-up ended without an answer ({rows!r})")
            if rows:
                cache.put_rows(rows)
            self.future.set_result(rows is not None)
        except Exception as exc:  # noqa: BLE001 - kept for wait(), which leaves the themes to the page
            self.future.set_exception(exc)
        finally:
            receive.close()
            self.process.join()

    def hold(self, paused: bool) -> None:
        """Pause or resume the process (under ``_gate``, until it has answered: then its id may be reused).

        Not while it reads the cache (``pausable`` cleared): paused then, it
        could hold the file's lock, which a page's writes would wait for. The
        lock is held until the process has stopped, so that it cannot start
        reading between the check and the stop.
        """
        if paused == self.paused or self.answered or not CAN_PAUSE:
            return
        try:
            if not paused:
                os.kill(self.process.pid, signal.SIGCONT)
            else:
                with self.pause_lock:
                    if not self.pausable.value:
                        return
                    os.kill(self.process.pid, signal.SIGSTOP)
                    _wait_until_stopped(self.process.pid)
        except ProcessLookupError:  # it ended a moment ago; its collector is about to say so
            return
        self.paused = paused


def _wait_until_stopped(pid: int, timeout: float = 1.0) -> None:
    """Until /proc says the process has stopped (a signal is delivered, not received at once), at most ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("T", "t"):
                return
        except (OSError, IndexError):
            return
        time.sleep(0.001)


_running: dict[str, _Warmup] = {}  # corpus key -> the warm-up of its themes (done ones stay: started once)
_seen: set[str] = set()  # corpus keys already looked at, warmed up or not: every later page run returns at once
_guard = threading.Lock()  # one warm-up per corpus
_gate = threading.Lock()  # the counts below, and pausing
_load = {"pages": 0, "waiting": 0}  # page runs in progress; of them, pages waiting for the themes


def _settle() -> None:
    """Under ``_gate``: pause the warm-ups while a page is computed, unless a page waits for them."""
    paused = _load["pages"] > 0 and _load["waiting"] == 0
    for warm in _running.values():
        warm.hold(paused)


@contextmanager
def _counted(what: str) -> Iterator[None]:
    with _gate:
        _load[what] += 1
        _settle()
    try:
        yield
    finally:
        with _gate:
            _load[what] -= 1
            _settle()


@contextmanager
def page_running() -> Iterator[None]:
    """Around a page's run: the themes warm-up is paused until no page is being computed."""
    with _counted("pages"):
        yield


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
        warm = _Warmup(corpus, cache)
        with _gate:
            _running[key] = warm
            _settle()  # another session's page may be running already
    return warm.future


def wait(corpus: Corpus) -> None:
    """Wait for the warm-up of ``corpus``'s themes, if one is running; its failure leaves the page to compute them."""
    warm = _running.get(corpus.key)
    if warm is None:
        return
    with _counted("waiting"):
        try:
            warm.future.result()
        except Exception:  # noqa: BLE001 - the page computes the themes itself and shows any error they raise
            pass


@atexit.register
def _resume_all() -> None:
    """At exit, resume every paused warm-up: multiprocessing's own exit handler ends it, and waits for it."""
    with _gate:
        for warm in _running.values():
            warm.hold(False)
