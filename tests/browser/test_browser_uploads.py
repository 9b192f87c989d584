"""Bringing your own articles through the browser: .txt, .zip and .csv uploads become the corpus."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

from tests.browser.conftest import GRID_CELLS_JS, MAIN, SAMPLE_TITLES, App

# Five short reports of one (invented) story, each with a headline line, named people and
# organisations, and shared vocabulary so keywords, actors and topics all have something to find.
STORY = {
    "harbour_herald.txt": (
        "Storm floods Port Avon harbour",
        "Mayor Elena Ruiz said the storm flooded the harbour on Monday night. "
        "The Coast Guard rescued twelve fishermen near the breakwater. "
        "Elena Ruiz promised repairs to the harbour wall within a month. "
        "The Harbour Authority closed the docks until Thursday."),
    "coast_daily.txt": (
        "Fishermen rescued as storm hits Port Avon",
        "The Coast Guard said twelve fishermen were rescued after the storm struck Port Avon. "
        "Harbour Authority chief Tom Becker blamed the old harbour wall. "
        "Mayor Elena Ruiz visited the flooded docks on Tuesday. "
        "Insurers expect claims of two million euros."),
    "avon_times.txt": (
        "Port Avon counts the cost of the storm",
        "Shops along the harbour stayed closed as water receded. "
        "Tom Becker of the Harbour Authority said the docks would reopen on Thursday. "
        "Insurers estimated damage at two million euros. "
        "Mayor Elena Ruiz asked the government for emergency funds."),
    "wire_one.txt": (
        "Government pledges storm aid to Port Avon",
        "The government pledged emergency funds after the storm flooded Port Avon. "
        "Mayor Elena Ruiz welcomed the aid and thanked the Coast Guard. "
        "The harbour wall will be rebuilt before winter, officials said."),
    "wire_two.txt": (
        "Harbour wall failed in Port Avon storm, engineers say",
        "Engineers said the harbour wall failed during the storm. "
        "Tom Becker said the Harbour Authority had asked for repairs for years. "
        "The Coast Guard praised the fishermen who helped in the rescue. "
        "The docks reopened on Thursday."),
}
TXT_FILES = ["harbour_herald.txt", "coast_daily.txt", "avon_times.txt"]
ZIP_FILES = ["wire_one.txt", "wire_two.txt"]
ANALYSIS_PAGES = [("Keywords", "Keywords"), ("Actors", "Actors"), ("Topics", "Topics"),
                  ("Compare", "Compare two articles"), ("Overview", "StoryLens")]


def _article(name: str) -> str:
    headline, body = STORY[name]
    return f"{headline}\n\n{body}\n"


def _expand_upload_panel(app: App) -> None:
    expander = app.page.locator('[data-testid="stExpander"]', has_text="Bring your own articles")
    details = expander.locator("details")
    if details.get_attribute("open") is None:
        expander.locator("summary").click()
    app.page.wait_for_selector('[data-testid="stFileUploader"]', state="visible")


def _upload(app: App, files: list[Path]) -> None:
    """Give the uploader ``files`` and wait for the rerun that follows."""
    with app.rerun():
        app.page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            [str(f) for f in files])


def _click_button(app: App, name: str | re.Pattern) -> None:
    with app.rerun():
        app.page.locator(MAIN).get_by_role("button", name=name).click()


def upload_and_add(app: App, files: list[Path], button: str | re.Pattern, in_play: int) -> None:
    """As a visitor does: open the panel, give the uploader ``files``, press ``button`` (the Add button), and wait
    until the Overview counts ``in_play`` articles."""
    _expand_upload_panel(app)
    _upload(app, files)
    _click_button(app, button)
    app.wait()
    _wait_for_count(app, "articles in play", str(in_play))


def _assert_titles(app: App, expected: set[str]) -> None:
    """The overview's Articles table lists exactly the ``expected`` titles (of uploads and samples)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    known = sorted({headline for headline, _ in STORY.values()} | set(SAMPLE_TITLES.values()))
    try:
        # The grid redraws just after the run: wait for the final picture, not the first.
        app.page.wait_for_function(
            f"""([known, expected]) => {{
              const shown = new Set(({GRID_CELLS_JS})(null).filter(c => known.includes(c)));
              return shown.size === expected.length && expected.every(e => shown.has(e));
            }}""",
            arg=[known, sorted(expected)], timeout=15_000)
    except PlaywrightTimeout:
        pass  # the assertion below shows the difference
    assert {cell for cell in app.table_cells() if cell in known} == expected


