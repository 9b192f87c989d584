"""The Actors page's parts: the treatment chart, the evidence, the naming table, the voices quoted."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import actors
from analysis.actors import charts as actor_charts
from analysis.actors.charts import CHART_MAX_ARTICLES
from analysis.corpus import Corpus
from analysis.corpus.tables import outlet_groups
from ui import charts, compute, pickers, render

CHART_KEY = "ac_chart"
VOICE = {actors.AUTHOR: "author's voice", actors.QUOTED: "in a quotation", actors.SPEAKER: "the actor speaking"}


def treatment_chart(table: pd.DataFrame, corpus: Corpus, method: str) -> None:
    """Articles (or outlets) x actors: bubble size the sentences naming them, colour the treatment."""
    titles = {a.path: a.title for a in corpus.articles}
    groups = outlet_groups(corpus.articles)
    if len(corpus.articles) > CHART_MAX_ARTICLES:
        st.caption(f"{len(corpus.articles)} articles: columns are outlets/groups.")
    figure = actor_charts.treatment(table, titles, groups)
    charts.show(figure, key=CHART_KEY)
    how = ("the model's reading of each sentence toward the actor" if method != "vader"
           else "VADER's tone of each whole sentence")
    colour = (f"Colour: the article's treatment of the actor, read from the whole article (per outlet: sentences "
              f"for minus against, {how})" if method == "article" else
              f"Colour: sentences for minus against the actor ({how}), per sentence about them in the article's "
              "voice or in words it quotes others saying; what the actor says is not counted")
    st.caption(f"{colour}. Number: sentences naming the actor. Click a bubble to read them.")


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
    names = compute.result(actors.names_table, layer, what="Gathering the forms of each name")  # once per layer
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


def quotes_section(layer: actors.ActorLayer, corpus: Corpus, titles: dict[str, str]) -> None:
    """Per article (per outlet past a few dozen), whose words it quotes and how many: the voices each gives room to."""
    voices = actors.voices_table(layer)
    if voices.empty:
        st.caption("No direct quotations in the articles in play.")
        return
    figure = actor_charts.voices(voices, titles, outlet_groups(corpus.articles))
    if len(corpus.articles) > CHART_MAX_ARTICLES:
        st.caption(f"{len(corpus.articles)} articles: bars are outlets/groups; the table has each article.")
    st.plotly_chart(figure, key="ac_voices_chart")
    render.long_table(voices.assign(title=voices["article"].map(titles)).round(3), "voices.csv", key="ac_voices",
                      search=("speaker", "title"))
    quotes = actors.quote_table(layer)
    with st.expander(f"All {len(quotes)} quotations", expanded=False):
        render.long_table(quotes.assign(title=quotes["article"].map(titles)), "quotes.csv", key="ac_quotes",
                          search=("speaker", "quote", "title"), noun="quotations")
