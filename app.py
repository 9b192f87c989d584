"""StoryLens: compare how different outlets tell the same news story.

The one entry point: the shared sidebar, then the page the visitor chose.
Run with `streamlit run app.py` (optionally `-- --corpus DIR`).
"""

import streamlit as st
from streamlit import delta_generator

from ui import sidebar, warmup

# Streamlit's first element asks, once per process, whether it runs in a Python REPL (to print a
# hint), with inspect.stack(), which resolves the file of every module loaded by then: 0.2-0.4 s of
# the first screen here. Under `streamlit run` the answer is always no.
delta_generator._use_warning_has_been_displayed = True

# No page_icon: a Material icon favicon is fetched from Google Fonts by every
# visitor (and fails offline); the default one ships with Streamlit.
st.set_page_config(page_title="StoryLens", layout="wide")

PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("views/story.py", title="Story", icon=":material/auto_stories:", url_path="story"),
    st.Page("views/keywords.py", title="Keywords", icon=":material/key:", url_path="keywords"),
    st.Page("views/actors.py", title="Actors", icon=":material/groups:", url_path="actors"),
    st.Page("views/topics.py", title="Topics", icon=":material/grid_on:", url_path="topics"),
    st.Page("views/compare.py", title="Compare", icon=":material/compare_arrows:", url_path="compare"),
]

page = st.navigation(PAGES)
sidebar.render()
page.run()
warmup.start()  # the suggested themes of a large folder, in the background once a page is drawn
