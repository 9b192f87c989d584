"""Overview: the corpus at a glance, what was skipped and why, how alike the articles are."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.compare import similarity_matrix
from ui import render, sidebar, upload
from ui.compute import corpus_key

# A similarity map past this many articles is a grey blur; list top pairs instead.
MAP_MAX_ARTICLES = 30

st.title("StoryLens")
st.write("How do these outlets tell the same story differently? Start here, then pick an analysis "
         "in the sidebar: keywords, actors, topics, or two articles side by side.")

corpus = sidebar.corpus_in_play()
full_skipped = corpus.skipped

with st.expander("Bring your own articles", expanded=not corpus.articles):
    upload.panel()

sidebar.require_articles(corpus)

c1, c2, c3 = st.columns(3)
c1.metric("Articles in play", len(corpus.articles))
c2.metric("Files skipped", len(full_skipped))
c3.metric("Words", f"{sum(a.words for a in corpus.articles):,}")

overview = pd.DataFrame(
    [
        {"title": a.title, "outlet": a.outlet, "published": a.published, "words": a.words,
         "sentences": len(a.sentences), "language": a.language, "article": a.path}
        for a in corpus.articles
    ]
)
st.subheader("Articles")
render.table(overview, "articles.csv", key="ov_articles")

if full_skipped or corpus.warnings:
    st.subheader(f"{len(corpus.articles)} loaded, {len(full_skipped)} skipped")
    if full_skipped:
        skipped = pd.DataFrame([{"file": s.path, "reason": s.reason} for s in full_skipped])
        render.table(skipped, "skipped.csv", key="ov_skipped")
    for warning in corpus.warnings:
        st.warning(warning, icon=":material/warning:")


@st.cache_data(max_entries=16, ttl=3600, show_spinner="Comparing articles…")
def _similarity(key: str, _corpus) -> pd.DataFrame:
    del key  # names the articles; _corpus is not hashed
    return similarity_matrix(_corpus)


if len(corpus.articles) >= 2:
    st.subheader("How similar the articles are")
    matrix = _similarity(corpus_key(corpus), corpus)
    titles = {a.path: a.title for a in corpus.articles}
    if len(corpus.articles) <= MAP_MAX_ARTICLES:
        labels = render.short_labels([titles[p] for p in matrix.index])
        figure = go.Figure(
            go.Heatmap(z=matrix.values, x=labels, y=labels, zmin=0, zmax=1, colorscale="Blues",
                       hovertemplate="%{y}<br>vs %{x}<br>similarity %{z:.2f}<extra></extra>")
        )
        figure.update_layout(height=160 + 40 * len(labels), margin=dict(l=10, r=10, t=10, b=10))
        figure.update_xaxes(showticklabels=len(labels) <= 12)
        st.plotly_chart(figure, key="ov_similarity")
    upper_a, upper_b = np.triu_indices(len(matrix), k=1)
    pairs = pd.DataFrame({"a": matrix.index[upper_a], "b": matrix.columns[upper_b],
                          "similarity": matrix.values[upper_a, upper_b]})
    pairs = pairs.sort_values("similarity", ascending=False).head(50)
    pairs.insert(1, "a_title", pairs["a"].map(titles))
    pairs.insert(3, "b_title", pairs["b"].map(titles))
    st.caption("Most similar pairs: open one in Compare to see what they say alike and apart.")
    render.table(pairs.round(3), "similar_pairs.csv", key="ov_pairs")
    best = pairs.iloc[0]
    st.page_link("pages/compare.py", label="Compare the most similar pair", icon=":material/compare_arrows:",
                 query_params={"a": best["a"], "b": best["b"]})
