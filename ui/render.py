"""Showing untrusted article text safely: highlights, chart labels, tables.

Article text never reaches Markdown (which would run ``[x](javascript:…)``,
``$…$`` or ``:red[…]``) nor unescaped HTML. Highlights are built here, and only
here, from escaped text, and drawn with ``st.html`` (sanitised, no Markdown).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

import pandas as pd
import streamlit as st

# Chart and table labels are built in analysis/ (the report draws them too); re-exported for the pages.
from analysis.labels import LABEL_CHARS, keyed_labels, marked_parts, plot_label, short_labels, shorten  # noqa: F401
from analysis.rows_shown import ROWS_SHOWN, rows_shown

# Up to this many rows a first-screen table is text (:func:`text_table`); past it, the grid.
TEXT_TABLE_MAX_ROWS = 30
# What stays unencoded in a link's address (written <...>): a URL's own punctuation, never <, >, a space or a backslash.
_URL_SAFE = "!#$%&'()*+,-./:;=?@[]_~"

MARK_STYLE = "background:#ffe08a;padding:0 2px;border-radius:2px"
DELETE_STYLE = "background:#ffd6d6;text-decoration:line-through"
INSERT_STYLE = "background:#d4f7d4"


def highlighted(text: str, spans: Iterable[Sequence[int]], style: str = MARK_STYLE) -> str:
    """``text`` as escaped HTML with ``spans`` wrapped in <mark>; overlaps merged."""
    return "".join(f'<mark style="{style}">{html.escape(piece)}</mark>' if marked else html.escape(piece)
                   for piece, marked in marked_parts(text, spans))


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$:<>~&=^])")


def md(text: object) -> str:
    """Untrusted text made safe to embed in a Markdown message (st.warning, st.write...).

    Every ASCII punctuation mark Markdown or Streamlit give a meaning to
    (links, HTML, $math$, :colour[...] directives, emoji shortcodes) is
    backslash-escaped, so it shows as itself. Streamlit spots ``:material/x:``
    icons even behind a backslash, so a zero-width space also follows each colon.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace(":", ":\u200b")


def show_html(fragment: str) -> None:
    """Draw HTML built by this module (already escaped) without Markdown processing."""
    st.html(f'<div class="storylens-text" style="line-height:1.55">{fragment}</div>')


def show_evidence(rows: pd.DataFrame, text_column: str = "sentence", spans_column: str = "spans",
                  caption_columns: Sequence[str] = (), limit: int = 200) -> None:
    """Sentences with their highlights, one per line, with small plain captions."""
    if rows.empty:
        st.info("No sentences to show.")
        return
    parts = []
    for row in rows.head(limit).itertuples(index=False):
        record = row._asdict()
        caption = " · ".join(f"{c}: {record[c]}" for c in caption_columns if c in record)
        spans = record.get(spans_column) or []
        parts.append(
            f'<p style="margin:0 0 .7em 0"><small style="color:#666">{html.escape(caption)}</small><br>'
            f"{highlighted(str(record[text_column]), spans)}</p>"
        )
    show_html("".join(parts))
    if len(rows) > limit:
        st.caption(f"Showing the first {limit} of {len(rows)} sentences; the download has them all.")


def download(frame: pd.DataFrame, name: str, key: str, label: str = "Download CSV") -> None:
    """A CSV download of exactly the rows the table shows."""
    # The CSV is written when the button is clicked, not on every run: every table of every page
    # has one, and most are never downloaded (a page drew each as a file in memory before).
    st.download_button(label, lambda: frame.to_csv(index=False).encode("utf-8"), file_name=name,
                       mime="text/csv", key=key)


def table(frame: pd.DataFrame, name: str, key: str, **kwargs) -> None:
    """A data table (rendered as text, never HTML) with its CSV download below."""
    st.dataframe(frame, hide_index=True, width="stretch", **kwargs)
    download(frame, name, key=f"{key}_csv")


def text_table(frame: pd.DataFrame, name: str, key: str, links: Sequence[str] = ()) -> None:
    """A short table drawn as text (a Markdown table of escaped cells) with its CSV download; a longer one, the grid.

    For the first screen: the browser then loads and draws no data grid
    (Glide Data Grid on a canvas, with Arrow: over a megabyte of JavaScript),
    which cost more than the rest of the Overview together (bench/app_bench.py).
    Every cell goes through :func:`md`, so article text shows as itself. The
    ``links`` columns hold http(s) addresses only (analysis.corpus.pages.web_url)
    and become links, their address percent-encoded where Markdown would read it.
    """
    if len(frame) > TEXT_TABLE_MAX_ROWS:
        table(frame, name, key, column_config={c: st.column_config.LinkColumn(c) for c in links})
        return
    lines = ["| " + " | ".join(md(c) for c in frame.columns) + " |", "|" + " --- |" * len(frame.columns)]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(_text_cell(value, column in links) for column, value in zip(frame.columns, row))
                     + " |")
    st.markdown("\n".join(lines))
    download(frame, name, key=f"{key}_csv")


def _text_cell(value: object, link: bool) -> str:
    if value is None or (isinstance(value, float) and value != value):  # NaN
        return ""
    text = " ".join(str(value).split())  # a line break would end the table's row
    if link and text:
        return f"[{md(text)}](<{quote(text, safe=_URL_SAFE)}>)"
    return md(text)


def long_table(frame: pd.DataFrame, name: str, key: str, search: Sequence[str], noun: str = "rows") -> None:
    """:func:`table` for thousands of rows: the first few hundred drawn, a search, every row in the download.

    The search box shows only past :data:`~analysis.rows_shown.ROWS_SHOWN`
    rows; ``search`` names the columns it reads.
    """
    query = (st.text_input(f"Find {noun}", key=f"{key}_q", placeholder=f"{len(frame)} {noun}: "
                           f"type a few letters of {' or '.join(search)}") if len(frame) > ROWS_SHOWN else "")
    shown, kept = rows_shown(frame, query, search, limit=ROWS_SHOWN)
    st.dataframe(shown, hide_index=True, width="stretch")
    if len(kept) > len(shown):
        st.caption(f"Showing the first {len(shown)} of {len(kept)} {noun}: find others above, or download them all.")
    elif query:
        st.caption(f"{len(kept)} of {len(frame)} {noun} hold {md(query)}.")
    download(kept, name, key=f"{key}_csv", label=f"Download {len(kept)} {noun} (CSV)")
