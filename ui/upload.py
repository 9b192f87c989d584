"""The "bring your own articles" panel of the overview page."""

from __future__ import annotations

from pathlib import PurePosixPath

import streamlit as st

from analysis.corpus import uploads
from ui import render, source

ACCEPTED = ["txt", "html", "htm", "mhtml", "mht", "webarchive", "zip", "csv", "jsonl"]


def panel() -> None:
    """Upload .txt, saved pages, .zip, .csv and .jsonl files; they become this session's corpus."""
    st.caption(
        f"`.txt` files, saved web pages (`.html`, `.htm`, single-file `.mhtml` or Safari's `.webarchive`), a `.zip` "
        f"of them (folders inside are fine, and so are the `_files` folders of pages saved complete), "
        f"or a `.csv`/`.jsonl` with one article per row. Limits: {uploads.MAX_FILE_MB} MB per file, "
        f"{uploads.MAX_UPLOAD_MB} MB per upload, zips unpack to at most {uploads.MAX_UNPACKED_MB} MB and "
        f"{uploads.MAX_ZIP_ENTRIES} files. Files stay in a temporary folder of this browser session."
    )
    files = st.file_uploader("Articles", type=ACCEPTED, accept_multiple_files=True, key="upload_files",
                             max_upload_size=uploads.MAX_FILE_MB)
    if files:
        tables = [f for f in files if f.name.lower().endswith(uploads.TABLE_SUFFIXES)]
        plain = [f for f in files if f not in tables]
        if plain and st.button(f"Add {len(plain)} file(s)", key="upload_add", type="primary"):
            _add_files(plain)
        for number, table_file in enumerate(tables):
            _table_form(table_file, number)
    if source.upload_dir() is not None:
        if st.button("Remove my uploads", key="upload_remove"):
            source.remove_uploads()
            st.rerun()


def _add_files(files) -> None:
    folder = source.upload_dir(create=True)
    try:
        report = uploads.unpack_files([(f.name, f.getvalue()) for f in files], folder)
    except uploads.UploadRefused as exc:
        st.error(f"Upload refused: {render.md(exc)}")
        return
    _finish(len(report.written), report.refused)


def _table_form(table_file, number: int) -> None:
    try:
        frame = uploads.read_table(table_file.name, table_file.getvalue())
    except uploads.UploadRefused as exc:
        st.error(f"{render.md(table_file.name)}: {render.md(exc)}")
        return
    guess = uploads.guess_columns(frame)
    columns = list(frame.columns)
    optional = [None, *columns]
    st.write(f"**Columns of the table** ({len(frame)} rows)")
    c1, c2, c3, c4 = st.columns(4)
    text = c1.selectbox("Text", columns, index=columns.index(guess["text"]), key=f"up_text_{number}")
    title = c2.selectbox("Title", optional, index=optional.index(guess["title"]), key=f"up_title_{number}")
    outlet = c3.selectbox("Outlet", optional, index=optional.index(guess["outlet"]), key=f"up_outlet_{number}")
    published = c4.selectbox("Date", optional, index=optional.index(guess["published"]),
                             key=f"up_date_{number}")
    if st.button(f"Add {len(frame)} articles from the table", key=f"up_table_add_{number}", type="primary"):
        folder = source.upload_dir(create=True)
        stem = PurePosixPath(table_file.name).stem or "table"
        written = uploads.write_table(frame, folder, text, title, outlet, published, stem=stem)
        _finish(written, ())


def _finish(written: int, refused) -> None:
    for name, reason in refused:
        st.warning(f"Not added: {render.md(name)}: {render.md(reason)}")
    if written:
        source.switch_to_uploads(True)
        st.toast(f"Added {written} file(s); your uploads are now the corpus.")
        st.rerun()
