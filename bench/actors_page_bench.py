"""The Actors page's first visit on a large corpus: the server's CPU, and what it sends the browser.

    python bench/actors_page_bench.py --corpus DIR --cache DIR [--before REF] [--runs N]

Runs the app in Streamlit's AppTest (no browser, no network), in a fresh
process per run: the first page (Overview), then the Actors page, as a
visitor clicking it after a server start. Prints, for the Actors page alone,
the CPU seconds of the process (the script's work: loaders, analyses,
Streamlit's own caching and serialising), the rows of every table it sends,
and the bytes of every element it sends (protobuf, as Streamlit ships them).
CPU time, not wall time: on a shared machine it varies far less.

With ``--before REF`` the same is measured for that git revision of this
repository (exported with ``git archive`` to a temporary folder), or for a
folder holding another copy of the app (this checkout with a change
reverted, say), run by run beside this checkout, so the two figures come
from one run on one machine load; the ratios are printed. Both must read
per-article results of the same versions from the cache, or the older one
computes them in workers this bench does not count. ``--cache`` should hold what `storylens index`
of this checkout stored (an older revision reads what it knows of it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# In the child: the app from ROOT_DIR, Overview, then Actors; one JSON line of figures.
CHILD = r"""
import json, sys, time
from streamlit.testing.v1 import AppTest

at = AppTest.from_file(sys.argv[1] + "/app.py", default_timeout=900)
at.run()
cpu = time.process_time()
at.switch_page("views/actors.py")
at.run()
cpu = time.process_time() - cpu
if at.exception:
    raise SystemExit("the Actors page failed: " + "; ".join(str(e.value)[:300] for e in at.exception))


def leaves(node):
    children = getattr(node, "children", None)
    if children is None:
        yield node
    else:
        for child in children.values():
            yield from leaves(child)


sent = sum(n.proto.ByteSize() for n in leaves(at._tree) if getattr(n, "proto", None) is not None)
rows = sum(len(frame.value) for frame in at.dataframe)
print(json.dumps({"cpu": cpu, "rows": rows, "bytes": sent, "tables": len(at.dataframe)}))
"""


def measure(tree: Path, corpus: Path, cache: Path) -> dict[str, float]:
    """One fresh process running the app of ``tree``: the Actors page's figures."""
    env = {**os.environ, "PYTHONPATH": str(tree), "STORYLENS_CORPUS": str(corpus), "STORYLENS_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(tree)], cwd=tree, env=env, capture_output=True, text=True,
                          timeout=1800)
    if done.returncode:
        raise SystemExit(f"{tree}: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def export(ref: str, into: Path) -> Path:
    """The tree of git revision ``ref`` of this repository, written below ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "x", "-C", str(into)], input=archive, check=True)
    return into


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True, help="a cache filled by `storylens index CORPUS`")
    parser.add_argument("--before", help="a git revision (e.g. main~3), or a folder holding the app, to measure "
                                         "beside this checkout")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"actors page bench skipped: corpus not found: {args.corpus}")
        return 0
    with tempfile.TemporaryDirectory(prefix="storylens-before-") as scratch:
        trees = {"this checkout": ROOT}
        if args.before:
            before = Path(args.before) if Path(args.before).is_dir() else export(args.before, Path(scratch))
            trees = {f"before ({args.before})": before, **trees}
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        for number in range(args.runs):
            for name, tree in trees.items():  # alternated, so both see the same machine load
                runs[name].append(measure(tree, args.corpus, args.cache))
                print(f"  run {number + 1}, {name}: " + ", ".join(f"{k} {v:g}" for k, v in runs[name][-1].items()))
    print(f"corpus {args.corpus}: the Actors page's first visit, median of {args.runs} runs")
    medians = {name: {k: statistics.median(r[k] for r in found) for k in found[0]} for name, found in runs.items()}
    for name, figures in medians.items():
        print(f"  {name:<28} server CPU {figures['cpu']:6.2f} s, {figures['rows']:>7.0f} table rows, "
              f"{figures['bytes'] / 1e6:6.2f} MB sent ({figures['tables']:.0f} tables)")
    if args.before:
        before, after = medians.values()
        print(f"  this checkout / before: CPU {after['cpu'] / before['cpu']:.2f}x, "
              f"rows {after['rows'] / before['rows']:.3f}x, bytes {after['bytes'] / before['bytes']:.3f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
