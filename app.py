"""StoryLens: compare how different outlets tell the same news story.

The pages: the shared sidebar, then the page the visitor chose. `make run` serves them with
`streamlit run serve.py` (which gets the server ready as it starts); `streamlit run app.py`
serves them as they are (optionally `-- --corpus DIR`, with either).
"""

import streamlit as st

from ui import sidebar
from ui.repl_check import skip_repl_check

skip_repl_check()  # 0.2-0.4 s of the first screen spent looking for a Python REPL `streamlit run` never has

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