def _wait_for_count(app: App, label: str, value: str) -> None:
    app.page.locator(".st-key-ov_counts", has_text=re.compile(rf"(^|\D){re.escape(value)} {re.escape(label)}")).wait_for()


def test_txt_and_zip_uploads_become_the_corpus(app, tmp_path: Path) -> None:
    for name in STORY:
        (tmp_path / name).write_text(_article(name), encoding="utf-8")
    bundle = tmp_path / "wires.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        for name in ZIP_FILES:
            archive.write(tmp_path / name, arcname=name)

    app.open("/")
    upload_and_add(app, [tmp_path / n for n in TXT_FILES], "Add 3 file(s)", 3)
    _assert_titles(app, {STORY[n][0] for n in TXT_FILES})
    assert app.sidebar_caption().startswith("Corpus: your uploads · 3 articles loaded")

    _expand_upload_panel(app)
    _upload(app, [bundle])
    # The uploader still holds the three .txt files; adding them again overwrites them.
    _click_button(app, re.compile(r"^Add \d+ file\(s\)$"))
    app.wait()
    _wait_for_count(app, "articles in play", "5")
    _assert_titles(app, {headline for headline, _ in STORY.values()})  # uploads replace the samples
    assert app.sidebar_caption().startswith("Corpus: your uploads · 5 articles loaded")
    app.assert_healthy()

    # Every analysis runs on the uploads (same session: reached through the sidebar).
    for link, heading in ANALYSIS_PAGES:
        app.nav(link)
        assert app.title == heading
        app.assert_healthy()
        if link == "Keywords":
            app.charts()
            assert app.selected("Article") in {headline for headline, _ in STORY.values()}
        elif link == "Actors":
            app.charts()
            assert "Elena Ruiz" in app.page.locator(".js-plotly-plot").first.inner_text()
        elif link == "Topics":
            app.charts()
        elif link == "Compare":
            assert app.selected("Article A") in {headline for headline, _ in STORY.values()}
            assert app.selected("Article B") in {headline for headline, _ in STORY.values()}

    # Back to the corpus the app was started with.
    with app.rerun():
        app.page.locator('[data-testid="stSidebar"]').get_by_text("Use my uploaded articles").click()
    _wait_for_count(app, "articles in play", "5")
    _assert_titles(app, set(SAMPLE_TITLES.values()))
    assert app.sidebar_caption().startswith("Corpus: sample_data · 5 articles loaded")
    app.assert_healthy()


def test_csv_upload_picks_columns_and_adds_every_row(app, tmp_path: Path) -> None:
    table = tmp_path / "clippings.csv"
    names = ["harbour_herald.txt", "coast_daily.txt", "wire_two.txt"]
    outlets = ["Herald", "Coast Daily", "Wire Two"]
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "outlet", "text"])
        for number, (name, outlet) in enumerate(zip(names, outlets), start=1):
            writer.writerow([number, STORY[name][0], outlet, STORY[name][1]])

    app.open("/")
    _expand_upload_panel(app)
    _upload(app, [table])
    assert "Columns of the table (3 rows)" in app.text()
    assert app.selected("Text") == "text"
    assert app.selected("Title") == "title"
    assert app.selected("Outlet") == "outlet"
    _click_button(app, "Add 3 articles from the table")
    app.wait()
    _wait_for_count(app, "articles in play", "3")
    _assert_titles(app, {STORY[n][0] for n in names})
    app.table_cells(*outlets)  # each row keeps its outlet
    app.assert_healthy()

    app.nav("Compare")
    assert app.selected("Article A") == STORY[names[0]][0]
    app.assert_healthy()


def test_uploader_refuses_other_file_types(app, tmp_path: Path) -> None:
    name = "notes.md"
    (tmp_path / name).write_text("# not an article\n", encoding="utf-8")
    app.open("/")
    _expand_upload_panel(app)
    app.page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(tmp_path / name))
    app.page.locator('[data-testid="stFileUploader"]').get_by_text(re.compile("not allowed|not supported",
                                                                                re.I)).wait_for()
    assert app.page.locator(MAIN).get_by_role("button", name=re.compile(r"^Add \d+")).count() == 0
    assert app.count("articles in play") == "5"
