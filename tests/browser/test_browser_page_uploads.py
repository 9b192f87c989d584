"""Saved pages through the browser's uploader: a zip of pages and two loose pages, each with its outlet and date."""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser.test_browser_uploads import upload_and_add
from tests.test_page_uploads_app import EXPECTED_OUTLET, NUMBERS, PAGES, upload_files


def test_a_zip_of_pages_and_loose_pages_give_outlets_and_dates(app, tmp_path: Path) -> None:
    files = []
    for name, data, _ in upload_files():
        path = tmp_path / name
        path.write_bytes(data)
        files.append(path)

    app.open("/")
    upload_and_add(app, files, re.compile(r"^Add 3 file\(s\)$"), len(PAGES))
    # The grid draws only the columns in view (the article path is far right): rows are read by title.
    titles = [f"Storm story {number}" for number in NUMBERS]
    cells = app.table_cells(*titles, *set(EXPECTED_OUTLET.values()), *(shown for *_, shown in PAGES.values()),
                            key_text="Storm story three")
    for title, name in zip(titles, PAGES):
        at = cells.index(title)
        assert cells[at + 1: at + 3] == [EXPECTED_OUTLET[name], PAGES[name][3]]  # outlet, published
    app.assert_healthy()


def test_a_single_file_save_passes_the_uploader(app, tmp_path: Path) -> None:
    """The uploader's file chooser takes `.mhtml` (the browser filters by the extensions the page lists)."""
    from tests.test_browser_saves import blink_archive, html

    path = tmp_path / "Harbour wall fails in storm.mhtml"
    path.write_bytes(blink_archive(html()))
    app.open("/")
    upload_and_add(app, [path], re.compile(r"^Add 1 file\(s\)$"), 1)
    cells = app.table_cells("Harbour wall fails in storm", "The Avon Herald", key_text="Harbour wall fails in storm")
    at = cells.index("Harbour wall fails in storm")
    assert cells[at + 1] == "The Avon Herald"
    app.assert_healthy()
