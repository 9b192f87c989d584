"""How long `storylens timeline` takes warm over the 2,225 BBC articles, against plain YAKE.

    python bench/timeline_bench.py [--corpus DIR] [--runs N] [--by outlet,event,...]

The BBC files carry no dates, so the bench copies them into a temporary
folder with a metadata.csv giving each a made-up publication date (spread
over 2004-2005, most with a time and a UTC offset, one in twenty undated,
deterministic): the dates are synthetic, the counting they drive is what is
measured. The cache is filled once (`storylens index`, and one untimed
`timeline` per grouping for what is kept whole, like the stories), then each
`storylens timeline --by X` runs in a fresh process, warm, against plain
single-process YAKE over the same files measured in the same run. Target:
<= 0.05x for every grouping.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import DEFAULT_CORPUS, baseline_seconds, run_measured  # noqa: E402

TARGET = 0.05
GROUPINGS = ("outlet", "event", "actor", "topic", "none")
UNDATED_SHARE = 0.05
OFFSETS = ("Z", "+01:00", "-05:00", "+05:30")


def dated_copy(files: list[Path], folder: Path, seed: int = 2004) -> None:
    """The files under ``folder`` with a metadata.csv of made-up dates (see the module docstring)."""
    folder.mkdir()
    chance = random.Random(seed)
    rows = ["file,published"]
    for path in files:
        shutil.copy(path, folder / path.name)
        if chance.random() < UNDATED_SHARE:
            rows.append(f"{path.name},")
            continue
        day = f"{chance.choice((2004, 2005))}-{chance.randint(1, 12):02d}-{chance.randint(1, 28):02d}"
        if chance.random() < 0.3:
            rows.append(f"{path.name},{day}")
        else:
            offset = chance.choice(OFFSETS)
            rows.append(f"{path.name},{day}T{chance.randint(0, 23):02d}:{chance.randint(0, 59):02d}:00{offset}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def timeline_seconds(corpus: Path, cache: Path, by: str) -> float:
    command = [sys.executable, "-m", "analysis", "timeline", str(corpus), "--by", by, "--format", "csv"]
    measured = run_measured(command, cache)
    if measured.returncode != 0:
        raise SystemExit(f"storylens timeline --by {by} failed:\n{measured.stderr[-2000:]}")
    return measured.seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--by", default=",".join(GROUPINGS), help="comma-separated groupings to time")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (the research corpora live in ../shared/corpora)")
        return 0
    groupings = [g for g in args.by.split(",") if g]
    files = sorted(args.corpus.rglob("*.txt"))
    scratch = Path(tempfile.mkdtemp(prefix="storylens-timeline-bench-"))
    try:
        corpus, cache = scratch / "corpus", scratch / "cache"
        dated_copy(files, corpus)
        print(f"corpus: {args.corpus} ({len(files)} files, made-up dates), {args.runs} runs each")
        fill = run_measured([sys.executable, "-m", "analysis", "index", str(corpus), "--format", "csv"], cache)
        if fill.returncode != 0:
            raise SystemExit(f"storylens index failed:\n{fill.stderr[-2000:]}")
        for by in groupings:
            timeline_seconds(corpus, cache, by)  # what is kept whole (stories) is kept now
        print(f"cache filled in {fill.seconds:.0f} s")
        base: list[float] = []
        warm: dict[str, list[float]] = {by: [] for by in groupings}
        for run in range(args.runs):
            # Every other run measures the baseline last, so drift favours neither side.
            if not run % 2:
                base.append(baseline_seconds(files))
            for by in groupings:
                warm[by].append(timeline_seconds(corpus, cache, by))
            if run % 2:
                base.append(baseline_seconds(files))
            print(f"  run {run + 1}: baseline {base[-1]:.1f} s; "
                  + ", ".join(f"{by} {warm[by][-1]:.2f} s" for by in groupings))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"plain YAKE, 1 process (baseline): median {statistics.median(base):.1f} s")
    for by in groupings:
        ratio = statistics.median(w / b for w, b in zip(warm[by], base))
        print(f"warm timeline --by {by:<7} median {statistics.median(warm[by]):.2f} s  ratio {ratio:.3f}  "
              f"(target <= {TARGET})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
