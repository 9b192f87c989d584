"""The Overview, through AppTest: a zip of saved pages and two loose pages, each with its outlet and date."""

from __future__ import annotations

import io
import zipfile
from streamlit.testing.v1 import AppTest

from tests.test_pages import APP, TIMEOUT, fresh  # noqa: F401  (fresh: a cache folder per test, caches cleared)
from tests.test_saved_pages import BODY, page
from tests.shown_tables import shown_tables


# name -> (site name or None, canonical URL, published as the page gives it, what the Overview shows)
PAGES = {
    "zipped/herald_1.html": ("The Avon Herald", "https://www.avonherald.example/1", "2024-03-04T09:30:00+01:00",
                             "2024-03-04T09:30:00+01:00"),
    "zipped/herald_2.htm": (None, "https://avonherald.example/2", "2024-03-05", "2024-03-05"),
    "zipped/coast_1.html": ("Coast Weekly", "https://coast.example/1", "2024-03-06", "2024-03-06"),
    "loose_wire.html": ("Wire Service", "https://wire.example/a", "2024-03-07T12:00:00Z", "2024-03-07T12:00:00Z"),
    "loose_herald.htm": (None, "https://www.avonherald.example/3", "2024-03-08", "2024-03-08"),
}
EXPECTED_OUTLET = {"zipped/herald_1.html": "The Avon Herald", "zipped/herald_2.htm": "The Avon Herald",
                   "zipped/coast_1.html": "Coast Weekly", "loose_wire.html": "Wire Service",
                   "loose_herald.htm": "The Avon Herald"}
NUMBERS = ["three", "four", "five", "six", "seven"]


def page_bytes(name: str) -> bytes:
    site, url, published, _ = PAGES[name]
    head = f'<link rel="canonical" href="{url}">'
    if site:
        head += f'<meta property="og:site_name" content="{site}">'
    head += ('<script type="application/ld+json">{"@type": "NewsArticle", "dateModified": "2024-04-01", '
             f'"datePublished": "{published}"}}</script>')
    number = NUMBERS[list(PAGES).index(name)]
    return page(head=head, title=f"Storm story {number}", body=BODY.replace("twelve", number)).encode()


def upload_files() -> list[tuple[str, bytes, str]]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in PAGES:
            if name.startswith("zipped/"):
                archive.writestr(name.removeprefix("zipped/"), page_bytes(name))
    loose = [(name, page_bytes(name), "text/html") for name in PAGES if not name.startswith("zipped/")]
    return [("zipped.zip", buffer.getvalue(), "application/zip"), *loose]


def overview_after_upload(files: list[tuple[str, bytes, str]]):
    """The Overview's articles table once ``files`` are uploaded and added."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["ov_bring"] = True  # the visitor opens *Bring your own articles*
    at.run()
    at.file_uploader(key="upload_files").set_value(files)
    at.run()
    at.button(key="upload_add").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return next(f for f in shown_tables(at) if {"article", "outlet", "published", "url"} <= set(f.columns))


def test_uploaded_pages_show_their_outlet_and_date_on_the_overview():
    table = overview_after_upload(upload_files())
    shown = {row.article: (row.outlet, row.published, row.url) for row in table.itertuples()}
    assert shown == {name: (EXPECTED_OUTLET[name], PAGES[name][3], PAGES[name][1]) for name in PAGES}


def test_single_file_and_complete_saves_upload_as_their_pages():
    """A Chrome single-file save, Safari's web archive and a zip of a complete save with its `_files` folder: three
    articles, no more."""
    from tests.test_browser_saves import blink_archive, html, safari_archive

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Storm closes the docks.html", html(title="Storm closes the docks",
                                                             body=BODY.replace("twelve", "nine")))
        archive.writestr("Storm closes the docks_files/saved_resource.html", html(title="Readers' comments"))
        archive.writestr("Storm closes the docks_files/logo.png", b"\x89PNG")
    table = overview_after_upload([("complete.zip", buffer.getvalue(), "application/zip"),
                                   ("harbour.mhtml", blink_archive(html()), "multipart/related"),
                                   ("wall.webarchive", safari_archive(html(title="Wall gives way").encode(),
                                                                      "https://avon.example/wall"), "application/x-webarchive")])
    shown = {row.article: (row.title, row.outlet, row.url) for row in table.itertuples()}
    assert shown == {
        "complete/Storm closes the docks.html": ("Storm closes the docks", "The Avon Herald", ""),
        "harbour.mhtml": ("Harbour wall fails in storm", "The Avon Herald", "https://avon.example/news/harbour-wall"),
        "wall.webarchive": ("Wall gives way", "The Avon Herald", "https://avon.example/wall"),
    }
