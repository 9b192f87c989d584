"""Load-once state, one way: a model or table read on first use, once per process, whatever the threads.

Streamlit serves every session on a thread of one process, so two visitors can
ask for the name finder at the same moment. ``@load_once`` reads it under a
lock, with double-checked locking: once loaded, a call is one dict lookup and
takes no lock (the name finder is asked for per article). A loader that raises
keeps nothing, so the next call tries again: a transient read error does not
poison the process, and every caller sees the error rather than a stale None.

Why not ``functools.cache``/``lru_cache``: they keep their own table safe across
threads but do not hold a lock while the function runs, so threads that miss
together all load (two name finders: twice the time and memory, and callers
holding different objects). Memos of pure functions (a word's stem, a compiled
pattern for some terms, yake extractors per settings) stay ``lru_cache``: there a
second computation is harmless, gives an equal value, and the bound matters.

Every loader is listed in :data:`LOADERS` (tests run them all from many
threads at once); :meth:`Loader.forget` drops what one holds, for tests.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["LOADERS", "Loader", "load_once"]

T = TypeVar("T")

LOADERS: list[Loader] = []


class Loader(Generic[T]):
    """``func`` called at most once per distinct positional arguments, under a lock; see the module."""

    def __init__(self, func: Callable[..., T]) -> None:
        functools.update_wrapper(self, func)
        self._func = func
        self._values: dict[tuple[Hashable, ...], T] = {}
        self._lock = threading.Lock()
        self.loads = 0  # calls of ``func`` so far (tests check it stays at one per key)
        LOADERS.append(self)

    def __call__(self, *args: Hashable) -> T:
        try:
            return self._values[args]  # loaded: no lock
        except KeyError:
            pass
        with self._lock:
            if args not in self._values:  # another thread may have loaded it while this one waited
                self.loads += 1
                self._values[args] = self._func(*args)
            return self._values[args]

    def forget(self) -> None:
        """Drop what was loaded, so the next call loads again (tests)."""
        with self._lock:
            self._values.clear()
            self.loads = 0

    def __repr__(self) -> str:
        return f"<load_once {self.__module__}.{self.__qualname__}>"


def load_once(func: Callable[..., T]) -> Loader[T]:
    """Decorate a loader of a model or table (positional, hashable arguments): see the module docstring."""
    return Loader(func)
