"""How long the story analyses take on a whole folder, cold and warm, against plain YAKE; and their peak memory.

    python bench/story_bench.py [--corpus DIR] [--runs N] [--commands events,claims,copies]

For each of `storylens events`, `claims` and `copies` over the whole folder
(default: the 2,225 BBC articles): cold is a fresh cache (the per-article
work included), warm is the same command again on the cache the cold run
left. The baseline is plain single-process YAKE over the same files,
measured in the same run; the targets are cold <= 1.0 and warm <= 0.1 of it,
peak memory (process and workers) <= 1.5 GB.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import DEFAULT_CORPUS, baseline_seconds, storylens  # noqa: E402

COMMANDS = ("events", "claims", "copies")
TARGETS = {"cold": 1.0, "warm": 0.1, "peak_mb": 1536}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--commands", default=",".join(COMMANDS), help="which of them to time (default: all)")
    args = parser.parse_args()
    commands = [c for c in args.commands.split(",") if c]
    if not set(commands) <= set(COMMANDS):
        parser.error(f"--commands: choose among {', '.join(COMMANDS)}")
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}; nothing to measure")
        return 0
    files = sorted(args.corpus.rglob("*.txt"))
    scratch = Path(tempfile.mkdtemp(prefix="storylens-storybench-"))
    results: dict[str, dict[str, list[float]]] = {c: {"cold": [], "warm": [], "peak_mb": []} for c in commands}
    try:
        print(f"corpus: {args.corpus} ({len(files)} files), {args.runs} runs")
        for run in range(args.runs):
            base = baseline_seconds(files)
            line = [f"baseline {base:.1f} s"]
            for command in commands:
                cache = scratch / f"{command}{run}"
                first = storylens(command, args.corpus, cache)
                cold, peak = first.seconds, first.peak_mb
                warm = storylens(command, args.corpus, cache).seconds
                results[command]["cold"].append(cold / base)
                results[command]["warm"].append(warm / base)
                results[command]["peak_mb"].append(peak)
                line.append(f"{command} cold {cold:.1f} s ({cold / base:.3f}), warm {warm:.1f} s ({warm / base:.3f}), "
                            f"peak {peak:.0f} MB")
                shutil.rmtree(cache, ignore_errors=True)
            print(f"  run {run + 1}: " + "; ".join(line))
        print("medians (ratios to plain YAKE in the same run):")
        for command in commands:
            figures = {k: statistics.median(v) for k, v in results[command].items()}
            print(f"  {command:7} cold {figures['cold']:.3f} (target <= {TARGETS['cold']}), warm {figures['warm']:.3f} "
                  f"(target <= {TARGETS['warm']}), peak {figures['peak_mb']:.0f} MB (target <= {TARGETS['peak_mb']})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
