"""Actors: who each article names, how it names them, whom it quotes, and how it treats them."""

import streamlit as st

from analysis import actors
from analysis.actors.agreement import agreement_note
from ui import actor_views, compute, lexicon_editor, params, pickers, render, sidebar, timeline_views
from ui.compute import corpus_key, runner

# The discovered table offered for editing: past this many actors it is a list nobody reads.
EDITOR_ACTORS = 200
TYPES = {"all": "People and organisations", actors.PERSON: "People", actors.ORGANISATION: "Organisations"}
METHODS = {"article": "Article's treatment (model)", "target": "Sentences toward the actor",
           "vader": "Sentence tone (VADER)"}
ALL = "All articles"

st.title("Actors")
corpus = sidebar.corpus_in_play()
sidebar.require_articles(corpus)
if note := actors.language_note(corpus):
    st.caption(note)


def _layer(lexicon: actors.Lexicon | None) -> actors.ActorLayer:
    return compute.result(actors.actor_layer, corpus, lexicon, what="Finding people and organisations")


# Discovery runs only when it is what the page shows, or what the editor starts from.
lexicon, chosen = lexicon_editor.edit(
    "actors", ("actor", "aliases"), corpus.actors_toml,
    lambda: _layer(None).actors[:EDITOR_ACTORS],
    "names found in the articles",
    "Edit names or aliases (comma-separated), add or delete rows; a multi-word name also matches its surname "
    "alone. An edited table (or the corpus's actors.toml) replaces discovery. Download it to reuse as "
    "actors.toml.", f"ac_editor_{corpus_key(corpus)}")
layer = _layer(lexicon if chosen else None)

# One control a row: side by side, the three sentiment buttons ran past the page's edge on a laptop screen.
params.bind("ac_type", "type", list(TYPES), "all")
kind = st.segmented_control("Who", list(TYPES), format_func=TYPES.get, key="ac_type") or "all"
params.publish("ac_type", "type", "all")
params.bind("ac_method", "method", list(METHODS), "article")
method = st.segmented_control("Sentiment", list(METHODS), format_func=METHODS.get, key="ac_method") or "article"
params.publish("ac_method", "method", "article")
st.info(agreement_note(method), icon=":material/info:")
if kind != "all":
    layer = layer.of_type(kind)


table = compute.result(actors.treatment, layer, corpus, method, what="Counting sentences for and against")
if table.empty:
    st.info("None of these actors is named in the body of the articles in play.")
    st.stop()
titles = {a.path: a.title for a in corpus.articles}
actor_views.treatment_chart(table, corpus, method)

named = set(table["actor"])
names = [name for name, _ in layer.actors if name in named]
actor_views.follow_click(grouped=len(corpus.articles) > actor_views.CHART_MAX_ARTICLES)
c1, c2 = st.columns(2)
# Discovery on thousands of articles finds thousands of names: past a few hundred, search first.
actor = pickers.choice("Actor", "ac_actor", "actor", names, container=c1, noun="actors")
path = pickers.article("Article", "ac_article", "article_ac", list(titles), titles, default=ALL, extra=[ALL],
                       container=c2)
evidence = actors.actor_evidence(layer, corpus, actor, None if path == ALL else path, method, runner=runner())
st.write(f"{len(evidence)} sentence(s) naming {render.md(actor)}")
actor_views.show_evidence(evidence, titles)

st.subheader("How each article names them")
actor_views.naming_section(layer, corpus, actor, titles)

st.subheader("Who is quoted")
actor_views.quotes_section(layer, corpus, titles)

timeline_views.actor_attention(layer, corpus, names)

st.subheader("Per article and actor")
st.caption("The actors named in the most articles first.")
render.long_table(actors.widest_first(table).assign(title=lambda t: t["article"].map(titles)).round(3),
                  "actor_sentiment.csv", key="ac_table", search=("actor", "title"))
