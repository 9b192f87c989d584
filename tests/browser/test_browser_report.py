"""The report in a real Chromium, with the network cut: its charts draw, it asks for nothing, no payload runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import report
from analysis.corpus import load_corpus
from analysis.story.events import find_events
from tests.browser.conftest import SAMPLE_DIR, VIEWPORT, wait_for_charts
from tests.hostile import XSS_TITLE


def _write(corpus_dir: Path, out: Path) -> Path:
    corpus = load_corpus(corpus_dir)
    out.write_text(report.build_report(corpus, find_events(corpus), source=corpus_dir.name), encoding="utf-8")
    return out


@pytest.fixture
def offline(browser):
    """A tab with the network cut; every request it makes is recorded, and anything not file:// refused."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_offline(True)
    requests: list[str] = []
    problems: list[str] = []

    def route(r) -> None:
        requests.append(r.request.url)
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)

    def on_dialog(dialog) -> None:
        problems.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    yield tab, requests, problems
    context.close()


def test_report_opens_offline_with_its_charts_drawn(offline, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path / "cache"))
    page, requests, problems = offline
    path = _write(SAMPLE_DIR, tmp_path / "samples.html")
    page.goto(path.as_uri())
    wait_for_charts(page, minimum=3)  # the claim matrix, treatment, who is quoted
    page.wait_for_timeout(300)
    assert page.locator(".js-plotly-plot .main-svg").count() >= 3
    assert [url for url in requests if not url.startswith("file://")] == []
    assert requests == [path.as_uri()], "the report asked for something besides itself"
    assert problems == []  # a CSP refusal would show here as a console error
    # The table of contents leads somewhere.
    page.click("nav.toc a[href='#figures']")
    assert page.evaluate("location.hash") == "#figures"


def test_hostile_report_runs_no_script_and_shows_the_payload(offline, hostile_dir: Path, tmp_path: Path,
                                                              monkeypatch) -> None:
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path / "cache"))
    page, requests, problems = offline
    path = _write(hostile_dir, tmp_path / "hostile.html")
    page.goto(path.as_uri())
    wait_for_charts(page, minimum=1)
    page.wait_for_timeout(500)  # an onerror of a broken <img> fires just after load
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert problems == []
    assert requests == [path.as_uri()]
    title_start = XSS_TITLE.split(" Talks")[0]
    shown = page.get_by_text(title_start, exact=False)
    assert any(shown.nth(i).is_visible() for i in range(shown.count())), "the payload is not shown as text"
    assert page.locator("img, svg[onload], [onerror]").count() == 0
    # The title reached a chart label too, as characters.
    assert "<script>" in " ".join(page.locator(".js-plotly-plot").all_inner_texts())
