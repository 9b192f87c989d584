"""The persistent per-article analysis cache, shared by the app and the CLI.

One SQLite file under the user's cache directory (``STORYLENS_CACHE_DIR``
overrides it). An entry is keyed by the analysis, its settings, the versions of
the code and libraries that produced it, and the article's content hash: edit
one article and only it is recomputed; upgrade YAKE and everything is.

SQLite gives us what a folder of files would make us build by hand: atomic
commits (a killed run leaves whole entries or none), and many readers with
writers from other processes (WAL mode, a busy timeout). Anything unreadable
is treated as missing and recomputed, never fatal.

The file is bounded (``STORYLENS_CACHE_MAX_MB``, default 1 GB): past the
bound, entries from other library versions go first, then the oldest
written, so a long-running demo that sees many uploads stops growing.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import platformdirs

from analysis.engine._once import load_once

CACHE_ENV = "STORYLENS_CACHE_DIR"
CACHE_MAX_ENV = "STORYLENS_CACHE_MAX_MB"
CACHE_FILE = "analysis-cache.sqlite3"
# About 20 corpora the size of the 2,225 BBC articles (47 MB each with every analysis).
DEFAULT_MAX_MB = 1024
# Pruning goes this far below the bound, so it runs once in a while, not on every write.
_PRUNE_TO = 0.8
# SQLite limits host parameters per statement; stay well below the old 999 cap.
_BATCH = 500
# How long a writer waits for another process's transaction before giving up.
_BUSY_SECONDS = 30.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    task TEXT NOT NULL,
    settings TEXT NOT NULL,
    article TEXT NOT NULL,
    value TEXT NOT NULL,
    stored INTEGER NOT NULL DEFAULT 0,  -- unix time of writing: the oldest go first when pruning
    PRIMARY KEY (task, settings, article)
) WITHOUT ROWID
"""


def _now() -> int:
    return int(time.time())


def _has_stored_column(conn: sqlite3.Connection) -> bool:
    return any(row[1] == "stored" for row in conn.execute("PRAGMA table_info(results)"))


def _used_bytes(conn: sqlite3.Connection) -> int:
    """Bytes the database's live pages take (the file less its free pages)."""
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    (free,) = conn.execute("PRAGMA freelist_count").fetchone()
    (size,) = conn.execute("PRAGMA page_size").fetchone()
    return (pages - free) * size


class ResultCache(Protocol):
    """Where per-article results are kept between runs: AnalysisCache, or a stand-in."""

    def get_many(self, task: str, settings_key: str, ids: Sequence[str]) -> dict[str, Any]: ...

    def put_many(self, task: str, settings_key: str, items: dict[str, Any]) -> None: ...

    def has_many(self, task: str, settings_key: str, ids: Sequence[str]) -> set[str]: ...

    def put_rows(self, rows: Sequence[tuple[str, str, str, str]]) -> None: ...


