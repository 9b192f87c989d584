"""Choosing one article: a plain list for a few, a search for thousands."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from analysis.labels import keyed_labels
from ui import params

# A list longer than this is sent to the browser only as search results.
LIST_MAX = 300
SEARCH_RESULTS = 100


def article(label: str, key: str, param: str, paths: Sequence[str], titles: dict[str, str],
            default: str | None = None, extra: Sequence[str] = (), container=st, opens_on: str | None = None) -> str:
    """Pick one of ``paths`` (or one of ``extra``, like "All articles"); the value lives in the URL."""
    return choice(label, key, param, paths, titles, default, extra, container, noun="articles", opens_on=opens_on)


def choice(label: str, key: str, param: str, values: Sequence[str], names: dict[str, str] | None = None,
           default: str | None = None, extra: Sequence[str] = (), container=st, noun: str = "items",
           opens_on: str | None = None) -> str:
    """Pick one of ``values`` shown by ``names``; past LIST_MAX values, search first.

    ``default`` is the value a link leaves out; ``opens_on`` is chosen when nothing else is, and a
    link still names it (it depends on what is in play, which a link may not reproduce).
    """
    names = names or {}
    if len(set(names.get(v, v) for v in values)) < len(values):
        # Re-issues and wire copy share titles: number the later ones so each stays pickable.
        names = {**names, **dict(zip(values, keyed_labels([names.get(v, v) for v in values], values,
                                                          limit=10**6, for_plot=False)))}
    options = [*extra, *values]
    fallback = default if default in options else opens_on if opens_on in options else options[0]
    if len(values) > LIST_MAX:
        query = container.text_input(f"{label}: search", key=f"{key}_q",
                                     placeholder=f"{len(values)} {noun}: type a few letters").strip().lower()
        current = st.session_state.get(key) or st.query_params.get(param) or fallback
        found = [v for v in values if not query or query in names.get(v, v).lower() or query in v.lower()]
        known = set(values)
        options = [o for o in dict.fromkeys([*extra, current, *found[:SEARCH_RESULTS]]) if o in extra or o in known]
    params.bind(key, param, options, fallback if fallback in options else options[0])
    value = container.selectbox(label, options, key=key, format_func=lambda v: names.get(v, v))
    params.publish(key, param, default)
    return value
