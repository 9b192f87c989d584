"""Every `storylens` command's CSV output on a corpus, one file each: diff two trees' folders to check a refactor.

    python bench/cli_outputs.py CORPUS OUT_DIR [--cache DIR]
    (git stash; python bench/cli_outputs.py sample_data /tmp/before; git stash pop;
     python bench/cli_outputs.py sample_data /tmp/after; diff -r /tmp/before /tmp/after)

Runs each command cold in a fresh cache (or the one given) with the code on
PYTHONPATH; a command that refuses leaves its exit status and message in
NAME.error. Commands that write
files (fetch, export, report) or time themselves (index) are left out.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def commands(corpus: Path) -> dict[str, list[str]]:
    """File name -> storylens arguments, for every command whose output is a table."""
    articles = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.txt"))
    found = {
        "load": ["load"], "keywords": ["keywords"], "keywords_distinctive": ["keywords", "--mode", "distinctive"],
        "actors": ["actors"], "actors_vader": ["actors", "--method", "vader"], "mentions": ["mentions"],
        "names": ["names"], "quotes": ["quotes"], "topics": ["topics"], "events": ["events"], "claims": ["claims"],
        "figures": ["figures"], "copies": ["copies"], "sentences": ["sentences"], "removed": ["removed"],
        "timeline": ["timeline"], "timeline_actor": ["timeline", "--by", "actor"],
    }
    if len(articles) >= 2:
        found["compare"] = ["compare", articles[0], articles[-1]]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--cache", type=Path, help="analysis cache (default: a new empty one)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    cache = args.cache or Path(tempfile.mkdtemp(prefix="storylens-outputs-"))
    env = {**os.environ, "STORYLENS_CACHE_DIR": str(cache)}
    for name, argv in commands(args.corpus).items():
        command = [sys.executable, "-m", "analysis", argv[0], str(args.corpus), *argv[1:], "--format", "csv"]
        done = subprocess.run(command, env=env, capture_output=True)
        if done.returncode != 0 and b"unrecognized arguments" in done.stderr:
            print(f"  {name}: not a command of this version, left out")
            continue
        (args.out / f"{name}.csv").write_bytes(done.stdout)
        if done.returncode != 0:  # a refusal is output too: its status and message are kept to compare
            (args.out / f"{name}.error").write_bytes(f"exit {done.returncode}\n".encode() + done.stderr)
        print(f"  {name}: {len(done.stdout):,} bytes, exit {done.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
