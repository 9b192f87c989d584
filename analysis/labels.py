"""Labels for charts and tables built from article text: one line, cut short, escaped for Plotly.

Plotly reads <br>, <b>, <a href> and entities inside labels, so a title from
an article is escaped before it becomes an axis label or a hover text. Used by
the pages (through ``ui.render``) and by the report.
"""

from __future__ import annotations

import html
from collections.abc import Hashable, Iterable, Sequence

# Long labels crowd the axis.
LABEL_CHARS = 48


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


def marked_parts(text: str, spans: Iterable[Sequence[int]]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, marked) runs, ``spans`` marked, overlapping spans merged.

    What a highlight is made of; whoever draws it escapes each piece.
    """
    merged: list[list[int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, cursor = [], 0
    for start, end in merged:
        if start > cursor:
            parts.append((text[cursor:start], False))
        parts.append((text[start:end], True))
        cursor = max(cursor, end)
    if cursor < len(text):
        parts.append((text[cursor:], False))
    return parts
