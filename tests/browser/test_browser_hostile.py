"""The app on a folder of hostile and broken files: payloads show as text and never run."""

from __future__ import annotations

import pytest

from tests.browser.conftest import MAIN, App
from tests.hostile import LOADED, MARKDOWN_NAME, SKIPPED

HOSTILE = "hostile.txt"
TITLE_START = "<script>window.__xss=1;"
# Each page opened on the hostile article, so its title and body are drawn (as text) somewhere.
PAGES = [("/", "StoryLens"), (f"/keywords?article_kw={HOSTILE}", "Keywords"),
         (f"/actors?article_ac={HOSTILE}", "Actors"), (f"/topics?article_tp={HOSTILE}", "Topics"),
         (f"/compare?a={HOSTILE}", "Compare two articles"), ("/story", "Story")]

# Everything a payload could have left in the live DOM, gathered in one pass.
_TRACES_JS = """() => {
  const all = Array.from(document.querySelectorAll('*'));
  const handlers = [];
  for (const el of all) {
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.startsWith('on') && /__xss|alert/.test(attr.value)) handlers.push(`${el.tagName} ${attr.name}`);
    }
  }
  return {
    xss: typeof window.__xss,
    scripts: Array.from(document.querySelectorAll('script')).filter(s => s.textContent.includes('__xss')).length,
    mediaHandlers: Array.from(document.querySelectorAll('img, svg, image'))
      .filter(el => el.hasAttribute('onerror') || el.hasAttribute('onload')).map(el => el.outerHTML.slice(0, 120)),
    handlers,
    jsLinks: Array.from(document.querySelectorAll('a[href]'))
      .filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
  };
}"""


def _assert_nothing_ran(app: App) -> None:
    traces = app.page.evaluate(_TRACES_JS)
    assert traces["xss"] == "undefined", "a payload ran: window.__xss is set"
    assert traces["scripts"] == 0, "a <script> holding the payload is in the page"
    assert traces["mediaHandlers"] == [], f"img/svg elements with event handlers: {traces['mediaHandlers']}"
    assert traces["handlers"] == [], f"payload event handlers in the DOM: {traces['handlers']}"
    assert traces["jsLinks"] == 0, "a javascript: link from the article is clickable"
    app.assert_healthy()  # includes: no dialog (alert) opened, no page error


@pytest.mark.parametrize(("path", "heading"), PAGES, ids=[p[1] for p in PAGES])
def test_payloads_never_run(hostile_app, path: str, heading: str) -> None:
    app = hostile_app
    app.open(path)
    assert app.title == heading
    app.page.wait_for_timeout(300)  # an onerror of a broken <img> fires just after load
    _assert_nothing_ran(app)
    if path not in ("/", "/story"):  # the Story page draws whole articles' sentences as HTML, no picker
        picker = "Article A" if path.startswith("/compare") else "Article"
        assert app.selected(picker).startswith(TITLE_START), "the page is not showing the hostile article"


def test_overview_shows_payloads_as_text_and_lists_skipped_files(hostile_app) -> None:
    app = hostile_app
    app.open("/")
    with app.rerun():
        app.page.locator(MAIN).get_by_text("How similar the articles are").click()
    app.charts(2)  # the timeline (one article is dated) and the similarity map
    _assert_nothing_ran(app)

    # The hostile title is shown as characters: in the chart labels and the articles table.
    shown = app.page.locator(MAIN).get_by_text("<script>", exact=False)
    visible = [shown.nth(i).is_visible() for i in range(shown.count())]
    assert any(visible), f"no visible '<script>' text on the overview ({len(visible)} hidden match(es))"
    # Several tables name the file (articles, stories); the articles table may fill its cells last.
    titles = []
    for _ in range(50):
        titles = [cell for cell in app.table_cells(key_text=HOSTILE) if cell.startswith(TITLE_START)]
        if titles:
            break
        app.page.wait_for_timeout(200)
    assert titles, "the articles table does not show the hostile title as text"

    assert TITLE_START in app.page.locator(".js-plotly-plot").last.inner_text()  # the map's labels
    # A metadata warning naming a Markdown-shaped file shows the name as typed.
    warnings = app.page.locator('[data-testid="stAlert"]').all_inner_texts()
    assert any(MARKDOWN_NAME in w.replace("\u200b", "") for w in warnings), warnings

    heading = f"{len(LOADED)} loaded, {len(SKIPPED)} skipped"
    assert app.page.locator(f"{MAIN} h3", has_text=heading).count() == 1, app.text()[:1500]
    assert app.count("files skipped") == str(len(SKIPPED))
    cells = app.table_cells(*SKIPPED, key_text="binary.txt")
    for name, reason in SKIPPED.items():
        assert name in cells, f"{name} missing from the skipped table"
        assert any(reason in cell for cell in cells), f"no reason mentioning {reason!r}"
