"""Shared fixtures: the sample corpus, and small corpora written by the test itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from analysis.corpus import Corpus, load_corpus

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "sample_data"
SHARED_CORPORA = ROOT.parent / "shared" / "corpora"

# The sample articles by what they are, so tests read like an analyst's notes.
SEED_000 = "000_87e02c527b769735.txt"  # 75-minute call, Iran, TASS
SEED_001 = "001_43a7f72f39803619.txt"  # ICARO byline, Pope Leo XIV, Erdogan summit
SEED_002 = "002_439862175b8ffeb5.txt"  # the two-hour March call, Kursk, Stanovaya
SEED_003 = "003_9dfff74e5b518554.txt"  # Putin praises talks; Chinese comment footer
SEED_004 = "004_4578fa6d09c8fd9d.txt"  # subheadings, US-China trade, NATO in Brussels


@pytest.fixture(scope="session")
def sample_corpus() -> Corpus:
    return load_corpus(SAMPLE_DIR)


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[..., Corpus]:
    """Write ``{relative path: str | bytes}`` under a temporary folder and load it."""

    def make(files: dict[str, str | bytes]) -> Corpus:
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return load_corpus(tmp_path)

    return make
