"""The `storylens` command: DESIGN's contract, both entry points, one-line errors, README coverage."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import cli
from analysis.cli import main
from tests.dated_samples import dated_samples
from tests.conftest import ROOT, SAMPLE_DIR, SEED_000, SEED_001, SEED_002, SEED_003, SEED_004
from tests.hostile import LOADED, SKIPPED, write_hostile_corpus

ALL_SEEDS = [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004]
SAMPLE = str(SAMPLE_DIR)
VENV_BIN = Path(sys.executable).parent
# DESIGN.md's table: the columns each command must have (at least).
CONTRACT = {
    "load": ["article", "title", "outlet", "published", "author", "url", "words", "sentences"],
    "keywords": ["article", "rank", "keyword", "score"],
    "actors": ["article", "actor", "mentions", "sentiment", "label"],
    "topics": ["article", "topic", "sentences", "share"],
    "compare": ["a_index", "a_sentence", "b_index", "b_sentence", "similarity", "status"],
    "sentences": ["article", "sentence_index", "sentence"],
    "removed": ["article", "reason", "text"],
    "mentions": ["article", "sentence_index", "start", "end", "text", "actor", "type"],
    "names": ["article", "actor", "form", "count"],
    "quotes": ["article", "sentence_index", "speaker", "quote"],
    "events": ["article", "event", "event_title"],
    "claims": ["claim", "article", "sentence_index", "sentence", "similarity"],
    "figures": ["fact", "article", "figure", "sentence_index", "sentence"],
}
COMMAND_ARGS = {name: [name, SAMPLE] for name in CONTRACT}
COMMAND_ARGS["compare"] = ["compare", SAMPLE, SEED_001, SEED_004]
COMMAND_ARGS["index"] = ["index", SAMPLE]


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    """One private cache for the module: later commands may reuse what earlier ones stored."""
    return tmp_path_factory.mktemp("storylens-cache")


@pytest.fixture(autouse=True)
def private_cache(cache_dir: Path, monkeypatch) -> Path:
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(cache_dir))
    return cache_dir


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_csv(capsys, *argv: str) -> pd.DataFrame:
    code, out, err = run(capsys, *argv, "--format", "csv")
    assert code == 0, err
    assert "Traceback" not in err
    return pd.read_csv(io.StringIO(out), keep_default_na=False)


def assert_one_error_line(code: int, out: str, err: str) -> None:
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("storylens: error:")
    assert "Traceback" not in err


# --- the contract on the seeds ------------------------------------------------------------------


@pytest.mark.parametrize("command", list(CONTRACT))
def test_csv_has_contract_columns(capsys, command: str) -> None:
    frame = run_csv(capsys, *COMMAND_ARGS[command])
    assert set(CONTRACT[command]) <= set(frame.columns)
    assert list(frame.columns[: len(CONTRACT[command])]) == CONTRACT[command]  # in the documented order
    assert len(frame) > 0


@pytest.mark.parametrize("command", list(CONTRACT))
def test_json_parses_with_contract_keys(capsys, command: str) -> None:
    code, out, err = run(capsys, *COMMAND_ARGS[command], "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert isinstance(rows, list) and rows
    assert all(set(CONTRACT[command]) <= set(row) for row in rows)


@pytest.mark.parametrize("command", [*CONTRACT, "index"])
def test_table_prints(capsys, command: str) -> None:
    code, out, err = run(capsys, *COMMAND_ARGS[command], "--format", "table")
    assert code == 0, err
    header = out.splitlines()[0].split()
    assert set(CONTRACT.get(command, ["articles", "computed", "cached"])) <= set(header)


def test_default_format_off_a_terminal_is_csv(capsys) -> None:
    code, out, _ = run(capsys, "load", SAMPLE)
    assert code == 0
    assert out.splitlines()[0].startswith("article,title,outlet,published,author,url,words,sentences")


def test_table_shortens_long_cells(capsys) -> None:
    full = run_csv(capsys, *COMMAND_ARGS["compare"])
    code, out, _ = run(capsys, *COMMAND_ARGS["compare"], "--format", "table")
    assert code == 0
    width = cli.TABLE_CELL_CHARS
    long_cells = [s for s in [*full["a_sentence"], *full["b_sentence"]] if len(s) > width]
    # Seed 001's second sentence is 190 characters: a terminal shows its start and an ellipsis.
    assert any(s.startswith("In a detailed conversation held on Wednesday") for s in long_cells)
    for sentence in long_cells:
        assert sentence not in out
        assert sentence[: width - 1] + "…" in out


def test_load_golden(capsys) -> None:
    frame = run_csv(capsys, "load", SAMPLE)
    assert frame["article"].tolist() == ALL_SEEDS
    by_path = frame.set_index("article")
    assert by_path.loc[SEED_001, "outlet"] == "ICARO Media Group"
    assert by_path.loc[SEED_003, "title"] == "Putin Praises Talks with Trump"
    assert by_path["sentences"].between(20, 45).all()
    assert by_path["words"].between(400, 950).all()


def test_keywords_top_and_modes(capsys) -> None:
    article_mode = run_csv(capsys, "keywords", SAMPLE, "--top", "3")
    distinctive = run_csv(capsys, "keywords", SAMPLE, "--mode", "distinctive", "--top", "3")
    for frame in (article_mode, distinctive):
        counts = frame.groupby("article").size()
        assert set(counts.index) == set(ALL_SEEDS)
        assert (counts <= 3).all()
        assert frame.groupby("article")["rank"].apply(lambda r: r.tolist() == list(range(1, len(r) + 1))).all()
    assert article_mode["keyword"].tolist() != distinctive["keyword"].tolist()
    # Kursk is in seed 002 only: the keyword that sets it apart.
    assert "Kursk" in distinctive.loc[distinctive["article"] == SEED_002, "keyword"].tolist()


def test_keywords_bad_top_is_a_one_line_error(capsys) -> None:
    assert_one_error_line(*run(capsys, "keywords", SAMPLE, "--top", "0"))


def test_actors_filter_by_name(capsys) -> None:
    frame = run_csv(capsys, "actors", SAMPLE, "--actor", "Vladimir Putin")
    assert set(frame["actor"]) == {"Vladimir Putin"}
    assert frame["article"].tolist() == ALL_SEEDS  # Putin is in every article
    assert (frame["mentions"] > 0).all()
    assert frame["sentiment"].between(-1, 1).all()
    assert set(frame["label"]) <= {"negative", "neutral", "positive"}


def test_actors_file_is_used(capsys, tmp_path: Path) -> None:
    lexicon = tmp_path / "my_actors.toml"
    lexicon.write_text('[actors]\n"Kremlin" = []\n"Yuri Ushakov" = []\n', encoding="utf-8")
    frame = run_csv(capsys, "actors", SAMPLE, "--actors", str(lexicon))
    assert set(frame["actor"]) == {"Kremlin", "Yuri Ushakov"}
    # Ushakov is quoted in seed 003 (the "useful" dialogues).
    assert SEED_003 in frame.loc[frame["actor"] == "Yuri Ushakov", "article"].tolist()


def test_topics_file_is_used(capsys, tmp_path: Path) -> None:
    lexicon = tmp_path / "my_topics.toml"
    lexicon.write_text('[topics]\n"Iran" = ["Iran"]\n"Kursk front" = ["Kursk"]\n', encoding="utf-8")
    frame = run_csv(capsys, "topics", SAMPLE, "--topics", str(lexicon))
    assert set(frame["topic"]) == {"Iran", "Kursk front"}
    assert len(frame) == 10  # every article x every topic, zeros included
    kursk = frame[frame["topic"] == "Kursk front"].set_index("article")["sentences"]
    assert kursk[SEED_002] > 0
    assert (kursk.drop(SEED_002) == 0).all()
    assert frame["share"].between(0, 1).all()


def test_topics_default_to_the_corpus_file(capsys) -> None:
    frame = run_csv(capsys, "topics", SAMPLE)
    assert "Prisoner exchange" in set(frame["topic"])
    assert frame[(frame["topic"] == "Pope and Vatican") & (frame["article"] == SEED_001)]["sentences"].item() > 0


def test_topics_list_prints_the_given_lexicon(capsys, tmp_path: Path) -> None:
    lexicon = tmp_path / "my_topics.toml"
    lexicon.write_text('[topics]\n"Iran" = ["Iran", "Tehran"]\n"Kursk front" = ["Kursk"]\n', encoding="utf-8")
    frame = run_csv(capsys, "topics", SAMPLE, "--topics", str(lexicon), "--list")
    assert frame.to_dict("records") == [{"topic": "Iran", "terms": "Iran; Tehran"},
                                        {"topic": "Kursk front", "terms": "Kursk"}]
    assert set(run_csv(capsys, "topics", SAMPLE, "--list")["topic"]) >= {"Ceasefire", "Pope and Vatican"}


def test_topics_list_prints_suggested_themes_without_a_lexicon(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "no_lexicon"
    folder.mkdir()
    for seed in ALL_SEEDS:
        (folder / seed).write_text((SAMPLE_DIR / seed).read_text(encoding="utf-8"), encoding="utf-8")
    listed = run_csv(capsys, "topics", str(folder), "--list")
    assert list(listed.columns) == ["topic", "terms"] and len(listed) >= 2
    # The themes listed are the ones coverage is counted for.
    coverage = run_csv(capsys, "topics", str(folder))
    assert list(dict.fromkeys(coverage["topic"])) == list(listed["topic"])
    for terms in listed["terms"]:
        assert all(term and term == term.strip() for term in terms.split("; "))


def test_compare_statuses_and_indexes(capsys) -> None:
    frame = run_csv(capsys, *COMMAND_ARGS["compare"])
    assert set(frame["status"]) <= {"shared", "reworded", "only_a", "only_b"}
    a_indexes = [int(i) for i in frame["a_index"] if str(i) != ""]
    b_indexes = [int(i) for i in frame["b_index"] if str(i) != ""]
    # every sentence of seed 001 appears, and of seed 004; a sentence may pair more than once
    assert sorted(set(a_indexes)) == list(range(24))
    assert sorted(set(b_indexes)) == list(range(27))


def test_index_summary_and_reuse(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path / "fresh"))
    first = run_csv(capsys, "index", SAMPLE).iloc[0]
    assert (first["articles"], first["skipped"]) == (5, 0)
    assert first["computed"] == 5 * first["analyses"]
    second = run_csv(capsys, "index", SAMPLE).iloc[0]
    assert (second["computed"], second["cached"]) == (0, 5 * second["analyses"])
    assert (tmp_path / "fresh").is_dir()


# --- errors: one line, exit 1 -------------------------------------------------------------------


def test_sentences_are_what_the_analyses_see(capsys, tmp_path: Path) -> None:
    from tests.crawled import AP_MISSILE

    (tmp_path / AP_MISSILE.name).write_text(AP_MISSILE.raw, encoding="utf-8")
    rows = run_csv(capsys, "sentences", str(tmp_path))
    body = rows[rows["kind"] == "body"]
    assert body["sentence"].tolist() == list(AP_MISSILE.kept)
    assert body["sentence_index"].tolist() == sorted(body["sentence_index"])
    removed = run_csv(capsys, "removed", str(tmp_path))
    assert "AP Photo/Ahn Young-joon" in set(removed["text"])
    assert set(removed["reason"]) >= {"dateline", "byline", "photo or agency credit"}


def test_actors_methods_and_columns(capsys) -> None:
    target = run_csv(capsys, "actors", SAMPLE, "--actor", "Vladimir Putin")
    assert list(target.columns[:9]) == ["article", "actor", "mentions", "sentiment", "label", "type", "quoted",
                                        "positive", "negative"]
    assert set(target["actor"]) == {"Vladimir Putin"} and set(target["type"]) == {"person"}
    vader = run_csv(capsys, "actors", SAMPLE, "--actor", "Vladimir Putin", "--method", "vader")
    assert set(vader["article"]) == set(target["article"])
    counts = run_csv(capsys, "actors", SAMPLE, "--actor", "Vladimir Putin", "--method", "target")
    assert counts["sentiment"].between(-1, 1).all() and target["sentiment"].between(-1, 1).all()
    assert (counts["positive"].tolist(), counts["negative"].tolist()) == (target["positive"].tolist(),
                                                                         target["negative"].tolist())
    with pytest.raises(SystemExit) as exit_:
        main(["actors", SAMPLE, "--method", "stars"])
    assert exit_.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_names_and_quotes_golden(capsys) -> None:
    names = run_csv(capsys, "names", SAMPLE)
    trump = names[(names["actor"] == "Donald Trump")]
    assert "former U.S. President Donald Trump" in set(trump[trump["article"] == SEED_000]["form"])
    assert "U.S. President Donald Trump" in set(trump[trump["article"] == SEED_004]["form"])
    putin = names[(names["actor"] == "Vladimir Putin") & (names["article"] == SEED_001)]
    assert putin.set_index("form").loc["the Russian leader", "count"] == 3
    quotes = run_csv(capsys, "quotes", SAMPLE)
    assert ("Yuri Ushakov", "useful") in set(zip(quotes["speaker"], quotes["quote"].str.strip(" ,.")))


def test_mentions_point_at_their_words(capsys) -> None:
    mentions = run_csv(capsys, "mentions", SAMPLE)
    assert set(mentions["type"]) == {"person", "organisation"}
    assert {"Vladimir Putin", "Kremlin", "TASS"} <= set(mentions["actor"])


def test_events_claims_and_copies(capsys, tmp_path: Path) -> None:
    dated = str(dated_samples(tmp_path / "dated"))  # three stories for certain: the samples with dates
    events = run_csv(capsys, "events", dated)
    grouped = events.groupby("event")["article"].apply(set)
    assert {SEED_000, SEED_001, SEED_004} in list(grouped)
    claims = run_csv(capsys, "claims", dated, "--event", events.set_index("article").loc[SEED_001, "event"])
    assert claims["claim"].nunique() >= 10 and set(claims["article"]) <= {SEED_000, SEED_001, SEED_004}
    code, _, err = run(capsys, "claims", SAMPLE, "--event", "E99")
    assert code == 1 and "no event 'E99'" in err and "Traceback" not in err
    shared = "The committee met on Tuesday and agreed that the new bridge over the river would open next spring."
    (tmp_path / "a.txt").write_text(f"Bridge to open\n\n{shared} Officials were pleased.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"River crossing\n\nResidents cheered. {shared}\n", encoding="utf-8")
    copies = run_csv(capsys, "copies", str(tmp_path))
    assert list(copies.columns[:4]) == ["article_a", "article_b", "words", "passage"]
    assert copies.iloc[0]["words"] >= 15 and "new bridge over the river" in copies.iloc[0]["passage"]


def test_figures_line_up_the_call_length(capsys, tmp_path: Path) -> None:
    figures = run_csv(capsys, "figures", SAMPLE)
    call = figures[figures["figure"].isin(["75-minute", "over an hour", "hour-long", "more than two hours",
                                           "approximately 50 minutes"])]
    assert call["fact"].nunique() == 1 and call["article"].nunique() == 5
    assert call["disagree"].all()
    within = run_csv(capsys, "figures", str(dated_samples(tmp_path / "dated")), "--event", "E1")
    assert set(within["article"]) <= {SEED_000, SEED_001, SEED_004}


def test_missing_folder(capsys, tmp_path: Path) -> None:
    assert_one_error_line(*run(capsys, "load", str(tmp_path / "nowhere")))


def test_file_instead_of_folder(capsys) -> None:
    assert_one_error_line(*run(capsys, "topics", str(SAMPLE_DIR / SEED_000)))


def test_empty_folder(capsys, tmp_path: Path) -> None:
    assert_one_error_line(*run(capsys, "keywords", str(tmp_path)))


def test_unknown_article_for_compare(capsys) -> None:
    code, out, err = run(capsys, "compare", SAMPLE, SEED_001, "no-such-article.txt")
    assert_one_error_line(code, out, err)
    assert "no-such-article.txt" in err


@pytest.mark.parametrize("command", ["topics", "actors"])
def test_bad_toml_file(capsys, tmp_path: Path, command: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[topics\n"x" = \n', encoding="utf-8")
    assert_one_error_line(*run(capsys, command, SAMPLE, f"--{command}", str(bad)))


def test_missing_lexicon_file(capsys, tmp_path: Path) -> None:
    assert_one_error_line(*run(capsys, "topics", SAMPLE, "--topics", str(tmp_path / "absent.toml")))


def test_hostile_corpus_loads_and_reports_skips(capsys, tmp_path: Path) -> None:
    root = write_hostile_corpus(tmp_path / "corpus", tmp_path / "outside")
    code, out, err = run(capsys, "load", str(root), "--format", "csv")
    assert code == 0
    assert "Traceback" not in err
    frame = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert sorted(frame["article"]) == sorted(LOADED)
    skip_lines = [line for line in err.splitlines() if line.startswith("storylens: skipped ")]
    assert len(skip_lines) == len(SKIPPED)
    for path, fragment in SKIPPED.items():
        assert any(line.startswith(f"storylens: skipped {path}:") and fragment in line for line in skip_lines)
    assert any(line.startswith("storylens: warning:") and "missing.txt" in line for line in err.splitlines())
    assert "must never be read" not in out


# --- real processes: both entry points ----------------------------------------------------------


def _subprocess(args: list[str], cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STORYLENS_CACHE_DIR": str(cache)}
    return subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def test_python_dash_m_analysis(private_cache: Path) -> None:
    done = _subprocess([sys.executable, "-m", "analysis", "load", SAMPLE, "--format", "csv"], private_cache)
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(io.StringIO(done.stdout), keep_default_na=False)
    assert frame["article"].tolist() == ALL_SEEDS


def test_storylens_console_script(private_cache: Path) -> None:
    script = VENV_BIN / "storylens"
    assert script.exists(), f"console script missing: {script}"
    done = _subprocess([str(script), "topics", SAMPLE, "--format", "json"], private_cache)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {row["article"] for row in rows} == set(ALL_SEEDS)


def test_console_script_error_has_no_traceback(private_cache: Path, tmp_path: Path) -> None:
    done = _subprocess([str(VENV_BIN / "storylens"), "load", str(tmp_path / "nowhere")], private_cache)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [f"storylens: error: not a folder: {tmp_path / 'nowhere'}"]


def test_output_piped_into_a_closed_reader_is_not_an_error(private_cache: Path) -> None:
    script = VENV_BIN / "storylens"
    env = {**os.environ, "STORYLENS_CACHE_DIR": str(private_cache)}
    done = subprocess.run(
        f"'{script}' compare '{SAMPLE}' {SEED_001} {SEED_004} --format csv | head -n 1",
        shell=True, capture_output=True, text=True, env=env, timeout=120,
    )
    assert done.stdout.startswith("a_index,a_sentence")
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


# --- documentation ------------------------------------------------------------------------------


def _subcommands() -> list[str]:
    parser = cli._parser()
    actions = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return list(actions[0].choices)


def test_every_design_command_exists() -> None:
    design = {"load", "keywords", "actors", "topics", "compare", "index", "sentences", "mentions", "names",
              "quotes", "events", "claims", "figures", "copies"}
    assert set(_subcommands()) >= design


def test_every_subcommand_is_in_readme_cli_section() -> None:
    readme = ROOT / "README.md"
    assert readme.exists(), "README.md is missing: it must document the storylens command"
    text = readme.read_text(encoding="utf-8")
    heading = re.search(r"^(#+)\s+.*(CLI|command line|`?storylens`? command).*$", text, re.I | re.M)
    assert heading, "README.md has no CLI section (a heading naming the CLI or the storylens command)"
    level = len(heading.group(1))
    rest = text[heading.end():]
    end = re.search(rf"^#{{1,{level}}}\s", rest, re.M)
    section = rest[: end.start()] if end else rest
    missing = [name for name in _subcommands() if not re.search(rf"storylens {name}\b", section)]
    assert not missing, f"README's CLI section does not show: {missing}"
