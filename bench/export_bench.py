"""How long `storylens export` takes warm, against plain YAKE.

    python bench/export_bench.py [--corpus DIR] [--runs N] [--cache DIR]

The export runs once cold to fill a fresh cache (its time is printed, not
judged), then warm ``--runs`` times: every table written from the cache. The
baseline is plain single-process YAKE over the same files, measured in the
same run; the target is warm <= 0.25 of it.
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

TARGET = 0.25


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--cache", type=Path, help="a cache an export of this corpus already filled (skips the cold run)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (the research corpora live in ../shared/corpora)")
        return 0
    files = sorted(args.corpus.rglob("*.txt"))
    scratch = Path(tempfile.mkdtemp(prefix="storylens-export-bench-"))
    try:
        print(f"corpus: {args.corpus} ({len(files)} files), {os.cpu_count()} cores")
        out, cache = str(scratch / "out"), args.cache or scratch / "cache"
        if not args.cache:
            cold = storylens("export", args.corpus, cache, "--out", out)
            print(f"cold export (fills the cache): {cold.seconds:.1f} s, peak {cold.peak_mb:.0f} MB")
        ratios = []
        for run in range(args.runs):
            base = baseline_seconds(files)
            warm = storylens("export", args.corpus, cache, "--out", out)
            ratios.append(warm.seconds / base)
            print(f"  run {run + 1}: baseline {base:.1f} s, warm export {warm.seconds:.2f} s "
                  f"(ratio {ratios[-1]:.3f}, peak {warm.peak_mb:.0f} MB)")
        print(warm.stdout.strip())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"warm export vs plain YAKE: median ratio {statistics.median(ratios):.3f} (target <= {TARGET})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
