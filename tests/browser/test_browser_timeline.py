"""The Overview's timeline in a real browser: bars per day and outlet drawn, a click on one lists its articles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import ROOT, App, Server, _streamlit, _warm_up

DATED = ROOT / "tests" / "data" / "dated"  # five invented articles, three outlets, one undated

# Where each trace's bars are: the outlet (trace name) and the period of each bar (typed arrays decoded).
_BARS_JS = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  return gd._fullData.map(t => ({type: t.type, x: Array.from(t.x), y: Array.from(t.y),
                                 customdata: Array.from(t.customdata, row => Array.from(row))}));
}"""

# The cells of each data grid on the page (the articles table, the clicked bar's articles, the stories...).
_GRIDS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]')).map(
  g => Array.from(g.querySelectorAll('table td, table th')).map(c => c.textContent).filter(t => t !== ''))"""


@pytest.fixture(scope="module")
def dated_server(browser, tmp_path_factory) -> Iterator[Server]:
    with _streamlit(tmp_path_factory.mktemp("dated_app"), ["--corpus", str(DATED)]) as server:
        _warm_up(browser, server)
        yield server


@pytest.fixture
def dated_app(page, dated_server, problems) -> App:
    return App(page, dated_server, problems)


def test_the_timeline_is_drawn_and_a_bar_lists_its_articles(dated_app) -> None:
    app = dated_app
    app.open("/")
    app.charts()
    traces = app.page.evaluate(_BARS_JS)
    assert [t["type"] for t in traces] == ["bar", "bar", "bar"]  # one per outlet, stacked
    assert traces[0]["x"][0] == "2025-03-03" and traces[0]["x"][-1] == "undated"
    # Elwin Gazette's bar on 3 March: its 14:00 (UTC+1) article.
    trace = next(i for i, t in enumerate(traces) if t["customdata"][0][1] == "Elwin Gazette")
    point = traces[trace]["x"].index("2025-03-03")
    assert traces[trace]["y"][point] == 1
    bar = app.page.locator(".js-plotly-plot").first.locator(".barlayer .trace").nth(trace).locator(".point").nth(point)
    bar.scroll_into_view_if_needed()
    assert "article(s) from" not in app.text()  # no bar's list yet (the articles table names every file)

    app.click_mark(bar)

    assert "1 article(s) from Elwin Gazette in 2025-03-03" in app.text()
    # The clicked bar's grid is drawn empty and filled just after: wait for it, not for the articles table
    # above it, which holds the same file name.
    app.page.wait_for_function(
        f"() => ({_GRIDS_JS})().some(cells => cells[0] === 'published' && cells.includes('gazette_1.txt'))")
    listed = next(cells for cells in app.page.evaluate(_GRIDS_JS) if cells[:4] == ["published", "outlet", "title",
                                                                                   "article"])
    assert "gazette_1.txt" in listed and "2025-03-03T14:00:00+01:00" in listed and "wire_1.txt" not in listed
    app.assert_healthy()
