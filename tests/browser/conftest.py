"""Fixtures for driving the real app in a real Chromium: servers, browser, and waits.

Every test here runs against ``streamlit run serve.py`` (as ``make run`` starts
the app; ``plain_server`` is ``streamlit run app.py``) on a free port (one
server on the sample articles, one on the hostile folder when asked for, one
just-started server for the deep-link test), and a fresh tab per test, so each
test is a new Streamlit session. Page errors, console errors and any dialog are
recorded and fail the test. Helpers live here too (as fixtures and as
functions the tests import from ``tests.browser.conftest``).
"""

from __future__ import annotations

import csv
import importlib.util
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "sample_data"
# The sample articles' titles by file, as the metadata gives them (what the pickers show).
with (SAMPLE_DIR / "metadata.csv").open(encoding="utf-8") as _metadata:
    SAMPLE_TITLES = {row["file"]: row["title"] for row in csv.DictReader(_metadata)}
SAMPLE_PATHS = sorted(SAMPLE_TITLES)
HERE = Path(__file__).resolve().parent
# Playwright cannot download its own browsers here: the system Chromium is used.
CHROMIUM = os.environ.get("STORYLENS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
# Cold starts on a 2-core host: the first run of a page computes YAKE, VADER
# and name finding for every article.
START_TIMEOUT_S = 60
RUN_TIMEOUT_MS = 60_000
# A click on a chart's mark that starts no run in this time was not heard (App.click_mark).
MARK_CLICK_WAIT_MS = 15_000
VIEWPORT = {"width": 1400, "height": 1000}

MAIN = '[data-testid="stMain"]'
TITLE = f'{MAIN} h1'
EXCEPTION = '[data-testid="stException"]'

# True once the app is idle: no script run, no skeleton, no spinner, no progress bar.
_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  return !document.querySelector(
    '[data-testid="stSkeleton"], [data-testid="stSpinner"], [data-testid="stProgress"]');
}"""

# Counts every switch of the app to "running" from now on, so a wait after an
# action cannot mistake the idle state from before the action for the end of
# the rerun the action caused.
_WATCH_RUNS_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__storylensRuns = 0;
  if (window.__storylensObserver) window.__storylensObserver.disconnect();
  window.__storylensObserver = new MutationObserver(records => {
    for (const r of records) {
      if (r.target.getAttribute('data-test-script-state') === 'running') window.__storylensRuns += 1;
    }
  });
  window.__storylensObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  window.__storylensWatched = app;
}"""

_RUN_STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return {state: app && app.getAttribute('data-test-script-state'), runs: window.__storylensRuns,
          sameNode: window.__storylensWatched === app,
          watchedConnected: !!(window.__storylensWatched && window.__storylensWatched.isConnected)};
}"""


def _playwright_missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "the Python package 'playwright' is not installed (pip install playwright)"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _failing(message: str):
    def missing_browser() -> None:
        pytest.fail(message, pytrace=False)

    return missing_browser


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees the whole session's items, so only touch the ones in this folder.
    missing = _playwright_missing()
    for index, item in enumerate(items):
        if HERE not in Path(item.path).resolve().parents:
            continue
        if missing and _ci() and isinstance(item, pytest.Function):
            # Under CI a missing browser must fail each test (not error in a fixture, not skip).
            item = pytest.Function.from_parent(
                item.parent, name=item.name,
                callobj=_failing(f"browser tests need Playwright and Chromium: {missing} (CI=true)"))
            items[index] = item
        item.add_marker(pytest.mark.browser)


# --------------------------------------------------------------------------- servers


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]


@contextmanager
def _streamlit(tmp: Path, app_args: list[str] = (), env_extra: dict[str, str] | None = None,
               entry: str = "serve.py") -> Iterator[Server]:
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key != "STORYLENS_CORPUS"}
    env.update({"STORYLENS_CACHE_DIR": str(tmp / "cache"), **(env_extra or {})})
    command = [sys.executable, "-m", "streamlit", "run", entry, "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    if app_args:
        command += ["--", *app_args]
    log = tmp / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with code {process.returncode} before it was healthy:\n"
                            f"{server.output()}", pytrace=False)
            try:
                with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:
                    if answer.read().decode().strip() == "ok":
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit was not healthy after {START_TIMEOUT_S} s:\n{server.output()}",
                            pytrace=False)
            time.sleep(0.25)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser_ready() -> None:
    """Skip (or fail under CI=true) when Playwright or Chromium is not there."""
    missing = _playwright_missing()
    if missing:
        message = f"browser tests need Playwright and Chromium: {missing}"
        if _ci():
            pytest.fail(f"{message} (CI=true, so this is a failure, not a skip)", pytrace=False)
        pytest.skip(message)


def _warm_up(browser, server: Server) -> None:
    """Open the front page once, as the first visitor of a new deployment would.

    Besides computing the analyses once (so later tests wait on the cache, not
    on YAKE), this makes app.py run before any deep link: see
    test_browser_links.py::test_copied_link_works_on_a_freshly_started_server for why that matters.
    """
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.route(lambda url: not _is_local(url), lambda route: route.abort())
        tab = context.new_page()
        tab.goto(server.url + "/")
        wait_for_app(tab)
    finally:
        context.close()


@pytest.fixture(scope="session")
def app_server(browser, tmp_path_factory) -> Iterator[Server]:
    """The app on the sample articles, its front page opened once."""
    with _streamlit(tmp_path_factory.mktemp("app")) as server:
        _warm_up(browser, server)
        yield server


@pytest.fixture
def fresh_server(browser_ready, tmp_path) -> Iterator[Server]:
    """A just-started app on the sample articles that no browser has opened yet."""
    with _streamlit(tmp_path) as server:
        yield server


@pytest.fixture
def plain_server(browser_ready, tmp_path) -> Iterator[Server]:
    """The pages without serve.py's warm start: ``streamlit run app.py``, as Community Cloud starts it."""
    with _streamlit(tmp_path, entry="app.py") as server:
        yield server


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory) -> Path:
    from tests.hostile import write_hostile_corpus

    base = tmp_path_factory.mktemp("hostile")
    return write_hostile_corpus(base / "corpus", base / "outside")


