"""serve.py's warm start: what it does at server start is what the first page would do, so the page does none of it.

Run in a fresh interpreter, as a server starts: ``warm_up`` in the
process, then the first page (app.py through AppTest, the Overview with the
sidebar). The page must import no module of ours or of the data stack after
the warm-up, and must not ask for the stories again: corpus-wide results are
made to fail once the warm-up is done, so a page that asked for them (even to
read them back from the disk cache) would show the error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_first_screen import DEFERRED, assert_only_what_grouping_needs

ROOT = Path(__file__).resolve().parents[1]
# Modules the first page would otherwise import itself: ours, and the data stack under them.
WATCHED = ("analysis", "ui", "pandas", "numpy", "scipy", "pyarrow")

# The first page (app.py: the sidebar, then the Overview) run through AppTest, and what it showed.
_FIRST_PAGE = f"""
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({str(ROOT / "app.py")!r}, default_timeout=120)
at.run()
shown = {{
    "exceptions": [e.value for e in at.exception],
    "title": at.title[0].value if at.title else None,
    "stories_caption": any(s.value.startswith("Stories:") for s in at.subheader),
}}
"""

_SERVER_START = f"""
import json, sys
from ui import warm_start
warm_start.warm_up()
deferred = sorted(m for m in sys.modules if any(m == d or m.startswith(d + ".") for d in {DEFERRED!r}))
from analysis.engine.batch import Runner
def again(*args, **kwargs):
    raise RuntimeError("the first page computed (or read from disk) a corpus-wide result again")
Runner.corpus_wide = again
before = set(sys.modules)
{_FIRST_PAGE}
print(json.dumps({{**shown,
    "imported": sorted(m for m in set(sys.modules) - before if m.split(".")[0] in {WATCHED!r}),
    "deferred by the warm start": deferred,
}}))
"""


def _run(code: str, cache: Path, corpus: Path | None = None) -> dict:
    env = {**os.environ, "STORYLENS_CACHE_DIR": str(cache),
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    env.pop("STORYLENS_CORPUS", None)
    if corpus is not None:
        env["STORYLENS_CORPUS"] = str(corpus)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_after_the_warm_start_the_first_page_imports_and_groups_nothing(tmp_path):
    shown = _run(_SERVER_START, tmp_path)
    assert shown["exceptions"] == []
    assert shown["title"] == "StoryLens" and shown["stories_caption"]
    assert shown["imported"] == []
    # The warm start brings in no more than the first page itself would on an empty cache (tests/test_first_screen):
    # scipy.sparse for grouping the stories, no model, no other page's library.
    assert_only_what_grouping_needs(shown["deferred by the warm start"])


def test_a_missing_corpus_folder_is_left_to_the_page_to_report(tmp_path):
    code = ("import json, logging, sys\n"
            "warned = []\n"
            "class Keep(logging.Handler):\n"
            "    def emit(self, record): warned.append(record.getMessage())\n"
            "from ui import warm_start\n"
            "logging.getLogger(warm_start.__name__).addHandler(Keep())\n"
            "warm_start.warm_up()\n"
            "print(json.dumps({'pandas': 'pandas' in sys.modules, 'warned': warned}))")
    # Imported, and quiet: no warning that the warm start stopped early (the sidebar tells the visitor).
    assert _run(code, tmp_path, corpus=tmp_path / "no such folder") == {"pandas": True, "warned": []}


def test_the_switch_interval_is_short_only_while_importing(monkeypatch):
    """Threads switch every 0.5 ms while the warm start imports (the event loop serving the browser gets in), and
    back after; the corpus is read once the imports are done."""
    import asyncio
    import threading

    from ui import warm_start

    release, read, seen = threading.Event(), threading.Event(), {}
    monkeypatch.setattr(warm_start, "import_first_page",
                        lambda: (seen.update(interval=sys.getswitchinterval()), release.wait(30)))
    monkeypatch.setattr(warm_start, "read_corpus", read.set)
    monkeypatch.setattr(warm_start, "_lower_this_threads_priority", lambda: None)  # this process stays as it is
    interval = sys.getswitchinterval()
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    try:
        warm_start.start(loop)
        assert not read.wait(0.3)  # not before the imports
        release.set()
        assert read.wait(30)
    finally:
        loop.call_soon_threadsafe(loop.stop)
    assert seen == {"interval": warm_start.SWITCH_INTERVAL_S}
    assert sys.getswitchinterval() == interval


# As serve.py: Streamlit is whole before the warm start begins (plotly, which it imports, reads pandas from
# sys.modules without importing it, and would otherwise find the warm start's pandas half made).
_PAGE_BESIDE = f"""
import asyncio, json, threading
import streamlit
from ui import warm_start
loop = asyncio.new_event_loop()
threading.Thread(target=loop.run_forever, daemon=True).start()
warm_start.start(loop)
{_FIRST_PAGE}
print(json.dumps(shown))
"""


def test_a_first_page_started_at_once_imports_beside_the_warm_start(tmp_path):
    """A visitor quicker than the imports: the page imports the same modules beside them, at once, and is drawn
    whole (our modules have no import cycle, tests/test_import_cycles.py, so neither thread sees a half-made one)."""
    shown = _run(_PAGE_BESIDE, tmp_path)
    assert shown == {"exceptions": [], "title": "StoryLens", "stories_caption": True}


_PRIORITIES = """
import asyncio, json, os, sys, threading, time
from ui import warm_start
read = threading.Event()
warm_start.read_corpus = lambda: (print(json.dumps({"reader": os.getpriority(os.PRIO_PROCESS,
                                                       threading.get_native_id())})), read.set())  # printed first
loop = asyncio.new_event_loop()
threading.Thread(target=loop.run_forever, daemon=True).start()
importer = warm_start.start(loop)
importer.join(120)
assert read.wait(120)
for _ in range(1000):  # join() returns a moment before the thread's task leaves /proc, still at nice 19
    if not os.path.exists(f"/proc/self/task/{importer.native_id}"):
        break
    time.sleep(0.01)
tasks = {}
for task in os.listdir("/proc/self/task"):
    fields = open(f"/proc/self/task/{task}/stat").read().rsplit(")", 1)[1].split()
    tasks[task] = int(fields[16])  # nice
print(json.dumps({"nice": sorted(set(tasks.values()))}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="thread priorities: Linux only")
def test_the_low_priority_stays_with_the_import_thread(tmp_path):
    """The imports run at nice 19; no thread left behind keeps it (OpenBLAS's workers, pyarrow's allocator thread
    start at import and take their creator's priority), and the corpus is read at the server's own priority."""
    env = {**os.environ, "STORYLENS_CACHE_DIR": str(tmp_path),
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    done = subprocess.run([sys.executable, "-c", _PRIORITIES], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(line) for line in done.stdout.strip().splitlines()]
    server = os.getpriority(os.PRIO_PROCESS, 0)
    assert lines[0] == {"reader": server}
    assert lines[1] == {"nice": [server]}
