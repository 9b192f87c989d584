"""Showing untrusted article text safely: highlights, chart labels, tables.

Article text never reaches Markdown (which would run ``[x](javascript:…)``,
``$…$`` or ``:red[…]``) nor unescaped HTML. Highlights are built here, and only
here, from escaped text, and drawn with ``st.html`` (sanitised, no Markdown).
"""

from __future__ import annotations

import html
import re
from collections.abc import Hashable, Iterable, Sequence

import pandas as pd
import streamlit as st

MARK_STYLE = "background:#ffe08a;padding:0 2px;border-radius:2px"
DELETE_STYLE = "background:#ffd6d6;text-decoration:line-through"
INSERT_STYLE = "background:#d4f7d4"
# Plotly reads <br>, <b>, <a href> and entities inside labels; long labels also
# crowd the axis, so labels are cut and escaped.
LABEL_CHARS = 48


def highlighted(text: str, spans: Iterable[Sequence[int]], style: str = MARK_STYLE) -> str:
    """``text`` as escaped HTML with ``spans`` wrapped in <mark>; overlaps merged."""
    merged: list[list[int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, cursor = [], 0
    for start, end in merged:
        out.append(html.escape(text[cursor:start]))
        out.append(f'<mark style="{style}">{html.escape(text[start:end])}</mark>')
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)


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


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """One line of at most ``limit`` characters, cut with an ellipsis."""
    text = " ".join(str(text).split())
    return text[: limit - 1] + "…" if len(text) > limit else text


def plot_label(text: str, limit: int = LABEL_CHARS) -> str:
    """A chart label: shortened, and escaped so Plotly shows it as text."""
    return html.escape(shorten(text, limit), quote=False)


def keyed_labels(labels: Sequence[str], keys: Sequence[Hashable], limit: int = LABEL_CHARS,
                 for_plot: bool = True) -> list[str]:
    """Shortened labels, one per key: a key keeps one label, two keys never share one.

    Two articles may share a title (wire copy, re-issues): a chart axis would
    stack them on one category and a table would refuse two equal column
    names, so the second is numbered. ``for_plot`` escapes them for Plotly;
    tables show text as it is and take them unescaped.
    """
    by_key: dict[Hashable, str] = {}
    taken: set[str] = set()
    for label, key in zip(labels, keys):
        if key in by_key:
            continue
        short = plot_label(label, limit) if for_plot else shorten(label, limit)
        candidate, n = short, 1
        while candidate in taken:
            n += 1
            candidate = f"{short} ({n})"
        taken.add(candidate)
        by_key[key] = candidate
    return [by_key[key] for key in keys]


def short_labels(labels: Sequence[str], limit: int = LABEL_CHARS) -> list[str]:
    """:func:`keyed_labels` where the label is its own key: equal labels share one."""
    return keyed_labels(labels, labels, limit)


def download(frame: pd.DataFrame, name: str, key: str, label: str = "Download CSV") -> None:
    """A CSV download of exactly the rows the table shows."""
    st.download_button(label, frame.to_csv(index=False).encode("utf-8"), file_name=name,
                       mime="text/csv", key=key)


def table(frame: pd.DataFrame, name: str, key: str, **kwargs) -> None:
    """A data table (rendered as text, never HTML) with its CSV download below."""
    st.dataframe(frame, hide_index=True, width="stretch", **kwargs)
    download(frame, name, key=f"{key}_csv")
