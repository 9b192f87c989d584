"""`storylens timeline`: the contract's columns on a dated folder, every grouping, and bad input as one line."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from tests.conftest import ROOT, SAMPLE_DIR

DATED = ROOT / "tests" / "data" / "dated"  # five invented articles, three outlets, one undated


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch) -> None:
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "timeline-cli-cache"))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_csv(capsys, *argv: str) -> tuple[pd.DataFrame, str]:
    code, out, err = run(capsys, "timeline", *argv, "--format", "csv")
    assert code == 0, err
    assert "Traceback" not in err
    return pd.read_csv(io.StringIO(out), keep_default_na=False), err


def assert_one_error_line(code: int, out: str, err: str, fragment: str) -> None:
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("storylens: error:"), err
    assert fragment in lines[0]


def test_by_outlet_with_the_period_chosen_from_the_span(capsys):
    table, err = run_csv(capsys, str(DATED))
    # One week of dates: day by day. gazette_1 was written at 14:00 in UTC+1, of 3 March as written; gazette_2 at
    # 09:00 in UTC-5 on the 10th.
    assert list(table.itertuples(index=False, name=None)) == [
        ("2025-03-03", "Coastal Wire", 1), ("2025-03-03", "Elwin Gazette", 1), ("2025-03-04", "North Herald", 1),
        ("2025-03-10", "Elwin Gazette", 1), ("undated", "North Herald", 1)]
    # The undated article is counted apart, and said so.
    assert "1 of 5 articles have no date" in err


def test_weeks_months_and_no_grouping(capsys):
    weeks, _ = run_csv(capsys, str(DATED), "--every", "week", "--by", "none")
    assert weeks.values.tolist() == [["2025-W10", "all articles", 3], ["2025-W11", "all articles", 1],
                                     ["undated", "all articles", 1]]
    months, _ = run_csv(capsys, str(DATED), "--every", "month")
    assert months.groupby("period")["articles"].sum().to_dict() == {"2025-03": 4, "undated": 1}


def test_by_event_actor_and_topic_with_files(capsys, tmp_path: Path):
    events, _ = run_csv(capsys, str(DATED), "--by", "event", "--every", "week")
    assert list(events.columns) == ["period", "group", "articles"] and events["articles"].sum() == 5
    actors = tmp_path / "actors.toml"
    actors.write_text('[actors]\n"Ines Tovar" = ["harbour master"]\n"Karel Brandt" = []\n', encoding="utf-8")
    named, _ = run_csv(capsys, str(DATED), "--by", "actor", "--actors", str(actors))
    assert list(named.columns) == ["period", "group", "articles", "mentions"]
    assert set(named["group"]) == {"Ines Tovar", "Karel Brandt"}
    assert named[named["group"] == "Ines Tovar"]["articles"].sum() == 4  # every article but the march
    topics = tmp_path / "topics.toml"
    topics.write_text('[topics]\n"Inquiry" = ["inquiry"]\n', encoding="utf-8")
    covered, _ = run_csv(capsys, str(DATED), "--by", "topic", "--topics", str(topics), "--every", "week")
    # gazette_2 names the inquiry in its headline and two sentences.
    assert covered.values.tolist() == [["2025-W10", "Inquiry", 1, 1], ["2025-W11", "Inquiry", 1, 3],
                                       ["undated", "Inquiry", 1, 1]]


def test_a_single_article_works(capsys, tmp_path: Path):
    (tmp_path / "one.txt").write_text("Crane falls\n\nA crane fell at the harbour.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet,published\none.txt,Coastal Wire,2025-03-03\n",
                                           encoding="utf-8")
    table, err = run_csv(capsys, str(tmp_path))
    assert table.values.tolist() == [["2025-03-03", "Coastal Wire", 1]]
    assert err == ""


def test_no_dates_at_all_says_what_to_add(capsys):
    assert_one_error_line(*run(capsys, "timeline", str(SAMPLE_DIR)), "metadata.csv")


@pytest.mark.parametrize("option, value, fragment", [
    ("--every", "fortnight", "no period 'fortnight'"),
    ("--by", "colour", "no grouping 'colour'"),
])
def test_bad_period_or_grouping_is_one_line_and_exit_1(capsys, option, value, fragment):
    assert_one_error_line(*run(capsys, "timeline", str(DATED), option, value), fragment)


def test_the_console_command_exits_1_without_a_traceback(tmp_path: Path):
    env = {**os.environ, "STORYLENS_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "analysis", "timeline", str(DATED), "--every", "fortnight"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("storylens: error: no period 'fortnight'") and "Traceback" not in done.stderr
