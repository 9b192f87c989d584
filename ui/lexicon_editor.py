"""The editable name -> terms table shared by the Actors and Topics pages."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from analysis.lexicon import Lexicon, LexiconError, dump_lexicon, lexicon_from_rows, lexicon_rows, parse_lexicon
from ui import render


def edit(kind: str, columns: tuple[str, str], corpus_file: str | None, fallback: Callable[[], Lexicon],
         fallback_origin: str, help_text: str, editor_key: str) -> tuple[Lexicon, bool]:
    """The corpus's ``<kind>.toml`` (or ``fallback()``), editable, downloadable; stops on an empty table.

    ``kind`` is the TOML table name ("actors" or "topics"); ``columns`` name
    the editor's two columns (the name, then its comma-separated terms).
    Returns the table and whether it is a chosen one (the corpus's file, or
    edited here) rather than the untouched ``fallback()``.
    """
    base, origin = None, ""
    if corpus_file:
        try:
            base, origin = parse_lexicon(corpus_file, kind), f"the corpus's {kind}.toml"
        except LexiconError as exc:
            st.warning(f"{kind}.toml could not be read ({render.md(exc)}); using {fallback_origin} instead.")
    if base is None:
        base, origin = fallback(), fallback_origin
    name, terms = columns
    with st.expander(f"{kind.capitalize()} and their terms ({len(base)}, from {origin})", expanded=False):
        st.caption(help_text)
        rows = lexicon_rows(base, (name, terms))
        edited = st.data_editor(rows, num_rows="dynamic", hide_index=True, width="stretch", key=editor_key)
        lexicon = lexicon_from_rows(edited.itertuples(index=False, name=None))
        st.download_button(f"Download {kind}.toml", dump_lexicon(lexicon, kind), f"{kind}.toml",
                           mime="application/toml", key=f"{editor_key}_toml")
    if not lexicon:
        st.info(f"No {kind}: add a row to the table above.")
        st.stop()
    return lexicon, origin != fallback_origin or lexicon != base
