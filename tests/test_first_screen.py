"""The app's first page imports none of the heavy modules the other pages defer to, and draws no grid or chart.

The first page is run for real (app.py through AppTest, which takes the
default page, the Overview, with the sidebar), in a fresh interpreter, so what
it imports at run time counts too: importing the page's modules alone would
miss an import inside a function the page calls. Then ``sys.modules`` and the
load-once loaders say what it brought in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Models, tables and libraries only other pages (or other views) use.
DEFERRED = ("scipy", "sklearn", "yake", "vaderSentiment", "nicknames", "networkx", "segtok", "trafilatura", "lxml",
            "htmldate", "readability", "plotly.figure_factory", "plotly.express", "analysis.models.ner",
            "analysis.models.target_sentiment", "analysis.keywords", "analysis.actors", "analysis.topics",
            # The Overview's "Bring your own articles" panel, run only when opened: the fetcher, the unpackers.
            "analysis.fetching", "analysis.corpus.uploads")
# The load-once state the first page needs: the cache's version keys (digests of the shipped files, and of
# the word lists the stems the stories are grouped by are made with; a few milliseconds each).
NEEDED_LOADERS = {"analysis.engine.cache.library_versions", "analysis.engine.cache.shipped_data_digest",
                  "analysis.engine.versions.word_lists_digest"}

_FIRST_PAGE = f"""
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({str(ROOT / "app.py")!r}, default_timeout=120)
at.run()
assert not at.exception, [e.value for e in at.exception]
assert at.title[0].value == "StoryLens"  # the Overview, with its articles table
from analysis.engine._once import LOADERS
print(json.dumps({{
    "deferred": sorted(m for m in sys.modules if m.startswith({DEFERRED!r}) and
                       any(m == d or m.startswith(d + ".") for d in {DEFERRED!r})),
    "loaded": sorted(f"{{l.__module__}}.{{l.__qualname__}}" for l in LOADERS if l.loads),
    # Elements whose browser code is the heaviest: the data grid (Glide Data Grid and Arrow), Plotly.
    "grids": len(at.dataframe), "charts": len(at.get("plotly_chart")),
}}))
"""


def _first_page(cache: Path) -> dict:
    env = {**os.environ, "STORYLENS_CACHE_DIR": str(cache),
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    env.pop("STORYLENS_CORPUS", None)
    done = subprocess.run([sys.executable, "-c", _FIRST_PAGE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def assert_only_what_grouping_needs(deferred: list[str]) -> None:
    """Of the deferred modules, only scipy.sparse and what it brings: nothing else, not scipy.cluster and its kin."""
    assert [m for m in deferred if not m.startswith("scipy")] == [], deferred
    assert [m for m in deferred if m.startswith(("scipy.cluster", "scipy.spatial", "scipy.special", "scipy.linalg"))] \
        == [], deferred


def test_the_first_page_imports_no_deferred_module(tmp_path):
    cold = _first_page(tmp_path)
    # Cold, the sidebar groups the articles into stories, which needs scipy.sparse (its products),
    # and nothing else deferred: not scipy.cluster and what it brings (spatial, special, linalg).
    # Warm, as after `storylens index` and one visit, the grouping is read from the cache and
    # nothing deferred is imported at all.
    assert_only_what_grouping_needs(cold["deferred"])
    assert set(cold["loaded"]) <= NEEDED_LOADERS, cold["loaded"]
    # On the samples the first screen's tables are text (ui.render.text_table): no grid, no chart to load.
    assert (cold["grids"], cold["charts"]) == (0, 0), cold
    warm = _first_page(tmp_path)
    assert warm["deferred"] == [], warm["deferred"]
    assert set(warm["loaded"]) <= NEEDED_LOADERS, warm["loaded"]
