"""Every page on the sample articles, in a real browser: it draws, it charts, its charts lead to evidence."""

from __future__ import annotations

import pytest

from tests.browser.conftest import MAIN, SAMPLE_PATHS as PATHS, SAMPLE_TITLES as TITLES, RunWatch

# (url path, page heading, does the page draw a chart on first load, or the expander that holds one)
PAGES = [
    ("/", "StoryLens", "How similar the articles are"),
    ("/story", "Story", True),
    ("/keywords", "Keywords", True),
    ("/actors", "Actors", True),
    ("/topics", "Topics", True),
    ("/compare", "Compare two articles", False),
]
NAV = [("Story", "Story", "/story"), ("Keywords", "Keywords", "/keywords"), ("Actors", "Actors", "/actors"), ("Topics", "Topics", "/topics"),
       ("Compare", "Compare two articles", "/compare"), ("Overview", "StoryLens", "/")]

# The first trace of the first chart on the page, as Plotly resolved it (typed arrays decoded).
_TRACE_JS = """() => {
  const trace = document.querySelector('.js-plotly-plot')._fullData[0];
  return {customdata: Array.from(trace.customdata, row => Array.from(row)), text: Array.from(trace.text)};
}"""


@pytest.mark.parametrize(("path", "heading", "charted"), PAGES, ids=[p[1] for p in PAGES])
def test_page_draws_without_errors(app, path: str, heading: str, charted: bool | str) -> None:
    app.open(path)

    assert app.title == heading
    app.assert_healthy()
    if isinstance(charted, str):  # the first screen draws no chart (no Plotly to load) until asked
        assert app.page.locator(".js-plotly-plot").count() == 0
        with app.rerun():
            app.page.locator(MAIN).get_by_text(charted).click()
    if charted:
        app.charts()
        marks = app.page.locator(".js-plotly-plot .main-svg").first.locator(
            ".point, .heatmaplayer image, .bars path")
        assert marks.count() > 0, "the chart has no marks"
    assert "5 articles loaded, 0 skipped" in app.sidebar_caption()


def test_compare_shows_the_aligned_table_with_reworded_rows(app) -> None:
    app.open("/compare")

    table = app.page.locator(f"{MAIN} .storylens-text table").first
    header = table.locator("tr").first.inner_text()
    # the page opens on the two most alike articles: 001 and 004, two reports of the June call
    assert f"A: {TITLES[PATHS[1]]}" in header and f"B: {TITLES[PATHS[4]]}" in header
    labels = table.locator("tr td:nth-child(2)").all_inner_texts()
    reworded = [label for label in labels if label.startswith("Reworded")]
    assert len(reworded) >= 1, labels
    assert {label.split(" ·")[0] for label in labels} <= {"Said alike", "Reworded", "Only in A", "Only in B"}
    # A reworded pair marks what changed: struck words on the A side, green on the B side.
    row = table.locator("tr", has=app.page.locator("td", has_text="Reworded")).first
    assert row.locator("td").nth(0).locator("span[style*='line-through']").count() >= 1
    app.assert_healthy()


def test_sidebar_links_switch_pages(app) -> None:
    app.open("/")
    for link, heading, path in NAV:
        app.nav(link)
        assert app.title == heading, f"after clicking {link!r}"
        assert app.page.url.split("?")[0] == app.server.url + path
        app.assert_healthy()


def test_clicking_a_bubble_opens_its_sentences(app) -> None:
    app.open("/actors")
    app.charts()
    before = (app.selected("Actor"), app.selected("Article"))
    figure = app.page.evaluate(_TRACE_JS)
    # The last bubble: an actor other than the first, in one article (the pickers start on
    # the first actor and "All articles", so both must move).
    index = len(figure["customdata"]) - 1
    article, actor = figure["customdata"][index]
    mentions = int(figure["text"][index])
    bubble = app.page.locator(".js-plotly-plot .scatterlayer .point").nth(index)
    bubble.scroll_into_view_if_needed()

    app.click_mark(bubble)

    assert (app.selected("Actor"), app.selected("Article")) == (actor, TITLES[article]), before
    # The evidence is exactly the sentences the bubble counts.
    assert f"{mentions} sentence(s) naming {actor}" in app.text()
    assert f"article_ac={article}" in app.page.url
    app.assert_healthy()


def test_clicking_a_heatmap_cell_opens_its_sentences(app) -> None:
    app.open("/topics")
    app.charts()
    page = app.page
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    before = (app.selected("Topic"), app.selected("Article"))
    # A cell away from the first row and column, where the pickers start.
    cell = page.evaluate(
        """([col, row]) => {
          const gd = document.querySelector('.js-plotly-plot');
          const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
          window.__plotlyEvents = [];
          for (const name of ['plotly_click', 'plotly_selected']) {
            gd.on(name, data => window.__plotlyEvents.push(`${name}: ${data && data.points ? data.points.length : 0} point(s)`));
          }
          return {x: box.left + xa._offset + xa.l2p(col), y: box.top + ya._offset + ya.l2p(row),
                  key: gd.data[0].customdata[row][col]};
        }""",
        [2, 3],
    )
    topic, article = cell["key"]
    assert (topic, TITLES[article]) != before

    watch = RunWatch(page)
    page.mouse.move(cell["x"], cell["y"])
    page.mouse.click(cell["x"], cell["y"])
    if not watch.wait_started(timeout=10_000):
        events = page.evaluate("window.__plotlyEvents")
        pytest.fail(
            f"clicking the heatmap cell ({topic!r}, {article}) started no rerun, so its sentences never "
            f"open. Plotly events seen: {events}. Heatmap traces cannot be selected in Plotly, so "
            "Streamlit's on_select gets an empty selection: ui/charts.py heatmap() needs selectable "
            "marks (e.g. a scatter of square markers per cell carrying the customdata).",
            pytrace=False,
        )
    watch.wait_done()
    assert (app.selected("Topic"), app.selected("Article")) == (topic, TITLES[article])
    app.assert_healthy()


def test_actors_naming_and_voices_are_drawn(app) -> None:
    app.open("/actors")
    app.charts(minimum=2)  # the treatment bubbles and who is quoted how much
    text = app.text()
    assert "How each article names them" in text and "Who is quoted" in text
    # the naming table lists the forms of the actor shown; a form opens its sentences, marked
    if app.selected("Actor") != "Vladimir Putin":
        app.choose("Actor", "Vladimir Putin")
    app.choose("Sentences using the form", "Russian President Vladimir Putin")
    marks = app.page.locator('[data-testid="stMain"] mark').all_inner_texts()
    assert "Russian President Vladimir Putin" in marks
    app.assert_healthy()


def test_every_sentiment_choice_on_the_actors_page_is_on_screen(app) -> None:
    """The three ways of reading sentiment are buttons in a row; each must be whole inside the page's column."""
    app.open("/actors")
    column = app.page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
    for label in ("Article's treatment (model)", "Sentences toward the actor", "Sentence tone (VADER)"):
        box = app.page.locator('[data-testid="stButtonGroup"] button', has_text=label).bounding_box()
        assert box is not None and box["x"] + box["width"] <= column["x"] + column["width"] + 1, label
    app.assert_healthy()
