"""Actors: how each article treats each person or organisation, with the sentences as evidence."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import actors
from ui import charts, lexicon_editor, pickers, render, sidebar
from ui.compute import corpus_key, prepare, runner

# Past this many articles the chart shows groups (outlets) instead of articles.
CHART_MAX_ARTICLES = 40
CHART_MAX_ACTORS = 25
ALL = "All articles"

st.title("Actors")
st.info("Sentiment here is a lexicon heuristic (VADER on each sentence that names the actor), not a "
        "reading of the author's intent: news about wars scores negative whoever is praised. "
        "On the BASIL benchmark it agrees only weakly with human judges (see the README). "
        "Read the sentences before you quote a number.", icon=":material/info:")
corpus = sidebar.corpus_in_play()
sidebar.require_articles(corpus)


@st.cache_data(max_entries=16, ttl=3600, show_spinner="Finding people and organisations…")
def _discovered(key: str, _corpus) -> actors.Lexicon:
    del key
    return actors.discover_actors(_corpus, runner=runner())


def _discover() -> actors.Lexicon:
    prepare(actors.article_name_candidates, corpus, actors.ActorSettings(), "Finding names")
    return _discovered(corpus_key(corpus), corpus)


lexicon = lexicon_editor.edit(
    "actors", ("actor", "aliases"), corpus.actors_toml, _discover, "names found in the articles",
    "Edit names or aliases (comma-separated), add or delete rows; a multi-word name also matches its "
    "surname alone. Download the table to reuse it as actors.toml.", f"ac_editor_{corpus_key(corpus)}")

prepare(actors.sentence_sentiment, corpus, actors.SentimentSettings(), "Scoring sentences")


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _sentiment(key: str, lexicon: actors.Lexicon, _corpus) -> pd.DataFrame:
    del key
    return actors.actor_sentiment(_corpus, lexicon, runner=runner())


table = _sentiment(corpus_key(corpus), lexicon, corpus)
if table.empty:
    st.info("None of these actors is named in the articles in play.")
    st.stop()
titles = {a.path: a.title for a in corpus.articles}
groups = {a.path: a.group or a.path for a in corpus.articles}
leading = table.groupby("actor")["mentions"].sum().sort_values(ascending=False).head(CHART_MAX_ACTORS).index

grouped = len(corpus.articles) > CHART_MAX_ARTICLES
shown = table[table["actor"].isin(leading)].copy()
if grouped:
    shown["column"] = shown["article"].map(groups)
    shown["weighted"] = shown["sentiment"] * shown["mentions"]
    shown = shown.groupby(["column", "actor"], as_index=False)[["weighted", "mentions"]].sum()
    shown["sentiment"] = shown["weighted"] / shown["mentions"]
    column_labels = {c: c for c in shown["column"]}
    st.caption(f"{len(corpus.articles)} articles: columns are outlets/groups (mention-weighted means).")
else:
    shown["column"] = shown["article"]
    column_labels = titles
columns_in_order = [c for c in dict.fromkeys([*column_labels, *shown["column"]]) if c in set(shown["column"])]
x_labels = dict(zip(columns_in_order, render.short_labels([column_labels[c] for c in columns_in_order], 30)))
y_labels = dict(zip(leading, render.short_labels(list(leading), 30)))
figure = go.Figure(go.Scatter(
    x=shown["column"].map(x_labels), y=shown["actor"].map(y_labels), mode="markers+text",
    text=shown["mentions"], textposition="middle center", customdata=shown[["column", "actor"]].values,
    marker=dict(size=14 + 26 * (shown["mentions"] / shown["mentions"].max()) ** 0.5, color=shown["sentiment"],
                colorscale="RdBu", cmin=-1, cmax=1, colorbar=dict(title="sentiment"), line=dict(width=0)),
    hovertemplate="%{y} in %{x}<br>sentiment %{marker.color:.2f}<br>%{text} sentence(s)<extra></extra>"))
figure.update_layout(height=140 + 32 * len(leading), margin=dict(l=10, r=10, t=10, b=10))
figure.update_xaxes(categoryorder="array", categoryarray=[x_labels[c] for c in columns_in_order],
                    tickangle=-30)
figure.update_yaxes(categoryorder="array", categoryarray=[y_labels[a] for a in leading], autorange="reversed")
charts.show(figure, key="ac_chart")
st.caption("Colour: mean VADER score of the sentences naming the actor (red negative, blue positive); "
           "number: how many sentences. Click a bubble to read them.")

names = [name for name, _ in lexicon if name in set(table["actor"])]
cell = charts.clicked("ac_chart")
if cell and not grouped:
    st.session_state["ac_article"], st.session_state["ac_actor"] = cell[0], cell[1]
elif cell:
    st.session_state["ac_actor"] = cell[1]
c1, c2 = st.columns(2)
# Discovery on thousands of articles finds hundreds of names: past a few hundred, search first.
actor = pickers.choice("Actor", "ac_actor", "actor", names, container=c1, noun="actors")
path = pickers.article("Article", "ac_article", "article_ac", list(titles), titles, default=ALL, extra=[ALL],
                       container=c2)

evidence = actors.actor_mentions(corpus, lexicon, actor, None if path == ALL else path, runner=runner())
evidence.insert(1, "title", evidence["article"].map(titles))
evidence["score"] = evidence["score"].round(3)
st.write(f"{len(evidence)} sentence(s) naming {render.md(actor)}")
render.show_evidence(evidence, caption_columns=("title", "sentence_index", "score"))
render.download(evidence.drop(columns=["spans"]), "actor_sentences.csv", key="ac_evidence_csv")

st.subheader("Per article and actor")
render.table(table.assign(title=table["article"].map(titles)).round(3), "actor_sentiment.csv", key="ac_table")
