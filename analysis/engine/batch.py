"""Running one per-article analysis over many articles: cache first, then the cores.

Every expensive analysis is a module-level function ``func(article, settings)``
returning plain JSON-able data. A :class:`Runner` maps it over articles, serving
what its cache already holds and computing the rest, in a process pool when
the work is big enough to pay for one.
"""

from __future__ import annotations

import gc
import itertools
import json
import multiprocessing
import os
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from analysis.engine.cache import ResultCache
from analysis.corpus import Article
from analysis.engine.versions import task_key

Progress = Callable[[int, int], None]  # (articles done, articles in all)
T = TypeVar("T")

# Below this many uncached articles a pool costs more to start than it saves.
POOL_MIN_ARTICLES = 24
# Articles handed to a worker at once: fewer round trips, still even load.
CHUNK_SIZE = 16
# How often a worker checks that the process that started it is still alive.
PARENT_CHECK_SECONDS = 1.0
# A worker's garbage collection: a pass once this many more containers are alive, not Python's default 700.
# The analyses make and drop hundreds of thousands of small tuples, lists and dicts per batch, nearly all
# freed at once by their counts; at 700 the collector ran about twice per article and took 7 % of its CPU
# (250 BBC articles, every index task: 0.36 of 5.3 s, 487 passes), at 10,000 under 1 % (8 passes).
WORKER_GC_THRESHOLD = 10_000


def pool_context() -> multiprocessing.context.BaseContext:
    """How to start workers: fork where it is safe, else a fork server.

    Fork is quickest and needs no re-import (scripts and notebooks without a
    __main__ guard work), but forking a process with threads, such as the
    app's server, can deadlock; there a fork server that has imported the
    analyses once starts the workers.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    context = _WITHOUT_MAIN["forkserver" if "forkserver" in methods else "spawn"]
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["analysis.engine.indexing"])
    return context


# A worker started by a fork server or by spawning first re-runs the parent's __main__ script
# (multiprocessing reads its __file__). Under Streamlit, __main__ is the last page script run
# (Streamlit swaps it in and leaves it), so every worker would run a page, outside any session; a
# script that cannot run that way kills the worker and breaks the pool. The workers only run the
# module-level functions of analysis/, which never live in __main__, so the parent's __main__ is
# hidden while a worker starts. The lock keeps two starts from restoring each other's view.
_MAIN_LOCK = threading.Lock()


def _start_without_main(start: Callable[[], None]) -> None:
    with _MAIN_LOCK:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")  # no __file__: nothing to re-run
        try:
            start()
        finally:
            if main is not None:
                sys.modules["__main__"] = main


class _HidesMain:
    """A worker process that starts with the parent's __main__ hidden (see :func:`_start_without_main`)."""

    def start(self) -> None:
        _start_without_main(super().start)  # type: ignore[misc]


class _SpawnProcess(_HidesMain, multiprocessing.context.SpawnProcess):
    pass


class _SpawnContext(multiprocessing.context.SpawnContext):
    Process = _SpawnProcess


_WITHOUT_MAIN: dict[str, multiprocessing.context.BaseContext] = {"spawn": _SpawnContext()}
if "forkserver" in multiprocessing.get_all_start_methods():  # not on Windows

    class _ForkServerProcess(_HidesMain, multiprocessing.context.ForkServerProcess):
        pass

    class _ForkServerContext(multiprocessing.context.ForkServerContext):
        Process = _ForkServerProcess

    _WITHOUT_MAIN["forkserver"] = _ForkServerContext()


def default_workers() -> int:
    """Cores this process may use (respects CPU affinity, e.g. in containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def task_name(func: Callable[..., Any]) -> str:
    """The name ``func``'s results are cached under: its own, and the version of what it is computed from."""
    return task_key(f"{func.__module__}.{func.__qualname__}")


def settings_key(settings: Any) -> str:
    """What of ``settings`` names a per-article result in the cache.

    A settings object may narrow this with a ``per_article`` property when
    some of its fields only shape what is shown (how many rows, say), so
    changing those reuses the cached work.
    """
    return repr(getattr(settings, "per_article", settings))


def watch_parent() -> None:
    """In a worker: exit when the process that started it is gone.

    A killed `storylens index` (Ctrl-C twice, SIGKILL, a closed terminal)
    would otherwise leave its workers waiting for work forever.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="storylens-parent-watch").start()


def start_worker() -> None:
    """A pool worker's start: it watches its parent, and collects garbage less often (:func:`fewer_collections`)."""
    watch_parent()
    _collect_less()


