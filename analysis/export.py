"""Every table as typed Parquet: `storylens export CORPUS --out DIR`, for DuckDB, pandas or a warehouse.

Each table is built by the very function its `storylens` command calls (the
command's default options), from the cache, computing and caching what is
missing; so a file has at least its command's columns, and they cannot drift.
Strings stay strings, counts integers, scores floats, even in an empty table.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis import actors, keywords
from analysis.engine.batch import Runner
from analysis.corpus import Corpus
from analysis.corpus.tables import article_table, sentence_table
from analysis.lexicon import Lexicon
from analysis.story.claims import find_claims
from analysis.story.copies import find_copies
from analysis.story.events import find_events
from analysis.story.figures import figures_by_event

TABLES = ("articles", "sentences", "keywords", "mentions", "quotes", "actors", "events", "claims", "figures",
          "copies")


def export_tables(corpus: Corpus, out: str | os.PathLike[str], *, runner: Runner,
                  actor_lexicon: Lexicon | None = None,
                  progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """Write ``out/<table>.parquet`` for every table of :data:`TABLES`.

    Returns one row per table: table, rows, columns, file.
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    shared: dict[str, object] = {}

    def layer():
        if "layer" not in shared:
            shared["layer"] = actors.actor_layer(corpus, actor_lexicon, runner=runner)
        return shared["layer"]

    def events():
        if "events" not in shared:
            shared["events"] = find_events(corpus, runner=runner)
        return shared["events"]

    builders: dict[str, Callable[[], pd.DataFrame]] = {
        "articles": lambda: article_table(corpus),
        "sentences": lambda: sentence_table(corpus),
        "keywords": lambda: keywords.keyword_table(corpus, keywords.KeywordSettings(), "article",
                                                   top=keywords.DEFAULT_TOP, runner=runner),
        "mentions": lambda: actors.mention_table(layer()),
        "quotes": lambda: actors.quote_table(layer()),
        "actors": lambda: actors.treatment(layer(), corpus, "article", runner=runner),
        "events": events,
        "claims": lambda: find_claims(corpus, runner=runner, events=events()),
        "figures": lambda: figures_by_event(corpus, events(), runner=runner),
        "copies": lambda: find_copies(corpus, runner=runner),
    }
    written = []
    for done, name in enumerate(TABLES, start=1):
        frame = builders[name]()
        path = folder / f"{name}.parquet"
        write_parquet(frame, path)
        written.append({"table": name, "rows": len(frame), "columns": len(frame.columns), "file": str(path)})
        if progress:
            progress(done, len(TABLES))
    return pd.DataFrame(written)


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """``frame`` as one Parquet file, written aside then moved in place: a reader never sees half a file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {name: _typed(pa, frame[name]) for name in frame.columns}
    aside = path.with_name(f".{path.name}.partial")
    pq.write_table(pa.table(columns), aside)
    aside.replace(path)


def _typed(pa, values: pd.Series):
    """One column as an Arrow array of one type: text as text (in an empty table too), numbers as numbers.

    A column pandas left as ``object`` (built from records, or concatenated
    with an empty frame) is typed by its values: all text is a string column,
    all numbers an integer or float one.
    """
    if values.dtype != object and not pd.api.types.is_string_dtype(values):
        return pa.array(values.to_numpy(), from_pandas=True)
    if values.dtype != object:  # pandas' own string column: Arrow already, handed over without a copy
        return pa.array(values, from_pandas=True).cast(pa.string())
    items = values.astype(object).where(values.notna(), None).tolist()
    if all(v is None or isinstance(v, str) for v in items):
        return pa.array(items, type=pa.string())
    try:
        return pa.array(items, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # text and numbers mixed: the column is text
        return pa.array([None if v is None else str(v) for v in items], type=pa.string())
