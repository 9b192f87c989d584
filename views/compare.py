"""Compare: two articles aligned sentence by sentence: said alike, reworded, said by only one."""

import html

import streamlit as st

from analysis.article_similarity import most_alike, similarity_matrix
from analysis.compare import align, alignment_summary, word_changes
from analysis.story.claims import STORY_MAX_ARTICLES
from analysis.story.figures import pair_figures_apart
from ui import compute, params, pickers, render, sidebar

STATUS = {
    "shared": ("Said alike", "#e8f1fb"),
    "reworded": ("Reworded", "#fff4d6"),
    "only_a": ("Only in A", "#fde8e8"),
    "only_b": ("Only in B", "#e6f6ea"),
}

st.title("Compare two articles")
corpus = sidebar.corpus_in_play()
sidebar.require_articles(corpus, minimum=2)

titles = {a.path: a.title for a in corpus.articles}
paths = list(titles)


# The page opens on the two most alike articles in play, and B follows A; past a story's worth of articles, on
# the first two (the similarity of every pair grows with the square of their number).
similarity = (compute.result(similarity_matrix, corpus, what="Finding the most alike articles")
              if len(paths) <= STORY_MAX_ARTICLES else None)
c1, c2 = st.columns(2)
opening = most_alike(similarity) if similarity is not None else None
path_a = pickers.article("Article A", "cmp_a", "a", paths, titles, opens_on=opening[0] if opening else None,
                         container=c1)
others = [p for p in paths if p != path_a]
alike = most_alike(similarity, path_a) if similarity is not None else None
path_b = pickers.article("Article B", "cmp_b", "b", others, titles, opens_on=alike[1] if alike else None,
                         container=c2)
a, b = corpus.article(path_a), corpus.article(path_b)


alignment = compute.result(align, a, b, what="Aligning sentences")
summary = alignment_summary(alignment)
m1, m2, m3, m4 = st.columns(4)
m1.metric("Of A, also in B", f"{summary['a_in_b']:.0%}")
m2.metric("Of B, also in A", f"{summary['b_in_a']:.0%}")
m3.metric("Said alike / reworded", f"{summary['shared']} / {summary['reworded']}")
m4.metric("Only in A / only in B", f"{summary['only_a']} / {summary['only_b']}")

params.bind("cmp_show", "show", list(STATUS), list(STATUS), many=True)
shown = st.multiselect("Show", list(STATUS), key="cmp_show", format_func=lambda s: STATUS[s][0])
params.publish("cmp_show", "show", list(STATUS))


def _side(text: str, changes, side: int) -> str:
    """One side of a reworded pair, its changed words marked."""
    if changes is None:
        return html.escape(text)
    style = render.DELETE_STYLE if side == 0 else render.INSERT_STYLE
    out = []
    for op, a_text, b_text in changes:
        piece = a_text if side == 0 else b_text
        if op == "equal":
            out.append(html.escape(piece))
        elif piece:
            out.append(f'<span style="{style}">{html.escape(piece)}</span>')
    return "".join(out)


rows_html = []
for row in alignment[alignment["status"].isin(shown)].itertuples(index=False):
    label, colour = STATUS[row.status]
    changes = word_changes(row.a_sentence, row.b_sentence) if row.status == "reworded" else None
    a_cell = _side(row.a_sentence or "", changes, 0)
    b_cell = _side(row.b_sentence or "", changes, 1)
    score = "" if row.status.startswith("only") else f" · {row.similarity:.2f}"
    rows_html.append(
        f'<tr style="background:{colour}"><td style="width:46%;vertical-align:top;padding:6px">{a_cell}</td>'
        f'<td style="width:8%;vertical-align:top;padding:6px;font-size:.8em;color:#555">{label}{score}</td>'
        f'<td style="width:46%;vertical-align:top;padding:6px">{b_cell}</td></tr>'
    )
head = (f'<tr><th style="text-align:left">A: {html.escape(a.title)}</th><th></th>'
        f'<th style="text-align:left">B: {html.escape(b.title)}</th></tr>')
render.show_html(f'<table style="width:100%;border-collapse:collapse">{head}{"".join(rows_html)}</table>')
st.caption("Reworded pairs: words only in A are struck through in red, words only in B are green. "
           "The number is the pair's similarity (0 to 1). A sentence that says what the other article "
           "splits over two sentences has a row for each of them.")
render.download(alignment, "alignment.csv", key="cmp_alignment_csv")

st.subheader("Figures one article gives and the other does not")


figures = compute.result(pair_figures_apart, a, b, what="Lining up figures")
f1, f2 = st.columns(2)
for column, article, name in ((f1, a, "A"), (f2, b, "B")):
    mine = figures[figures["article"] == article.path]
    with column:
        st.write(f"Only in {name} ({len(mine)})")
        if mine.empty:
            st.caption("None.")
        else:
            spans = [[(int(start), int(end))] for start, end in zip(mine["start"], mine["end"])]
            render.show_evidence(mine.assign(spans=spans), caption_columns=("figure", "fact_label"))
st.caption("Figures compare by what they measure and what they mean: an \"hour-long call\" and \"over an hour "
           "of talks\" agree, so neither shows; \"500 prisoners\" and \"1,000 detainees\" are one fact told two "
           "ways, so both do.")
render.download(figures, "unique_figures.csv", key="cmp_figures_csv")
