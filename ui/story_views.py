"""The Story page's parts: the claim x article matrix and its evidence, the figures that disagree, the copies."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.charts import column_label_angle
from analysis.corpus import Corpus
from analysis.corpus.tables import outlet_groups
from analysis.story import claims as story_claims
from analysis.story import copies as story_copies
from analysis.story import figures as story_figures
from analysis.story import in_play
from analysis import timeline
from ui import charts, compute, pickers, render, source, timeline_views

# Rows of the matrix: the claims most articles carry; the rest are in the download.
MATRIX_ROWS = 40
STATUS = {"shared": "said alike", "reworded": "reworded", "": "not said"}
_LEVEL = {"": 0, "reworded": 1, "shared": 2}
_COLOURS = [[0.0, "#f2f2f2"], [0.33, "#f2f2f2"], [0.34, "#9ecae1"], [0.66, "#9ecae1"], [0.67, "#2171b5"],
            [1.0, "#2171b5"]]
PAIRS_SHOWN = 200


def events_of(corpus: Corpus) -> pd.DataFrame:
    """The stories of the articles in play, as found over the whole corpus (the sidebar's ids)."""
    return compute.events_in_play(source.full_corpus(), corpus)


def claims_view(corpus: Corpus, events: pd.DataFrame) -> None:
    """The claim x article matrix, a claim's sentences side by side, and what each article alone reports or omits."""
    # Once per articles in play and their stories (found over the whole corpus, which may change).
    claims = compute.result(story_claims.find_claims, corpus, events=events[["article", "event"]],
                            what="Grouping sentences into claims")
    titles = {a.path: a.title for a in corpus.articles}
    paths = list(titles)
    summary = story_claims.claim_summary(claims)
    c1, c2, c3 = st.columns(3)
    c1.metric("Claims two or more articles carry", len(summary))
    c2.metric("Sentences said alike (same words)", int(summary["shared"].sum()) if len(summary) else 0)
    c3.metric("Sentences reworded", int(summary["reworded"].sum()) if len(summary) else 0)
    if claims.empty:
        st.info("No two articles in play state the same thing (or they belong to different stories).")
        _alone_and_missing(corpus, claims, events, titles)
        return
    groups = outlet_groups(corpus.articles)
    by_outlet = len(set(groups.values())) > 1 and st.toggle("Group columns by outlet", key="st_by_outlet")
    firsts, first_summary = timeline_views.first_order(claims, corpus)
    by_first = timeline_views.has_dates(corpus) and st.toggle("Sort claims by first appearance", key="st_by_first")
    grid = story_claims.claim_matrix(claims, paths)
    if by_first:
        grid = grid.loc[first_summary["claim"].tolist()]
    grid = grid.head(MATRIX_ROWS)
    if by_outlet:
        levels = grid.apply(lambda col: col.map(_LEVEL)).T.groupby(groups).max().T
        columns, column_labels = levels.columns.tolist(), levels.columns.tolist()
    else:
        levels = grid.apply(lambda col: col.map(_LEVEL))
        columns, column_labels = paths, [titles[p] for p in paths]
    labels = summary.set_index("claim")["label"]
    rows = grid.index.tolist()
    text = [[STATUS[{0: "", 1: "reworded", 2: "shared"}[v]] for v in row] for row in levels.values]
    figure = charts.heatmap(levels.values, column_labels, [f"{c} · {labels[c]}" for c in rows], columns, rows,
                            colorscale=_COLOURS, zmin=0, zmax=2, text=text, text_on_cells=False,
                            hover="%{y}<br>%{x}<br>%{text}<extra></extra>")
    figure.update_traces(showscale=False, selector=dict(type="heatmap"))
    figure.update_xaxes(side="top", tickangle=column_label_angle(len(columns)))
    charts.show(figure, key="st_matrix")
    which = "that appeared first" if by_first else "most articles carry"
    st.caption(f"Dark: said alike; light: reworded; grey: not said. Rows: the {len(rows)} claims {which} "
               "(all of them in the download). Click a cell or pick a claim to read its sentences.")
    cell = charts.clicked("st_matrix")
    if cell:
        st.session_state["st_claim"] = cell[1]
    ordered = (first_summary if by_first else summary)["claim"].tolist()
    names = {c: f"{c} · {labels[c]} ({n} articles)" for c, n in zip(summary["claim"], summary["articles"])}
    claim = pickers.choice("Claim", "st_claim", "claim", ordered, names, default=ordered[0], noun="claims")
    _claim_sentences(claims[claims["claim"] == claim], titles)
    timeline_views.claim_timing(firsts, first_summary, claim, labels, corpus)
    render.download(claims, "claims.csv", key="st_claims_csv", label="Download every claim (CSV)")
    render.download(grid.reset_index(names="claim"), "claim_matrix.csv", key="st_matrix_csv",
                    label="Download the matrix (CSV)")
    _alone_and_missing(corpus, claims, events, titles)


def _claim_sentences(rows: pd.DataFrame, titles: dict[str, str]) -> None:
    shown = rows.assign(title=rows["article"].map(titles), said=rows["status"].map(STATUS),
                        spans=[[(int(a), int(b))] for a, b in zip(rows["part_start"], rows["part_end"])],
                        similarity=rows["similarity"].round(2))
    render.show_evidence(shown, caption_columns=("title", "said", "similarity", "sentence_index"))


def _alone_and_missing(corpus: Corpus, claims: pd.DataFrame, events: pd.DataFrame, titles: dict[str, str]) -> None:
    st.subheader("What one article reports, and what it leaves out")
    paths = list(titles)
    path = pickers.article("Article", "st_article", "article_st", paths, titles, default=paths[0])
    alone = story_claims.only_in(corpus, claims, path)
    # What it leaves out is judged against the other articles of its own story.
    fellows = in_play.fellows(events, path)
    missing = story_claims.missing_from(claims, path, fellows)
    c1, c2 = st.columns(2)
    with c1:
        st.write(f"**Only this article reports** ({len(alone)} sentences)")
        render.table(alone, "only_this_article.csv", key="st_alone")
    with c2:
        st.write(f"**Most other articles of its story report, this one does not** ({len(missing)} claims, "
                 f"{len(fellows) - 1} other articles)")
        render.table(missing, "left_out.csv", key="st_missing")


def figures_view(corpus: Corpus, events: pd.DataFrame) -> None:
    """Facts x articles, disagreements first; a fact opens the sentences giving each figure."""
    table = compute.result(story_figures.figures_by_event, corpus, events=events[["article", "event"]],
                           what="Reading figures")
    if table.empty:
        st.info("No figures (durations, counts, money, percentages, dates) in the articles in play.")
        return
    titles = {a.path: a.title for a in corpus.articles}
    facts = story_figures.fact_summary(table)
    stories = in_play.story_of(events)
    st.metric("Facts on which the articles disagree", f"{int(facts['disagree'].sum())} of {len(facts)}")
    told = {stories.get(p) for p in titles}
    if len(told) > 1:
        st.caption(f"The articles in play tell {len(told)} stories: a figure of one story and a figure of "
                   "another may measure different occasions (two calls, two nights). Choose one story in the "
                   "sidebar to line up only its figures.")
    paths = [c for c in facts.columns if c in titles]
    labels = render.keyed_labels([f"{titles[p]} ({stories.get(p, '')})" for p in paths], paths, 60, for_plot=False)
    grid = facts.rename(columns=dict(zip(paths, labels)))
    grid["disagree"] = grid["disagree"].map({True: "yes", False: ""})
    st.dataframe(grid.drop(columns=["articles"]), hide_index=True, width="stretch")
    names = {row.fact: f"{row.fact} · {row.fact_label}" + (" (disagree)" if row.disagree else "")
             for row in facts.itertuples()}
    fact = pickers.choice("Fact", "st_fact", "fact", facts["fact"].tolist(), names, default=facts["fact"].iloc[0],
                          noun="facts")
    rows = table[table["fact"] == fact]
    shown = rows.assign(title=rows["article"].map(titles), story=rows["event"],
                        spans=[[(int(a), int(b))] for a, b in zip(rows["start"], rows["end"])])
    render.show_evidence(shown, caption_columns=("title", "story", "figure", "value", "sentence_index"))
    render.download(table, "figures.csv", key="st_figures_csv",
                    label="Download every figure (CSV)")


def copies_view(corpus: Corpus) -> None:
    """Pairs of articles sharing passages word for word, most shared words first; a pair opens both texts."""
    pairs = compute.result(story_copies.find_copies, corpus, what="Looking for copied passages")
    if pairs.empty:
        st.info("No two articles in play share a passage word for word.")
        return
    titles = {a.path: a.title for a in corpus.articles}
    for path in set(pairs["article_a"]) | set(pairs["article_b"]):
        titles.setdefault(path, path)  # identical files the loader set aside
    st.metric("Pairs of articles sharing a passage", len(pairs))
    pairs = timeline.copy_lag(pairs, corpus)
    shown = pairs.head(PAIRS_SHOWN).assign(title_a=lambda f: f["article_a"].map(titles),
                                          title_b=lambda f: f["article_b"].map(titles))
    render.table(shown[["article_a", "title_a", "article_b", "title_b", "later", "words", "passages", "share_a",
                        "share_b", "published_a", "published_b"]].round(3), "copies.csv", key="st_copies")
    st.caption("later: how long after the first article (a) the copy (b) came out; words: words matched, summed "
               "over the pair's passages; share: of each article's words.")
    if not timeline_views.has_dates(corpus):
        timeline_views.no_dates("which article came first, and how much later the copy came, is unknown")
    keys = [str(n) for n in range(len(pairs))]  # row numbers: paths may hold any character
    names = {k: f"{titles[a]} ↔ {titles[b]}" for k, a, b in zip(keys, pairs["article_a"], pairs["article_b"])}
    chosen = pickers.choice("Pair", "st_pair", "pair", keys, names, default=keys[0], noun="pairs")
    a_path, b_path, later = pairs.iloc[int(chosen)][["article_a", "article_b", "later"]]
    if later != "undated":
        st.write(f"The copy on the right came out **{render.md(later)}** than the article on the left.")
    _side_by_side(corpus, a_path, b_path, titles)


def _side_by_side(corpus: Corpus, a_path: str, b_path: str, titles: dict[str, str]) -> None:
    known = {a.path: a for a in corpus.articles}
    if a_path not in known or b_path not in known:
        st.caption("One of the two is a file with the same text as the other: the loader set it aside.")
        return
    a, b = known[a_path], known[b_path]
    passages = story_copies.shared_passages(a, b)
    c1, c2 = st.columns(2)
    for column, article, spans in ((c1, a, [(p.a_start, p.a_end) for p in passages]),
                                   (c2, b, [(p.b_start, p.b_end) for p in passages])):
        with column:
            st.write(f"**{render.md(titles[article.path])}**")
            render.show_html(render.highlighted(article.text, spans).replace("\n\n", "<br><br>"))
