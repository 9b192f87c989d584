"""The actor figures the Actors page and the report both draw (Plotly, no Streamlit).

Labels from articles go through :mod:`analysis.labels`; each mark carries
(column, actor) in ``customdata`` so the page can open the sentences of a click.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.actors.evidence import UNKNOWN
from analysis.actors.sentiment import net_treatment
from analysis.charts import column_label_angle
from analysis.labels import keyed_labels, plot_label, short_labels

# Past this many articles the treatment chart shows groups (outlets) instead of articles.
CHART_MAX_ARTICLES = 40
CHART_MAX_ACTORS = 25
# Speakers drawn in the voices chart; the rest are summed as "others".
VOICES_SHOWN = 8
ROW_HEIGHT = 26


def treatment(table: pd.DataFrame, titles: dict[str, str], groups: dict[str, str]) -> go.Figure:
    """Articles (or outlets past CHART_MAX_ARTICLES) x actors: size the sentences naming them, colour the treatment.

    ``table`` is :func:`analysis.actors.treatment`'s; ``titles`` names the
    articles in play (their order is the columns'), ``groups`` their outlets.
    """
    leading = table.groupby("actor")["mentions"].sum().sort_values(ascending=False).head(CHART_MAX_ACTORS).index
    shown = table[table["actor"].isin(leading)].copy()
    if len(titles) > CHART_MAX_ARTICLES:
        shown["column"] = shown["article"].map(groups)
        shown = shown.groupby(["column", "actor"], as_index=False)[
            ["mentions", "positive", "negative", "counted", "quoted"]].sum()
        shown["sentiment"] = net_treatment(shown["positive"], shown["negative"], shown["counted"])
        names = {c: c for c in shown["column"]}
    else:
        shown["column"] = shown["article"]
        names = titles
    order = [c for c in dict.fromkeys([*names, *shown["column"]]) if c in set(shown["column"])]
    x_labels = dict(zip(order, keyed_labels([names[c] for c in order], order, 30)))
    y_labels = dict(zip(leading, short_labels(list(leading), 30)))
    hover = [f"{p} for, {n} against, quoted {q}×" for p, n, q in
             zip(shown["positive"], shown["negative"], shown["quoted"])]
    figure = go.Figure(go.Scatter(
        x=shown["column"].map(x_labels), y=shown["actor"].map(y_labels), mode="markers+text",
        text=shown["mentions"], textposition="middle center", customdata=shown[["column", "actor"]].values,
        hovertext=hover,
        marker=dict(size=14 + 26 * (shown["mentions"] / shown["mentions"].max()) ** 0.5, color=shown["sentiment"],
                    colorscale="RdBu", cmin=-1, cmax=1, colorbar=dict(title="treatment"), line=dict(width=0)),
        hovertemplate="%{y} in %{x}<br>%{hovertext}<br>treatment %{marker.color:.2f}<br>"
                      "%{text} sentence(s)<extra></extra>"))
    # Categories always: Plotly reads labels that look like numbers ("000", "2024") as a number axis, and then
    # drops every column or row that does not.
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=[x_labels[c] for c in order],
                        tickangle=column_label_angle(len(order)))
    figure.update_yaxes(type="category", categoryorder="array", categoryarray=[y_labels[a] for a in leading],
                        autorange="reversed")
    figure.update_layout(height=140 + 32 * len(leading), margin=dict(l=10, r=10, t=10, b=10))
    return figure


def voices(table: pd.DataFrame, titles: dict[str, str], groups: dict[str, str] | None = None) -> go.Figure:
    """Per article, the words it quotes, stacked by speaker (the leading speakers by name).

    Past CHART_MAX_ARTICLES articles, with ``groups`` (their outlets), one bar
    per outlet, as the treatment chart: a bar per article of thousands was a
    page-long figure the browser took seconds to draw.
    """
    top = table.groupby("speaker")["words"].sum().sort_values(ascending=False)
    named = [s for s in top.index if s != UNKNOWN][:VOICES_SHOWN]
    chart = table.assign(who=[s if s in named else ("unknown speaker" if s == UNKNOWN else "others")
                              for s in table["speaker"]])
    if groups is not None and len(titles) > CHART_MAX_ARTICLES:
        chart = chart.assign(article=chart["article"].map(groups))
        titles = {group: group for group in chart["article"]}
    chart = chart.groupby(["article", "who"], as_index=False)["words"].sum()
    paths = list(dict.fromkeys(chart["article"]))
    bars = dict(zip(paths, keyed_labels([titles.get(p, p) for p in paths], paths, 40)))
    figure = go.Figure()
    for who in [*named, "others", "unknown speaker"]:
        part = chart[chart["who"] == who]
        if not part.empty:
            figure.add_trace(go.Bar(y=part["article"].map(bars).tolist(), x=part["words"].tolist(),
                                    name=plot_label(who, 30), orientation="h",
                                    hovertemplate="%{y}<br>%{x} quoted words<extra>" + plot_label(who, 30)
                                                  + "</extra>"))
    figure.update_layout(barmode="stack", height=120 + ROW_HEIGHT * len(paths), margin=dict(l=10, r=10, t=10, b=30),
                         xaxis_title="words quoted")
    figure.update_yaxes(type="category")  # an article titled "2024" is a bar like any other
    return figure
