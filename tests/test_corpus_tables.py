"""analysis.corpus.tables.without_empty: columns no row fills are left out of what is shown, the rest kept in order."""

from __future__ import annotations

import pandas as pd

from analysis.corpus.tables import without_empty


def test_only_columns_empty_in_every_row_go():
    frame = pd.DataFrame({"title": ["A", "B"], "author": ["", " "], "url": [None, "https://x.test/b"],
                          "published": [float("nan"), None], "words": [0, 0]})
    shown = without_empty(frame, ["author", "url", "published", "words", "missing"])
    assert list(shown.columns) == ["title", "url", "words"]  # words: 0 is a value, not an empty cell
    assert shown["url"].iloc[1] == "https://x.test/b"


def test_nothing_to_drop_leaves_the_frame_as_it_was():
    frame = pd.DataFrame({"title": ["A"], "author": ["Jane Roe"]})
    assert without_empty(frame, ["author"]).equals(frame)
