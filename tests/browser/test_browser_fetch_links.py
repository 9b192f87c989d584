"""The *Add links* box in a real browser: links on a local server become this session's corpus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from analysis.fetching import ALLOW_LOCAL_ENV
from tests.browser.conftest import MAIN, App, Server, _streamlit
from tests.browser.test_browser_uploads import STORY, _expand_upload_panel
from tests.webserver import WebServer


@pytest.fixture(scope="module")
def local_links_server(browser, tmp_path_factory) -> Iterator[Server]:
    """The app started by an operator who lets links reach their own machine."""
    with _streamlit(tmp_path_factory.mktemp("links_app"), env_extra={ALLOW_LOCAL_ENV: "1"}) as server:
        yield server


def test_links_box_adds_pages_from_a_local_server(local_links_server, page, problems) -> None:
    app = App(page, local_links_server, problems)
    with WebServer() as site:
        urls = [site.page(f"/news/{name.removesuffix('.txt')}.html", headline, body)
                for name, (headline, body) in list(STORY.items())[:2]]
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
        assert len(site.hits("/news/harbour_herald.html")) == 1
    _expand_upload_panel(app)
    app.page.get_by_text("2 page(s) added, 1 link(s) failed; your uploads are the corpus.").wait_for()
    cells = app.table_cells(*urls, "saved", "failed", "HTTP 404 Not Found", key_text="outcome")
    assert cells.count("saved") == 2
    assert app.sidebar_caption().startswith("Corpus: your uploads")
    app.assert_healthy()
