"""Keywords: what each article stresses, and what sets it apart from the others."""

import pandas as pd
import streamlit as st

from analysis.corpus.tables import outlet_groups
from analysis.keywords import DEFAULT_TOP, KeywordSettings, keyword_in_context, keyword_matrix, keyword_table
from ui import charts, compute, params, pickers, render, sidebar

MODES = {"article": "What each article stresses", "distinctive": "What sets it apart"}
VIEWS = ["Per article", "Keywords × articles", "Keyword in context"]
# A keywords x articles grid wider than this is unreadable: columns become groups.
MATRIX_MAX_ARTICLES = 40
MATRIX_ROWS = 60

st.title("Keywords")
corpus = sidebar.corpus_in_play()
sidebar.require_articles(corpus)

defaults = KeywordSettings()
with st.expander("Settings (YAKE)", expanded=False):
    c1, c2, c3 = st.columns(3)
    params.bind("kw_top", "top", None, DEFAULT_TOP)
    top = c1.slider("Keywords per article", 3, 30, key="kw_top")
    params.bind("kw_ngram", "ngram", None, defaults.ngram_size)
    ngram = c2.slider("Longest phrase (words)", 1, 4, key="kw_ngram")
    params.bind("kw_dedup", "dedup", None, defaults.dedup_lim)
    dedup = c3.slider("Deduplication threshold", 0.5, 0.95, step=0.05, key="kw_dedup",
                      help="YAKE drops a candidate this similar to a better one; lower drops more.")
    for key, param, default in (("kw_top", "top", DEFAULT_TOP), ("kw_ngram", "ngram", defaults.ngram_size),
                                ("kw_dedup", "dedup", defaults.dedup_lim)):
        params.publish(key, param, default)
settings = KeywordSettings(ngram_size=ngram, dedup_lim=round(dedup, 2))

params.bind("kw_mode", "mode", list(MODES), "article")
mode = st.segmented_control("Mode", list(MODES), format_func=MODES.get, key="kw_mode") or "article"
params.publish("kw_mode", "mode", "article")
if mode == "distinctive" and len(corpus.articles) < 2:
    st.info("Distinctive keywords contrast an article with the others: choose at least two articles.")


def whole_table() -> pd.DataFrame:
    """Every article's keywords, computing (with progress) those not cached yet."""
    return compute.result(keyword_table, corpus, settings, mode, top=top, what="Finding keywords")


titles = {a.path: a.title for a in corpus.articles}

params.bind("kw_view", "view", VIEWS, VIEWS[0])
view = st.radio("View", VIEWS, horizontal=True, key="kw_view", label_visibility="collapsed")
params.publish("kw_view", "view", VIEWS[0])

if view == "Per article":
    paths = list(titles)
    path = pickers.article("Article", "kw_article", "article_kw", paths, titles, default=paths[0])
    # One article's rows: in distinctive mode still ranked against the whole corpus.
    rows = compute.result(keyword_table, corpus, settings, mode, top=top, articles=(path,),
                          what="Finding the article's keywords")
    if rows.empty:
        st.info("No keywords found in this article (it may be very short).")
        st.stop()
    hover = [f"{k}: score {s:.2f}, in {n} sentence(s)" for k, s, n in
             zip(rows["keyword"], rows["score"], rows["sentences"])]
    charts.show(charts.bar(rows["keyword"].tolist(), rows["score"].tolist(), rows["keyword"].tolist(), hover,
                           "score (1 = the article's strongest)"), key="kw_bar")
    words = rows["keyword"].tolist()
    picked = charts.clicked("kw_bar")
    if picked in words:
        st.session_state["kw_evidence"] = picked
    params.bind("kw_evidence", "kw", words, words[0])
    keyword = st.selectbox("Sentences holding (or click a bar)", words, key="kw_evidence")
    params.publish("kw_evidence", "kw")
    article = corpus.article(path)
    evidence = keyword_in_context(corpus.subset([path]), keyword)
    render.show_evidence(evidence, caption_columns=("sentence_index",))
    render.table(rows, "keywords_article.csv", key="kw_rows")
    st.caption(f"{article.words} words, {len(article.sentences)} sentences.")

elif view == "Keywords × articles":
    table = whole_table()
    if table.empty:
        st.info("No keywords found.")
        st.stop()
    if len(titles) <= MATRIX_MAX_ARTICLES:
        matrix = keyword_matrix(table).head(MATRIX_ROWS)
        columns, column_labels = matrix.columns.tolist(), [titles[p] for p in matrix.columns]
        hover = "%{y}<br>%{x}<br>score %{z:.2f}<extra></extra>"
    else:
        # Thousands of articles: one column per outlet/group, cells count the
        # articles of the group whose keywords include the keyword.
        groups = outlet_groups(corpus.articles)
        grouped = table.assign(group=table["article"].map(groups))
        matrix = grouped.groupby(["keyword", "group"]).size().unstack(fill_value=0)
        matrix = matrix.loc[matrix.sum(axis=1).sort_values(ascending=False).index].head(MATRIX_ROWS)
        columns, column_labels = matrix.columns.tolist(), matrix.columns.tolist()
        hover = "%{y}<br>%{x}<br>in %{z} article(s)<extra></extra>"
        st.caption(f"{len(titles)} articles: columns are outlets/groups; a cell counts the group's articles "
                   f"listing the keyword. The {MATRIX_ROWS} most shared keywords are shown.")
    figure = charts.heatmap(matrix.values, column_labels, matrix.index.tolist(), columns, matrix.index.tolist(),
                            hover=hover)
    charts.show(figure, key="kw_matrix")
    cell = charts.clicked("kw_matrix")
    if cell:
        column, keyword = cell[0], cell[1]
        chosen = [column] if column in titles else [p for p, g in groups.items() if g == column]
        st.write(f"Sentences holding {render.md(repr(keyword))}:")
        render.show_evidence(keyword_in_context(corpus.subset(chosen), keyword).assign(
            title=lambda f: f["article"].map(titles)), caption_columns=("title", "sentence_index"))
    render.table(table.assign(title=table["article"].map(titles)), "keywords.csv", key="kw_matrix_table")

else:
    options = sorted(set(whole_table()["keyword"]), key=str.lower)
    if not options:
        st.info("No keywords found.")
        st.stop()
    keyword = pickers.choice("Keyword", "kw_kic", "kw", options, noun="keywords")
    evidence = keyword_in_context(corpus, keyword)
    evidence.insert(1, "title", evidence["article"].map(titles))
    st.write(f"{len(evidence)} sentence(s) in {evidence['article'].nunique()} article(s)")
    render.show_evidence(evidence, caption_columns=("title", "sentence_index"))
    render.download(evidence.drop(columns=["spans"]), "keyword_in_context.csv", key="kw_kic_csv")
