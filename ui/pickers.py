"""Choosing one article: a plain list for a few, a search for thousands."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ui import params

# A list longer than this is sent to the browser only as search results.
LIST_MAX = 300
SEARCH_RESULTS = 100


def article(label: str, key: str, param: str, paths: Sequence[str], titles: dict[str, str],
            default: str | None = None, extra: Sequence[str] = (), container=st) -> str:
    """Pick one of ``paths`` (or one of ``extra``, like "All articles"); the value lives in the URL."""
    options = [*extra, *paths]
    fallback = default if default in options else options[0]
    if len(paths) > LIST_MAX:
        query = container.text_input(f"{label}: search titles", key=f"{key}_q",
                                     placeholder=f"{len(paths)} articles: type words of the title").strip().lower()
        current = st.session_state.get(key) or st.query_params.get(param) or fallback
        found = [p for p in paths if not query or query in titles.get(p, p).lower() or query in p.lower()]
        options = list(dict.fromkeys([*extra, current, *found[:SEARCH_RESULTS]]))
        options = [o for o in options if o in extra or o in titles]
    params.bind(key, param, options, fallback if fallback in options else options[0])
    value = container.selectbox(label, options, key=key, format_func=lambda p: titles.get(p, p))
    params.publish(key, param, default)
    return value
