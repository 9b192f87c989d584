"""The index on a Dask cluster against the local pool, and the local index on a big synthetic corpus.

    python bench/cluster_bench.py [--corpus DIR] [--synthetic N]

1. Cold `storylens index` on the corpus (default: the 2,225 BBC articles) on a
   Dask cluster of two single-threaded workers on this machine (a `dask
   scheduler` and two `dask worker --nthreads 1 --preload analysis.engine.indexing`
   processes, started before the clock runs), against the local process pool, each with a fresh cache: the
   ratio of times (target <= 1.2), and whether both caches hold the same rows.
2. With ``--synthetic N`` (default 50,000; 0 skips it): N articles made from
   the corpus's texts (paragraphs reordered, a variant number in the
   headline), written to a scratch folder under /tmp and deleted after; the
   cold local index's peak memory in the client process alone (target <= 1 GB;
   the workers' is printed beside it) and its time per article against the
   corpus's cold local index (target <= 1.2), timed again right after the big
   run too: an hour-long run on a shared machine meets other loads than a
   minute-long one, so the big run is set against the mean of the two. The
   CPU time per article (client and workers) is printed beside it, which the
   machine's load moves far less.

One run of each: the machine is shared, so quote the ratios as measured together.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import DEFAULT_CORPUS, ROOT, storylens  # noqa: E402

TARGETS = {"dask_ratio": 1.2, "client_mb": 1024, "per_article_ratio": 1.2}
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def cache_digest(cache: Path) -> tuple[int, str]:
    """(rows, a digest of every row) of a cache file: equal digests, equal caches."""
    digest = hashlib.sha256()
    with sqlite3.connect(cache / "analysis-cache.sqlite3") as conn:
        rows = conn.execute("SELECT task, settings, article, value FROM results ORDER BY 1, 2, 3").fetchall()
    for row in rows:
        digest.update("\0".join(row).encode())
    return len(rows), digest.hexdigest()[:16]


class TwoWorkers:
    """A scheduler and two single-threaded workers, each its own process, stopped on exit."""

    def __init__(self, scratch: Path) -> None:
        self.scratch, self.processes = scratch, []

    def __enter__(self) -> str:
        info = self.scratch / "scheduler.json"
        self._start("distributed.cli.dask_scheduler", "--port", "0", "--no-dashboard", "--scheduler-file", str(info))
        deadline = time.monotonic() + 120
        while not info.exists():
            if time.monotonic() > deadline:
                raise SystemExit("the Dask scheduler did not start")
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        for _ in range(2):
            # --preload: each worker imports the analyses as it starts, as the local pool's workers
            # inherit them from the client already imported.
            self._start("distributed.cli.dask_worker", address, "--nthreads", "1", "--no-dashboard",
                        "--preload", "analysis.engine.indexing", "--local-directory", str(self.scratch))
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        return address

    def _start(self, *args: str) -> None:
        log = open(self.scratch / f"dask{len(self.processes)}.log", "w")
        self.processes.append(subprocess.Popen([sys.executable, "-m", *args], env=ENV, stdout=log, stderr=log))

    def __exit__(self, *exc: object) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def write_synthetic(source: Path, folder: Path, count: int) -> None:
    """``count`` articles from the texts under ``source``: variant v of text i reorders its paragraphs."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(source.rglob("*.txt"))]
    for k in range(count):
        variant, text = divmod(k, len(texts))
        headline, _, body = texts[text].strip().partition("\n")
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        random.Random(k).shuffle(paragraphs)
        out = folder / f"v{variant:02d}" / f"{text:05d}.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(f"{headline} ({variant + 1})\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--synthetic", type=int, default=50_000, help="articles in the synthetic corpus (0: skip)")
    parser.add_argument("--skip-dask", action="store_true", help="only the synthetic corpus (with the local baseline)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (the research corpora live in ../shared/corpora)")
        return 0
    files = sorted(args.corpus.rglob("*.txt"))
    scratch = Path(tempfile.mkdtemp(prefix="storylens-cluster-bench-"))
    try:
        print(f"corpus: {args.corpus} ({len(files)} files), {os.cpu_count()} cores, one run each")
        local = storylens("index", args.corpus, scratch / "local")
        print(f"cold index, local pool:                 {local.seconds:.1f} s  (peak {local.peak_mb:.0f} MB, "
              f"client alone {local.own_peak_mb:.0f} MB; CPU {local.cpu_seconds:.0f} s)")
        if not args.skip_dask:
            with TwoWorkers(scratch) as address:
                dask = storylens("index", args.corpus, scratch / "dask", "--scheduler", address)
            same = cache_digest(scratch / "local") == cache_digest(scratch / "dask")
            ratio = dask.seconds / local.seconds
            print(f"cold index, Dask (2 workers x 1 thread): {dask.seconds:.1f} s  ratio {ratio:.2f} "
                  f"(target <= {TARGETS['dask_ratio']}); same cache rows: {same} ({cache_digest(scratch / 'dask')[0]} rows)")
        if args.synthetic:
            synthetic = scratch / "synthetic"
            started = time.perf_counter()
            write_synthetic(args.corpus, synthetic, args.synthetic)
            print(f"synthetic corpus: {args.synthetic} articles written in {time.perf_counter() - started:.0f} s")
            # Tens of thousands of articles outgrow the cache's default 1 GB bound: pruning mid-run
            # would measure the pruning, and drop work the run still needs.
            os.environ["STORYLENS_CACHE_MAX_MB"] = str(max(1024, args.synthetic // 10))
            big = storylens("index", synthetic, scratch / "big")
            summary = big.stdout.splitlines()
            again = storylens("index", args.corpus, scratch / "local-again")
            print(f"cold index, {args.synthetic} articles, local pool: {big.seconds:.0f} s; {summary[-1]}; "
                  f"load average {os.getloadavg()[1]:.1f} over its last 5 minutes")
            print(f"  client peak memory: {big.own_peak_mb:.0f} MB (target <= {TARGETS['client_mb']}); "
                  f"with its workers {big.peak_mb:.0f} MB")
            print(f"cold index, local pool, again:          {again.seconds:.1f} s")
            per_local = (local.seconds + again.seconds) / 2 / len(files)
            per_big = big.seconds / args.synthetic
            print(f"  time per article: {per_big * 1000:.1f} ms against {per_local * 1000:.1f} ms on the corpus "
                  f"(before {local.seconds / len(files) * 1000:.1f}, after {again.seconds / len(files) * 1000:.1f}), "
                  f"ratio {per_big / per_local:.2f} (target <= {TARGETS['per_article_ratio']})")
            cpu_local = (local.cpu_seconds + again.cpu_seconds) / 2 / len(files)
            cpu_big = big.cpu_seconds / args.synthetic
            print(f"  CPU time per article (client and workers): {cpu_big * 1000:.1f} ms against "
                  f"{cpu_local * 1000:.1f} ms, ratio {cpu_big / cpu_local:.2f}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
