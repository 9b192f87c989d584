"""The five samples with publication dates written for the tests: a folder that holds three stories.

The samples carry no dates, and from text alone StoryLens cannot tell the
March call (002) from the June one (000, 001, 004): on settings chosen on dev
data the five are one story (tests/test_events.py records it). Tests of what
works on one story of several (``--event``, the report's scope) read this
copy instead, where the dates keep the calls and the commentary apart as
dates do in any folder. The dates are ours, placed for that, not the
articles' own.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from tests.conftest import SAMPLE_DIR, SEED_000, SEED_001, SEED_002, SEED_003, SEED_004

# One day for the June call's three reports; the March call and the commentary weeks away.
TEST_DATES = {SEED_000: "2025-06-04", SEED_001: "2025-06-04", SEED_004: "2025-06-05",
              SEED_002: "2025-03-18", SEED_003: "2025-06-24"}


def dated_samples(folder: Path) -> Path:
    """Copy the samples into ``folder`` with TEST_DATES in their metadata; returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in TEST_DATES:
        shutil.copyfile(SAMPLE_DIR / name, folder / name)
    with open(SAMPLE_DIR / "metadata.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["published"] = TEST_DATES[row["file"]]
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    for extra in ("actors.toml", "topics.toml"):
        shutil.copyfile(SAMPLE_DIR / extra, folder / extra)
    return folder