def _collect_less() -> tuple[int, ...]:
    """Collect garbage at :data:`WORKER_GC_THRESHOLD`, the objects alive now frozen; returns the old thresholds.

    Frozen (:func:`gc.freeze`), the objects alive now (modules, models, the
    folder) are never walked by the collector again; they are still freed
    when nothing holds them, only a cycle among them would stay.
    """
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD, *old[1:])
    return old


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Within: garbage collected as in a pool worker (:func:`start_worker`); after, as before."""
    old = _collect_less()
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def _run_jobs(jobs, chunk: list[tuple[Article, tuple[int, ...]]]) -> list[tuple[int, str, str]]:
    """In a worker: every wanted job on every article of the chunk, results as JSON text."""
    out = []
    for article, wanted in chunk:
        for job in wanted:
            func, settings = jobs[job]
            out.append((job, article.id, json.dumps(func(article, settings), ensure_ascii=False)))
    return out


def _run_chunk(func: Callable[[Article, Any], Any], articles: list[Article], settings: Any) -> list[Any]:
    return [func(article, settings) for article in articles]


# Per corpus-wide result being computed: its lock, and how many callers hold or wait for it. An entry
# goes when its last caller leaves: a server that sees many folders and settings keeps no lock per result.
_COMPUTING: dict[tuple[str, str, str], tuple[threading.Lock, list[int]]] = {}
_COMPUTING_GUARD = threading.Lock()


@contextmanager
def _computing(task: str, key: str, corpus_key: str) -> Iterator[None]:
    """Held while one corpus-wide result is computed in this process."""
    name = (task, key, corpus_key)
    with _COMPUTING_GUARD:
        lock, users = _COMPUTING.setdefault(name, (threading.Lock(), [0]))
        users[0] += 1
    try:
        with lock:
            yield
    finally:
        with _COMPUTING_GUARD:
            users[0] -= 1
            if not users[0]:
                del _COMPUTING[name]


@dataclass
class Runner:
    """Maps per-article analyses over articles with a cache, a pool and progress reports."""

    cache: ResultCache | None = None
    workers: int = 0  # 0: one per core
    progress: Progress | None = None
    # Per-article results served from the cache / computed, over this runner's life.
    reused: int = 0
    computed: int = 0

    def map(
        self, func: Callable[[Article, Any], Any], articles: Sequence[Article], settings: Any
    ) -> list[Any]:
        """``[func(a, settings) for a in articles]``, from the cache where possible."""
        task, key = task_name(func), settings_key(settings)
        ids = list(dict.fromkeys(a.id for a in articles))
        found = self.cache.get_many(task, key, ids) if self.cache else {}
        todo = list({a.id: a for a in articles if a.id not in found}.values())
        total = len(ids)
        done = len(ids) - len(todo)
        self.reused += done
        self.computed += len(todo)
        self.report(done, total)
        for batch in self._compute(func, todo, settings):
            fresh = {article.id: result for article, result in batch}
            found.update(fresh)
            if self.cache:
                self.cache.put_many(task, key, fresh)
            done += len(fresh)
            self.report(done, total)
        return [found[a.id] for a in articles]

    def ensure(self, func: Callable[[Article, Any], Any], articles: Sequence[Article], settings: Any) -> None:
        """Make sure the cache holds ``func``'s result for every article, reading none of them."""
        self.ensure_all([(func, settings)], articles)

    def ensure_all(self, jobs: Sequence[tuple[Callable[[Article, Any], Any], Any]],
                   articles: Sequence[Article]) -> None:
        """Make sure the cache holds every job's result for every article, in one pass.

        One pass, not one per job: each article travels to a worker once, and
        workers hand back results already encoded, so the parent process
        (which shares the cores) does little more than store them.
        """
        unique = list({a.id: a for a in articles}.values())
        keys = [(task_name(func), settings_key(settings)) for func, settings in jobs]
        ids = [a.id for a in unique]
        present = [self.cache.has_many(task, key, ids) if self.cache else set() for task, key in keys]
        wanted = [tuple(j for j in range(len(jobs)) if a.id not in present[j]) for a in unique]
        todo = [(a, w) for a, w in zip(unique, wanted) if w]
        self.reused += sum(len(p) for p in present)
        self.computed += sum(len(w) for _, w in todo)
        done = len(unique) - len(todo)
        self.report(done, len(unique))
        self._store(keys, self._chunked(_run_jobs, jobs, todo), done, len(unique))

    def corpus_wide(self, task: str, settings: Any, corpus_key: str, compute: Callable[[], T],
                    encode: Callable[[T], Any], decode: Callable[[Any], T]) -> T:
        """``compute()``, a result over a whole corpus, kept in the cache under the corpus's key.

        For cross-article analyses whose per-article parts are cached but whose
        joining still takes seconds on thousands of articles: a fresh process
        (a new server's first page, each CLI run) would pay it every time.
        ``task`` must carry a version bumped whenever the result would change.
        One computation per result at a time in a process: a second caller
        (another session) waits for it and reads it back.
        """
        key = settings_key(settings)
        found = self._stored(task, key, corpus_key, decode)
        if found:
            return found[0]
        with _computing(task, key, corpus_key):
            found = self._stored(task, key, corpus_key, decode)
            if found:
                return found[0]
            result = compute()
            if self.cache:
                self.cache.put_many(task, key, {corpus_key: encode(result)})
            return result

    def holds(self, task: str, settings: Any, corpus_key: str) -> bool:
        """Whether the cache holds the corpus-wide result :meth:`corpus_wide` would read back (not read here)."""
        return bool(self.cache) and corpus_key in self.cache.has_many(task, settings_key(settings), [corpus_key])

    def _stored(self, task: str, key: str, corpus_key: str, decode: Callable[[Any], T]) -> tuple[T] | tuple[()]:
        """(the cached corpus-wide result,) or () when the cache lacks it."""
        if self.cache:
            found = self.cache.get_many(task, key, [corpus_key])
            if corpus_key in found:
                try:
                    return (decode(found[corpus_key]),)
                except (KeyError, TypeError, ValueError):
                    pass  # an entry of another shape: compute it again
        return ()

    def _store(self, keys, finished, done: int, total: int) -> None:
        for chunk, encoded in finished:
            if self.cache:
                # One transaction per chunk for every job: commits cost the parent
                # time while the workers need the cores.
                self.cache.put_rows([(*keys[job], article_id, text) for job, article_id, text in encoded])
            done += len(chunk)
            self.report(done, total)

    def report(self, done: int, total: int) -> None:
        """Tell whoever watches this runner how far its work is (articles done, articles in all)."""
        if self.progress and total:
            self.progress(done, total)

    def _compute(self, func, todo: list[Article], settings):
        """Yield lists of (article, result) as they finish."""
        for chunk, results in self._chunked(_run_chunk, func, todo, settings):
            yield list(zip(chunk, results))

    def _chunked(self, work: Callable[..., Any], first: Any, items: list, *rest: Any):
        """Yield (chunk, work(first, chunk, *rest)) over chunks of ``items``, in order.

        In this process when the work is small, else in a pool of workers.
        """
        workers = self.workers or default_workers()
        chunks = [items[i : i + CHUNK_SIZE] for i in range(0, len(items), CHUNK_SIZE)]
        if workers <= 1 or len(items) < POOL_MIN_ARTICLES:
            for chunk in chunks:
                yield chunk, work(first, chunk, *rest)
            return
        with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=pool_context(),
                                 initializer=start_worker) as pool:
            futures = [pool.submit(work, first, chunk, *rest) for chunk in chunks]
            for chunk, future in zip(chunks, futures):
                yield chunk, future.result()


