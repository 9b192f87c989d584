"""The persistent per-article analysis cache, shared by the app and the CLI.

One SQLite file under the user's cache directory (``STORYLENS_CACHE_DIR``
overrides it). An entry is keyed by the analysis, its settings, the versions of
the code and libraries that produced it, and the article's content hash: edit
one article and only it is recomputed; upgrade YAKE and everything is.

SQLite gives us what a folder of files would make us build by hand: atomic
commits (a killed run leaves whole entries or none), and many readers with
writers from other processes (WAL mode, a busy timeout). Anything unreadable
is treated as missing and recomputed, never fatal.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import platformdirs

CACHE_ENV = "STORYLENS_CACHE_DIR"
CACHE_FILE = "analysis-cache.sqlite3"
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
    PRIMARY KEY (task, settings, article)
) WITHOUT ROWID
"""


class ResultCache(Protocol):
    """Where per-article results are kept between runs: AnalysisCache, or a stand-in."""

    def get_many(self, task: str, settings_key: str, ids: Sequence[str]) -> dict[str, Any]: ...

    def put_many(self, task: str, settings_key: str, items: dict[str, Any]) -> None: ...

    def has_many(self, task: str, settings_key: str, ids: Sequence[str]) -> set[str]: ...

    def put_rows(self, rows: Sequence[tuple[str, str, str, str]]) -> None: ...


def cache_dir() -> Path:
    """Where the cache lives: ``$STORYLENS_CACHE_DIR`` or the per-user cache folder."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir("storylens"))


@lru_cache(maxsize=1)
def library_versions() -> str:
    """The versions whose change must invalidate cached results."""
    parts = []
    for dist in ("storylens", "yake", "vaderSentiment"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=?")
    return ";".join(parts)


class AnalysisCache:
    """Per-article results in one SQLite file; safe across processes and crashes."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path else cache_dir() / CACHE_FILE
        self.disabled_reason = ""
        self._versions = library_versions()
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

    def _ensure_schema(self) -> None:
        with self._connect() as conn:
            conn.execute(_SCHEMA)
        conn.close()

    def _set_aside(self) -> None:
        """Move a corrupt or foreign cache file out of the way and start a new one."""
        aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
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

    def _select(self, task: str, settings_key: str, ids: Sequence[str], column: str) -> list[tuple[str, Any]]:
        if self.disabled_reason or not ids:
            return []
        key = self._key(settings_key)
        rows: list[tuple[str, Any]] = []
        try:
            conn = self._connect()
            try:
                for start in range(0, len(ids), _BATCH):
                    chunk = list(ids[start : start + _BATCH])
                    marks = ",".join("?" * len(chunk))
                    rows.extend(conn.execute(
                        f"SELECT article, {column} FROM results WHERE task=? AND settings=? AND article IN ({marks})",
                        [task, key, *chunk],
                    ))
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            self._set_aside()
            return []
        return rows

    def put_many(self, task: str, settings_key: str, items: dict[str, Any]) -> None:
        """Store results in one transaction: all of them land, or none."""
        self.put_rows([(task, settings_key, a, json.dumps(v, ensure_ascii=False)) for a, v in items.items()])

    def put_rows(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        """Store (task, settings key, article id, JSON text) rows in one transaction."""
        if self.disabled_reason or not rows:
            return
        rows = [(task, self._key(settings), article, text) for task, settings, article, text in rows]
        try:
            conn = self._connect()
            try:
                with conn:
                    conn.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", rows)
            finally:
                conn.close()
        except sqlite3.OperationalError:
            pass  # locked past the timeout or disk full: the result is still returned, just not kept
        except sqlite3.DatabaseError:
            self._set_aside()

    def stats(self) -> dict[str, int]:
        """Entries per analysis task, for `storylens index` and the README's figures."""
        if self.disabled_reason:
            return {}
        conn = self._connect()
        try:
            return dict(conn.execute("SELECT task, COUNT(*) FROM results GROUP BY task").fetchall())
        finally:
            conn.close()
