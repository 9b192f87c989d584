"""`storylens index` killed halfway, then run again: it finishes and recomputes only what was missing."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from analysis.engine.cache import CACHE_FILE
from analysis.engine.indexing import INDEX_TASKS

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("minister talks ceasefire parliament budget election vote court ruling river flood harbour council "
         "strike union wages energy prices market shares bank rates drought harvest border troops summit "
         "treaty sanctions exports factory workers hospital doctors school teachers").split()
ARTICLES = 240


def _write_corpus(folder: Path) -> None:
    rng = random.Random(7)
    folder.mkdir()
    for number in range(ARTICLES):
        sentences = []
        for _ in range(30):
            words = rng.choices(WORDS, k=rng.randint(8, 16))
            sentences.append(f"{rng.choice(['Anna Berg', 'Tom Lee', 'Mira Patel'])} said the "
                             + " ".join(words) + f" story {number}.")
        (folder / f"article_{number:03d}.txt").write_text(f"Report {number}\n\n" + " ".join(sentences))


def _index(corpus: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "analysis", "index", str(corpus), "--format", "json"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _processes_mentioning(corpus: Path) -> list[int]:
    """Live processes whose command line names the corpus (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
                state = next((l for l in (entry / "status").read_text().splitlines() if l.startswith("State:")), "")
            except OSError:
                continue
            if str(corpus).encode() in cmdline and "Z" not in state.split()[1:2]:
                found.append(int(entry.name))
    return found


def _rows(cache_file: Path) -> int:
    try:
        with sqlite3.connect(cache_file, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM results WHERE task NOT LIKE 'analysis.corpus%'").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_index_killed_halfway_then_rerun_recomputes_only_the_rest(tmp_path):
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    env = {**os.environ, "STORYLENS_CACHE_DIR": str(tmp_path / "cache")}
    cache_file = tmp_path / "cache" / CACHE_FILE
    total = ARTICLES * len(INDEX_TASKS)

    first = _index(corpus, env)
    deadline = time.monotonic() + 120
    while _rows(cache_file) < 16 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert first.poll() is None, "index finished before it could be killed; make the corpus bigger"
    first.send_signal(signal.SIGKILL)
    first.wait()
    # Its pool workers notice and exit rather than wait for work forever.
    deadline = time.monotonic() + 20
    while _processes_mentioning(corpus) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _processes_mentioning(corpus), "workers of the killed index are still running"
    kept = _rows(cache_file)
    assert 0 < kept < total

    second = _index(corpus, env)
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert "Traceback" not in err
    summary = json.loads(out)[0]
    assert summary["cached"] == kept
    assert summary["computed"] == total - kept

    third = _index(corpus, env)
    out, _ = third.communicate(timeout=300)
    assert json.loads(out)[0]["computed"] == 0
