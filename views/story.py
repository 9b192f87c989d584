"""Story: across all the articles at once, which claims each carries or leaves out, whose figures disagree, what was copied."""

import streamlit as st

from analysis.story import events as story_events
from analysis.story.claims import STORY_MAX_ARTICLES
from ui import params, render, sidebar, story_views
from ui.report_download import report_download

VIEWS = {"claims": "Claims", "figures": "Figures", "copies": "Copies"}

st.title("Story")
st.write("What the articles in play report, all at once: the claims each carries, rewords or leaves out, the "
         "figures on which they disagree, and the passages one copied from another.")
corpus = sidebar.corpus_in_play()
sidebar.require_articles(corpus, minimum=2)

params.bind("st_view", "view", list(VIEWS), "claims")
view = st.segmented_control("View", list(VIEWS), format_func=VIEWS.get, key="st_view") or "claims"
params.publish("st_view", "view", "claims")

if view == "copies":
    # Copies are between any two articles, whatever their story: the whole selection is searched.
    story_views.copies_view(corpus)
    st.stop()

events = story_views.events_of(corpus)
if len(corpus.articles) > STORY_MAX_ARTICLES:
    stories = story_events.event_summary(events)
    stories = stories[stories["size"] >= 2]
    st.info(f"{len(corpus.articles)} articles are in play, in {len(stories)} stories of two or more articles. "
            "Choose one story under **Story** in the sidebar to read its claims and figures.",
            icon=":material/info:")
    render.table(stories.assign(articles=stories["articles"].map(len)), "stories.csv", key="st_stories")
    st.stop()

report_download(corpus, events)
if view == "claims":
    story_views.claims_view(corpus, events)
else:
    story_views.figures_view(corpus, events)
