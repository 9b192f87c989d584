"""Overview: the corpus at a glance, what was skipped and why, how alike the articles are."""

import pandas as pd
import streamlit as st

from analysis.article_similarity import similar_pairs_and_matrix
from analysis.corpus.tables import article_table, removal_table, without_empty
from analysis.corpus.pages import web_url
from analysis.story.events import event_summary
from ui import charts, compute, render, sidebar, source, timeline_views

# A similarity map past this many articles is a grey blur; the top pairs are listed instead.
MAP_MAX_ARTICLES = 30
PAIRS_SHOWN = 50
COUNTS_KEY = "ov_counts"

st.title("StoryLens")
st.write("How do these outlets tell the same story differently? Start here, then pick an analysis "
         "in the sidebar: keywords, actors, topics, or two articles side by side.")

corpus = sidebar.corpus_in_play()
full_skipped = corpus.skipped

# Run only when opened (a lazy expander): the uploader and the links box are the first screen's heaviest
# widgets for the browser, and most visits never use them.
with st.expander("Bring your own articles", expanded=not corpus.articles, key="ov_bring",
                 on_change="rerun") as bring:
    if bring.open:
        from ui import links, upload  # the fetcher and the unpackers: only for a visitor who opens this

        upload.panel()
        links.box()

sidebar.require_articles(corpus)

# One line of text, not three st.metric: the metric's browser code (with a number formatter and a chart
# loader) cost the first screen more than its looks give (bench/app_bench.py).
with st.container(key=COUNTS_KEY):
    st.markdown(f"**{len(corpus.articles):,}** articles in play · **{len(full_skipped):,}** files skipped · "
                f"**{sum(a.words for a in corpus.articles):,}** words")

overview = article_table(corpus).assign(url=lambda f: f["url"].map(web_url))[
    ["title", "outlet", "published", "author", "url", "words", "sentences", "language", "article"]]
# What no article has (text files: no author, no link) is left out, not shown as blank columns.
overview = without_empty(overview, ["outlet", "published", "author", "url"])
st.subheader("Articles")
# Only http(s) addresses reach the link column (web_url): a page's "javascript:" canonical shows blank.
render.text_table(overview, "articles.csv", key="ov_articles", links=("url",))
timeline_views.overview_timeline(corpus)

if full_skipped or corpus.warnings:
    st.subheader(f"{len(corpus.articles)} loaded, {len(full_skipped)} skipped")
    if full_skipped:
        skipped = pd.DataFrame([{"file": s.path, "reason": s.reason} for s in full_skipped])
        render.text_table(skipped, "skipped.csv", key="ov_skipped")
    for warning in corpus.warnings:
        st.warning(render.md(warning), icon=":material/warning:")

removed = removal_table(corpus)
if not removed.empty:
    # Run only when opened (a lazy expander), like the panels below: its count in sight, its tables and their
    # downloads not drawn for a first screen most visits read past.
    with st.expander(f"Taken out of the articles: {len(removed)} pieces", key="ov_removed_all",
                     on_change="rerun") as taken:
        if taken.open:
            st.caption("Crawl furniture (page navigation, photo credits and captions, prompts, bylines, datelines, "
                       "lines a site repeats on every page). Nothing here is analysed; every sentence the analyses "
                       "see is in `storylens sentences`.")
            render.text_table(removed.groupby("reason").size().rename("pieces").reset_index(),
                              "removed_reasons.csv", key="ov_removed_reasons")
            render.table(removed.assign(title=removed["article"].map({a.path: a.title for a in corpus.articles})),
                         "removed.csv", key="ov_removed")


if len(corpus.articles) >= 2:
    stories = event_summary(compute.events_in_play(source.full_corpus(), corpus))
    grouped = stories[stories["size"] >= 2]
    st.subheader(f"Stories: {len(grouped)} told by two or more articles, {int((stories['size'] == 1).sum())} alone")
    st.caption("Articles grouped by what they report (shared names and rare words; titles when known; with "
               "dates, how far apart and shared facts). Choose one under Story in the sidebar to restrict every "
               "page to it.")
    render.text_table(stories.assign(articles=stories["articles"].map(lambda a: ", ".join(a))), "stories.csv",
                      key="ov_stories")
    st.page_link("views/story.py", label="Read the claims, figures and copies of the articles in play",
                 icon=":material/auto_stories:")


def _similarity_section(corpus) -> None:
    """The most similar pairs, and the similarity map when it is readable."""
    matrix, pairs = compute.result(similar_pairs_and_matrix, corpus, PAIRS_SHOWN, what="Comparing articles")
    titles = {a.path: a.title for a in corpus.articles}
    if len(corpus.articles) <= MAP_MAX_ARTICLES:
        paths = matrix.index.tolist()
        labels = [titles[p] for p in paths]
        figure = charts.heatmap(matrix.values, labels, labels, paths, paths, zmin=0, zmax=1,
                                hover="%{y}<br>vs %{x}<br>similarity %{z:.2f}<extra></extra>")
        figure.update_xaxes(showticklabels=len(labels) <= 12)
        charts.show(figure, key="ov_similarity")
        cell = charts.clicked("ov_similarity")
        if cell and cell[0] != cell[1]:
            st.page_link("views/compare.py", label="Compare the clicked pair side by side",
                         icon=":material/compare_arrows:", query_params={"a": cell[1], "b": cell[0]})
    pairs = pairs.assign(a_title=pairs["a"].map(titles), b_title=pairs["b"].map(titles))
    pairs = pairs[["a", "a_title", "b", "b_title", "similarity"]].round(3)
    st.caption("Most similar pairs (vocabulary overlap, TF-IDF cosine: the word similarity stories are grouped "
               "by): open one in Compare to see what they say alike and apart.")
    render.table(pairs, "similar_pairs.csv", key="ov_pairs")
    best = pairs.iloc[0]
    st.page_link("views/compare.py", label="Compare the most similar pair", icon=":material/compare_arrows:",
                 query_params={"a": best["a"], "b": best["b"]})


# Run only when opened (a lazy expander): the map makes the browser load 4.7 MB of Plotly and the pairs
# need every article's vocabulary, more work than the rest of the first screen together
# (bench/app_bench.py measures the first screen against a one-line Streamlit app).
if len(corpus.articles) >= 2:
    with st.expander("How similar the articles are", key="ov_similar", on_change="rerun") as similar:
        if similar.open:
            _similarity_section(corpus)
