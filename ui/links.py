"""The *Add links* box of the overview page: pasted links or one feed, fetched into this session's uploads.

Visitors' links go through the app's rules (``AddressPolicy.for_app()``,
``FetchSettings.for_app()``): public http(s) addresses only, checked after DNS
and on every redirect; at most 200 links, 100 MB and 5 minutes a request. What
each link gave is shown as text in a table, never as HTML from the page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.fetching import AddressPolicy, FetchSettings, fetch_links, read_links
from ui import render, source

_REPORT_KEY = "links_report"


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
        if len(links) > settings.max_links:
            st.error(f"{len(links)} links: at most {settings.max_links} a request.")
        else:
            _fetch(links, settings, policy)
    _show_report()


def _fetch(links: list[str], settings: FetchSettings, policy: AddressPolicy) -> None:
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
    st.session_state[_REPORT_KEY] = report.rows()
    if any(o.outcome == "saved" for o in report.outcomes):
        source.switch_to_uploads(True)
    st.rerun()


def _show_report() -> None:
    if source.upload_dir() is None:  # the uploads were removed: what the links gave went with them
        st.session_state.pop(_REPORT_KEY, None)
    rows = st.session_state.get(_REPORT_KEY)
    if not rows:
        return
    table = pd.DataFrame(rows, columns=["url", "outcome", "reason", "file"])
    saved = int((table["outcome"] == "saved").sum())
    failed = int((table["outcome"] == "failed").sum())
    summary = f"{saved} page(s) added, {failed} link(s) failed; your uploads are the corpus." if saved else \
        f"No page added ({failed} link(s) failed)."
    (st.success if saved else st.warning)(summary)
    # A dataframe shows every cell as text: a page's title or an error cannot inject markup.
    st.dataframe(table, hide_index=True, key="links_outcomes",
                 column_config={"url": st.column_config.TextColumn("link")})
