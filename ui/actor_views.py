"""The Actors page's parts: the treatment chart, the evidence, the naming table, the voices quoted."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import actors
from analysis.corpus import Corpus
from ui import charts, pickers, render

# Past this many articles the chart shows groups (outlets) instead of articles.
CHART_MAX_ARTICLES = 40
CHART_MAX_ACTORS = 25
CHART_KEY = "ac_chart"
VOICE = {actors.AUTHOR: "author's voice", actors.QUOTED: "in a quotation", actors.SPEAKER: "the actor speaking"}
# Speakers drawn in the voices chart; the rest are summed as "others".
VOICES_SHOWN = 8


def treatment_chart(table: pd.DataFrame, corpus: Corpus, method: str) -> None:
    """Articles (or outlets) x actors: bubble size the sentences naming them, colour the treatment."""
    titles = {a.path: a.title for a in corpus.articles}
    groups = {a.path: a.group or a.path for a in corpus.articles}
    leading = table.groupby("actor")["mentions"].sum().sort_values(ascending=False).head(CHART_MAX_ACTORS).index
    shown = table[table["actor"].isin(leading)].copy()
    grouped = len(corpus.articles) > CHART_MAX_ARTICLES
    if grouped:
        shown["column"] = shown["article"].map(groups)
        shown = shown.groupby(["column", "actor"], as_index=False)[
            ["mentions", "positive", "negative", "counted", "quoted"]].sum()
        shown["sentiment"] = actors.net_treatment(shown["positive"], shown["negative"], shown["counted"])
        labels = {c: c for c in shown["column"]}
        st.caption(f"{len(corpus.articles)} articles: columns are outlets/groups.")
    else:
        shown["column"] = shown["article"]
        labels = titles
    present = set(shown["column"])
    order = [c for c in dict.fromkeys([*labels, *shown["column"]]) if c in present]
    x_labels = dict(zip(order, render.keyed_labels([labels[c] for c in order], order, 30)))
    y_labels = dict(zip(leading, render.short_labels(list(leading), 30)))
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
    figure.update_layout(height=140 + 32 * len(leading), margin=dict(l=10, r=10, t=10, b=10))
    figure.update_xaxes(categoryorder="array", categoryarray=[x_labels[c] for c in order], tickangle=-30)
    figure.update_yaxes(categoryorder="array", categoryarray=[y_labels[a] for a in leading], autorange="reversed")
    charts.show(figure, key=CHART_KEY)
    how = ("the model's reading of each sentence toward the actor" if method == "target"
           else "VADER's tone of each whole sentence")
    st.caption(f"Colour: sentences for minus against the actor ({how}), per sentence about them in the article's "
               "voice or in words it quotes others saying; what the actor says is not counted. Number: sentences "
               "naming the actor. Click a bubble to read them.")


def follow_click(grouped: bool) -> None:
    """Point the actor and article pickers at the bubble just clicked (before they are drawn)."""
    cell = charts.clicked(CHART_KEY)
    if cell and not grouped:
        st.session_state["ac_article"], st.session_state["ac_actor"] = cell[0], cell[1]
    elif cell:
        st.session_state["ac_actor"] = cell[1]


def show_evidence(evidence: pd.DataFrame, titles: dict[str, str]) -> None:
    """Each sentence with the mention marked, its score, its verdict and whose voice it is."""
    shown = evidence.assign(title=evidence["article"].map(titles), score=evidence["score"].round(2),
                            voice=[VOICE.get(v, v) + (f" ({s})" if s and v == actors.QUOTED else "")
                                   for v, s in zip(evidence["voice"], evidence["quote_speaker"])])
    render.show_evidence(shown, caption_columns=("title", "sentence_index", "voice", "verdict", "score"))
    render.download(evidence.drop(columns=["spans"]), "actor_sentences.csv", key="ac_evidence_csv")


def naming_section(layer: actors.ActorLayer, corpus: Corpus, actor: str, titles: dict[str, str]) -> None:
    """The forms each article uses for the actor (titles, appositions, aliases), each opening its sentences."""
    names = actors.names_table(layer)
    grid = actors.naming_grid(names, actor)
    if grid.empty:
        st.caption("No forms to show.")
        return
    st.caption(f"Rows: the words naming {render.md(actor)}, with the titles and descriptions next to the name; "
               "columns: articles; cells: how many times.")
    # Two articles may share a title (wire copy): labels must stay unique.
    labels = dict(zip(grid.columns, render.keyed_labels([titles.get(p, p) for p in grid.columns], list(grid.columns),
                                                         60, for_plot=False)))
    st.dataframe(grid.rename(columns=labels), width="stretch")
    forms = grid.index.tolist()
    form = pickers.choice("Sentences using the form", "ac_form", "form", forms, default=forms[0], noun="forms")
    mentions = layer.mentions
    used = mentions[(mentions["actor"] == actor) & (mentions["form"] == form)]
    by_path = {a.path: a for a in corpus.articles}
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for row in used.itertuples():
        spans.setdefault((row.article, row.sentence_index), []).append((int(row.form_start), int(row.form_end)))
    rows = [{"title": titles.get(article, article), "sentence_index": index,
             "sentence": by_path[article].sentences[index].text, "spans": marked}
            for (article, index), marked in sorted(spans.items())]
    render.show_evidence(pd.DataFrame(rows), caption_columns=("title", "sentence_index"))
    everyone = names.assign(title=names["article"].map(titles),
                            sentences=names["sentences"].map(lambda s: " ".join(map(str, s))))
    render.download(everyone, "actor_names.csv", key="ac_names_csv", label="Download every form (CSV)")


def quotes_section(layer: actors.ActorLayer, titles: dict[str, str]) -> None:
    """Per article, whose words it quotes and how many: the voices each outlet gives room to."""
    voices = actors.voices_table(layer)
    if voices.empty:
        st.caption("No direct quotations in the articles in play.")
        return
    top = voices.groupby("speaker")["words"].sum().sort_values(ascending=False)
    named = [s for s in top.index if s != actors.UNKNOWN][:VOICES_SHOWN]
    chart = voices.assign(who=[s if s in named else ("unknown speaker" if s == actors.UNKNOWN else "others")
                               for s in voices["speaker"]])
    chart = chart.groupby(["article", "who"], as_index=False)["words"].sum()
    paths = list(dict.fromkeys(chart["article"]))
    bars = dict(zip(paths, render.keyed_labels([titles.get(p, p) for p in paths], paths, 40)))
    figure = go.Figure()
    for who in [*named, "others", "unknown speaker"]:
        part = chart[chart["who"] == who]
        if part.empty:
            continue
        figure.add_trace(go.Bar(y=part["article"].map(bars).tolist(), x=part["words"],
                                name=render.plot_label(who, 30), orientation="h",
                                hovertemplate="%{y}<br>%{x} quoted words<extra>" + render.plot_label(who, 30)
                                              + "</extra>"))
    figure.update_layout(barmode="stack", height=120 + 26 * chart["article"].nunique(),
                         margin=dict(l=10, r=10, t=10, b=30), xaxis_title="words quoted")
    st.plotly_chart(figure, key="ac_voices_chart")
    render.table(voices.assign(title=voices["article"].map(titles)).round(3), "voices.csv", key="ac_voices")
    quotes = actors.quote_table(layer)
    with st.expander(f"All {len(quotes)} quotations", expanded=False):
        render.table(quotes.assign(title=quotes["article"].map(titles)), "quotes.csv", key="ac_quotes")
