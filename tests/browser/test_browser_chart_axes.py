"""Charts whose labels look like numbers, drawn by the app's Plotly in Chromium: every column stays on its axis.

Plotly guesses an axis's type from its values. The Plotly.js Streamlit ships
read columns named "1917", "1984", "2024" (articles titled by their file
name, outlets grouped by file name, "000" to "004") as a number axis, and
every column whose label is no number then had no place on it: its bubbles
were silently left out of the chart.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser.conftest import App
from tests.browser.test_browser_uploads import upload_and_add

# Tick labels as Plotly draws them (SVG text in the x axis's tick groups), in the page's first chart.
_X_TICKS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] .xtick text'))
                          .map(t => t.textContent)"""
# Files with no headline take their name as their title: four that look like years, one that does not.
NAMES = ["1917", "1984", "2024", "2025", "harbour"]


def test_articles_titled_like_numbers_keep_every_column(app: App, tmp_path: Path) -> None:
    files = []
    for number, name in enumerate(NAMES):
        path = tmp_path / f"{name}.txt"
        path.write_text(f"Mayor Elena Ruiz said on Monday that the harbour wall had failed for the {number + 2}th time. "
                        "Ruiz blamed the government, and Prime Minister John Avery promised money.\n\n"
                        "Avery said the repairs would start in spring.\n", encoding="utf-8")
        files.append(path)
    app.open("/")
    upload_and_add(app, files, re.compile(rf"^Add {len(NAMES)} file\(s\)$"), len(NAMES))
    app.nav("Actors")
    app.charts()
    ticks = app.page.evaluate(_X_TICKS_JS)
    assert sorted(ticks) == NAMES
    app.assert_healthy()
