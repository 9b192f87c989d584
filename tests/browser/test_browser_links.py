"""A copied link reproduces the view, and every choice shows up in the address bar."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import MAIN, SAMPLE_PATHS as PATHS, SAMPLE_TITLES as TITLES, App

A, B = "001_43a7f72f39803619.txt", "004_4578fa6d09c8fd9d.txt"
COMPARE_LINK = f"/compare?a={A}&b={B}"


def _query(app: App) -> dict[str, list[str]]:
    return parse_qs(urlsplit(app.page.url).query)


def _check_compare_link(app: App) -> None:
    app.open(COMPARE_LINK)
    app.assert_healthy()
    assert app.selected("Article A") == TITLES[A]
    assert app.selected("Article B") == TITLES[B]
    header = app.page.locator(f"{MAIN} .storylens-text table tr").first.inner_text()
    assert f"A: {TITLES[A]}" in header and f"B: {TITLES[B]}" in header
    # The link survives the page's own publishing of its state.
    assert _query(app)["a"] == [A] and _query(app)["b"] == [B]


def test_compare_link_reproduces_the_view(app) -> None:
    _check_compare_link(app)


@pytest.mark.parametrize("server", ["fresh_server", "plain_server"])  # serve.py (make run), app.py
def test_copied_link_works_on_a_freshly_started_server(server, request, page, problems) -> None:
    """The first visitor after a (re)start may well arrive through a shared link."""
    app = App(page, request.getfixturevalue(server), problems)
    app.open(COMPARE_LINK)
    crashed = app.page.locator('[data-testid="stException"]')
    assert crashed.count() == 0, (
        "a link opened first after the server started crashes: Streamlit takes the pages/ folder "
        "beside app.py for a v1 multipage app and runs the page script without app.py (so without "
        "the sidebar) until app.py has called st.navigation once. Rename pages/ (e.g. to views/). "
        f"The app shows: {crashed.first.inner_text()[:300]}")
    _check_compare_link(app)


def test_keywords_link_selects_distinctive_mode(app) -> None:
    app.open("/keywords?mode=distinctive&view=Keywords+%C3%97+articles")
    app.assert_healthy()
    main = app.page.locator(MAIN)
    assert main.get_by_role("radio", name="What sets it apart").get_attribute("aria-checked") == "true"
    assert main.get_by_role("radio", name="What each article stresses").get_attribute("aria-checked") == "false"
    assert main.get_by_role("radio", name="Keywords × articles").is_checked()
    app.charts()  # the keywords x articles grid
    assert app.page.locator(".js-plotly-plot .heatmaplayer image").count() == 1


def test_choices_are_written_to_the_url(app) -> None:
    app.open("/compare")
    assert (_query(app)["a"], _query(app)["b"]) == ([PATHS[1]], [PATHS[4]])  # the two most alike, named in the link
    app.choose("Article B", TITLES[PATHS[3]])
    assert _query(app)["b"] == [PATHS[3]]
    assert app.selected("Article B") == TITLES[PATHS[3]]

    app.nav("Keywords")
    with app.rerun():
        app.page.locator(MAIN).get_by_role("radio", name="What sets it apart").click()
    assert _query(app)["mode"] == ["distinctive"]
    app.assert_healthy()


def test_sidebar_article_choice_is_a_repeatable_url_parameter(app) -> None:
    app.open("/")
    sidebar = '[data-testid="stSidebar"]'
    app.choose("Articles", TITLES[PATHS[2]], where=sidebar)
    app.choose("Articles", TITLES[PATHS[4]], where=sidebar)
    assert _query(app)["article"] == [PATHS[2], PATHS[4]]
    assert app.count("articles in play") == "2"

    # The same link, opened in a new session, chooses the same two articles.
    link = app.page.url
    app.page.goto("about:blank")
    app.page.goto(link)
    app.wait()
    assert app.count("articles in play") == "2"
    chips = app.page.locator(f'{sidebar} [data-testid="stMultiSelect"]').filter(has_text="Articles")
    for path in (PATHS[2], PATHS[4]):
        assert chips.get_by_text(TITLES[path][:30]).count() >= 1
    app.assert_healthy()
