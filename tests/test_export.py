"""`storylens export`: every table read back with DuckDB has the rows and columns of its command."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analysis.cli import main
from analysis.export import TABLES
from tests.conftest import SAMPLE_DIR

# The command whose CSV each table must match.
COMMANDS = {"articles": "load", **{name: name for name in TABLES if name != "articles"}}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The samples exported once, and a function giving a command's CSV output (same cache, warm)."""
    folder = tmp_path_factory.mktemp("export")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STORYLENS_CACHE_DIR", str(folder / "cache"))
        summary = _run(["export", str(SAMPLE_DIR), "--out", str(folder / "out")])
        outputs = {name: _run([command, str(SAMPLE_DIR)]) for name, command in COMMANDS.items()}
    return folder / "out", summary, outputs


def _run(args: list[str]) -> pd.DataFrame:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main([*args, "--format", "csv"]) == 0
    return pd.read_csv(io.StringIO(buffer.getvalue()), keep_default_na=False)


def _read(folder: Path, name: str) -> pd.DataFrame:
    return duckdb.sql(f"select * from '{folder / name}.parquet'").df()


def test_export_writes_one_file_per_table_and_says_so(exported) -> None:
    folder, summary, _ = exported
    assert list(summary["table"]) == list(TABLES)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{name}.parquet" for name in TABLES)
    for row in summary.itertuples():
        assert len(_read(folder, row.table)) == row.rows


@pytest.mark.parametrize("name", TABLES)
def test_each_table_has_its_commands_rows_and_columns(exported, name) -> None:
    folder, _, outputs = exported
    table, command = _read(folder, name), outputs[name]
    assert len(table) == len(command)
    assert list(table.columns) == list(command.columns)
    if len(command):
        key = command.columns[0]
        assert table[key].astype(str).tolist() == command[key].astype(str).tolist()


def test_columns_are_typed_even_in_an_empty_table(exported) -> None:
    folder, _, _ = exported

    def types(name: str) -> dict[str, str]:
        return {row[0]: row[1] for row in duckdb.sql(f"describe select * from '{folder / name}.parquet'").fetchall()}

    assert types("sentences") == {"article": "VARCHAR", "sentence_index": "BIGINT", "sentence": "VARCHAR",
                                  "kind": "VARCHAR", "start": "BIGINT", "end": "BIGINT"}
    assert types("keywords")["score"] == "DOUBLE" and types("actors")["mentions"] == "BIGINT"
    assert len(_read(folder, "copies")) == 0  # the samples share no passage...
    assert types("copies")["article_a"] == "VARCHAR" and types("copies")["words"] == "BIGINT"  # ...still typed


def test_a_query_across_tables_runs_in_duckdb(exported) -> None:
    folder, _, _ = exported
    rows = duckdb.sql(f"""
        select a.outlet, q.speaker, count(*) as quotes
        from '{folder}/quotes.parquet' q join '{folder}/articles.parquet' a using (article)
        group by all order by quotes desc""").fetchall()
    assert sum(n for *_, n in rows) == len(_read(folder, "quotes")) > 0


def test_the_readmes_duckdb_queries_run_on_an_export(exported) -> None:
    import re

    folder, _, _ = exported
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    queries = re.findall(r"```sql\n(.*?)```", readme, re.S)
    assert len(queries) >= 2
    for query in queries:
        duckdb.sql(query.replace("'export/", f"'{folder}/").strip().rstrip(";")).fetchall()


def test_object_columns_are_typed_by_their_values(tmp_path: Path) -> None:
    from analysis.export import write_parquet

    # As a table built from records, or concatenated with an empty one, can come out of pandas.
    frame = pd.DataFrame({"claim": ["C1", "C2"], "sentence_index": pd.Series([3, 4], dtype=object),
                          "similarity": pd.Series([0.5, 0.75], dtype=object),
                          "mixed": pd.Series(["a", 2], dtype=object), "none": pd.Series([None, None], dtype=object)})
    write_parquet(frame, tmp_path / "t.parquet")
    types = {r[0]: r[1] for r in duckdb.sql(f"describe select * from '{tmp_path}/t.parquet'").fetchall()}
    assert types == {"claim": "VARCHAR", "sentence_index": "BIGINT", "similarity": "DOUBLE", "mixed": "VARCHAR",
                     "none": "VARCHAR"}
    assert duckdb.sql(f"select mixed from '{tmp_path}/t.parquet'").fetchall() == [("a",), ("2",)]
