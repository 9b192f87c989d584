"""The report's charts: Plotly figures, and their JSON made safe to sit inside the HTML file.

Every label from an article goes through :mod:`analysis.labels` (escaped for
Plotly, which reads <br>, <b> and <a> in labels). The figures travel as JSON
in one ``<script type="application/json">`` block that the report's own script
reads; ``<``, ``>`` and ``&`` are written as ``\\u003c`` etc., so a title
holding ``</script>`` cannot end that block early.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from analysis.labels import keyed_labels, plot_label

ROW_HEIGHT = 26
_CLAIM_COLOURS = [[0.0, "#f2f2f2"], [0.33, "#f2f2f2"], [0.34, "#9ecae1"], [0.66, "#9ecae1"], [0.67, "#2171b5"],
                  [1.0, "#2171b5"]]
_LEVEL = {"": 0, "reworded": 1, "shared": 2}
_SAID = {0: "not said", 1: "reworded", 2: "said alike"}
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside a <script> element: no <, > or & appear literally."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def figure_spec(figure: go.Figure) -> dict:
    """What Plotly.newPlot needs for ``figure``: data and layout, as plain JSON values."""
    return json.loads(pio.to_json(figure, validate=False, engine="json"))


def layout(figure: go.Figure, height: int) -> go.Figure:
    figure.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10), template="plotly_white",
                         font=dict(family="system-ui, sans-serif", size=12))
    return figure


def claim_matrix(grid: pd.DataFrame, titles: dict[str, str], labels: dict[str, str]) -> go.Figure:
    """Claims (rows) x articles (columns): dark said alike, light reworded, grey not said."""
    paths = list(grid.columns)
    levels = [[_LEVEL[grid.at[claim, p]] for p in paths] for claim in grid.index]
    xs = keyed_labels([titles[p] for p in paths], paths, 30)
    ys = keyed_labels([f"{c} · {labels[c]}" for c in grid.index], list(grid.index), 60)
    text = [[_SAID[v] for v in row] for row in levels]
    figure = go.Figure(go.Heatmap(z=levels, x=xs, y=ys, text=text, colorscale=_CLAIM_COLOURS, zmin=0, zmax=2,
                                  showscale=False, xgap=1, ygap=1,
                                  hovertemplate="%{y}<br>%{x}<br>%{text}<extra></extra>"))
    figure.update_xaxes(side="top", tickangle=-30)
    figure.update_yaxes(autorange="reversed")
    return layout(figure, 160 + ROW_HEIGHT * len(ys))


def stacked_counts(frame: pd.DataFrame, x: str, group: str, value: str, x_title: str,
                   order: Sequence[str] | None = None) -> go.Figure:
    """Bars of ``value`` per ``x``, stacked by ``group`` (each group a trace, in order of size)."""
    sizes = frame.groupby(group)[value].sum().sort_values(ascending=False)
    figure = go.Figure()
    for name in sizes.index:
        part = frame[frame[group] == name]
        label = plot_label(name or "(none)", 30)
        figure.add_trace(go.Bar(x=[plot_label(v, 30) for v in part[x]], y=part[value].tolist(), name=label,
                                hovertemplate="%{x}<br>%{y}<extra>" + label + "</extra>"))
    figure.update_layout(barmode="stack", xaxis_title=x_title, legend=dict(orientation="h"))
    if order is not None:
        figure.update_xaxes(categoryorder="array", categoryarray=[plot_label(v, 30) for v in order])
    return layout(figure, 360)
