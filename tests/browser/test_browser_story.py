"""The Story page in a real browser: the claim matrix drawn and clickable, the figures table, the copies."""

from __future__ import annotations

from tests.browser.conftest import RunWatch

# The claim matrix is a heatmap with an invisible marker per cell (ui/charts.py): where each cell is on screen.
_CELL_JS = """([col, row]) => {
  const gd = document.querySelector('.js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
  return {x: box.left + xa._offset + xa.l2p(col), y: box.top + ya._offset + ya.l2p(row),
          key: gd.data[0].customdata[row][col], rows: gd.data[0].customdata.length};
}"""


def test_the_claim_matrix_is_drawn_and_a_cell_opens_its_claim(app) -> None:
    app.open("/story")
    app.charts()
    assert int(app.metric("Claims two or more articles carry")) >= 10
    page = app.page
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    before = app.selected("Claim")
    cell = page.evaluate(_CELL_JS, [1, 4])  # the fifth claim, in the second article's column
    _, claim = cell["key"]
    assert not before.startswith(f"{claim} ")
    watch = RunWatch(page)
    page.mouse.move(cell["x"], cell["y"])
    page.mouse.click(cell["x"], cell["y"])
    assert watch.wait_started(timeout=10_000), "clicking a matrix cell started no rerun"
    watch.wait_done()
    assert app.selected("Claim").startswith(f"{claim} ")
    assert f"claim={claim}" in page.url
    # the claim's sentences, each with the part that states it marked
    assert page.locator('[data-testid="stMain"] mark').count() >= 2
    app.assert_healthy()


def test_the_figures_view_lines_up_the_call_length(app) -> None:
    app.open("/story?view=figures")
    assert app.metric("Facts on which the articles disagree").startswith("2 of")
    text = app.text()
    assert "75-minute" in text and "approximately 50 minutes" in text  # the first fact: the call's length
    assert app.page.locator('[data-testid="stMain"] mark').count() == 5
    app.assert_healthy()


def test_the_copies_view_says_when_nothing_was_copied(app) -> None:
    app.open("/story?view=copies")
    assert "No two articles in play share a passage word for word." in app.text()
    app.assert_healthy()


def test_story_navigation_from_the_overview(app) -> None:
    app.open("/")
    app.nav("Story")
    assert app.title == "Story"
    assert app.page.url.split("?")[0].rstrip("/").endswith("/story")
    app.assert_healthy()