class LocalPool:
    """This machine's process pool for batch work such as `storylens index`: results as they finish.

    The same face as :class:`analysis.engine.cluster.DaskCluster` (``batch_size``,
    ``map_unordered``), so the index streams the same way on one machine or many.
    """

    def __init__(self, workers: int = 0) -> None:
        self.workers = workers or default_workers()

    def __enter__(self) -> "LocalPool":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def batch_size(self, articles: int) -> int:
        return CHUNK_SIZE

    def map_unordered(self, work: Callable[..., Any], batches: Sequence[tuple], articles: int) -> Iterator[tuple[tuple, Any]]:
        """Yield (args, work(*args)) for every batch of args, in the order they finish.

        At most two batches per worker are in flight, so finished results wait
        for the caller in bounded numbers, whatever the size of the corpus.
        """
        if self.workers <= 1 or articles < POOL_MIN_ARTICLES:
            for args in batches:
                yield args, work(*args)
            return
        queue = iter(batches)
        with ProcessPoolExecutor(max_workers=min(self.workers, len(batches)), mp_context=pool_context(),
                                 initializer=start_worker) as pool:
            pending = {pool.submit(work, *args): args for args in itertools.islice(queue, 2 * self.workers)}
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    args = pending.pop(future)
                    for more in itertools.islice(queue, 1):
                        pending[pool.submit(work, *more)] = more
                    yield args, future.result()
