"""The index keeps the actors' corpus-wide results, and the Actors page reads them back unchanged."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from analysis import actors
from analysis.engine import versions
from analysis.engine.batch import Runner, task_name
from analysis.engine.cache import CACHE_FILE, AnalysisCache
from analysis.cli import main
from analysis.corpus import load_corpus
from analysis.frame_json import frame_from_json, frame_to_json
from analysis.models.treatment_features import article_tone
from tests.conftest import SAMPLE_DIR

LAYER, TREATMENT = task_name(actors.actor_layer), task_name(actors.treatment)
MENTIONS = task_name(actors.article_mentions)
TONE = task_name(article_tone)


def _same_layer(a: actors.ActorLayer, b: actors.ActorLayer) -> None:
    assert (a.actors, a.types, a.key) == (b.actors, b.types, b.key)
    pd.testing.assert_frame_equal(a.mentions, b.mentions)
    pd.testing.assert_frame_equal(a.quotes, b.quotes)


def _stored(cache_dir: Path) -> dict[str, int]:
    with sqlite3.connect(cache_dir / CACHE_FILE) as conn:
        return dict(conn.execute("SELECT task, COUNT(*) FROM results GROUP BY task").fetchall())


@pytest.mark.parametrize("table", [True, False], ids=["actors.toml", "discovered"])
def test_index_stores_what_the_actors_page_reads_and_it_reads_back_the_same(table, tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLE_DIR, folder)
    if not table:
        (folder / "actors.toml").unlink()
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["index", str(folder), "--format", "csv"]) == 0
    stored = _stored(tmp_path / "cache")
    assert stored[LAYER] == 1 and stored[TREATMENT] == 1 and stored[MENTIONS] == stored[TONE] == 5
    corpus = load_corpus(folder)
    lexicon = actors.parse_actors(corpus.actors_toml) if table else None
    # What a warm index checks, reading neither back: held for this table (or discovery) only.
    cached = Runner(cache=AnalysisCache(tmp_path / "cache" / CACHE_FILE))
    assert actors.treatment_cached(corpus, lexicon, runner=cached)
    other = None if table else actors.parse_actors(load_corpus(SAMPLE_DIR).actors_toml)
    assert not actors.treatment_cached(corpus, other, runner=cached)
    assert not actors.treatment_cached(corpus, lexicon, "vader", runner=cached)
    fresh = actors.actor_layer(corpus, lexicon)  # no cache: computed here
    expected = actors.treatment(fresh, corpus)
    # The per-article results the layer and the treatment are made from go: what the page reads must not need them.
    with sqlite3.connect(tmp_path / "cache" / CACHE_FILE) as conn:
        conn.execute("DELETE FROM results WHERE task IN (?, ?)", (MENTIONS, TONE))
    runner = Runner(cache=AnalysisCache(tmp_path / "cache" / CACHE_FILE))
    layer = actors.actor_layer(corpus, lexicon, runner=runner)
    _same_layer(layer, fresh)
    pd.testing.assert_frame_equal(actors.treatment(layer, corpus, runner=runner), expected)
    assert runner.computed == 0 and MENTIONS not in _stored(tmp_path / "cache")


def test_each_method_and_kind_is_kept_apart_and_reads_back_the_same(tmp_path):
    corpus = load_corpus(SAMPLE_DIR)
    lexicon = actors.parse_actors(corpus.actors_toml)
    cache = AnalysisCache(tmp_path / CACHE_FILE)
    for kind in (None, actors.PERSON):
        for method in actors.METHODS:
            layer = actors.actor_layer(corpus, lexicon, runner=Runner(cache=cache))
            layer = layer.of_type(kind) if kind else layer
            first = actors.treatment(layer, corpus, method, runner=Runner(cache=cache))
            again = actors.treatment(layer, corpus, method, runner=Runner(cache=cache))
            pd.testing.assert_frame_equal(first, again)
            pd.testing.assert_frame_equal(first, actors.treatment(layer, corpus, method))
    assert AnalysisCache(tmp_path / CACHE_FILE).stats()[TREATMENT] == 2 * len(actors.METHODS)


def test_a_frame_reads_back_equal_with_its_dtypes_even_empty():
    frames = [pd.DataFrame({"n": [1, 2], "x": [0.5, float("nan")], "s": ["a", None], "b": [True, False]}),
              pd.DataFrame(columns=["article", "actor", "mentions"])]
    for frame in frames:
        pd.testing.assert_frame_equal(frame_from_json(json.loads(json.dumps(frame_to_json(frame)))), frame)


def test_editing_the_actor_code_recomputes_the_layer_not_the_mentions(tmp_path, monkeypatch):
    # A module of the layer's code, edited on disk: no number is bumped, yet the layer is not served stale.
    shipped = task_name(actors.actor_layer)
    (tmp_path / "layer_code_probe.py").write_text("JOINED = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(versions.SOURCE_INPUTS, "actor layer code",
                        (*versions.SOURCE_INPUTS["actor layer code"], "layer_code_probe"))
    versions._source_digests.forget()
    try:
        before = task_name(actors.actor_layer), task_name(actors.treatment), task_name(actors.article_mentions)
        (tmp_path / "layer_code_probe.py").write_text("JOINED = 2\n", encoding="utf-8")
        versions._source_digests.forget()  # a new process reads the files afresh
        after = task_name(actors.actor_layer), task_name(actors.treatment), task_name(actors.article_mentions)
        assert after[0] != before[0] and after[1] != before[1] and after[2] == before[2]
    finally:
        monkeypatch.undo()
        versions._source_digests.forget()
    assert task_name(actors.actor_layer) == shipped
