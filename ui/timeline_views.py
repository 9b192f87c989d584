"""Time in the pages: articles per period on the Overview, attention over time on Actors, who was first on Story."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from analysis import timeline
from analysis.charts import OTHERS, fold_minor_groups
from analysis.corpus import Corpus
from analysis.corpus.dates import published_order
from ui import charts, params, pickers, render

if TYPE_CHECKING:  # the Overview's timeline must not bring in the actors (yake, the name finder)
    from analysis.actors import ActorLayer

ATTENTION_DEFAULT_ACTORS = 5
EVERY_NAMES = {"day": "Day", "week": "Week (ISO)", "month": "Month"}
OVERVIEW_CHART = "ov_timeline"
_PICKED = "_ov_timeline_picked"


def has_dates(corpus: Corpus) -> bool:
    return any(a.published for a in corpus.articles)


def no_dates(what: str) -> None:
    """Say that no article in play is dated, so ``what`` cannot be shown, and how to give dates."""
    # A caption, not an alert box: undated text files are the usual case, not a fault (and the box's browser code
    # cost the first screen, bench/app_bench.py).
    st.caption(f":material/event_busy: No article in play has a publication date, so {what}. Add a `published` "
               "column to `metadata.csv` beside the articles (a day like 2025-06-04, or a time with its offset), or "
               "analyse saved web pages (.html), which carry their own dates.")


def every_control(corpus: Corpus, key: str, param: str, container=st) -> str:
    """Day, week or month: chosen from the span of the dates, changeable, kept in the URL."""
    chosen = timeline.choose_every(corpus)
    params.bind(key, param, list(timeline.EVERY), chosen)
    every = container.segmented_control("Period", list(timeline.EVERY), format_func=EVERY_NAMES.get, key=key)
    params.publish(key, param, chosen)
    return every or chosen


def _undated_note(corpus: Corpus) -> str:
    undated = sum(not a.published for a in corpus.articles)
    return f" {undated} article(s) without a date are counted apart, as *undated*." if undated else ""


def overview_timeline(corpus: Corpus) -> None:
    """Articles per period and outlet, stacked; a click on a bar lists its articles."""
    st.subheader("When each outlet published")
    if not has_dates(corpus):
        no_dates("there is no timeline")
        return
    every = every_control(corpus, "ov_every", "every")
    table = timeline.timeline(corpus, "outlet", every)
    table, shown = fold_minor_groups(table)
    grid = timeline.timeline_grid(table, every)
    charts.show(charts.period_bars(grid, "articles"), key=OVERVIEW_CHART)
    st.caption(f"Articles per {every} ({'ISO weeks of ' if every == 'week' else ''}the day each outlet dated them)"
               " and outlet."
               f"{_undated_note(corpus)} Click a bar to list its articles.")
    clicked = charts.clicked(OVERVIEW_CHART)
    if clicked:
        st.session_state[_PICKED] = (every, *clicked)
    picked = st.session_state.get(_PICKED)
    if not picked or picked[0] != every:
        return
    _, period, outlet = picked
    articles = timeline.article_periods(corpus, every)
    chosen = articles["period"] == period
    chosen &= ~articles["outlet"].isin(shown) if outlet == OTHERS else articles["outlet"] == outlet
    rows = articles[chosen]
    if rows.empty:  # a bar of articles no longer in play (the sidebar changed since the click)
        return
    st.write(f"**{len(rows)} article(s) from {render.md(outlet)} in {render.md(period)}**")
    in_order = rows.sort_values("published", key=lambda s: s.map(published_order), kind="stable")  # instants' order
    render.table(in_order[["published", "outlet", "title", "article"]], "period_articles.csv", key="ov_period_articles")


def actor_attention(layer: ActorLayer, corpus: Corpus, names: list[str]) -> None:
    """Articles naming each chosen actor per period, as lines."""
    st.subheader("Attention over time")
    if not has_dates(corpus):
        no_dates("attention over time cannot be drawn")
        return
    c1, c2 = st.columns([3, 1])
    # Most named first; past a few hundred the list is the most named (and whoever is already chosen).
    known = set(names)
    kept = [n for n in st.session_state.get("ac_attention", []) if n in known]
    names = list(dict.fromkeys([*names[:pickers.LIST_MAX], *kept]))
    params.bind("ac_attention", "attention", names, names[:ATTENTION_DEFAULT_ACTORS], many=True)
    chosen = c1.multiselect("Actors", names, key="ac_attention")
    params.publish("ac_attention", "attention")
    every = every_control(corpus, "ac_every", "every", container=c2)
    if not chosen:
        st.caption("Choose actors to follow.")
        return
    table = timeline.actor_attention(layer, corpus, every, chosen)
    grid = timeline.timeline_grid(table, every)
    dated = grid.drop(index=timeline.UNDATED, errors="ignore")
    if dated.empty:
        st.caption("None of these actors is named in a dated article.")
    else:
        st.plotly_chart(charts.period_lines(dated, "articles naming them"), key="ac_attention_chart")
    undated = table[table["period"] == timeline.UNDATED]
    note = (" Undated articles naming them, not on the chart: "
            + ", ".join(f"{render.md(g)} {n}" for g, n in zip(undated["group"], undated["articles"])) + "."
            if len(undated) else "")
    st.caption(f"Articles naming each actor per {every} (the day each outlet dated them).{note}")
    render.download(table, "actor_attention.csv", key="ac_attention_csv")


def first_order(claims: pd.DataFrame, corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The claims' first appearances (:func:`analysis.timeline.first_appearances`) and their summary."""
    firsts = timeline.first_appearances(claims, corpus)
    return firsts, timeline.first_appearance_summary(firsts)


def claim_timing(firsts: pd.DataFrame, summary: pd.DataFrame, claim: str, labels: pd.Series,
                 corpus: Corpus) -> None:
    """When the chosen claim first appeared, where, and who followed how much later; then every claim's."""
    st.write("**When it appeared**")
    if not has_dates(corpus):
        no_dates("the order in which the articles carried each claim is unknown")
        return
    titles = {a.path: a.title for a in corpus.articles}
    rows = firsts[firsts["claim"] == claim]
    shown = rows.assign(title=rows["article"].map(titles))[["order", "outlet", "published", "later", "title",
                                                            "article"]]
    st.dataframe(shown, hide_index=True, width="stretch")
    with st.expander(f"Every claim by first appearance ({len(summary)})", expanded=False):
        every_claim = summary.assign(label=summary["claim"].map(labels),
                                     first_title=summary["first_article"].map(titles))
        render.table(every_claim[["claim", "label", "first_published", "first_outlet", "first_title", "articles",
                                  "followers"]], "claim_first_appearances.csv", key="st_firsts")
