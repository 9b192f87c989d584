"""The *Add links* box of the overview page: pasted links or one feed, fetched into this session's uploads.

Visitors' links go through the app's rules (``AddressPolicy.for_app()``,
``FetchSettings.for_app()``): public http(s) addresses only, checked after DNS
and on every redirect; at most 200 links, 100 MB and 5 minutes a request, and
1000 links a session. What each link gave is shown as text in a table, never
as HTML from the page.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.fetching import AddressPolicy, FetchSettings, fetch_links, read_links
from ui import render, source

_REPORT_KEY = "links_report"
_TRIED_KEY = "links_tried"
# Links one browser session may have fetched in all, feeds' items included: the cap per request
# alone would let a visitor crawl through the hosted demo 200 links at a time without end.
SESSION_MAX_LINKS = 1000


def box() -> None:
    """A text area for links and a button that fetches them; the pages join this session's uploads."""
    settings = FetchSettings.for_app()
    policy = AddressPolicy.for_app()
    st.markdown("**Add links**")
    where = ("any address, this machine's network included (`STORYLENS_ALLOW_LOCAL_LINKS` is set)"
             if policy.allow_local else "public web addresses only")
    st.caption(f"Paste links to articles, one a line, or one RSS/Atom feed link (its items are fetched). "
               f"At most {settings.max_links} links a request, {where}. Pages are saved as uploads of this "
               f"browser session; sites' robots.txt is obeyed.")
    text = st.text_area("Links", key="links_text", height=120, placeholder="https://www.example.org/news/story")
    links = list(dict.fromkeys(read_links(text)))
    if st.button(f"Fetch {len(links)} link(s)" if links else "Fetch links", key="links_fetch",
                 disabled=not links, type="primary"):
        left = SESSION_MAX_LINKS - st.session_state.get(_TRIED_KEY, 0)
        if len(links) > settings.max_links:
            st.error(f"{len(links)} links: at most {settings.max_links} a request.")
        elif len(links) > left:
            st.error(f"{len(links)} links: this session may fetch {max(left, 0)} more "
                     f"(at most {SESSION_MAX_LINKS} a session).")
        else:
            _fetch(links, replace(settings, max_links=min(settings.max_links, left)), policy)
    _show_report()


def _fetch(links: list[str], settings: FetchSettings, policy: AddressPolicy) -> None:
    had_uploads = source.upload_dir() is not None
    folder = source.upload_dir(create=True)
    bar = st.progress(0.0, text=f"Fetching {len(links)} link(s)…")

    def progress(done: int, total: int) -> None:
        bar.progress(min(1.0, done / max(total, 1)), text=f"{done} of {total} link(s) done")

    try:
        report = fetch_links(links, folder, settings, policy, progress=progress)
    except (OSError, ValueError) as exc:
        bar.empty()
        st.error(f"Links not fetched: {render.md(exc)}")
        return
    bar.empty()
    st.session_state[_TRIED_KEY] = st.session_state.get(_TRIED_KEY, 0) + sum(
        o.outcome in ("saved", "failed", "feed") for o in report.outcomes)
    st.session_state[_REPORT_KEY] = report.rows()
    if any(o.outcome == "saved" for o in report.outcomes):
        source.switch_to_uploads(True)
    elif not had_uploads:
        source.remove_uploads()  # not an empty "uploads" corpus to switch to: nothing came in
    st.rerun()


def _show_report() -> None:
    rows = st.session_state.get(_REPORT_KEY)
    if not rows:
        return
    table = pd.DataFrame(rows, columns=["url", "outcome", "reason", "file"])
    saved = int((table["outcome"] == "saved").sum())
    if saved and source.upload_dir() is None:  # the uploads were removed: what the links gave went with them
        st.session_state.pop(_REPORT_KEY, None)
        return
    failed = int((table["outcome"] == "failed").sum())
    summary = f"{saved} page(s) added, {failed} link(s) failed; your uploads are the corpus." if saved else \
        f"No page added: {failed} of {len(table)} link(s) failed, for the reasons below. The corpus is unchanged."
    (st.success if saved else st.warning)(summary)
    # A dataframe shows every cell as text: a page's title or an error cannot inject markup.
    st.dataframe(table, hide_index=True, key="links_outcomes",
                 column_config={"url": st.column_config.TextColumn("link")})