@pytest.fixture(scope="session")
def hostile_server(browser, hostile_dir, tmp_path_factory) -> Iterator[Server]:
    """The app started by an operator on the hostile folder, its front page opened once."""
    with _streamlit(tmp_path_factory.mktemp("hostile_app"), ["--corpus", str(hostile_dir)]) as server:
        _warm_up(browser, server)
        yield server


def overview_count(line: str, label: str) -> str:
    """The number before ``label`` in the Overview's counts line, as drawn ("1,234")."""
    found = re.search(rf"([\d,]+)\s+{re.escape(label)}", line)
    assert found, f"no {label!r} in the Overview's counts: {line!r}"
    return found.group(1)


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser(browser_ready):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Problems:
    """What the page did that a visitor should never see."""

    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def check(self) -> None:
        assert not self.dialogs, f"a dialog opened: {self.dialogs}"
        assert not self.page_errors, f"JavaScript errors on the page: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


_BASE_PATH_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")


def _is_local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "http://localhost"))


@pytest.fixture(scope="session")
def context(browser):
    """One context for the run: its HTTP cache spares each test reloading the app's scripts.

    Every test still gets its own tab, and a tab is its own Streamlit session.
    """
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=False)
    context.set_default_timeout(RUN_TIMEOUT_MS)
    # No outside network in tests (the material-icon favicon comes from Google fonts):
    # refuse it quickly instead of waiting on DNS.
    context.route(lambda url: not _is_local(url), lambda route: route.abort())
    yield context
    context.close()


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def page(context, problems):
    """A fresh tab (a fresh Streamlit session) whose errors and dialogs are recorded."""
    tab = context.new_page()

    def on_console(message) -> None:
        if message.type != "error":
            return
        where = (message.location or {}).get("url", "")
        # A blocked outside resource (see the route above) is not the app's fault.
        if "Failed to load resource" in message.text and not _is_local(where):
            return
        # Opened at /keywords, Streamlit's client first probes /keywords/_stcore/... to
        # find the app's base path; the 404 answers are expected.
        if "404" in message.text and _BASE_PATH_PROBE.search(where):
            return
        problems.console_errors.append(f"{message.text} ({where})")

    def on_dialog(dialog) -> None:
        problems.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    tab.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    tab.on("console", on_console)
    tab.on("dialog", on_dialog)
    _track_traffic(tab)
    yield tab
    _TRAFFIC.pop(tab, None)
    tab.close()
    problems.check()


# --------------------------------------------------------------------------- waits


