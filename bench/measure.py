"""What every timing bench shares: the plain-YAKE baseline, and a child process timed with its peak memory.

Machines here are shared and noisy, so benches report ratios against a
baseline measured in the same run, and peak memory as the largest sum of
resident memory over a process and its workers, sampled every 50 ms.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc_news"


def baseline_seconds(files: list[Path]) -> float:
    """Plain YAKE, one process, default settings: the cost the analyses are measured against."""
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


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants, from /proc (the ones that ended meanwhile left out)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            children = [int(c) for task in Path(f"/proc/{current}/task").iterdir()
                        for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
        found.append(current)
        todo.extend(children)
    return found


def tree_rss_kb(pid: int, descendants: bool = True) -> int:
    """Resident memory of a process and (unless ``descendants`` is False) all its descendants, from /proc."""
    total = 0
    for current in process_tree(pid) if descendants else [pid]:
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, ValueError):
            continue
    return total


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) the processes ``pids`` have used so far, from /proc.

    On a shared machine a process's CPU time varies far less than its wall time:
    the work is the same, only the waiting for a core changes.
    """
    ticks = 0
    for current in pids:
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return ticks / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Measured:
    """One child process run: wall seconds, peak resident MB (with its workers; alone), output, exit status, CPU seconds."""

    seconds: float
    peak_mb: float
    stdout: str
    stderr: str
    returncode: int
    own_peak_mb: float = 0.0
    cpu_seconds: float = 0.0  # user + system, the child's and its workers' (those it waited for)


def run_measured(command: list[str], cache: Path | None = None) -> Measured:
    """Run ``command`` from the repository root (STORYLENS_CACHE_DIR=``cache`` when given), timing it."""
    env = dict(os.environ)
    if cache is not None:
        env["STORYLENS_CACHE_DIR"] = str(cache)
    start = time.perf_counter()
    cpu_before = _children_cpu()
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = own = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, own
        while not done.is_set():
            peak = max(peak, tree_rss_kb(proc.pid))
            own = max(own, tree_rss_kb(proc.pid, descendants=False))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    return Measured(elapsed, peak / 1024, out, err, proc.returncode, own / 1024, _children_cpu() - cpu_before)


def _children_cpu() -> float:
    """CPU seconds of this process's children that have ended, with their own ended children (getrusage)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def python_child(code: str, *args: str, cache: Path | None = None) -> Measured:
    """:func:`run_measured` on ``python -c code args``, failing loudly when the child fails."""
    measured = run_measured([sys.executable, "-c", code, *args], cache)
    if measured.returncode != 0:
        raise SystemExit(f"the measured child failed:\n{measured.stderr[-2000:]}")
    return measured


def storylens(command: str, corpus: Path, cache: Path, *options: str) -> Measured:
    """:func:`run_measured` on ``storylens COMMAND CORPUS --format csv OPTIONS`` with its own cache, failing loudly."""
    measured = run_measured([sys.executable, "-m", "analysis", command, str(corpus), "--format", "csv", *options],
                            cache)
    if measured.returncode != 0:
        raise SystemExit(f"storylens {command} failed with status {measured.returncode}:\n{measured.stderr[-2000:]}")
    return measured
