"""Serve StoryLens: ``streamlit run serve.py`` (what ``make run`` does), with the same options as app.py.

The app is app.py; this file starts it on Streamlit's ASGI server (``st.App``),
whose start-up hook lets the server get ready while the first visitor's browser
is still loading Streamlit's own code (ui/warm_start.py says what it does).
``streamlit run app.py`` serves the same pages, doing that work on the first
visit instead.
"""

import asyncio
from contextlib import asynccontextmanager

import streamlit as st

from ui import warm_start


@asynccontextmanager
async def _warm_start(_app):
    warm_start.start(asyncio.get_running_loop())
    yield


app = st.App("app.py", lifespan=_warm_start)
