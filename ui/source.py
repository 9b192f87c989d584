"""Which corpus the app shows: the operator's folder, or this session's uploads.

Visitors never type a server path: the operator chooses the folder when
starting the app (``streamlit run app.py -- --corpus DIR`` or
``STORYLENS_CORPUS=DIR``); a visitor can only add their own files, which live
in a temporary folder of their session.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import streamlit as st

from analysis.corpus import Corpus, fingerprint, load_corpus
from ui.compute import shared_cache

APP_DIR = Path(__file__).resolve().parents[1]
SAMPLE_DIR = APP_DIR / "sample_data"
CORPUS_ENV = "STORYLENS_CORPUS"
UPLOAD_PREFIX = "storylens-upload-"
# Upload folders of sessions that ended are swept after this long.
UPLOAD_MAX_AGE_SECONDS = 6 * 3600
UPLOAD_DIR_KEY = "upload_dir"
USE_UPLOADS_KEY = "use_uploads"
# A widget's state cannot change once it is drawn in a run, so switches asked
# for by the page are parked here and applied before the sidebar draws.
_PENDING_SWITCH_KEY = "_pending_use_uploads"


def operator_corpus_dir() -> Path:
    """The folder chosen by whoever started the app; the samples by default."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--corpus")
    known, _ = parser.parse_known_args(sys.argv[1:])
    chosen = known.corpus or os.environ.get(CORPUS_ENV)
    return Path(chosen).expanduser() if chosen else SAMPLE_DIR


# cache_resource, not cache_data: a Corpus is immutable (frozen dataclasses and
# tuples), so every session can share one object instead of unpickling a copy
# of thousands of articles on each rerun. Bounded so a long-running host does
# not keep every folder it ever saw.
@st.cache_resource(max_entries=8, ttl=6 * 3600, show_spinner="Reading articles…")
def _load(root: str, files: str) -> Corpus:
    del files  # part of the cache key only: edits, additions and removals reload
    return load_corpus(root, cache=shared_cache())


def load(root: Path) -> Corpus:
    """The corpus in ``root``, reloaded whenever a file in it changes."""
    # A digest, not the (path, size, mtime) tuples: Streamlit hashes a cached
    # function's arguments on every rerun, 100 ms for 2,225 files that way.
    files = hashlib.sha256(repr(fingerprint(root)).encode()).hexdigest()
    return _load(str(root), files)


def upload_dir(create: bool = False) -> Path | None:
    """This session's upload folder, made (and old ones swept) on first use."""
    current = st.session_state.get(UPLOAD_DIR_KEY)
    if current and Path(current).is_dir():
        return Path(current)
    if not create:
        return None
    _sweep_old_uploads()
    folder = Path(tempfile.mkdtemp(prefix=UPLOAD_PREFIX))
    st.session_state[UPLOAD_DIR_KEY] = str(folder)
    return folder


def remove_uploads() -> None:
    """Forget this session's uploads and delete their folder."""
    current = st.session_state.pop(UPLOAD_DIR_KEY, None)
    switch_to_uploads(False)
    if current:
        shutil.rmtree(current, ignore_errors=True)


def _sweep_old_uploads() -> None:
    cutoff = time.time() - UPLOAD_MAX_AGE_SECONDS
    for folder in Path(tempfile.gettempdir()).glob(UPLOAD_PREFIX + "*"):
        try:
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def switch_to_uploads(on: bool) -> None:
    """Ask for the uploads (or the operator's corpus) from the next run on."""
    st.session_state[_PENDING_SWITCH_KEY] = on


def apply_pending_switch() -> None:
    """Called before the sidebar's toggle is drawn."""
    if _PENDING_SWITCH_KEY in st.session_state:
        st.session_state[USE_UPLOADS_KEY] = st.session_state.pop(_PENDING_SWITCH_KEY)


def using_uploads() -> bool:
    return bool(st.session_state.get(USE_UPLOADS_KEY)) and upload_dir() is not None


def full_corpus() -> Corpus:
    """Every article of the corpus in play (uploads or the operator's folder)."""
    folder = upload_dir() if using_uploads() else operator_corpus_dir()
    return load(folder)
