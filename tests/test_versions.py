"""Cache versions live in one place (analysis/engine/versions.py) and follow what each task is computed from."""

from __future__ import annotations

import importlib
import importlib.util
import re
from pathlib import Path

from analysis.engine import versions
from analysis.actors.sentiment import sentence_sentiment
from analysis.engine.batch import task_name
from analysis.engine.indexing import INDEX_TASKS
from analysis.story.events import find_events
from analysis.story.figures import article_figures
from analysis.themes import suggest_themes
from analysis.engine.versions import INPUT_VERSIONS, TASK_INPUTS, task_key

ANALYSIS = Path(__file__).resolve().parent.parent / "analysis"
# Corpus-wide results kept under a name of their own, not a function's.
_NAMED = {"analysis.corpus.parsed", "analysis.story.claims.event", "analysis.story.figures.table",
          "analysis.timeline.memberships"}


def _name(func) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def test_every_cached_task_names_its_inputs_and_every_input_has_a_version() -> None:
    cached = [func for _, func, _ in INDEX_TASKS] + [sentence_sentiment, article_figures, find_events, suggest_themes]
    assert {_name(func) for func in cached} <= set(TASK_INPUTS)
    # One kind of version per input: a number, or a digest of contents (a source digest never shadows a number).
    digested = {versions.WORD_LISTS, *versions.SOURCE_INPUTS}
    assert not digested & set(INPUT_VERSIONS)
    assert {name for inputs in TASK_INPUTS.values() for name in inputs} == set(INPUT_VERSIONS) | digested
    for modules in versions.SOURCE_INPUTS.values():
        assert all(importlib.util.find_spec(module) for module in modules)
    for task, inputs in TASK_INPUTS.items():
        if task not in _NAMED:  # a listed function exists under that name
            module, _, attribute = task.rpartition(".")
            assert callable(getattr(importlib.import_module(module), attribute)), task


def test_no_version_is_written_by_hand_elsewhere() -> None:
    by_hand = re.compile(r"result_version|\"analysis\.[\w.]+/v\d")
    found = [f"{path.relative_to(ANALYSIS)}:{n}" for path in ANALYSIS.rglob("*.py") if path.name != "versions.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if by_hand.search(line)]
    assert found == []


def test_bumping_one_input_recomputes_exactly_the_tasks_that_read_it(monkeypatch) -> None:
    before = {task: task_key(task) for task in TASK_INPUTS}
    monkeypatch.setitem(INPUT_VERSIONS, "stemming", INPUT_VERSIONS["stemming"] + 1)
    moved = {task for task in TASK_INPUTS if task_key(task) != before[task]}
    assert moved == {task for task, inputs in TASK_INPUTS.items() if "stemming" in inputs}
    assert "analysis.story.copies.article_words" not in moved


def test_editing_a_word_list_recomputes_what_reads_the_lists(monkeypatch) -> None:
    from analysis.text import roles

    mentions = [func for _, func, _ in INDEX_TASKS if func.__name__ == "article_mentions"][0]
    words = [func for _, func, _ in INDEX_TASKS if func.__name__ == "article_words"][0]
    before = task_name(mentions), task_name(words)
    monkeypatch.setattr(roles, "QUALIFIERS", roles.QUALIFIERS | {"erstwhile"})
    versions.word_lists_digest.forget()
    try:
        assert task_name(mentions) != before[0]
        assert task_name(words) == before[1]
    finally:
        monkeypatch.undo()
        versions.word_lists_digest.forget()
    assert (task_name(mentions), task_name(words)) == before
