"""A DataFrame as JSON-ready columns and back, dtypes kept: how a corpus-wide table is kept in the cache.

The cache stores JSON text (:mod:`analysis.engine.cache`). A frame kept as its
columns' lists and its dtypes' names reads back equal to the one stored
(``pandas.testing.assert_frame_equal``), an empty one too.

    stored = frame_to_json(table)  # {"columns": {name: [values]}, "dtypes": {name: "int64"}}
    table = frame_from_json(stored)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["frame_to_json", "frame_from_json"]


def frame_to_json(frame: pd.DataFrame) -> dict[str, Any]:
    """``frame``'s columns as plain Python lists, with each column's dtype by name (its index is not kept)."""
    return {"columns": {str(c): frame[c].tolist() for c in frame.columns},
            "dtypes": {str(c): str(frame[c].dtype) for c in frame.columns}}


def frame_from_json(stored: dict[str, Any]) -> pd.DataFrame:
    """The frame :func:`frame_to_json` gave ``stored`` for, with a fresh RangeIndex."""
    columns, dtypes = stored["columns"], stored["dtypes"]
    return pd.DataFrame({c: columns[c] for c in dtypes}, columns=list(dtypes)).astype(dtypes)
