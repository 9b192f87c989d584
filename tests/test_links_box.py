"""The overview's *Add links* box through AppTest, against a real local server."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.fetching import ALLOW_LOCAL_ENV, file_name
from tests.test_fetch import ARTICLE
from tests.test_pages import APP, TIMEOUT, fresh, texts  # noqa: F401  (fresh: autouse, a clean cache per test)
from tests.shown_tables import shown_tables
from tests.webserver import Route, WebServer


@pytest.fixture(autouse=True)
def public_only(monkeypatch):
    """The app's own rule unless a test turns the operator's local setting on."""
    monkeypatch.delenv(ALLOW_LOCAL_ENV, raising=False)


@pytest.fixture
def server():
    with WebServer() as running:
        yield running


def add_links(text: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["ov_bring"] = True  # the visitor opens *Bring your own articles*
    at.run()
    at.text_area(key="links_text").input(text)
    at.run()
    at.button(key="links_fetch").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def outcomes(at: AppTest):
    (table,) = [f.value for f in at.dataframe if "outcome" in f.value.columns]
    return table


def test_links_join_the_session_uploads_with_the_local_setting_on(server, monkeypatch):
    monkeypatch.setenv(ALLOW_LOCAL_ENV, "1")
    titles = ["Harbour wall fails in storm", "Fishermen rescued at Port Avon"]
    for day, title in enumerate(titles, start=1):
        server.routes[f"/a/{day}.html"] = Route(ARTICLE.format(title=title, day=day, n=day * 3).encode())
    one, two = server.url("/a/1.html"), server.url("/a/2.html")
    server.routes["/pic.png"] = Route(b"\x89PNG\r\n\x1a\n", content_type="image/png")
    at = add_links(f"{one}\n{two}\n{server.url('/pic.png')}\n")
    table = outcomes(at)
    assert dict(zip(table["url"], table["outcome"])) == {one: "saved", two: "saved", server.url("/pic.png"): "failed"}
    assert "not an HTML page: a PNG image" in set(table["reason"])
    assert [s.value for s in at.success] == ["2 page(s) added, 1 link(s) failed; your uploads are the corpus."]
    folder = Path(at.session_state["upload_dir"])
    assert (folder / file_name(one)).read_bytes() == server.routes["/a/1.html"].body
    assert at.session_state["use_uploads"] is True
    assert "StoryLens/" in server.hits("/a/1.html")[0].headers["User-Agent"]
    # The overview now shows the fetched pages, each with its outlet, date and link.
    assert "**2** articles in play" in texts(at)
    (articles,) = [f for f in shown_tables(at) if {"title", "outlet", "published"} <= set(f.columns)]
    assert sorted(zip(articles["title"], articles["outlet"], articles["published"].str[:10])) == [
        ("Fishermen rescued at Port Avon", "Port Avon Herald", "2024-03-02"),
        ("Harbour wall fails in storm", "Port Avon Herald", "2024-03-01")]


def test_without_the_local_setting_a_local_link_is_refused(server):
    url = server.page("/a/one.html", "Inside")
    at = add_links(url)
    table = outcomes(at)
    assert list(table["reason"]) == ["refused: 127.0.0.1 is a loopback address"]
    assert [w.value for w in at.warning] == [
        "No page added: 1 of 1 link(s) failed, for the reasons below. The corpus is unchanged."]
    assert server.requests == []
    assert "use_uploads" not in at.session_state or not at.session_state["use_uploads"]
    assert "upload_dir" not in at.session_state  # no empty uploads folder left to switch to


def test_a_session_may_fetch_1000_links_in_all(server, monkeypatch):
    monkeypatch.setenv(ALLOW_LOCAL_ENV, "1")
    urls = [server.page(f"/s/{n}.html", f"Story {n}") for n in range(3)]
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["ov_bring"] = True
    at.session_state["links_tried"] = 998  # earlier requests of this session
    at.run()
    at.text_area(key="links_text").input("\n".join(urls))
    at.run()
    at.button(key="links_fetch").click()
    at.run()
    assert [e.value for e in at.error] == ["3 links: this session may fetch 2 more (at most 1000 a session)."]
    assert server.requests == []
    at.text_area(key="links_text").input("\n".join(urls[:2]))
    at.run()
    at.button(key="links_fetch").click()
    at.run()
    assert set(outcomes(at)["outcome"]) == {"saved"}
    assert at.session_state["links_tried"] == 1000


def test_more_than_200_links_are_refused_before_fetching(server):
    at = add_links("\n".join(f"http://10.0.0.{n % 250}/{n}" for n in range(201)))
    assert [e.value for e in at.error] == ["201 links: at most 200 a request."]