def wait_for_app(page, timeout: int = RUN_TIMEOUT_MS) -> None:
    """Wait until a script run has drawn the page and nothing is still loading.

    The app starts in state "initial", and a page title only appears once a run
    has drawn it, so waiting for the title first rules out the idle state from
    before the first run.
    """
    page.wait_for_selector(TITLE, timeout=timeout)
    page.wait_for_function(_IDLE_JS, timeout=timeout)
    # Plotly and the data grid draw just after the run ends; let them settle.
    page.wait_for_timeout(150)
    page.wait_for_function(_IDLE_JS, timeout=timeout)


@dataclass
class _Traffic:
    """Messages the app's server sent to one tab (every script run sends some)."""

    frames: int = 0
    last: float = 0.0


_TRAFFIC: dict[object, _Traffic] = {}


def _track_traffic(page) -> None:
    traffic = _TRAFFIC[page] = _Traffic()

    def on_frame(_payload) -> None:
        traffic.frames += 1
        traffic.last = time.monotonic()

    def on_socket(socket) -> None:
        if "/_stcore/stream" in socket.url:
            socket.on("framereceived", on_frame)

    page.on("websocket", on_socket)


class RunWatch:
    """Notices the script run an action causes, and waits for it (and any run it chains) to end.

    A quick run can go from "running" back to "notRunning" within one render, so
    the DOM may never show "running"; the server's websocket messages are the
    dependable sign that a run happened, and their stopping the sign it is over.
    """

    QUIET_S = 0.3

    def __init__(self, page) -> None:
        self.page = page
        self.traffic = _TRAFFIC.get(page)
        self.start = self.traffic.frames if self.traffic else 0
        page.wait_for_selector('[data-testid="stApp"]')
        page.evaluate(_WATCH_RUNS_JS)

    def started(self) -> bool:
        if self.traffic and self.traffic.frames > self.start:
            return True
        return bool(self.page.evaluate("() => window.__storylensRuns > 0"))

    def wait_started(self, timeout: int = RUN_TIMEOUT_MS) -> bool:
        deadline = time.monotonic() + timeout / 1000
        while not self.started():
            if time.monotonic() > deadline:
                return False
            self.page.wait_for_timeout(50)  # lets Playwright deliver websocket events
        return True

    def wait_done(self, timeout: int = RUN_TIMEOUT_MS) -> None:
        if not self.wait_started(timeout):
            pytest.fail(f"the action started no script run within {timeout / 1000:.0f} s: "
                        f"{self.page.evaluate(_RUN_STATE_JS)}", pytrace=False)
        deadline = time.monotonic() + timeout / 1000
        while True:
            self.page.wait_for_function(_IDLE_JS, timeout=timeout)
            quiet = self.traffic is None or time.monotonic() - self.traffic.last >= self.QUIET_S
            if quiet and self.page.evaluate(_IDLE_JS):
                break
            if time.monotonic() > deadline:
                pytest.fail("the app kept running for over a minute after the action", pytrace=False)
            self.page.wait_for_timeout(100)
        wait_for_app(self.page, timeout)


@contextmanager
def rerun(page, timeout: int = RUN_TIMEOUT_MS) -> Iterator[None]:
    """``with rerun(page): click(...)``: the action must cause a script run; it is waited for."""
    watch = RunWatch(page)
    yield
    watch.wait_done(timeout)


def wait_for_charts(page, minimum: int = 1, timeout: int = RUN_TIMEOUT_MS) -> None:
    """Wait until ``minimum`` plotly charts have drawn their SVG with marks in it."""
    page.wait_for_function(
        """(minimum) => {
          const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
          const drawn = plots.filter(p => p.querySelector('.main-svg') &&
            p.querySelector('.main-svg .point, .main-svg .heatmaplayer image, .main-svg .bars path'));
          return drawn.length >= minimum;
        }""",
        arg=minimum,
        timeout=timeout,
    )


# The data grids' cells and the short tables drawn as text (ui.render.text_table), as the visitor reads them
# (no zero-width space: ui.render.md puts one after each colon).
GRID_CELLS_JS = """(keyText) => {
  const grids = Array.from(document.querySelectorAll(
    '[data-testid="stDataFrame"], [data-testid="stMarkdownContainer"] table'));
  const cells = g => Array.from(g.querySelectorAll('td, th')).map(c => c.textContent.replaceAll('\u200b', ''));
  const chosen = keyText ? grids.filter(g => cells(g).some(t => t.includes(keyText))) : grids;
  return chosen.flatMap(cells);
}"""


