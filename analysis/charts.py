"""Plotly figures the pages and the report both draw, and the data shaping behind them (no Streamlit).

Labels from articles go through :mod:`analysis.labels`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.corpus.tables import NO_OUTLET
from analysis.labels import plot_label

# Outlets drawn as their own colour in a timeline; the rest are one "other outlets" bar. Nine, so that
# with the one more that folding may keep (fold_minor_groups) every group gets a colour of its own.
OUTLETS_SHOWN = 9
OTHERS = "other outlets"
# Paul Tol's colour-blind-safe qualitative set (plotly's ``Safe`` without its grey): ten colours that stay
# apart, where the theme's default sequence repeats itself after ten and gave two outlets one red.
GROUP_COLOURS = ("#88CCEE", "#CC6677", "#DDCC77", "#117733", "#332288", "#AA4499", "#44AA99", "#999933",
                 "#882255", "#661100")
# The catch-all groups are grey, so they never read as one more outlet.
CATCH_ALL_COLOURS = {OTHERS: "#888888", NO_OUTLET: "#BBBBBB"}


def fold_minor_groups(table: pd.DataFrame, most: int = OUTLETS_SHOWN, others: str = OTHERS) -> tuple[pd.DataFrame, set]:
    """A timeline table with all but its ``most`` largest groups counted as ``others``; and the groups kept.

    Folding a single group would only rename it, so up to ``most`` + 1 groups stay as they are.
    """
    leading = table.groupby("group")["articles"].sum().sort_values(ascending=False, kind="stable")
    shown = set(leading.index[:most]) if len(leading) > most + 1 else set(leading.index)
    return table.assign(group=table["group"].where(table["group"].isin(shown), others)), shown


def period_bars(grid, y_title: str) -> go.Figure:
    """Periods x groups (:func:`analysis.timeline.timeline_grid`) as stacked bars, one colour a group.

    A click on a bar gives [period, group] through ``ui.charts.clicked``. Periods
    stay categories: Plotly would read "2025-06-04" as a date and "2025-W23"
    as text, and "undated" must stand at the end.
    """
    periods = [str(p) for p in grid.index]
    figure = go.Figure()
    colours = group_colours(list(grid.columns))
    for group in grid.columns:
        values = grid[group].tolist()
        figure.add_trace(go.Bar(x=periods, y=values, name=plot_label(group, 30), marker_color=colours[group],
                                customdata=[[p, group] for p in periods],
                                hovertemplate="%{x}<br>%{y}<extra>" + plot_label(group, 30) + "</extra>"))
    figure.update_layout(barmode="stack", height=360, margin=dict(l=10, r=10, t=10, b=10), yaxis_title=y_title,
                         legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=periods)
    whole_counts(figure, grid.sum(axis=1).max() if len(grid) else 0)
    return figure


# Column labels (article titles, outlets) slant when there are few and stand upright when there are more:
# slanted, sixty titles overlap into an unreadable band.
SLANTED_COLUMNS_MAX = 12


def column_label_angle(columns: int) -> int:
    """The tick angle for a chart's ``columns`` labels along the top or bottom."""
    return -30 if columns <= SLANTED_COLUMNS_MAX else -90


def group_colours(groups: list) -> dict:
    """A colour per group: the catch-all groups grey, the others :data:`GROUP_COLOURS` in turn."""
    named = [g for g in groups if g not in CATCH_ALL_COLOURS]
    colours = {g: GROUP_COLOURS[i % len(GROUP_COLOURS)] for i, g in enumerate(named)}
    return colours | {g: CATCH_ALL_COLOURS[g] for g in groups if g in CATCH_ALL_COLOURS}


def whole_counts(figure: go.Figure, highest: float) -> None:
    """Ticks at whole numbers when a chart counts a handful (no tick at 1.5 articles)."""
    if highest <= 10:
        figure.update_yaxes(tick0=0, dtick=1, rangemode="tozero")
