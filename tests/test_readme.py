"""The README's command examples run as written."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from analysis.cli import main
from tests.test_cli import _subcommands

ROOT = Path(__file__).resolve().parents[1]


# A README comment that says so marks an example whose answer on the samples is no rows.
EMPTY_ON_SAMPLES = "(the samples share none)"


def readme_lines() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.startswith("storylens ")]


def readme_commands() -> list[str]:
    return [line.split("  #")[0].strip() for line in readme_lines()]


def test_the_readme_shows_every_command():
    shown = {shlex.split(c)[1] for c in readme_commands()}
    assert shown == set(_subcommands())


@pytest.mark.parametrize("line", readme_lines(), ids=lambda line: line.split("  #")[0].strip())
def test_readme_example_runs(line, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path))
    monkeypatch.chdir(ROOT)
    command = line.split("  #")[0].strip()
    assert main(shlex.split(command)[1:] + ["--format", "csv"]) == 0
    rows = len(capsys.readouterr().out.splitlines()) - 1  # less the header
    assert rows == 0 if EMPTY_ON_SAMPLES in line else rows >= 1
