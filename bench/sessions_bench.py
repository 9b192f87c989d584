"""Many visitors at once: N browser sessions walk every page together; exceptions and the server's memory.

    python bench/sessions_bench.py --corpus DIR --cache DIR [--sessions 8] [--log FILE]

Starts `streamlit run serve.py` (as `make run` does) on a free port with the given analysis cache
(fill it first: `STORYLENS_CACHE_DIR=DIR storylens index CORPUS`), opens N
sessions (separate browser contexts of one system Chromium, /usr/bin/chromium)
and has them open each page at the same moment, one page after the other
(the first visit of each page loads its models on the server's threads at
once). Prints the wall time per page, the exceptions (shown on a page, or a
traceback in the server's log, printed whole, each distinct one once with its
count; --log keeps the whole log), and the server's peak resident memory, the
process alone and with its worker processes, sampled every 50 ms.
Without Chromium it says it skipped and exits 0 (1 under CI=true).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from app_bench import CHROMIUM, CHROMIUM_ARGS, DRAWN, IDLE, ROOT, cannot_run, free_port, wait_healthy  # noqa: E402
from measure import DEFAULT_CORPUS, tree_rss_kb  # noqa: E402

# (what, url path, page heading): every page as a visitor first opens it.
PAGES = [("Overview", "", "StoryLens"), ("Story", "story", "Story"), ("Keywords", "keywords", "Keywords"),
         ("Actors", "actors", "Actors"), ("Topics", "topics", "Topics"), ("Compare", "compare", "Compare two articles")]
TIMEOUT_MS = 900_000
_CHAINED = ("During handling of the above exception", "The above exception was the direct cause")


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemoryPeak:
    """The largest resident memory of a process (alone, and with its children) while running."""

    def __init__(self, pid: int) -> None:
        self.pid, self.alone_kb, self.tree_kb = pid, 0, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.is_set():
            self.alone_kb = max(self.alone_kb, rss_kb(self.pid))
            self.tree_kb = max(self.tree_kb, tree_rss_kb(self.pid))
            time.sleep(0.05)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


async def _open(page, url: str, title: str) -> str | None:
    """Open ``url`` and wait for its run to end; the text of an exception it shows, else None."""
    await page.goto(url, timeout=TIMEOUT_MS)
    await page.wait_for_selector(f'h1:has-text("{title}")', timeout=TIMEOUT_MS)
    await page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
    await page.wait_for_function(DRAWN, timeout=TIMEOUT_MS)
    shown = page.locator('[data-testid="stException"]')
    return (await shown.first.inner_text())[:300] if await shown.count() else None


async def _walk(port: int, sessions: int) -> tuple[list[tuple[str, float]], list[str]]:
    from playwright.async_api import async_playwright

    timings, problems = [], []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        contexts = [await browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(sessions)]
        pages = [await c.new_page() for c in contexts]
        for page in pages:
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        for name, path, title in PAGES:
            started = time.perf_counter()
            shown = await asyncio.gather(*(_open(p, f"http://127.0.0.1:{port}/{path}", title) for p in pages))
            timings.append((name, time.perf_counter() - started))
            problems += [f"{name}: {text}" for text in shown if text]
            print(f"  {name:<9} {sessions} sessions at once: {timings[-1][1]:6.1f} s", flush=True)
        await browser.close()
    return timings, problems


def server_tracebacks(log: str) -> list[str]:
    """Every traceback in a server log, whole: from its heading to the exception's own line."""
    found, lines = [], log.splitlines()
    for number, line in enumerate(lines):
        if not (line.startswith("Traceback") or line.startswith("Exception in thread")):
            continue
        if line.startswith("Traceback") and number and (lines[number - 1].startswith("Exception in thread") or
                                                        lines[max(number - 2, 0)].startswith(_CHAINED)):
            continue  # part of the one a line above opened
        end = number + 1
        while end < len(lines):
            if lines[end][:1].isspace() or lines[end].startswith("Traceback"):
                end += 1
            elif end + 2 < len(lines) and not lines[end + 1].strip() and lines[end + 2].startswith(_CHAINED):
                end += 4  # the exception's line, "During handling of the above exception..." between blank lines:
            else:         # the chained traceback follows
                break
        found.append("\n".join(lines[number:end + 1]))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--cache", type=Path, required=True, help="analysis cache filled by `storylens index`")
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--log", type=Path, help="write the server's whole log here")
    args = parser.parse_args()
    cannot = cannot_run("sessions bench", args.corpus)
    if cannot is not None:
        return cannot
    port = free_port()
    env = {**os.environ, "STORYLENS_CACHE_DIR": str(args.cache), "STORYLENS_CORPUS": str(args.corpus)}
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port), "--server.headless",
             "true", "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        peak = MemoryPeak(server.pid)
        try:
            wait_healthy(port)
            timings, problems = asyncio.run(_walk(port, args.sessions))
        finally:
            peak.stop()
            server.terminate()
            server.wait(timeout=30)
        log.seek(0)
        server_log = log.read().decode("utf-8", "replace")
    if args.log:
        args.log.write_text(server_log, encoding="utf-8")
    tracebacks = server_tracebacks(server_log)
    problems += [f"server: {t.splitlines()[0]} ... {t.splitlines()[-1]}" for t in tracebacks]
    print(f"corpus {args.corpus}, {args.sessions} sessions at once, every page once:")
    print(f"  all pages                    {sum(t for _, t in timings):7.1f} s")
    print(f"  exceptions                   {len(problems):7d}")
    print(f"  server peak memory           {peak.alone_kb / 1024:7.0f} MB "
          f"({peak.tree_kb / 1024:.0f} MB with its workers; target <= 1024 MB)")
    for problem in problems[:20]:
        print(f"    {problem}")
    for text, count in Counter(tracebacks).most_common():
        print(f"  the server's log, {count} time(s):\n" + "\n".join(f"    {line}" for line in text.splitlines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
