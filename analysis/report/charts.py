"""The report's charts: Plotly figures, and their JSON made safe to sit inside the HTML file.

Every label from an article goes through :mod:`analysis.labels` (escaped for
Plotly, which reads <br>, <b> and <a> in labels). The figures travel as JSON
in one ``<script type="application/json">`` block that the report's own script
reads; ``<``, ``>`` and ``&`` are written as ``\\u003c`` etc., so a title
holding ``</script>`` cannot end that block early.
"""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from analysis.charts import column_label_angle
from analysis.labels import keyed_labels

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


def claim_matrix(grid: pd.DataFrame, titles: dict[str, str], labels: dict[str, str]) -> dict:
    """Claims (rows) x articles (columns): dark said alike, light reworded, grey not said.

    Written as Plotly's JSON directly: building a go.Figure validates every
    cell, a second for a large story's few hundred claims.
    """
    paths = list(grid.columns)
    levels = [[_LEVEL[value] for value in row] for row in grid[paths].itertuples(index=False)]
    xs = keyed_labels([titles[p] for p in paths], paths, 30)
    ys = keyed_labels([f"{c} · {labels[c]}" for c in grid.index], list(grid.index), 60)
    heatmap = {"type": "heatmap", "z": levels, "x": xs, "y": ys, "text": [[_SAID[v] for v in row] for row in levels],
               "colorscale": _CLAIM_COLOURS, "zmin": 0, "zmax": 2, "showscale": False, "xgap": 1, "ygap": 1,
               "hovertemplate": "%{y}<br>%{x}<br>%{text}<extra></extra>"}
    layout = {"height": 160 + ROW_HEIGHT * len(ys), "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
              "xaxis": {"type": "category", "side": "top", "tickangle": column_label_angle(len(xs)), "automargin": True},
              "yaxis": {"type": "category", "autorange": "reversed", "automargin": True}, "plot_bgcolor": "white"}
    return {"data": [heatmap], "layout": layout}
