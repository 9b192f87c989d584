"""The analysis cache and the Runner: reuse across runs, recompute only what changed, survive damage."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis.engine import batch
from analysis.engine import cache as cache_module
from analysis.engine.batch import LocalPool, Runner, settings_key, task_name
from analysis.engine.cache import CACHE_FILE, AnalysisCache, cache_dir
from analysis.corpus import PARSED_TASK, Article, load_corpus
from analysis.engine.indexing import INDEX_TASKS, index_folder
from tests.conftest import SAMPLE_DIR

ARTICLES = {
    "a.txt": "Alpha talks\n\nThe envoys met in Geneva. They talked for hours.\n",
    "b.txt": "Beta talks\n\nThe ministers met in Zurich. Nothing was agreed.\n",
    "c.txt": "Gamma talks\n\nThe delegates met in Bern. They will return next week.\n",
    "d.txt": "Delta talks\n\nThe leaders spoke by phone. The call lasted an hour.\n",
}


@dataclass(frozen=True)
class CountSettings:
    """Settings for the test analysis; part of the cache key."""

    scale: int = 1


def sentence_lengths(article: Article, settings: CountSettings) -> dict:
    """A cheap per-article analysis with a JSON-able result, like the real ones."""
    return {"path": article.path, "lengths": [len(s.text) * settings.scale for s in article.sentences]}


@pytest.fixture(autouse=True)
def private_cache_dir(tmp_path: Path, monkeypatch) -> Path:
    """Never touch the user's cache, even by accident through a default AnalysisCache()."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / CACHE_FILE


@pytest.fixture
def small_corpus(tmp_path: Path):
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    return load_corpus(root)


# --- AnalysisCache ------------------------------------------------------------------------------


def test_cache_dir_follows_environment(private_cache_dir: Path, cache_path: Path) -> None:
    assert cache_dir() == private_cache_dir
    assert AnalysisCache().path == cache_path


def test_round_trip(cache_path: Path) -> None:
    cache = AnalysisCache(cache_path)
    value = {"keywords": [["Zürich", 0.25], ["ceasefire", 1]], "note": "“quoted”", "none": None}
    cache.put_many("task", "s1", {"id1": value, "id2": [1, 2.5, "x"]})
    assert cache.get_many("task", "s1", ["id1", "id2", "id3"]) == {"id1": value, "id2": [1, 2.5, "x"]}
    # A second object on the same file (another process, a later run) sees the same entries.
    assert AnalysisCache(cache_path).get_many("task", "s1", ["id1"]) == {"id1": value}
    assert cache.stats() == {"task": 2}


def test_many_ids_beyond_one_statement(cache_path: Path) -> None:
    cache = AnalysisCache(cache_path)
    items = {f"id{i}": i for i in range(1200)}
    cache.put_many("task", "s", items)
    assert cache.get_many("task", "s", list(items)) == items


def test_other_settings_task_or_version_miss(cache_path: Path, monkeypatch) -> None:
    cache = AnalysisCache(cache_path)
    cache.put_many("task", "settings-1", {"id": 1})
    assert cache.get_many("task", "settings-2", ["id"]) == {}
    assert cache.get_many("other-task", "settings-1", ["id"]) == {}
    monkeypatch.setattr(cache_module, "library_versions", lambda: "storylens=0.1.0;yake=9.9;vaderSentiment=3.3.2")
    upgraded = AnalysisCache(cache_path)
    assert upgraded.get_many("task", "settings-1", ["id"]) == {}
    assert cache.get_many("task", "settings-1", ["id"]) == {"id": 1}


def test_library_versions_name_the_libraries() -> None:
    versions = cache_module.library_versions()
    assert "yake=" in versions and "vaderSentiment=" in versions and "storylens=" in versions


def _used_mb(path: Path) -> float:
    with sqlite3.connect(path) as conn:
        return cache_module._used_bytes(conn) / 2**20


def test_cache_stays_within_its_bound_dropping_the_oldest_first(cache_path: Path, monkeypatch) -> None:
    clock = iter(range(1_000_000, 2_000_000))
    monkeypatch.setattr(cache_module, "_now", lambda: next(clock))  # one second per write
    cache = AnalysisCache(cache_path, limit_bytes=2 * 2**20)
    value = "x" * 10_000  # about 10 kB per entry: 400 entries are twice the bound
    for write in range(40):
        cache.put_many("task", "s", {f"id{write}-{i}": value for i in range(10)})
    assert _used_mb(cache_path) <= 2.0
    kept = cache.get_many("task", "s", [f"id{b}-{i}" for b in range(40) for i in range(10)])
    assert 100 < len(kept) <= 200
    # What survives is the most recent: the last batch whole, the first gone.
    assert all(f"id39-{i}" in kept for i in range(10))
    assert not any(f"id0-{i}" in kept for i in range(10))


