"""The README's command examples run as written."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from analysis.cli import main
from tests.test_cli import _subcommands

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    return [line.split("  #")[0].strip() for line in lines if line.startswith("storylens ")]


def test_the_readme_shows_every_command():
    shown = {shlex.split(c)[1] for c in readme_commands()}
    assert shown == set(_subcommands())


@pytest.mark.parametrize("command", readme_commands())
def test_readme_example_runs(command, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path))
    monkeypatch.chdir(ROOT)
    assert main(shlex.split(command)[1:] + ["--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) >= 2  # a header and at least one row
