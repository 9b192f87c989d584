"""Topics: which topics each article covers and which it skips, sentence by sentence."""

import streamlit as st

from analysis import topics
from analysis.corpus.tables import outlet_groups
from ui import charts, compute, lexicon_editor, params, pickers, render, sidebar
from ui.compute import corpus_key

# Past this many articles the heatmap rows are outlets/groups, not articles.
HEATMAP_MAX_ARTICLES = 40

st.title("Topics")
corpus = sidebar.corpus_in_play()
sidebar.require_articles(corpus)


def _suggest() -> topics.Lexicon:
    return compute.result(topics.suggest_topics, corpus, what="Suggesting themes")


lexicon, _ = lexicon_editor.edit(
    "topics", ("topic", "terms"), corpus.topics_toml, _suggest, "themes suggested from the articles' words",
    "Terms are comma-separated, case-insensitive whole words; `sanction*` matches any ending; plain terms "
    "also match plurals and possessives. Download to reuse as topics.toml.", f"tp_editor_{corpus_key(corpus)}")


coverage = compute.result(topics.coverage_matrix, corpus, lexicon, what="Matching topics")
titles = {a.path: a.title for a in corpus.articles}
topic_names = [name for name, _ in lexicon]

grouped = len(corpus.articles) > HEATMAP_MAX_ARTICLES
if grouped:
    groups = outlet_groups(corpus.articles)
    rows_of = coverage.assign(row=coverage["article"].map(groups))
    summed = rows_of.groupby(["row", "topic"], as_index=False)[["sentences", "total_sentences"]].sum()
    summed["share"] = summed["sentences"] / summed["total_sentences"].where(summed["total_sentences"] > 0, 1)
    st.caption(f"{len(corpus.articles)} articles: rows are outlets/groups (share of all their sentences).")
    row_keys, row_labels, source = sorted(set(summed["row"])), None, summed
else:
    row_keys, source = list(titles), coverage.rename(columns={"article": "row"})
    row_labels = [titles[p] for p in row_keys]
share = source.pivot(index="row", columns="topic", values="share").reindex(index=row_keys, columns=topic_names)
counts = source.pivot(index="row", columns="topic", values="sentences").reindex(index=row_keys,
                                                                                columns=topic_names)
figure = charts.heatmap(
    share.values, topic_names, row_labels or row_keys, topic_names, row_keys, zmin=0, zmax=None,
    text=counts.values, hover="%{y}<br>%{x}<br>%{text} sentence(s), %{z:.0%} of the article<extra></extra>")
charts.show(figure, key="tp_heatmap")
st.caption("Colour: share of the article's sentences on the topic; number: how many sentences. "
           "Blank cells are topics the article skips. Click a cell to read its sentences.")

cell = charts.clicked("tp_heatmap")
if cell and not grouped:
    st.session_state["tp_topic"], st.session_state["tp_article"] = cell[0], cell[1]
c1, c2 = st.columns(2)
params.bind("tp_topic", "topic", topic_names, topic_names[0])
topic = c1.selectbox("Topic", topic_names, key="tp_topic")
params.publish("tp_topic", "topic")
paths = list(titles)
path = pickers.article("Article", "tp_article", "article_tp", paths, titles, default=paths[0], container=c2)
evidence = topics.topic_sentences(corpus, lexicon, topic, path)
if evidence.empty:
    st.write("This article does not cover it.")
else:
    st.write(f"{len(evidence)} sentence(s) on {render.md(repr(topic))}")
    render.show_evidence(evidence, caption_columns=("sentence_index",))

st.subheader("Topics only one article covers")
single = topics.single_article_topics(coverage)
if single.empty:
    st.caption("Every covered topic appears in at least two articles.")
else:
    render.table(single.assign(title=single["article"].map(titles)), "single_article_topics.csv", key="tp_single")

st.subheader("Coverage table")
render.table(coverage.assign(title=coverage["article"].map(titles)).round(3), "topic_coverage.csv",
             key="tp_coverage")
