"""The Story page's *Download report*: the same HTML file `storylens report` writes, for the story in play.

Building it reads claims, figures, actors, keywords and copies (mostly from
the cache, but seconds on a large story), so it is built only when asked
("Prepare report") and kept for the session until the articles in play change.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import report
from analysis.corpus import Corpus
from ui import compute, render, source

# (what it was built for, the HTML) of this session's last report.
_READY_KEY = "_story_report"


def _scope(events: pd.DataFrame) -> tuple[str, str]:
    """How the report names what it covers, and the file name it downloads as."""
    stories = list(dict.fromkeys(events["event"]))
    if len(stories) == 1:
        return f"story {stories[0]}", f"storylens-report-{stories[0]}.html"
    return f"the {len(events)} articles in play", "storylens-report.html"


def report_download(corpus: Corpus, events: pd.DataFrame) -> None:
    """A *Prepare report* button, then the *Download report* button for the file it built."""
    built_for = (compute.corpus_key(corpus), tuple(events["event"]))
    scope, file_name = _scope(events)
    with st.expander("Report: this story in one HTML file", icon=":material/description:"):
        st.caption("The claims, figures, actors, keywords and copies of the articles in play, with their "
                   "sentences, in one file that opens offline in any browser (charts included).")
        if st.button("Prepare report", key="st_report_prepare"):
            where = "your uploads" if source.using_uploads() else source.operator_corpus_dir().name
            try:
                with st.spinner("Preparing the report…"):
                    document = report.build_report(corpus, events, runner=compute.runner(), source=where,
                                                   scope=scope)
            except report.ReportError as exc:
                st.info(render.md(exc), icon=":material/info:")
                return
            st.session_state[_READY_KEY] = (built_for, document.encode("utf-8"))
        ready = st.session_state.get(_READY_KEY)
        if ready and ready[0] == built_for:
            st.download_button("Download report", ready[1], file_name=file_name, mime="text/html",
                               key="st_report_download", icon=":material/download:")
            st.caption(f"{len(ready[1]) / 1e6:.1f} MB · {scope}")
