"""Widgets whose value lives in the URL, so a copied link reproduces the view.

Call :func:`bind` before drawing a widget with ``key=...`` (it seeds the
widget from the URL on first run and drops values that are no longer valid),
and :func:`publish` after it (it writes the value back to the URL).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st


def bind(key: str, param: str, options: Sequence[Any] | None, default: Any, many: bool = False) -> None:
    """Seed widget ``key`` from query parameter ``param``, keeping it within ``options``."""
    if key not in st.session_state:
        raw = st.query_params.get_all(param)
        value: Any = raw if many else (raw[0] if raw else None)
        if options is not None and value is not None:
            value = [v for v in value if v in options] if many else (value if value in options else None)
        if not value and value != 0:
            value = default
        elif not many and options is None and isinstance(default, (int, float)) and not isinstance(default, bool):
            value = _number(value, default)
        st.session_state[key] = value
        return
    current = st.session_state[key]
    if options is not None:
        if many:
            kept = [v for v in current if v in options]
            if kept != list(current):
                st.session_state[key] = kept or default
        elif current not in options:
            st.session_state[key] = default


def _number(value: Any, default: int | float) -> int | float:
    try:
        return type(default)(value)
    except (TypeError, ValueError):
        return default


def publish(key: str, param: str, default: Any = None) -> None:
    """Mirror widget ``key`` into the URL; the default is left out to keep links short."""
    value = st.session_state.get(key)
    if value is None or value == default or value == [] or value == "":
        if param in st.query_params:
            del st.query_params[param]
        return
    if isinstance(value, (list, tuple)):
        if st.query_params.get_all(param) != [str(v) for v in value]:
            st.query_params[param] = [str(v) for v in value]
    elif st.query_params.get(param) != str(value):
        st.query_params[param] = str(value)
