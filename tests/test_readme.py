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
# ... and one that reaches out to the web: it runs against a local server serving the same paths.
NEEDS_THE_NETWORK = "(needs the network)"


def readme_lines() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.startswith("storylens ")]


def readme_commands() -> list[str]:
    return [line.split("  #")[0].strip() for line in readme_lines()]


def test_the_readme_shows_every_command():
    shown = {shlex.split(c)[1] for c in readme_commands()}
    assert shown == set(_subcommands())


@pytest.mark.parametrize("line", [line for line in readme_lines() if NEEDS_THE_NETWORK not in line],
                         ids=lambda line: line.split("  #")[0].strip())
def test_readme_example_runs(line, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path))
    monkeypatch.chdir(ROOT)
    command = line.split("  #")[0].strip()
    args = shlex.split(command)[1:]
    if "--out" in args:  # what an example writes goes to the test's own folder, not the checkout
        at = args.index("--out") + 1
        args[at] = str(tmp_path / Path(args[at]).name)
    assert main(args + ["--format", "csv"]) == 0
    rows = len(capsys.readouterr().out.splitlines()) - 1  # less the header
    assert rows == 0 if EMPTY_ON_SAMPLES in line else rows >= 1


@pytest.mark.parametrize("line", [line for line in readme_lines() if NEEDS_THE_NETWORK in line],
                         ids=lambda line: line.split("  #")[0].strip())
def test_readme_web_example_runs_against_a_local_server(line, monkeypatch, tmp_path, capsys):
    """Each link of the example is served locally as a feed of two pages; --out goes to a temporary folder."""
    from urllib.parse import urlsplit

    from tests.webserver import Route, WebServer

    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)  # a relative --out lands here, not in the repository
    args = shlex.split(line.split("  #")[0].strip())[1:]
    with WebServer() as server:
        for index, arg in enumerate(args):
            if arg.startswith(("http://", "https://")):
                path = urlsplit(arg).path or "/"
                items = "".join(f"<item><link>{server.page(f'{path}/item{n}', f'Item {n}')}</link></item>"
                                for n in range(2))
                server.routes[path] = Route(f"<rss><channel>{items}</channel></rss>".encode(),
                                            content_type="application/rss+xml")
                args[index] = server.url(path)
        assert main(args + ["--format", "csv", "--delay", "0"]) == 0
    rows = len(capsys.readouterr().out.splitlines()) - 1
    assert rows == 3  # the feed and its two pages
