"""The sidebar every page shares: which corpus, and which of its articles are in play."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import streamlit as st

from analysis.corpus import Corpus, CorpusNotFound
from analysis.story.events import event_summary
from ui import compute, params, source
from ui import render as show

IN_PLAY_KEY = "_corpus_in_play"
FULL_KEY = "_corpus_full"
# Above this many articles a list of every title is no help: filter by group and search.
PICK_LIST_MAX = 300
ALL_STORIES = "All stories"


def render() -> Corpus:
    """Draw the sidebar and return the corpus restricted to the chosen articles."""
    source.apply_pending_switch()
    with st.sidebar:
        if source.upload_dir() is not None:
            st.toggle("Use my uploaded articles", key=source.USE_UPLOADS_KEY,
                      help="Off: back to the corpus this app was started with.")
        try:
            corpus = source.full_corpus()
        except CorpusNotFound as exc:
            st.error(f"The corpus folder could not be opened: {exc}. "
                     "Start the app with --corpus DIR or STORYLENS_CORPUS=DIR.")
            st.stop()
        where = "your uploads" if source.using_uploads() else show.md(source.operator_corpus_dir().name)
        st.caption(f"Corpus: {where} · {len(corpus.articles)} articles loaded, {len(corpus.skipped)} skipped")
        chosen = _choose(corpus)
    st.session_state[IN_PLAY_KEY] = chosen
    st.session_state[FULL_KEY] = corpus
    return chosen


def _choose(corpus: Corpus) -> Corpus:
    story = st.empty()  # the Story picker's place: above the others, whichever is drawn first
    if _story_chosen():
        articles = _pick(corpus, _event_filter(corpus, story))
    else:
        # No story chosen (every first visit): the pickers below list every article whatever the stories are, so
        # they are drawn before the stories are grouped, which the first page often waits for (the warm start's
        # last step). The browser loads the pickers' code during that wait rather than after it.
        articles = _pick(corpus, corpus.articles)
        _event_filter(corpus, story)
    return replace(corpus, articles=tuple(articles))


def _story_chosen() -> bool:
    """Whether the Story picker holds a story: this session's choice, else the link's."""
    value = st.session_state["sb_event"] if "sb_event" in st.session_state else st.query_params.get("event")
    return value not in (None, ALL_STORIES)


def _pick(corpus: Corpus, articles: tuple) -> tuple:
    """The outlet and article pickers over ``articles``: the ones they leave in play."""
    sizes = Counter(a.group for a in articles if a.group)
    groups = sorted(sizes)
    # One article per outlet (the samples: a file prefix each): the Articles list below is the same filter. Past
    # PICK_LIST_MAX there is no such list, only a title search: the outlets then stay.
    if len(groups) > 1 and (max(sizes.values()) > 1 or len(corpus.articles) > PICK_LIST_MAX):
        params.bind("sb_groups", "group", groups, [], many=True)
        picked = st.multiselect("Outlets / groups", groups, key="sb_groups", placeholder="All")
        params.publish("sb_groups", "group")
        if picked:
            articles = tuple(a for a in articles if a.group in picked)
    if len(corpus.articles) > PICK_LIST_MAX:
        params.bind("sb_search", "q", None, "")
        query = st.text_input("Titles containing", key="sb_search").strip().lower()
        params.publish("sb_search", "q", "")
        if query:
            articles = tuple(a for a in articles if query in a.title.lower() or query in a.path.lower())
        st.caption(f"{len(articles)} articles in play")
    else:
        paths = [a.path for a in articles]
        titles = {a.path: a.title for a in articles}
        params.bind("sb_articles", "article", paths, [], many=True)
        picked = st.multiselect("Articles", paths, key="sb_articles", placeholder="All articles",
                                format_func=lambda p: titles.get(p, p))
        params.publish("sb_articles", "article")
        if picked:
            articles = tuple(a for a in articles if a.path in picked)
    return articles


def _event_filter(corpus: Corpus, slot) -> tuple:
    """The articles of the story chosen in the Story picker, drawn in ``slot`` (all of them when none is chosen)."""
    if len(corpus.articles) < 2:
        return corpus.articles
    events = compute.events(corpus)
    stories = event_summary(events)
    stories = stories[stories["size"] >= 2]
    # No stories to choose between: none of two articles or more, or one that holds every article (the
    # picker's choices would all show the same articles).
    if stories.empty or (len(stories) == 1 and int(stories["size"].iloc[0]) == len(corpus.articles)):
        return corpus.articles
    labels = {row.event: f"{row.event} · {row.event_title} ({row.size} articles)" for row in stories.itertuples()}
    options = [ALL_STORIES, *labels]
    params.bind("sb_event", "event", options, ALL_STORIES)
    chosen = slot.selectbox("Story", options, key="sb_event", format_func=lambda e: labels.get(e, e),
                            help="Articles grouped into stories by what they report (see the Overview).")
    params.publish("sb_event", "event", ALL_STORIES)
    if chosen == ALL_STORIES:
        return corpus.articles
    members = set(events.loc[events["event"] == chosen, "article"])
    return tuple(a for a in corpus.articles if a.path in members)


def corpus_in_play() -> Corpus:
    """The articles the sidebar chose, for the page being drawn."""
    return st.session_state[IN_PLAY_KEY]


def full_corpus() -> Corpus:
    """Every article of the corpus in play, as the sidebar read it for the page being drawn (no folder re-read)."""
    return st.session_state[FULL_KEY]


def require_articles(corpus: Corpus, minimum: int = 1) -> None:
    """Stop the page with a friendly message when too few articles are in play."""
    if len(corpus.articles) < minimum:
        noun = "article" if minimum == 1 else "articles"
        st.info(f"This page needs at least {minimum} {noun}. Choose more in the sidebar, "
                "or add your own on the Overview page.")
        st.stop()
