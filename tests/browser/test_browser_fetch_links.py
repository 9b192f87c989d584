"""The *Add links* box in a real browser: links on a local server become this session's corpus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from analysis.fetching import ALLOW_LOCAL_ENV
from tests.browser.conftest import MAIN, App, Server, _streamlit
from tests.browser.test_browser_uploads import _expand_upload_panel, _wait_for_count
from tests.test_fetch import ARTICLE
from tests.webserver import Route, WebServer

TITLES = ["Storm floods Port Avon harbour", "Fishermen rescued as storm hits the coast"]


@pytest.fixture(scope="module")
def local_links_server(browser, tmp_path_factory) -> Iterator[Server]:
    """The app started by an operator who lets links reach their own machine."""
    with _streamlit(tmp_path_factory.mktemp("links_app"), env_extra={ALLOW_LOCAL_ENV: "1"}) as server:
        yield server


def test_links_box_adds_pages_from_a_local_server(local_links_server, page, problems) -> None:
    app = App(page, local_links_server, problems)
    with WebServer() as site:
        urls = []
        for day, title in enumerate(TITLES, start=1):
            site.routes[f"/news/{day}.html"] = Route(ARTICLE.format(title=title, day=day, n=day * 5).encode())
            urls.append(site.url(f"/news/{day}.html"))
        app.open("/")
        _expand_upload_panel(app)
        assert "this machine's network included" in app.text()
        box = app.page.locator(MAIN).get_by_role("textbox", name="Links")
        box.fill("\n".join(urls + [site.url("/missing")]))
        box.press("Control+Enter")  # commits the text area, as leaving it would
        app.page.locator(MAIN).get_by_role("button", name="Fetch 3 link(s)").wait_for()
        with app.rerun():
            app.page.locator(MAIN).get_by_role("button", name="Fetch 3 link(s)").click()
        app.wait()
        assert len(site.hits("/news/1.html")) == 1
    _wait_for_count(app, "articles in play", "2")
    app.table_cells(*TITLES, "Port Avon Herald", "2024-03-01T08:00:00Z", key_text=TITLES[0])
    _expand_upload_panel(app)
    app.page.get_by_text("2 page(s) added, 1 link(s) failed; your uploads are the corpus.").wait_for()
    cells = app.table_cells(*urls, "saved", "failed", "HTTP 404 Not Found", key_text="outcome")
    assert cells.count("saved") == 2
    assert app.sidebar_caption().startswith("Corpus: your uploads")
    app.assert_healthy()
