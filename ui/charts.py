"""Plotly figures shared by the pages, and reading which mark the visitor clicked.

Every label that comes from an article goes through ``render.plot_label``;
the real value (a path, a keyword) rides along in ``customdata`` so a click
can open the evidence without parsing a display label.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from analysis.charts import period_bars, whole_counts  # noqa: F401  (period_bars: drawn by the report too)
from ui.render import keyed_labels, plot_label

ROW_HEIGHT = 28


def bar(labels: Sequence[str], values: Sequence[float], keys: Sequence[str], hover: Sequence[str],
        x_title: str) -> go.Figure:
    """Horizontal bars, best on top; ``keys`` come back from :func:`clicked`."""
    figure = go.Figure(
        go.Bar(x=list(values), y=keyed_labels(labels, keys), orientation="h", customdata=list(keys),
               hovertext=[plot_label(h, 200) for h in hover], hovertemplate="%{hovertext}<extra></extra>",
               marker_color="#2f6fab")
    )
    figure.update_yaxes(type="category", autorange="reversed")  # labels that look like numbers stay labels
    figure.update_layout(height=80 + ROW_HEIGHT * len(labels), margin=dict(l=10, r=10, t=10, b=40),
                         xaxis_title=x_title)
    return figure


def heatmap(z, x_labels: Sequence[str], y_labels: Sequence[str], x_keys: Sequence[str], y_keys: Sequence[str],
            hover: str, colorscale: str | list = "Blues", zmin: float | None = 0, zmax: float | None = None,
            text=None, text_on_cells: bool = True) -> go.Figure:
    """A grid of cells; a click on a cell gives [x key, y key, ...] through :func:`clicked`.

    Plotly cannot select heatmap cells, so an invisible marker sits on each
    cell to take the click (and the hover, whose template may use %{x},
    %{y}, %{z} and %{text}). ``text`` is written on the cells unless
    ``text_on_cells`` is False (then it is for the hover alone).
    """
    xs, ys = keyed_labels(x_labels, x_keys), keyed_labels(y_labels, y_keys)
    cells = [(xs[i], ys[j], [xk, yk, float(z[j][i]), "" if text is None else str(text[j][i])])
             for j, yk in enumerate(y_keys) for i, xk in enumerate(x_keys)]
    keys = [[[xk, yk] for xk in x_keys] for yk in y_keys]  # what each cell stands for
    figure = go.Figure(
        go.Heatmap(z=z, x=xs, y=ys, customdata=keys, colorscale=colorscale, zmin=zmin, zmax=zmax, text=text,
                   texttemplate="%{text}" if text is not None and text_on_cells else None, hoverinfo="skip",
                   xgap=1, ygap=1)
    )
    overlay_hover = hover.replace("%{z", "%{customdata[2]").replace("%{text}", "%{customdata[3]}")
    figure.add_trace(go.Scatter(
        x=[c[0] for c in cells], y=[c[1] for c in cells], customdata=[c[2] for c in cells], mode="markers",
        marker=dict(symbol="square", size=22, opacity=0), hovertemplate=overlay_hover, showlegend=False))
    # Categories always: Plotly reads labels that look like numbers ("000", "2024") as a number axis
    figure.update_xaxes(type="category")
    figure.update_yaxes(type="category", autorange="reversed")
    figure.update_layout(height=120 + ROW_HEIGHT * len(y_labels), margin=dict(l=10, r=10, t=10, b=10))
    return figure


def show(figure: go.Figure, key: str) -> None:
    """Draw a figure that reports clicks (read them with :func:`clicked`)."""
    st.plotly_chart(figure, key=key, on_select="rerun", selection_mode="points")


def clicked(key: str) -> Any:
    """The customdata of the mark just clicked in chart ``key``, once; else None.

    A chart keeps its selection across reruns; remembering the last one seen
    lets a later change of a picker win over an old click.
    """
    state = st.session_state.get(key)
    points = (state or {}).get("selection", {}).get("points", []) if state else []
    if not points:
        return None
    data = points[0].get("customdata")
    seen_key = f"_{key}_seen"
    if data is None or st.session_state.get(seen_key) == data:
        return None
    st.session_state[seen_key] = data
    return data


def period_lines(grid, y_title: str) -> go.Figure:
    """Periods x groups as one line a group (attention over time); periods stay categories."""
    periods = [str(p) for p in grid.index]
    figure = go.Figure()
    for group in grid.columns:
        figure.add_trace(go.Scatter(x=periods, y=grid[group].tolist(), mode="lines+markers", name=plot_label(group, 30),
                                    hovertemplate="%{x}<br>%{y}<extra>" + plot_label(group, 30) + "</extra>"))
    figure.update_layout(height=340, margin=dict(l=10, r=10, t=10, b=10), yaxis_title=y_title,
                         legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=periods)
    whole_counts(figure, grid.max().max() if len(grid) else 0)
    return figure
