"""A long table as a page shows it: the rows a search keeps, and how many of them to draw.

A browser draws a table of tens of thousands of rows slowly (the Actors
table on the 2,225 BBC articles holds about 23,000, and drawing it was most
of the page's first visit), and nobody reads past the first screens of it.
The page draws the first :data:`ROWS_SHOWN` rows; a search narrows the rows to
the ones an analyst looks for, and the download holds every row the search kept.

    shown, kept = rows_shown(table, "putin", ("actor", "title"))
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

__all__ = ["ROWS_SHOWN", "matching_rows", "rows_shown"]

# Rows a page draws of one table: a few screens, sent in well under a second.
ROWS_SHOWN = 500


def matching_rows(frame: pd.DataFrame, query: str, columns: Sequence[str]) -> pd.DataFrame:
    """The rows where any of ``columns`` holds ``query`` (case-insensitive, as written); all rows for ""."""
    query = query.strip().casefold()
    if not query or frame.empty:
        return frame
    found = pd.Series(False, index=frame.index)
    for column in columns:
        found |= frame[column].astype(str).str.casefold().str.contains(query, regex=False, na=False)
    return frame[found]


def rows_shown(frame: pd.DataFrame, query: str, columns: Sequence[str],
               limit: int = ROWS_SHOWN) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the first ``limit`` rows to draw, every row the search keeps) of ``frame``, order kept."""
    kept = matching_rows(frame, query, columns)
    return kept.head(limit), kept
