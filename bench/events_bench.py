"""Events: agreement with BASIL's true events (ARI), the samples, and time and memory on BBC.

    python bench/events_bench.py [--basil DIR] [--corpus DIR] [--runs N] [--no-bbc] [--set NAME=VALUE ...]

BASIL (../shared/corpora/basil_dev) holds 50 events, each a folder of three
articles (Fox News, New York Times, HuffPost). For each split of years its
folders are merged into ONE flat temporary folder, files renamed to opaque
shuffled names (article_000.txt...: nothing in a name says which event it
came from), once with a metadata.csv rewritten for the new names (titles,
outlets, dates) and once without any (titles then come from the first line,
dates are unknown). find_events then runs on the folder, and its events are
compared with the true ones by the adjusted Rand index (1: the same
partition; 0: what chance gives). Splits: 2010-2012 (where the settings were
chosen), 2013-2014 (held out: untouched while tuning), and all 50 events.

Small folders, per split: each event alone (it must stay one event) and 40
random pairs of events (both must come out exactly), because IDF and the
cut behave differently on three articles than on a hundred and fifty.

BBC (../shared/corpora/bbc_news, 2,225 articles): load_corpus then
find_events in a fresh process through a Runner with an AnalysisCache in a
fresh STORYLENS_CACHE_DIR (cold: no stems cached), then again (warm), against
plain single-process YAKE over the same files measured in the same run;
peak memory is the largest resident sum over the process and its workers.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import statistics
import sys
import tempfile
from collections import Counter
from dataclasses import fields, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from measure import DEFAULT_CORPUS, baseline_seconds, python_child  # noqa: E402

from analysis.engine.batch import Runner  # noqa: E402
from analysis.corpus import load_corpus  # noqa: E402
from analysis.story.events import EventSettings, event_summary, find_events  # noqa: E402

DEFAULT_BASIL = ROOT.parent / "shared" / "corpora" / "basil_dev"
SAMPLES = ROOT / "sample_data"
SPLITS = {"2010-2012 (tuning)": (2010, 2011, 2012), "2013-2014 (held out)": (2013, 2014),
          "all 50 events": (2010, 2011, 2012, 2013, 2014)}
TARGETS = {"ari_metadata": 0.90, "ari_text": 0.85, "cold": 1.0, "warm": 0.1, "peak_mb": 1536}
PAIRS_PER_SPLIT = 40
_CHILD = """
import json, sys, time
from analysis.engine.batch import Runner
from analysis.engine.cache import AnalysisCache
from analysis.corpus import load_corpus
from analysis.story.events import event_summary, find_events
start = time.perf_counter()
corpus = load_corpus(sys.argv[1], cache=AnalysisCache())
loaded = time.perf_counter()
events = find_events(corpus, runner=Runner(cache=AnalysisCache()))
done = time.perf_counter()
sizes = event_summary(events)["size"].tolist()
print(json.dumps({"load": loaded - start, "find": done - loaded, "sizes": sizes}))
"""


def adjusted_rand_index(truth: list, predicted: list) -> float:
    """Hubert and Arabie's adjusted Rand index: 1.0 for the same partition, about 0.0 for chance."""
    n = len(truth)
    both = _pairs(Counter(zip(truth, predicted)).values())
    a, b = _pairs(Counter(truth).values()), _pairs(Counter(predicted).values())
    total = n * (n - 1) / 2
    expected = a * b / total if total else 0.0
    ceiling = (a + b) / 2
    return 1.0 if ceiling == expected else (both - expected) / (ceiling - expected)


def _pairs(sizes) -> float:
    return sum(c * (c - 1) / 2 for c in sizes)


def basil_events(basil: Path, years: tuple[int, ...]) -> list[str]:
    """The event folders of ``basil`` whose names start with one of ``years``."""
    return sorted(p.name for p in basil.iterdir() if p.is_dir() and p.name[:4].isdigit()
                  and int(p.name[:4]) in years)


