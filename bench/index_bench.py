"""How long `storylens index` takes cold and warm, against plain YAKE, and its peak memory.

    python bench/index_bench.py [--corpus DIR] [--runs N] [--limit N]

The baseline is plain single-process YAKE (default settings) over the same
files, measured in the same run, so the ratios hold on a noisy shared
machine. Cold: an empty cache, every analysis of every article. Warm:
everything cached. Peak memory: the largest sum of resident memory over the
index process and its workers, sampled every 50 ms. CPU: the cold index's
user + system seconds, its workers' included, which vary far less than wall
time on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import DEFAULT_CORPUS, baseline_seconds, storylens  # noqa: E402

TARGETS = {"cold": 0.7, "warm": 0.05, "peak_mb": 700}


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
        base, cold, warm, peaks, sizes, cpu = [], [], [], [], [], []
        for run in range(args.runs):
            cache = scratch / f"cache{run}"
            # Every other run measures the baseline last, so a machine that
            # speeds up or slows down during the run favours neither side.
            if run % 2:
                measured = storylens("index", corpus, cache)
                base.append(baseline_seconds(files))
            else:
                base.append(baseline_seconds(files))
                measured = storylens("index", corpus, cache)
            seconds, peak = measured.seconds, measured.peak_mb
            cold.append(seconds)
            cpu.append(measured.cpu_seconds)
            peaks.append(peak)
            warm.append(storylens("index", corpus, cache).seconds)
            sizes.append(sum(f.stat().st_size for f in cache.rglob("*") if f.is_file()) / 1e6)
            print(f"  run {run + 1}: baseline {base[-1]:.1f} s, cold {cold[-1]:.1f} s (ratio {cold[-1] / base[-1]:.2f}, "
                  f"CPU {cpu[-1]:.1f} s, peak {peak:.0f} MB), warm {warm[-1]:.2f} s (ratio {warm[-1] / base[-1]:.3f})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    # Ratios are taken within a run (baseline and index measured back to back), then the median.
    cold_ratio = statistics.median(c / b for c, b in zip(cold, base))
    warm_ratio = statistics.median(w / b for w, b in zip(warm, base))
    b, c, w, p = (statistics.median(x) for x in (base, cold, warm, peaks))
    print(f"plain YAKE, 1 process (baseline): median {b:.1f} s")
    print(f"cold index, every analysis:       median {c:.1f} s  ratio {cold_ratio:.2f}  (target <= {TARGETS['cold']})")
    print(f"cold index, CPU (workers too):    median {statistics.median(cpu):.1f} s  "
          f"({statistics.median(c / b for c, b in zip(cpu, base)):.2f} of the baseline's wall)")
    print(f"warm index, all cached:           median {w:.2f} s  ratio {warm_ratio:.3f} (target <= {TARGETS['warm']})")
    print(f"peak memory of the cold index:    median {p:.0f} MB            (target <= {TARGETS['peak_mb']})")
    print(f"analysis cache on disk, filled:   median {statistics.median(sizes):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
