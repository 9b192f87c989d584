"""Every `storylens` command's CSV output on the samples, two BASIL events and a BBC slice: record, then diff.

    python bench/same_outputs.py OUT_DIR                    # record (before a refactor)
    python bench/same_outputs.py OUT_DIR --against BEFORE   # record again and diff, file by file
    python bench/same_outputs.py OUT_DIR --only samples,basil   # skip the slow BBC slice

The BASIL folder holds two events (the first two in name order, with their metadata.csv rows)
and the BBC slice every 7th article in name order (300 of 2,225, all five categories); both are
built in a temporary folder from /work/shared/corpora and never copied into the repository.
Each corpus runs through bench/cli_outputs.py (every table command, in a fresh cache). Prints
one line per corpus and every file that differs; exits 1 when any does.
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("STORYLENS_CORPORA", ROOT.parent.parent / "shared" / "corpora"))
if not CORPORA.is_dir():
    CORPORA = Path("/work/shared/corpora")
BASIL_EVENTS = 2
BBC_EVERY, BBC_ARTICLES = 7, 300


def basil_two_events(folder: Path) -> Path | None:
    """The first two BASIL events with their metadata rows, or None without the corpus."""
    source = CORPORA / "basil_dev"
    if not source.is_dir():
        return None
    events = sorted(p.name for p in source.iterdir() if p.is_dir())[:BASIL_EVENTS]
    for event in events:
        shutil.copytree(source / event, folder / event)
    with open(source / "metadata.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    kept = [rows[0]] + [r for r in rows[1:] if r[0].split("/")[0] in events]
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(kept)
    return folder


def bbc_slice(folder: Path) -> Path | None:
    """Every 7th BBC article in name order, 300 of them, or None without the corpus."""
    source = CORPORA / "bbc_news"
    if not source.is_dir():
        return None
    folder.mkdir()
    for path in sorted(source.glob("*.txt"))[::BBC_EVERY][:BBC_ARTICLES]:
        shutil.copy(path, folder / path.name)
    return folder


def record(corpus: Path, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    subprocess.run([sys.executable, str(ROOT / "bench" / "cli_outputs.py"), str(corpus), str(out)],
                   env=env, check=True, stdout=subprocess.DEVNULL)


def differences(before: Path, after: Path) -> list[str]:
    """Files missing on one side or with different bytes, as lines to print."""
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    found = []
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            found.append(f"{name}: only in {'after' if b.exists() else 'before'}")
        elif not filecmp.cmp(a, b, shallow=False):
            found.append(f"{name}: differs")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--against", type=Path, help="an earlier OUT_DIR to diff with")
    parser.add_argument("--only", default="samples,basil,bbc", help="comma-separated corpora")
    args = parser.parse_args()
    wanted = args.only.split(",")
    changed = 0
    with tempfile.TemporaryDirectory(prefix="storylens-same-") as tmp:
        corpora = {"samples": ROOT / "sample_data",
                   "basil": basil_two_events(Path(tmp) / "basil") if "basil" in wanted else None,
                   "bbc": bbc_slice(Path(tmp) / "bbc") if "bbc" in wanted else None}
        for name, corpus in corpora.items():
            if name not in wanted:
                continue
            if corpus is None:
                print(f"{name}: corpus absent, skipped")
                continue
            record(corpus, args.out / name)
            files = len(list((args.out / name).iterdir()))
            if args.against is None:
                print(f"{name}: {files} outputs recorded")
                continue
            diff = differences(args.against / name, args.out / name)
            changed += len(diff)
            print(f"{name}: {files} outputs, {len(diff)} differ")
            for line in diff:
                print(f"  {line}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
