"""`storylens index` leaves the suggested themes in the cache, where the Topics page reads them, only where it shows them."""

from __future__ import annotations

import pytest

from analysis.engine import index_wide
from analysis.engine.batch import Runner, task_name
from analysis.cli import main
from analysis.engine.cache import AnalysisCache
from analysis.corpus import load_corpus
from analysis.themes import ThemeSettings, suggest_themes, themes_cached
from analysis.topics import suggest_topics
from tests.conftest import SAMPLE_DIR


class NotCached(AssertionError):
    """The themes were not in the cache."""


def _cached_themes(corpus, cache):
    def not_cached():
        raise NotCached

    return Runner(cache=cache).corpus_wide(task_name(suggest_themes), ThemeSettings(), corpus.key, not_cached,
                                           list, tuple)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """The sample articles without their topics.toml, and a cache of their own."""
    for path in sorted(SAMPLE_DIR.glob("*.txt")):
        (tmp_path / "corpus" / path.name).parent.mkdir(exist_ok=True)
        (tmp_path / "corpus" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "corpus"


def test_the_index_leaves_the_themes_the_topics_page_would_compute(folder, capsys):
    assert main(["index", str(folder), "--format", "csv"]) == 0
    corpus = load_corpus(folder)
    expected = suggest_topics(corpus, runner=Runner(cache=None))
    assert expected
    cached = _cached_themes(corpus, AnalysisCache())
    assert [(name, tuple(terms)) for name, terms in cached] == [(name, tuple(terms)) for name, terms in expected]


def test_no_themes_with_a_topics_file_or_past_the_limit(folder, tmp_path, monkeypatch, capsys):
    assert main(["index", str(SAMPLE_DIR), "--format", "csv"]) == 0  # the samples have a topics.toml
    with pytest.raises(NotCached):
        _cached_themes(load_corpus(SAMPLE_DIR), AnalysisCache())
    monkeypatch.setattr(index_wide, "MAX_ARTICLES", 4)  # five articles: one too many
    assert main(["index", str(folder), "--format", "csv"]) == 0
    with pytest.raises(NotCached):
        _cached_themes(load_corpus(folder), AnalysisCache())


def test_the_index_tells_themes_it_has_cached_from_themes_it_has_not(folder, capsys):
    corpus = load_corpus(folder)
    assert not themes_cached(corpus, runner=Runner(cache=AnalysisCache()))  # computed (with one BLAS thread)
    assert main(["index", str(folder), "--format", "csv"]) == 0
    assert themes_cached(corpus, runner=Runner(cache=AnalysisCache()))  # a warm index reads them back
    assert not themes_cached(corpus, runner=Runner(cache=None))
