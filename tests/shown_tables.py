"""Every table an AppTest run shows, as DataFrames: the data grids, and the short tables drawn as text.

A text table (ui.render.text_table) is Markdown whose cells are escaped
(ui.render.md); it is read back here as the visitor sees it: escapes undone,
a link as its text, integers as integers.
"""

from __future__ import annotations

import re

import pandas as pd
from streamlit.testing.v1 import AppTest

_LINK = re.compile(r"^\[(.*)\]\(<[^>]*>\)$")


def shown_tables(at: AppTest) -> list[pd.DataFrame]:
    """The grids' frames, then the text tables', in the order of each kind on the page."""
    tables = [f.value for f in at.dataframe]
    for element in at.markdown:
        lines = str(element.value).split("\n")
        if len(lines) >= 2 and lines[0].startswith("| ") and lines[1].startswith("| ---") and set(lines[1]) <= set("|- "):
            tables.append(_text_table(lines))
    return tables


def _text_table(lines: list[str]) -> pd.DataFrame:
    header, _, *rows = [_cells(line) for line in lines]
    frame = pd.DataFrame(rows, columns=header)
    for column in frame.columns:
        if len(frame) and frame[column].str.fullmatch(r"-?\d+").all():
            frame[column] = frame[column].astype("int64")
    return frame


def _cells(line: str) -> list[str]:
    """A Markdown table row's cells, each unescaped (a backslash keeps the next character; no cell ends a row)."""
    cells, current, raw, escaped = [], [], [], False
    for char in line.strip()[1:]:
        if escaped:
            current.append(char)
            raw.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            cells.append(_cell("".join(current), "".join(raw)))
            current, raw = [], []
        else:
            current.append(char)
            raw.append(char)
    return cells


def _cell(text: str, raw: str) -> str:
    link = _LINK.match(raw.strip())
    if link:  # [escaped text](<address>): the text, unescaped
        text = re.sub(r"\\(.)", r"\1", link.group(1))
    return text.strip().replace("\u200b", "")
