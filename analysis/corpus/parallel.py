"""Reading the files of a corpus: saved pages across the cores when there are enough to pay for a pool.

A saved page costs a hundred times what a ``.txt`` file does (trafilatura,
htmldate); a folder of fetched pages is read on every core, as the per-article
analyses are (:mod:`analysis.engine.batch`, whose pool set-up this shares). Workers
read the files themselves and send back articles, or why a file is skipped.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from analysis.corpus import Article, Skipped, parse_file
from analysis.corpus.pages import PAGE_SUFFIXES, warm_up
from analysis.engine.batch import pool_context, watch_parent, default_workers

# Below this many pages a pool costs more to start than it saves.
POOL_MIN_PAGES = 12
# Files handed to a worker at once: few round trips, and still an even load.
CHUNK_SIZE = 6


def read_files(base: Path, files: list[str]) -> list[Article | Skipped]:
    """For each path relative to ``base``: its article, or why it is skipped; in the order given."""
    workers = default_workers()
    pages = sum(rel.lower().endswith(PAGE_SUFFIXES) for rel in files)
    if workers <= 1 or pages < POOL_MIN_PAGES:
        return _read_chunk(base, files)
    chunks = [files[i : i + CHUNK_SIZE] for i in range(0, len(files), CHUNK_SIZE)]
    if pool_context().get_start_method() == "fork":
        warm_up()  # once here, and every forked worker has it: not once per worker
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=pool_context(),
                             initializer=watch_parent) as pool:
        return [result for part in pool.map(_read_chunk, [base] * len(chunks), chunks) for result in part]


def _read_chunk(base: Path, files: list[str]) -> list[Article | Skipped]:
    return [parse_file(rel, (base / rel).read_bytes) for rel in files]