def test_pruning_drops_other_library_versions_before_current_entries(cache_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache_module, "library_versions", lambda: "storylens=0.0.1;yake=0.1;vaderSentiment=1")
    AnalysisCache(cache_path).put_many("task", "s", {f"old{i}": "x" * 10_000 for i in range(150)})
    monkeypatch.setattr(cache_module, "library_versions", lambda: "storylens=0.0.2;yake=0.1;vaderSentiment=1")
    cache = AnalysisCache(cache_path, limit_bytes=2 * 2**20)
    cache.put_many("task", "s", {f"new{i}": "x" * 10_000 for i in range(100)})
    assert len(cache.get_many("task", "s", [f"new{i}" for i in range(100)])) == 100
    with sqlite3.connect(cache_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM results WHERE settings LIKE '%0.0.1%'").fetchone() == (0,)


def test_a_cache_file_from_before_the_bound_keeps_its_entries(cache_path: Path) -> None:
    cache_path.parent.mkdir(parents=True)
    key = f"s|{cache_module.library_versions()}"
    with sqlite3.connect(cache_path) as conn:
        conn.execute("CREATE TABLE results (task TEXT NOT NULL, settings TEXT NOT NULL, article TEXT NOT NULL, "
                     "value TEXT NOT NULL, PRIMARY KEY (task, settings, article)) WITHOUT ROWID")
        conn.execute("INSERT INTO results VALUES ('task', ?, 'id', '1')", (key,))
    conn.close()
    cache = AnalysisCache(cache_path)
    assert cache.get_many("task", "s", ["id"]) == {"id": 1}
    cache.put_many("task", "s", {"id2": 2})
    assert cache.get_many("task", "s", ["id", "id2"]) == {"id": 1, "id2": 2}


def test_corrupt_file_is_set_aside_and_cache_works(cache_path: Path) -> None:
    cache_path.parent.mkdir(parents=True)
    cache_path.write_bytes(b"this is not a database at all " * 200)
    cache = AnalysisCache(cache_path)
    assert cache.disabled_reason == ""
    assert list(cache_path.parent.glob(f"{CACHE_FILE}.corrupt-*"))
    cache.put_many("task", "s", {"id": {"ok": True}})
    assert cache.get_many("task", "s", ["id"]) == {"id": {"ok": True}}


def test_file_corrupted_while_in_use_counts_as_missing(cache_path: Path) -> None:
    cache = AnalysisCache(cache_path)
    cache.put_many("task", "s", {"id": 1})
    for suffix in ("-wal", "-shm"):
        Path(str(cache_path) + suffix).unlink(missing_ok=True)
    cache_path.write_bytes(b"\x00garbage" * 512)
    assert cache.get_many("task", "s", ["id"]) == {}
    cache.put_many("task", "s", {"id": 2})
    assert cache.get_many("task", "s", ["id"]) == {"id": 2}


def test_damaged_json_value_is_recomputed(cache_path: Path, small_corpus) -> None:
    settings = CountSettings()
    runner = Runner(cache=AnalysisCache(cache_path), workers=1)
    expected = runner.map(sentence_lengths, small_corpus.articles, settings)
    victim = small_corpus.article("b.txt").id
    with sqlite3.connect(cache_path) as conn:
        changed = conn.execute("UPDATE results SET value = '{broken' WHERE article = ?", [victim]).rowcount
    conn.close()
    assert changed == 1
    assert victim not in AnalysisCache(cache_path).get_many(task_name(sentence_lengths), repr(settings), [victim])
    again = Runner(cache=AnalysisCache(cache_path), workers=1)
    assert again.map(sentence_lengths, small_corpus.articles, settings) == expected
    assert (again.computed, again.reused) == (1, 3)


def test_unusable_location_disables_cache_but_runner_works(tmp_path: Path, small_corpus) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = AnalysisCache(blocker / "sub" / CACHE_FILE)
    assert "cache unavailable" in cache.disabled_reason
    cache.put_many("task", "s", {"id": 1})
    assert cache.get_many("task", "s", ["id"]) == {}
    runner = Runner(cache=cache, workers=1)
    assert len(runner.map(sentence_lengths, small_corpus.articles, CountSettings())) == 4


def _writer(path: str, prefix: str, queue) -> None:
    cache = AnalysisCache(path)
    for batch_no in range(10):
        cache.put_many("task", "s", {f"{prefix}{batch_no}-{i}": [prefix, i] for i in range(20)})
    queue.put(prefix)


def test_two_processes_writing_at_once(tmp_path: Path) -> None:
    # A file of its own: the default cache file of this test's folder may be
    # written by a Streamlit script thread an earlier AppTest left running.
    cache_path = tmp_path / "concurrent" / CACHE_FILE
    AnalysisCache(cache_path)  # create the schema first, as the app or CLI would
    context = batch._WITHOUT_MAIN["spawn"]  # spawned as the pool's workers are: an AppTest's __main__ not re-run
    queue = context.Queue()
    workers = [context.Process(target=_writer, args=(str(cache_path), prefix, queue)) for prefix in "xy"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert sorted(queue.get(timeout=5) for _ in workers) == ["x", "y"]
    assert AnalysisCache(cache_path).stats() == {"task": 400}


# --- Runner ---------------------------------------------------------------------------------------


def test_runner_computes_each_article_once_then_reuses(cache_path: Path, small_corpus) -> None:
    settings = CountSettings()
    articles = small_corpus.articles + small_corpus.articles[:1]  # a repeated article is computed once
    runner = Runner(cache=AnalysisCache(cache_path), workers=1)
    first = runner.map(sentence_lengths, articles, settings)
    assert (runner.computed, runner.reused) == (4, 0)
    assert first[0] == first[-1] == {"path": "a.txt", "lengths": [11, 25, 22]}
    assert [r["path"] for r in first] == ["a.txt", "b.txt", "c.txt", "d.txt", "a.txt"]

    second = Runner(cache=AnalysisCache(cache_path), workers=1)
    assert second.map(sentence_lengths, articles, settings) == first
    assert (second.computed, second.reused) == (0, 4)


def test_runner_settings_change_recomputes(cache_path: Path, small_corpus) -> None:
    runner = Runner(cache=AnalysisCache(cache_path), workers=1)
    runner.map(sentence_lengths, small_corpus.articles, CountSettings(scale=1))
    doubled = runner.map(sentence_lengths, small_corpus.articles, CountSettings(scale=2))
    assert (runner.computed, runner.reused) == (8, 0)
    assert doubled[0]["lengths"] == [22, 50, 44]


def test_editing_one_article_recomputes_exactly_that_article(cache_path: Path, small_corpus) -> None:
    settings = CountSettings()
    Runner(cache=AnalysisCache(cache_path), workers=1).map(sentence_lengths, small_corpus.articles, settings)

    root = Path(small_corpus.root)
    (root / "c.txt").write_text(ARTICLES["c.txt"] + "\nA late paragraph was added.\n", encoding="utf-8")
    edited = load_corpus(root)
    assert [a.id for a in edited.articles] != [a.id for a in small_corpus.articles]

    runner = Runner(cache=AnalysisCache(cache_path), workers=1)
    results = runner.map(sentence_lengths, edited.articles, settings)
    assert (runner.computed, runner.reused) == (1, 3)
    assert results[2]["lengths"][-1] == len("A late paragraph was added.")


def test_runner_reports_progress(small_corpus) -> None:
    reports: list[tuple[int, int]] = []
    runner = Runner(cache=None, workers=1, progress=lambda done, total: reports.append((done, total)))
    runner.map(sentence_lengths, small_corpus.articles, CountSettings())
    assert reports[0] == (0, 4) and reports[-1] == (4, 4)


def _notes(root: Path, count: int):
    """A corpus of ``count`` short notes of different lengths."""
    root.mkdir()
    for i in range(count):
        (root / f"n{i:02d}.txt").write_text(f"Note {i}\n\nArticle number {i} is here. " + "Words. " * i, "utf-8")
    return load_corpus(root)


def test_pool_gives_the_same_results_as_sequential(tmp_path: Path, monkeypatch) -> None:
    corpus = _notes(tmp_path / "many", 12)
    sequential = Runner(cache=None, workers=1).map(sentence_lengths, corpus.articles, CountSettings())
    monkeypatch.setattr(batch, "POOL_MIN_ARTICLES", 2)
    monkeypatch.setattr(batch, "CHUNK_SIZE", 3)
    pools: list[int] = []

    class SpyPool(ProcessPoolExecutor):
        def __init__(self, max_workers: int, **kwargs) -> None:
            pools.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(batch, "ProcessPoolExecutor", SpyPool)
    pooled_runner = Runner(cache=AnalysisCache(tmp_path / "pool.sqlite3"), workers=2)
    pooled = pooled_runner.map(sentence_lengths, corpus.articles, CountSettings())
    assert pools == [2]  # the pool path really ran, with the workers asked for
    assert pooled == sequential
    assert pooled_runner.computed == 12
    # What the pool computed was stored like anything else.
    reused = Runner(cache=AnalysisCache(tmp_path / "pool.sqlite3"), workers=2)
    assert reused.map(sentence_lengths, corpus.articles, CountSettings()) == sequential
    assert (reused.computed, reused.reused) == (0, 12)


def _garbage_collection(_: int) -> tuple[int, bool]:
    import gc

    return gc.get_threshold()[0], gc.get_freeze_count() > 0


def test_pool_workers_collect_garbage_less_often_and_the_caller_as_before():
    import gc

    before = gc.get_threshold()
    with LocalPool(2) as pool:
        seen = [result for _, result in pool.map_unordered(_garbage_collection, [(i,) for i in range(4)],
                                                            batch.POOL_MIN_ARTICLES)]
    assert seen == [(batch.WORKER_GC_THRESHOLD, True)] * 4  # what they inherited frozen
    assert gc.get_threshold() == before
    with batch.fewer_collections():
        assert gc.get_threshold()[0] == batch.WORKER_GC_THRESHOLD and gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_pool_workers_do_not_rerun_the_parents_main_script(tmp_path, monkeypatch):
    """Under Streamlit, __main__ is the last page script: a worker started by the fork server must not run it."""
    import sys
    import threading
    import types

    corpus = _notes(tmp_path / "notes", 6)
    expected = Runner(cache=None, workers=1).map(sentence_lengths, corpus.articles, CountSettings())
    script = tmp_path / "page.py"
    script.write_text("raise SystemExit('a page script ran in a pool worker')\n", "utf-8")
    page = types.ModuleType("__main__")
    page.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", page)
    monkeypatch.setattr(batch, "POOL_MIN_ARTICLES", 2)
    monkeypatch.setattr(batch, "CHUNK_SIZE", 2)
    results: list = []

    def serve() -> None:  # from a thread, as the app's server does: the fork server starts the workers
        assert batch.pool_context().get_start_method() != "fork"
        results.append(Runner(cache=None, workers=2).map(sentence_lengths, corpus.articles, CountSettings()))

    thread = threading.Thread(target=serve)
    thread.start()
    thread.join(timeout=120)
    assert results == [expected]
    assert sys.modules["__main__"] is page  # the page's module is back where Streamlit left it

# --- index_folder ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(SAMPLE_DIR)


def test_index_twice_second_run_computes_nothing(cache_path: Path) -> None:
    first = index_folder(SAMPLE_DIR, AnalysisCache(cache_path), LocalPool(1)).summary
    tasks = len(INDEX_TASKS)
    assert first == {"articles": 5, "skipped": 0, "analyses": tasks, "computed": 5 * tasks, "cached": 0}
    second = index_folder(SAMPLE_DIR, AnalysisCache(cache_path), LocalPool(1)).summary
    assert second["computed"] == 0
    assert second["cached"] == 5 * tasks
    assert AnalysisCache(cache_path).stats() == {PARSED_TASK: 5, **{task_name(func): 5 for _, func, _ in INDEX_TASKS}}


def test_index_after_a_killed_run_computes_only_the_missing_half(cache_path: Path, seeds) -> None:
    # A run killed halfway leaves whole entries for some articles and none for the rest.
    cache = AnalysisCache(cache_path)
    done = seeds.articles[:2]
    for _name, func, settings in INDEX_TASKS:
        cache.put_many(task_name(func), settings_key(settings), {a.id: func(a, settings) for a in done})
    summary = index_folder(SAMPLE_DIR, AnalysisCache(cache_path), LocalPool(1)).summary
    tasks = len(INDEX_TASKS)
    assert (summary["computed"], summary["cached"]) == (3 * tasks, 2 * tasks)
    assert index_folder(SAMPLE_DIR, AnalysisCache(cache_path), LocalPool(1)).summary["computed"] == 0
