"""StoryLens: compare how different outlets tell the same news story.

The one entry point: the shared sidebar, then the page the visitor chose.
Run with `streamlit run app.py` (optionally `-- --corpus DIR`).
"""

import streamlit as st

from ui import sidebar

st.set_page_config(page_title="StoryLens", page_icon=":material/compare:", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/keywords.py", title="Keywords", icon=":material/key:", url_path="keywords"),
    st.Page("pages/actors.py", title="Actors", icon=":material/groups:", url_path="actors"),
    st.Page("pages/topics.py", title="Topics", icon=":material/grid_on:", url_path="topics"),
    st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:", url_path="compare"),
]

page = st.navigation(PAGES)
sidebar.render()
page.run()