def flatten(basil: Path, events: list[str], dest: Path, with_metadata: bool, seed: int = 0) -> dict[str, str]:
    """Copy the events' articles into ``dest`` under opaque shuffled names; {new name: event}."""
    dest.mkdir(parents=True)
    with open(basil / "metadata.csv", newline="", encoding="utf-8") as handle:
        metadata = {row["file"]: row for row in csv.DictReader(handle)}
    files = [(event, path) for event in events for path in sorted((basil / event).glob("*.txt"))]
    random.Random(seed).shuffle(files)
    truth, rows = {}, []
    for number, (event, path) in enumerate(files):
        name = f"article_{number:03d}.txt"
        shutil.copyfile(path, dest / name)
        truth[name] = event
        rows.append({**metadata.get(f"{event}/{path.name}", {}), "file": name})
    if with_metadata:
        with open(dest / "metadata.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=["file", "title", "outlet", "published", "url"],
                                    extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    return truth


def score_folder(folder: Path, truth: dict[str, str], settings: EventSettings) -> tuple[float, int]:
    """(ARI against ``truth``, events found) for find_events on ``folder`` with ``settings``."""
    corpus = load_corpus(folder)
    events = find_events(corpus, settings, runner=Runner(workers=1))
    found = dict(zip(events["article"], events["event"]))
    paths = [a.path for a in corpus.articles]
    return adjusted_rand_index([truth[p] for p in paths], [found[p] for p in paths]), events["event"].nunique()


def basil_report(basil: Path, scratch: Path, settings: EventSettings) -> dict[str, float]:
    """Print ARI per split, with and without metadata, and the small-folder checks; return the ARIs."""
    print(f"BASIL: {basil}")
    figures = {}
    rng = random.Random(0)
    for split, years in SPLITS.items():
        events = basil_events(basil, years)
        pairs = [rng.sample(events, 2) for _ in range(PAIRS_PER_SPLIT)]
        for with_metadata in (True, False):
            mode = "metadata" if with_metadata else "text only"
            tag = f"{split[:9]}-{'meta' if with_metadata else 'text'}"
            folder = scratch / tag
            ari, found = score_folder(folder, flatten(basil, events, folder, with_metadata), settings)
            whole = sum(score_folder(scratch / f"{tag}-{e}",
                                     flatten(basil, [e], scratch / f"{tag}-{e}", with_metadata), settings)[1] == 1
                        for e in events)
            exact = sum(score_folder(scratch / f"{tag}-pair{k}",
                                     flatten(basil, list(p), scratch / f"{tag}-pair{k}", with_metadata, seed=k),
                                     settings)[0] == 1.0 for k, p in enumerate(pairs))
            figures[(split, mode)] = ari
            print(f"  {split:22s} {mode:9s}: ARI {ari:.3f} ({len(events)} true events, {found} found); "
                  f"one event alone stays whole {whole}/{len(events)}; "
                  f"two events exactly {exact}/{len(pairs)}")
    for (split, mode), ari in figures.items():
        if split.startswith("all"):
            target = TARGETS["ari_metadata" if mode == "metadata" else "ari_text"]
            print(f"  all 50, {mode}: ARI {ari:.3f} (target >= {target})")
    return {f"{split} / {mode}": ari for (split, mode), ari in figures.items()}


def samples_report(settings: EventSettings) -> None:
    """The five sample articles: 000, 001 and 004 report one call; 002 another; 003 comments on several."""
    summary = event_summary(find_events(load_corpus(SAMPLES), settings))
    print("samples (expected: {000, 001, 004} one event; 002 and 003 not in it):")
    for row in summary.itertuples():
        print(f"  {row.event}: {sorted(p[:3] for p in row.articles)}  {row.event_title!r}")


def bbc_report(corpus: Path, runs: int, scratch: Path) -> None:
    """Cold and warm find_events on BBC against plain YAKE in the same run; events and sizes."""
    files = sorted(corpus.rglob("*.txt"))
    print(f"BBC: {corpus} ({len(files)} files), {runs} run(s)")
    base, cold, warm = [], [], []
    for run in range(runs):
        cache = scratch / f"cache{run}"
        if run % 2:  # alternate the order, so drift in machine load favours neither side
            cold.append(_timed(corpus, cache))
            base.append(baseline_seconds(files))
        else:
            base.append(baseline_seconds(files))
            cold.append(_timed(corpus, cache))
        warm.append(_timed(corpus, cache))
        print(f"  run {run + 1}: YAKE {base[-1]:.1f} s; cold load {cold[-1]['load']:.1f} + find_events "
              f"{cold[-1]['find']:.1f} s (peak {cold[-1]['peak_mb']:.0f} MB); warm load {warm[-1]['load']:.2f} "
              f"+ find_events {warm[-1]['find']:.2f} s")
    for label, measured, target in (("cold", cold, TARGETS["cold"]), ("warm", warm, TARGETS["warm"])):
        ratio = statistics.median(m["find"] / b for m, b in zip(measured, base))
        print(f"  {label}: find_events median {statistics.median(m['find'] for m in measured):.2f} s, "
              f"ratio to YAKE {ratio:.3f} (target <= {target})")
    print(f"  plain YAKE: median {statistics.median(base):.1f} s; peak memory, cold: median "
          f"{statistics.median(m['peak_mb'] for m in cold):.0f} MB (target < {TARGETS['peak_mb']})")
    sizes = np.array(cold[-1]["sizes"])
    counts = Counter(sizes.tolist())
    print(f"  {len(sizes)} events: {counts[1]} of one article, {int((sizes >= 2).sum())} of two or more "
          f"({int(sizes[sizes >= 2].sum())} articles); largest {sorted(sizes.tolist(), reverse=True)[:10]}")
    print("  events by size: " + ", ".join(f"{size}: {counts[size]}" for size in sorted(counts)))


def _timed(corpus: Path, cache: Path) -> dict:
    measured = python_child(_CHILD, str(corpus), cache=cache)
    return {**json.loads(measured.stdout), "peak_mb": measured.peak_mb}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-bbc", action="store_true", help="skip the BBC timing")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="an EventSettings field for the BASIL and sample checks, e.g. threshold=0.2")
    args = parser.parse_args()
    types = {f.name: type(getattr(EventSettings(), f.name)) for f in fields(EventSettings)}
    changes = dict(item.split("=", 1) for item in args.set)
    settings = replace(EventSettings(), **{k: types[k](v) for k, v in changes.items()})
    print(f"settings: {settings}")
    scratch = Path(tempfile.mkdtemp(prefix="storylens-events-"))
    try:
        if args.basil.is_dir():
            basil_report(args.basil, scratch, settings)
        else:
            print(f"BASIL not found: {args.basil} (the research corpora live in ../shared/corpora)")
        samples_report(settings)
        if not args.no_bbc and args.corpus.is_dir():
            bbc_report(args.corpus, args.runs, scratch)
        elif not args.no_bbc:
            print(f"BBC not found: {args.corpus}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
