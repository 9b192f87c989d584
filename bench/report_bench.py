"""How long `storylens report` takes for the largest story of a folder, warm; and how big the file is for 50 articles.

    python bench/report_bench.py [--corpus DIR] [--cache DIR] [--runs N]

Default corpus: the 2,225 BBC articles. The cache is filled first (`storylens
index`, then one report of the story: its claims, figures and sentence scores),
or taken as given with --cache (a folder `storylens index` already filled).
Warm runs are then timed end to end as an analyst runs them: the command in a
fresh process, loading the folder, finding its stories, building and writing
the file. In the same run, `storylens events` warm (the part every story
command pays, whole-folder loading and grouping) is the baseline the report's
own work is read against. Targets: report warm <= 10 s; <= 8 MB for 50 articles.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import DEFAULT_CORPUS, python_child, run_measured, storylens  # noqa: E402

TARGET_SECONDS = 10.0
TARGET_MB = 8.0
SIZE_ARTICLES = 50

# In a child: the largest stories' articles until there are 50, one report over them (the whole-folder mode).
_SIZE_CODE = """
import sys, time
from analysis import report
from analysis.engine.batch import Runner
from analysis.engine.cache import AnalysisCache
from analysis.corpus import load_corpus
from analysis.story.events import event_summary, find_events
runner = Runner(cache=AnalysisCache())
corpus = load_corpus(sys.argv[1], cache=runner.cache)
events = find_events(corpus, runner=runner)
paths = [p for articles in event_summary(events)["articles"] for p in articles][:int(sys.argv[2])]
chosen = corpus.subset(paths)
report.build_report(chosen, events, runner=runner, source="bench")  # fills what the cache lacks
start = time.perf_counter()
document = report.build_report(chosen, events, runner=runner, source="bench")
print(len(chosen.articles), events[events["article"].isin(paths)]["event"].nunique(), len(document.encode()),
      round(time.perf_counter() - start, 2))
"""


def _checked(measured, what: str):
    if measured.returncode != 0:
        raise SystemExit(f"{what} failed with status {measured.returncode}:\n{measured.stderr[-2000:]}")
    return measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--cache", type=Path, help="a cache `storylens index` filled (default: fill a fresh one)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}; nothing to measure")
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="storylens-reportbench-"))
    cache = args.cache or scratch / "cache"
    try:
        if args.cache is None:
            print(f"filling a fresh cache with `storylens index` ({args.corpus})…")
            index = storylens("index", args.corpus, cache)
            print(f"  index, cold: {index.seconds:.1f} s")
        events = storylens("events", args.corpus, cache).stdout.splitlines()
        largest = events[1].split(",")[1]
        size = sum(line.split(",")[1] == largest for line in events[1:])
        command = [sys.executable, "-m", "analysis", "report", str(args.corpus), "--event", largest,
                   "--out", str(scratch / "report.html"), "--format", "csv"]
        first = _checked(run_measured(command, cache), "storylens report")
        print(f"largest story: {largest} ({size} articles); first report (fills what the cache lacks): "
              f"{first.seconds:.1f} s")
        reports, baselines, peaks = [], [], []
        for run in range(args.runs):
            base = storylens("events", args.corpus, cache).seconds
            warm = _checked(run_measured(command, cache), "storylens report")
            reports.append(warm.seconds)
            baselines.append(base)
            peaks.append(warm.peak_mb)
            print(f"  run {run + 1}: report {warm.seconds:.2f} s, peak {warm.peak_mb:.0f} MB; "
                  f"events {base:.2f} s; report less events {warm.seconds - base:.2f} s")
        file_mb = (scratch / "report.html").stat().st_size / 1e6
        articles, stories, size_bytes, build_s = python_child(_SIZE_CODE, str(args.corpus), str(SIZE_ARTICLES),
                                                              cache=cache).stdout.split()
        median = statistics.median(reports)
        print(f"medians of {args.runs} warm runs:")
        print(f"  storylens report --event {largest} ({size} articles): {median:.2f} s (target <= {TARGET_SECONDS:.0f} s), "
              f"{median / statistics.median(baselines):.2f}x warm `storylens events`; peak {statistics.median(peaks):.0f} MB;"
              f" file {file_mb:.2f} MB")
        print(f"  {articles} articles ({stories} stories) in one report: {int(size_bytes) / 1e6:.2f} MB "
              f"(target <= {TARGET_MB:.0f} MB), built in {build_s} s warm (in process, the folder loaded)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