class App:
    """One browser tab on one server, with the waits and widget moves the tests share."""

    def __init__(self, page, server: Server, problems: Problems) -> None:
        self.page = page
        self.server = server
        self.problems = problems

    def open(self, path: str = "/") -> None:
        """Go to ``path`` (with its query string) and wait for the first run to finish."""
        self.page.goto(self.server.url + path)
        wait_for_app(self.page)

    def wait(self) -> None:
        wait_for_app(self.page)

    def rerun(self):
        return rerun(self.page)

    def charts(self, minimum: int = 1) -> None:
        wait_for_charts(self.page, minimum)

    def click_mark(self, mark, tries: int = 3) -> None:
        """Click a chart's mark (a bar, a bubble) and wait for the run the click causes.

        Plotly draws the marks before Streamlit's chart listens for clicks on
        them: on a loaded machine (CI's two cores) a first click could land in
        between and start nothing. A click that starts no run within
        :data:`MARK_CLICK_WAIT_MS` is made again. ``force``: SVG marks sit
        under Plotly's drag layer, where the click must not land.
        """
        for attempt in range(1, tries + 1):
            watch = RunWatch(self.page)
            mark.click(force=True)
            if attempt == tries or watch.wait_started(MARK_CLICK_WAIT_MS):
                watch.wait_done()
                return

    @property
    def title(self) -> str:
        return self.page.locator(TITLE).first.inner_text().strip()

    def text(self) -> str:
        return self.page.locator(MAIN).inner_text()

    def assert_healthy(self) -> None:
        """No exception drawn, no JavaScript error, no dialog, so far."""
        shown = self.page.locator(EXCEPTION)
        assert shown.count() == 0, f"the app shows an exception: {shown.first.inner_text()[:2000]}"
        self.problems.check()

    def combobox(self, label: str, where: str = MAIN):
        """The input of the selectbox labelled exactly ``label`` (in the main area by default)."""
        return self.page.locator(where).get_by_role("combobox", name=label, exact=True)

    def selected(self, label: str, where: str = MAIN) -> str:
        """The text the selectbox labelled ``label`` shows as its choice."""
        return self.combobox(label, where).input_value().strip()

    def choose(self, label: str, option: str, where: str = MAIN) -> None:
        """Pick ``option`` in the selectbox (or multiselect) labelled ``label`` and wait for the rerun."""
        box = self.combobox(label, where)
        wanted = self.page.get_by_role("option", name=option, exact=True)
        with self.rerun():
            box.scroll_into_view_if_needed()
            # A dropdown far down the page closes again when the layout still shifts under it (charts
            # above it drawing): open it until its options stay up.
            for _ in range(3):
                box.click()
                try:
                    wanted.wait_for(state="visible", timeout=5_000)
                    break
                except Exception:  # playwright's TimeoutError; the last attempt's click below reports it
                    self.page.keyboard.press("Escape")
            wanted.click()

    def nav(self, name: str) -> None:
        """Click the sidebar link to page ``name`` (same session) and wait for that page."""
        with self.rerun():
            self.page.locator('[data-testid="stSidebarNavLink"]', has_text=name).click()

    def sidebar_caption(self) -> str:
        return self.page.locator('[data-testid="stSidebarUserContent"] [data-testid="stCaptionContainer"]') \
            .first.inner_text().strip()

    def metric(self, label: str) -> str:
        metric = self.page.locator('[data-testid="stMetric"]').filter(
            has=self.page.locator('[data-testid="stMetricLabel"]', has_text=label)).first
        return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()

    def count(self, label: str) -> str:
        """A number of the Overview's counts line ("5 articles in play · 0 files skipped · …")."""
        return overview_count(self.page.locator(".st-key-ov_counts").inner_text(), label)

    def table_cells(self, *expected: str, key_text: str | None = None) -> list[str]:
        """The cell texts of the data grids (read from their accessible tables).

        Only the grid holding ``key_text`` when given. Grids fill their cells just
        after a run ends, so this waits until every ``expected`` text is a cell.
        """
        args = {"keyText": key_text, "expected": list(expected)}
        self.page.wait_for_function(
            f"(args) => {{ const cells = ({GRID_CELLS_JS})(args.keyText); "
            "return cells.length > 0 && args.expected.every(e => cells.includes(e)); }",
            arg=args,
        )
        return self.page.evaluate(GRID_CELLS_JS, key_text)


@pytest.fixture
def app(page, app_server, problems) -> App:
    """A tab on the app serving the sample articles."""
    return App(page, app_server, problems)


@pytest.fixture
def hostile_app(page, hostile_server, problems) -> App:
    """A tab on the app serving the hostile folder."""
    return App(page, hostile_server, problems)
