"""How fast the app answers in a real browser: first render, then each page cold and warm.

    python bench/app_bench.py [--corpus DIR] [--runs N] [--cache DIR] [--first-only] [--entry serve.py|app.py]

Starts `streamlit run serve.py` (as `make run` does; `--entry app.py`: the
same pages without serve.py's warm start) on a free port, drives the system Chromium
(/usr/bin/chromium) through Playwright, and prints medians over the runs:
time from server start to the first page drawn, and for each page the
time from clicking its link in the sidebar until the page is drawn (first
visit, then a second visit with everything cached). Drawn: the script has run
to its end, no element is still loading, and every table has painted its
rows (the same for the baselines below).
Each run also starts a one-line Streamlit app the same way, just before the
app: the first render is printed as a ratio to it (the machine is shared, so
seconds alone say little), as is a one-table app's, the floor for a page
that shows a table. The CPU time the server and the browser spent until the
first page was drawn is printed beside it: on a loaded machine it varies far
less than the wall time. With --cache pointing at a cache filled by
`storylens index`, this is the "warm cache" figure of the README.
Without Chromium it says it skipped and exits 0 (1 under CI=true).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from urllib.parse import quote
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from measure import cpu_seconds, process_tree  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = ["Story", "Keywords", "Actors", "Topics", "Compare", "Overview"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Drawn: no element still loading its code (Streamlit's skeleton stands in for it meanwhile), and every
# table in sight has its grid painted on its canvas (a table's component can be loaded before its rows
# are drawn; one in a closed expander is never painted).
DRAWN = """() => !document.querySelector('[data-testid="stSkeleton"]') &&
    [...document.querySelectorAll('[data-testid="stDataFrame"]')].every(table => {
        if (!table.checkVisibility()) return true;
        const grid = table.querySelector('canvas[data-testid="data-grid-canvas"]');
        return grid !== null && grid.width > 0 && grid.height > 0;
    })"""
# The baseline: the least a Streamlit app can be, drawn the same way as ours.
ONE_LINE_APP = 'import streamlit as st; st.title("Hello")\n'
# The floor for a first page that shows any table: pandas, and the browser's table.
ONE_TABLE_APP = ('import pandas as pd, streamlit as st; st.title("Hello"); '
                 'st.dataframe(pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}))\n')
FIRST_RENDER = "first page after server start"
BASELINE = "one-line app, first page after server start"
TABLE_BASELINE = "one-table app, first page after server start"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(corpus: Path, cache: Path, port: int, script: Path = ROOT / "app.py") -> subprocess.Popen:
    env = {**os.environ, "STORYLENS_CACHE_DIR": str(cache), "STORYLENS_CORPUS": str(corpus)}
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_healthy(port: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as reply:
                if reply.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the app did not become healthy")


def finished(page, title: str, timeout_ms: int = 300_000) -> None:
    """Wait until the page titled ``title`` has run to the end and is drawn; fail on an exception shown there."""
    page.wait_for_selector(f'h1:has-text("{title}")', timeout=timeout_ms)
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    page.wait_for_function(DRAWN, timeout=timeout_ms)
    shown = page.locator('[data-testid="stException"]')
    if shown.count():
        raise SystemExit(f"page {title!r} shows an exception: {shown.first.inner_text()[:500]}")


def browser_cpu() -> float:
    """CPU seconds used so far by the Chromium processes this bench started (through Playwright)."""
    return cpu_seconds([p for p in process_tree(os.getpid()) if _command(p).startswith("chrom")])


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def first_render(browser, script: Path, title: str, corpus: Path, cache: Path) -> tuple[float, float, float]:
    """From starting ``streamlit run SCRIPT`` to its first page drawn in a new tab: (seconds, server CPU, browser CPU)."""
    browser_before = browser_cpu()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    port = free_port()
    started = time.perf_counter()
    server = start_server(corpus, cache, port, script)
    try:
        wait_healthy(port)
        page.goto(f"http://127.0.0.1:{port}/")
        finished(page, title)
        return (time.perf_counter() - started, cpu_seconds(process_tree(server.pid)),
                browser_cpu() - browser_before)
    finally:
        page.close()
        server.terminate()
        server.wait(timeout=30)


def one_run(corpus: Path, cache: Path, walk: bool = True, entry: Path = ROOT / "serve.py") -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    port = free_port()
    figures: dict[str, float] = {}
    with sync_playwright() as pw, tempfile.TemporaryDirectory(prefix="storylens-oneline-") as scratch:
        # The browser starts first: its own start-up is not the app's time.
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, code in ((BASELINE, ONE_LINE_APP), (TABLE_BASELINE, ONE_TABLE_APP)):
            script = Path(scratch) / f"{len(figures)}.py"
            script.write_text(code, encoding="utf-8")
            figures[name], figures[f"{name}: server CPU"], figures[f"{name}: browser CPU"] = first_render(
                browser, script, "Hello", corpus, cache)
        browser_before = browser_cpu()
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        started = time.perf_counter()
        server = start_server(corpus, cache, port, entry)
        try:
            wait_healthy(port)
            figures["server healthy after start"] = time.perf_counter() - started
            page.goto(f"http://127.0.0.1:{port}/")
            finished(page, "StoryLens")
            figures[FIRST_RENDER] = time.perf_counter() - started
            figures[f"{FIRST_RENDER}: server CPU"] = cpu_seconds(process_tree(server.pid))
            figures[f"{FIRST_RENDER}: browser CPU"] = browser_cpu() - browser_before
            for visit in () if not walk else ("first visit", "second visit"):
                for name in PAGES:
                    link = page.locator('[data-testid="stSidebarNav"] a', has_text=name)
                    clicked = time.perf_counter()
                    link.click()
                    finished(page, "StoryLens" if name == "Overview" else
                             "Compare two articles" if name == "Compare" else name)
                    figures[f"{name}, {visit}"] = time.perf_counter() - clicked
            # The costliest views the default pages do not reach: keywords set
            # against the others, for one article, then for every article.
            for label, path, title in () if not walk else (
                    ("Keywords distinctive", "keywords?mode=distinctive", "Keywords"),
                    ("Keywords distinctive × articles",
                     "keywords?mode=distinctive&view=" + quote("Keywords × articles"), "Keywords"),
                    # The largest story's claims, figures and every copy: the Story page's heavy views.
                    ("Story claims, largest story", "story?event=E1", "Story"),
                    ("Story figures, largest story", "story?event=E1&view=figures", "Story"),
                    ("Story copies, every article", "story?view=copies", "Story")):
                opened = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/{path}")
                finished(page, title)
                figures[f"{label}, new visit"] = time.perf_counter() - opened
        finally:
            browser.close()
            server.terminate()
            server.wait(timeout=30)
    return figures


def cannot_run(bench: str, corpus: Path) -> int | None:
    """The exit status when ``bench`` cannot run here (said on stdout), else None.

    Without Chromium a bench skips (so `make bench` runs to the end), except
    under CI=true, where a missing browser is a failure.
    """
    if not Path(CHROMIUM).exists():
        print(f"{bench} skipped: {CHROMIUM} not found (install Debian's chromium to run it)")
        return 1 if os.environ.get("CI") == "true" else 0
    if not corpus.is_dir():
        print(f"{bench} skipped: corpus not found: {corpus}")
        return 0
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "sample_data")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", type=Path, help="analysis cache to use (default: a new empty one per run)")
    parser.add_argument("--first-only", action="store_true", help="only the first render and its baseline")
    parser.add_argument("--entry", default="serve.py", help="the script `streamlit run` starts (default serve.py, "
                        "as `make run` does; app.py: the same pages without the warm start)")
    args = parser.parse_args()
    cannot = cannot_run("app bench", args.corpus)
    if cannot is not None:
        return cannot
    runs = []
    for number in range(args.runs):
        cache = args.cache or Path(tempfile.mkdtemp(prefix="storylens-appbench-"))
        runs.append(one_run(args.corpus, cache, walk=not args.first_only, entry=ROOT / args.entry))
        print(f"  run {number + 1}: " + ", ".join(f"{k} {v:.2f} s" for k, v in runs[-1].items()))
    print(f"corpus {args.corpus}, cache {'given' if args.cache else 'empty at start'}, median of {args.runs} runs:")
    for key in runs[0]:
        print(f"  {key:<60} {statistics.median(r[key] for r in runs):6.2f} s")
    for label, key in (("the app", FIRST_RENDER), ("a one-table app", TABLE_BASELINE)):
        ratios = sorted(r[key] / r[BASELINE] for r in runs)
        print(f"  first render of {label} vs a one-line app: {statistics.median(ratios):.2f}x (runs: "
              + ", ".join(f"{x:.2f}" for x in ratios) + ")" + ("; target <= 1.3x" if key == FIRST_RENDER else ""))
        cpu = sorted(sum(r[f"{key}: {side} CPU"] for side in ("server", "browser")) /
                     sum(r[f"{BASELINE}: {side} CPU"] for side in ("server", "browser")) for r in runs)
        print(f"    in CPU time (server + browser): {statistics.median(cpu):.2f}x (runs: "
              + ", ".join(f"{x:.2f}" for x in cpu) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
