"""The tests' one way to read back a table a corpus-wide result keeps in the cache, and to check its form.

Every cached frame is kept as :func:`analysis.frame_json.frame_to_json` writes it
and read back with each column's dtype; :func:`assert_kept_as_frame_json` checks both.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from analysis.engine.cache import AnalysisCache
from analysis.frame_json import frame_from_json, frame_to_json


class KeptResults(AnalysisCache):
    """A real SQLite cache that also notes where results were put, so a test can read them back from disk."""

    def __init__(self, path) -> None:
        super().__init__(path)
        self.put: list[tuple[str, str, str]] = []

    def put_many(self, task: str, settings_key: str, items: dict[str, Any]) -> None:
        self.put += [(task, settings_key, key) for key in items]
        super().put_many(task, settings_key, items)

    def kept(self, task_prefix: str) -> list[Any]:
        """The stored values of the results put under a task starting with ``task_prefix``, in put order."""
        return [self.get_many(task, settings, [key])[key]
                for task, settings, key in self.put if task.startswith(task_prefix)]


def assert_kept_as_frame_json(stored: Any, frame: pd.DataFrame) -> None:
    """``stored`` is what frame_to_json writes for ``frame``, and reads back equal to it, dtypes and NaN included."""
    assert stored == json.loads(json.dumps(frame_to_json(frame)))
    pd.testing.assert_frame_equal(frame_from_json(stored), frame.reset_index(drop=True))
