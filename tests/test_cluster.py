"""`storylens index` streaming on this machine's pool and on a real Dask cluster: same cache, rows once.

The cluster is real: a `dask scheduler` and two `dask worker` processes started
by the fixture (and always stopped by it), plus a LocalCluster started by the CLI.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.engine.batch import LocalPool, Runner
from analysis.engine.cache import CACHE_FILE, AnalysisCache
from analysis.engine.cluster import DaskCluster
from analysis.corpus import load_corpus
from analysis.engine.indexing import INDEX_TASKS, index_folder

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_data"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
WORDS = ("minister talks ceasefire parliament budget election vote court ruling river flood harbour council "
         "strike union wages energy prices market shares bank rates drought harvest border troops").split()


def write_corpus(folder: Path, articles: int) -> Path:
    """Two outlets' folders with crawl furniture repeated in each, a copy, an empty file and metadata."""
    import random

    rng = random.Random(articles)
    for number in range(articles):
        outlet = ("wire", "daily")[number % 2]
        sentences = [f"{rng.choice(['Anna Berg', 'Tom Lee', 'Mira Patel'])} said the "
                     + " ".join(rng.choices(WORDS, k=rng.randint(8, 14))) + f" item {number}." for _ in range(12)]
        furniture = "World News\n\n" if outlet == "wire" else ""
        body = f"{furniture}Report number {number} on the talks\n\n" + " ".join(sentences[:6])
        body += "\n\nRelated Coverage\n\n" + " ".join(sentences[6:])
        path = folder / outlet / f"{number:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    (folder / "daily" / "copy.txt").write_text((folder / "daily" / "001.txt").read_text())
    paragraphs = "".join(f"<p>{rng.choice(['Anna Berg', 'Tom Lee'])} said the "
                         f"{' '.join(rng.choices(WORDS, k=12))} on the page.</p>" for _ in range(8))
    (folder / "daily" / "page.html").write_text(
        "<html><head><title>Harbour council vote</title><meta property='og:site_name' content='The Daily'>"
        "<link rel='canonical' href='https://daily.example/harbour'></head>"
        f"<body><article><h1>Harbour council vote</h1>{paragraphs}</article></body></html>")
    (folder / "empty.txt").write_text("")
    (folder / "metadata.csv").write_text("file,outlet,published\nwire/000.txt,Wire Service,2024-05-01\n")
    return folder


def cache_rows(cache_dir: Path) -> list[tuple[str, str, str, str]]:
    with sqlite3.connect(cache_dir / CACHE_FILE) as conn:
        return conn.execute("SELECT task, settings, article, value FROM results ORDER BY 1, 2, 3").fetchall()


def storylens(*args: str, cache: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**(env or ENV), "STORYLENS_CACHE_DIR": str(cache)}, timeout=300)


def summary(stdout: str) -> dict:
    (row,) = json.loads(stdout)
    row.pop("seconds")
    return row


class CountingCache(AnalysisCache):
    """A real cache that also counts how often each row is written, and calls ``on_first`` once."""

    def __init__(self, path: Path, on_first=None) -> None:
        super().__init__(path)
        self.writes: dict[tuple[str, str], int] = {}
        self.on_first = on_first

    def put_rows(self, rows) -> None:
        super().put_rows(rows)
        for task, _, article, _ in rows:
            self.writes[(task, article)] = self.writes.get((task, article), 0) + 1
        if self.on_first and any(not task.startswith("analysis.corpus") for task, *_ in rows):
            hook, self.on_first = self.on_first, None
            hook()


def test_streamed_index_writes_what_the_runner_writes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 40)
    loaded = load_corpus(corpus, cache=AnalysisCache(tmp_path / "a" / CACHE_FILE))
    Runner(cache=AnalysisCache(tmp_path / "a" / CACHE_FILE), workers=1).ensure_all(
        [(func, settings) for _, func, settings in INDEX_TASKS], loaded.articles)
    progress: list[tuple[int, int]] = []
    report = index_folder(str(corpus), AnalysisCache(tmp_path / "b" / CACHE_FILE), LocalPool(2),
                          lambda done, total: progress.append((done, total)))
    assert cache_rows(tmp_path / "a") == cache_rows(tmp_path / "b")
    # The bar counts files parsed, then articles analysed, each up to its total.
    articles = len(loaded.articles)
    files = articles + 2  # the copy, and the empty file
    assert progress[-1] == (articles, articles) and (files, files) in progress
    assert all(a[0] <= b[0] for a, b in zip(progress, progress[1:]) if a[1] == b[1])
    # Furniture and the copy are handled as load_corpus handles them.
    assert any("Related Coverage" in r.text for a in loaded.articles for r in a.removed)
    assert report.skipped == loaded.skipped and report.warnings == loaded.warnings
    tasks = len(INDEX_TASKS)
    assert report.summary == {"articles": len(loaded.articles), "skipped": 2, "analyses": tasks,
                              "computed": len(loaded.articles) * tasks, "cached": 0}
    again = index_folder(str(corpus), AnalysisCache(tmp_path / "b" / CACHE_FILE), LocalPool(2))
    assert (again.summary["computed"], again.summary["cached"]) == (0, len(loaded.articles) * tasks)


