"""How long `storylens index` takes cold and warm, against plain YAKE, and its peak memory.

    python bench/index_bench.py [--corpus DIR] [--runs N] [--limit N]

The baseline is plain single-process YAKE (default settings) over the same
files, measured in the same run, so the ratios hold on a noisy shared
machine. Cold: an empty cache, every analysis of every article. Warm:
everything cached. Peak memory: the largest sum of resident memory over the
index process and its workers, sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc_news"
TARGETS = {"cold": 0.7, "warm": 0.05, "peak_mb": 700}


def baseline_seconds(files: list[Path]) -> float:
    """Plain YAKE, one process, default settings: the cost the index is measured against."""
    code = (
        "import sys, time, yake\n"
        "paths = sys.argv[1:]\n"
        "extractor = yake.KeywordExtractor()\n"
        "start = time.perf_counter()\n"
        "for p in paths:\n"
        "    extractor.extract_keywords(open(p, encoding='utf-8', errors='replace').read())\n"
        "print(time.perf_counter() - start)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *map(str, files)], check=True, capture_output=True, text=True)
    return float(out.stdout.strip())


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def run_index(corpus: Path, cache: Path) -> tuple[float, float]:
    """(seconds, peak MB) of one `storylens index` run."""
    env = {**os.environ, "STORYLENS_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "index", str(corpus), "--format", "csv"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"storylens index failed with status {proc.returncode}")
    return elapsed, peak / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N files (0: all)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (the research corpora live in ../shared/corpora)")
        return 0
    files = sorted(args.corpus.rglob("*.txt"))
    corpus = args.corpus
    scratch = Path(tempfile.mkdtemp(prefix="storylens-bench-"))
    try:
        if args.limit:
            files = files[: args.limit]
            corpus = scratch / "corpus"
            corpus.mkdir()
            for path in files:
                shutil.copy(path, corpus / path.name)
        print(f"corpus: {args.corpus} ({len(files)} files), {os.cpu_count()} cores, {args.runs} runs each")
        base, cold, warm, peaks = [], [], [], []
        for run in range(args.runs):
            cache = scratch / f"cache{run}"
            # Every other run measures the baseline last, so a machine that
            # speeds up or slows down during the run favours neither side.
            if run % 2:
                seconds, peak = run_index(corpus, cache)
                base.append(baseline_seconds(files))
            else:
                base.append(baseline_seconds(files))
                seconds, peak = run_index(corpus, cache)
            cold.append(seconds)
            peaks.append(peak)
            warm.append(run_index(corpus, cache)[0])
            print(f"  run {run + 1}: baseline {base[-1]:.1f} s, cold {cold[-1]:.1f} s (ratio {cold[-1] / base[-1]:.2f}, "
                  f"peak {peak:.0f} MB), warm {warm[-1]:.2f} s (ratio {warm[-1] / base[-1]:.3f})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    # Ratios are taken within a run (baseline and index measured back to back), then the median.
    cold_ratio = statistics.median(c / b for c, b in zip(cold, base))
    warm_ratio = statistics.median(w / b for w, b in zip(warm, base))
    b, c, w, p = (statistics.median(x) for x in (base, cold, warm, peaks))
    print(f"plain YAKE, 1 process (baseline): median {b:.1f} s")
    print(f"cold index, every analysis:       median {c:.1f} s  ratio {cold_ratio:.2f}  (target <= {TARGETS['cold']})")
    print(f"warm index, all cached:           median {w:.2f} s  ratio {warm_ratio:.3f} (target <= {TARGETS['warm']})")
    print(f"peak memory of the cold index:    median {p:.0f} MB            (target <= {TARGETS['peak_mb']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