def max_bytes() -> int:
    """The cache file's bound: ``$STORYLENS_CACHE_MAX_MB`` megabytes, else DEFAULT_MAX_MB."""
    try:
        megabytes = float(os.environ.get(CACHE_MAX_ENV, DEFAULT_MAX_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(max(megabytes, 1.0) * 1024 * 1024)


def cache_dir() -> Path:
    """Where the cache lives: ``$STORYLENS_CACHE_DIR`` or the per-user cache folder."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir("storylens"))


@load_once
def library_versions() -> str:
    """The versions whose change must invalidate cached results: libraries, and the shipped models and tables."""
    parts = []
    for dist in ("storylens", "yake", "vaderSentiment"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=?")
    parts.append(f"data={shipped_data_digest()}")
    return ";".join(parts)


# The trained models and lexical tables shipped as package data: rebuilt, they change what the
# per-article analyses give for the same text, though no version number moves.
_SHIPPED = (("models", ("*.npz", "*.gz", "*.json")), ("resources", ("*.gz",)))


@load_once
def shipped_data_digest() -> str:
    """A short digest of the shipped model and table files (a few MB, read once per process)."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]  # analysis/
    for folder, patterns in _SHIPPED:
        for path in sorted(p for pattern in patterns for p in (root / folder).glob(pattern)):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# Per-article results a MemoryCache keeps before dropping the oldest.
MEMORY_CACHE_ENTRIES = 20_000


class MemoryCache:
    """A bounded in-process stand-in for AnalysisCache, where the disk cache is unavailable (read-only disks).

    The app's sessions run on threads of one server process and share it: a
    lock keeps one session's eviction from running under another's read.
    """

    def __init__(self, entries: int = MEMORY_CACHE_ENTRIES) -> None:
        self._items: OrderedDict[tuple[str, str, str], Any] = OrderedDict()
        self._entries = entries
        self._lock = threading.Lock()

    def get_many(self, task: str, settings_key: str, ids: Sequence[str]) -> dict[str, Any]:
        with self._lock:
            return {i: self._items[(task, settings_key, i)] for i in ids if (task, settings_key, i) in self._items}

    def has_many(self, task: str, settings_key: str, ids: Sequence[str]) -> set[str]:
        with self._lock:
            return {i for i in ids if (task, settings_key, i) in self._items}

    def put_rows(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        for task, settings_key, article_id, text in rows:
            self.put_many(task, settings_key, {article_id: json.loads(text)})

    def put_many(self, task: str, settings_key: str, items: dict[str, Any]) -> None:
        with self._lock:
            for article_id, value in items.items():
                self._items[(task, settings_key, article_id)] = value
            while len(self._items) > self._entries:
                self._items.popitem(last=False)


def json_rows(task: str, settings_key: str, items: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """``items`` (id -> result) as the (task, settings key, id, JSON text) rows :meth:`AnalysisCache.put_rows` stores."""
    return [(task, settings_key, key, json.dumps(value, ensure_ascii=False)) for key, value in items.items()]


def usable_cache() -> AnalysisCache | MemoryCache:
    """The disk cache, or a memory one when the disk cache cannot be used: results are then kept for this process."""
    cache = AnalysisCache()
    return MemoryCache() if cache.disabled_reason else cache


class AnalysisCache:
    """Per-article results in one SQLite file; safe across processes and crashes."""

    def __init__(self, path: str | os.PathLike[str] | None = None, limit_bytes: int | None = None) -> None:
        self.path = Path(path) if path else cache_dir() / CACHE_FILE
        self.limit_bytes = limit_bytes or max_bytes()
        self.disabled_reason = ""
        self._versions = library_versions()
        self._held: tuple[int, sqlite3.Connection] | None = None  # (owning thread, connection): see held()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._ensure_schema()
        except sqlite3.DatabaseError:
            self._set_aside()
        except OSError as exc:
            self.disabled_reason = f"cache unavailable ({exc}); results are not kept"

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=_BUSY_SECONDS)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    @contextmanager
    def held(self) -> Iterator[None]:
        """Within the block, this thread's reads and writes share one connection.

        A connection per call is what threads sharing the cache need, but
        `storylens index` makes hundreds of calls from one thread, and each
        opened, set up and closed a connection; closing the last one of a
        file also copies its write-ahead log into the file. On BBC that was
        about a second of the client's CPU, beside workers that need the cores.
        """
        if self._held is not None or self.disabled_reason:
            yield
            return
        try:
            self._held = (threading.get_ident(), self._connect())
        except sqlite3.DatabaseError:
            yield  # calls open their own and handle what failed
            return
        try:
            yield
        finally:
            self._let_go()

    def _let_go(self) -> None:
        """Close the held connection, when this thread holds it: sqlite3 refuses to close it from another."""
        held = self._held
        if held is not None and held[0] == threading.get_ident():
            self._held = None
            held[1].close()

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """The connection :meth:`held` keeps for this thread, else a new one, closed after."""
        held = self._held
        if held is not None and held[0] == threading.get_ident():
            yield held[1]
            return
        conn = self._connect()
        try:
            yield conn
        finally:
            conn.close()

    def _ensure_schema(self) -> None:
        conn = self._connect()
        try:
            conn.execute(_SCHEMA)
            if not _has_stored_column(conn):  # a file from before the bound: keep its entries
                with conn:
                    # Under the write lock: two processes opening it must not both add the column.
                    conn.execute("BEGIN IMMEDIATE")
                    if not _has_stored_column(conn):
                        conn.execute("ALTER TABLE results ADD COLUMN stored INTEGER NOT NULL DEFAULT 0")
        finally:
            conn.close()

    def _set_aside(self) -> None:
        """Move a corrupt or foreign cache file out of the way and start a new one."""
        aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
        self._let_go()  # a held connection would go on reading the file set aside
        try:
            for suffix in ("", "-wal", "-shm"):
                src = Path(str(self.path) + suffix)
                if src.exists():
                    src.replace(Path(str(aside) + suffix))
            self._ensure_schema()
        except (OSError, sqlite3.DatabaseError) as exc:
            self.disabled_reason = f"cache unavailable ({exc}); results are not kept"

    def _key(self, settings_key: str) -> str:
        return f"{settings_key}|{self._versions}"

    def get_many(self, task: str, settings_key: str, ids: Sequence[str]) -> dict[str, Any]:
        """The cached results among ``ids``; unreadable entries count as missing."""
        found: dict[str, Any] = {}
        for article, value in self._select(task, settings_key, ids, "value"):
            try:
                found[article] = json.loads(value)
            except (TypeError, ValueError):
                continue  # a damaged entry: recompute it
        return found

    def has_many(self, task: str, settings_key: str, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` have a cached result, without reading the results."""
        return {article for article, _ in self._select(task, settings_key, ids, "length(value)")}

    def get_texts(self, task: str, settings_key: str, ids: Sequence[str]) -> dict[str, str]:
        """The cached results among ``ids`` as stored (JSON text), for a process that decodes them itself."""
        return dict(self._select(task, settings_key, ids, "value"))

    def _select(self, task: str, settings_key: str, ids: Sequence[str], column: str) -> list[tuple[str, Any]]:
        if self.disabled_reason or not ids:
            return []
        key = self._key(settings_key)
        rows: list[tuple[str, Any]] = []
        try:
            with self._connection() as conn:
                for start in range(0, len(ids), _BATCH):
                    chunk = list(ids[start : start + _BATCH])
                    marks = ",".join("?" * len(chunk))
                    rows.extend(conn.execute(
                        f"SELECT article, {column} FROM results WHERE task=? AND settings=? AND article IN ({marks})",
                        [task, key, *chunk],
                    ))
        except sqlite3.DatabaseError:
            self._set_aside()
            return []
        return rows

    def put_many(self, task: str, settings_key: str, items: dict[str, Any]) -> None:
        """Store results in one transaction: all of them land, or none."""
        self.put_rows(json_rows(task, settings_key, items))

    def put_rows(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        """Store (task, settings key, article id, JSON text) rows in one transaction."""
        if self.disabled_reason or not rows:
            return
        now = _now()
        rows = [(task, self._key(settings), article, text, now) for task, settings, article, text in rows]
        try:
            with self._connection() as conn:
                with conn:
                    conn.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)", rows)
                if _used_bytes(conn) > self.limit_bytes:
                    self._prune(conn)
        except sqlite3.OperationalError:
            pass  # locked past the timeout or disk full: the result is still returned, just not kept
        except sqlite3.DatabaseError:
            self._set_aside()

    def _prune(self, conn: sqlite3.Connection) -> None:
        """Delete entries until the data is below the bound: other versions first, then the oldest.

        Freed pages are reused by later writes, so the file stops growing
        without a VACUUM (which would lock out every reader while it runs).
        """
        with conn:
            conn.execute("DELETE FROM results WHERE substr(settings, -?) != ?",
                         (len(self._versions) + 1, f"|{self._versions}"))
        used = _used_bytes(conn)
        if used <= self.limit_bytes:
            return
        (rows,) = conn.execute("SELECT COUNT(*) FROM results").fetchone()
        drop = math.ceil(rows * (1 - _PRUNE_TO * self.limit_bytes / used))
        with conn:
            conn.execute(
                "DELETE FROM results WHERE (task, settings, article) IN "
                "(SELECT task, settings, article FROM results ORDER BY stored LIMIT ?)", (drop,))

    def stats(self) -> dict[str, int]:
        """Entries per analysis task, for `storylens index` and the README's figures."""
        if self.disabled_reason:
            return {}
        conn = self._connect()
        try:
            return dict(conn.execute("SELECT task, COUNT(*) FROM results GROUP BY task").fetchall())
        finally:
            conn.close()