def test_index_through_an_fsspec_url_reads_the_same_articles(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 6)
    local = index_folder(str(corpus), AnalysisCache(tmp_path / "a" / CACHE_FILE), LocalPool(1))
    remote = index_folder(corpus.as_uri(), AnalysisCache(tmp_path / "b" / CACHE_FILE), LocalPool(1))
    assert local.summary == remote.summary and local.skipped == remote.skipped
    analyses = lambda rows: [r for r in rows if not r[0].startswith("analysis.corpus")]  # noqa: E731
    assert analyses(cache_rows(tmp_path / "a")) == analyses(cache_rows(tmp_path / "b"))


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """A scheduler and two single-threaded workers, each its own process; all stopped afterwards."""
    folder = tmp_path_factory.mktemp("dask")
    scheduler_file = folder / "scheduler.json"
    logs = []

    def start(*args: str) -> subprocess.Popen:
        log = open(folder / f"log{len(logs)}.txt", "w")
        logs.append(log)
        return subprocess.Popen([sys.executable, "-m", *args], cwd=folder, env=ENV, stdout=log, stderr=log)

    processes = [start("distributed.cli.dask_scheduler", "--port", "0", "--no-dashboard",
                       "--scheduler-file", str(scheduler_file))]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        workers = [start("distributed.cli.dask_worker", address, "--nthreads", "1", "--no-nanny",
                         "--no-dashboard", "--local-directory", str(folder)) for _ in range(2)]
        processes += workers
        with DaskCluster(address) as cluster:
            cluster.client.wait_for_workers(2, timeout=60)
        yield address, workers
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in logs:
            log.close()


def test_index_on_a_cluster_gives_the_local_pools_cache_and_outputs(tmp_path: Path, dask_cluster) -> None:
    address, _ = dask_cluster
    corpus = write_corpus(tmp_path / "corpus", 30)
    local = storylens("index", str(corpus), "--format", "json", cache=tmp_path / "local")
    remote = storylens("index", str(corpus), "--format", "json", "--scheduler", address, cache=tmp_path / "dask")
    assert local.returncode == 0 and remote.returncode == 0, remote.stderr
    assert summary(remote.stdout) == summary(local.stdout)
    assert remote.stderr == local.stderr  # the same files skipped, for the same reasons
    # Every other command reads these rows, so its output is the same whichever machine computed them.
    assert cache_rows(tmp_path / "dask") == cache_rows(tmp_path / "local")


def test_index_on_an_in_process_local_cluster_matches_the_pool(tmp_path: Path) -> None:
    from distributed import LocalCluster

    corpus = write_corpus(tmp_path / "corpus", 30)
    pool = index_folder(str(corpus), AnalysisCache(tmp_path / "pool" / CACHE_FILE), LocalPool(1))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as local:
        with DaskCluster(local.scheduler_address) as cluster:
            dask = index_folder(str(corpus), AnalysisCache(tmp_path / "dask" / CACHE_FILE), cluster)
    assert dask == pool
    assert cache_rows(tmp_path / "dask") == cache_rows(tmp_path / "pool")


def test_scheduler_local_starts_a_cluster_of_this_machine(tmp_path: Path) -> None:
    result = storylens("index", str(SAMPLES), "--format", "json", cache=tmp_path / "c",
                       env={**ENV, "DASK_SCHEDULER_ADDRESS": "local"})
    assert result.returncode == 0, result.stderr
    assert summary(result.stdout) == {"articles": 5, "skipped": 0, "analyses": len(INDEX_TASKS),
                                      "computed": 5 * len(INDEX_TASKS), "cached": 0}


def test_scheduler_gone_exits_1_with_one_line_in_time(tmp_path: Path, monkeypatch, capsys) -> None:
    from analysis.cli import main

    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path / "c"))
    with socket.socket() as probe:  # a free port, then nothing listening on it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    assert main(["index", str(SAMPLES), "--scheduler", f"tcp://127.0.0.1:{port}"]) == 1
    assert time.monotonic() - started < 30
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and f"127.0.0.1:{port}" in err
    # Nothing was computed here instead.
    assert not (tmp_path / "c" / CACHE_FILE).exists() or not [
        r for r in cache_rows(tmp_path / "c") if not r[0].startswith("analysis.corpus")]


def test_a_worker_killed_mid_run_loses_no_row_and_writes_none_twice(tmp_path: Path, dask_cluster) -> None:
    address, workers = dask_cluster
    corpus = write_corpus(tmp_path / "corpus", 96)
    victim = workers[0]
    cache = CountingCache(tmp_path / "cache" / CACHE_FILE, on_first=victim.kill)
    with DaskCluster(address) as cluster:
        report = index_folder(str(corpus), cache, cluster)
    assert victim.wait(timeout=10) is not None  # it really was killed mid-run
    tasks = len(INDEX_TASKS)
    articles = report.summary["articles"]
    assert report.summary["computed"] == articles * tasks and not report.warnings
    analysed = {k: n for k, n in cache.writes.items() if not k[0].startswith("analysis.corpus")}
    assert len(analysed) == articles * tasks and set(analysed.values()) == {1}
    assert len([r for r in cache_rows(tmp_path / "cache") if not r[0].startswith("analysis.corpus")]) == articles * tasks
