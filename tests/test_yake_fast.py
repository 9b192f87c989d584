"""analysis.keywords.yake_fast ranks exactly as yake does: same phrases, same order, same scores."""

from __future__ import annotations

from importlib.metadata import version

import pytest
import yake

from analysis.keywords import yake_fast
from tests.conftest import SHARED_CORPORA

SETTINGS = [
    {"n": 3, "window_size": 1, "top": 240},  # what StoryLens runs
    {"n": 2, "window_size": 2, "top": 50},
    {"n": 1, "window_size": 1, "top": 20},
]


def _extractor(**config) -> yake.KeywordExtractor:
    return yake.KeywordExtractor(dedup_lim=1.0, **config)


def _assert_same(extractor: yake.KeywordExtractor, text: str) -> None:
    assert yake_fast.candidates(extractor, text) == extractor.extract_keywords(text)


def test_the_installed_yake_is_one_the_overrides_were_checked_against():
    # When this fails after upgrading yake, run this file with ENABLED forced
    # on; if it passes, add the release to CHECKED_RELEASES, else mend the overrides.
    assert yake_fast.ENABLED, f"yake {version('yake')} is not in {yake_fast.CHECKED_RELEASES}: plain yake runs"


@pytest.mark.parametrize("config", SETTINGS, ids=lambda c: f"n{c['n']}-w{c['window_size']}")
def test_same_ranking_and_scores_on_every_sample_article(sample_corpus, config):
    extractor = _extractor(**config)
    for article in sample_corpus.articles:
        _assert_same(extractor, article.text)


@pytest.mark.parametrize("text", [
    "", "   ", "!!! ... ???", "Word.", "The of and.",
    "NATO NATO NATO. U.S. officials met E.U. officials in 2025; 3,000 troops (approx.) left.",
    "Line one\nline two\n\nline three mentions Kyiv, Kyiv's mayor and the mayors of Kyiv.",
])
def test_same_on_edge_cases(text):
    _assert_same(_extractor(n=3, window_size=1, top=240), text)


def test_same_with_another_language_stopword_list():
    text = ("Die Regierung in Berlin hat am Montag neue Gespräche angekündigt. "
            "Der Kanzler sagte, die Gespräche mit Moskau seien schwierig. "
            "In Berlin und Moskau wird über die Gespräche berichtet.")
    _assert_same(_extractor(lan="de", n=3, window_size=1, top=50), text)


def test_refuses_an_extractor_that_deduplicates():
    with pytest.raises(ValueError, match="dedup_lim"):
        yake_fast.candidates(yake.KeywordExtractor(dedup_lim=0.9), "Some text about talks.")


def test_the_checked_release_does_not_call_plain_yake(monkeypatch, sample_corpus):
    extractor = _extractor(n=3, window_size=1, top=240)
    expected = extractor.extract_keywords(sample_corpus.articles[0].text)
    monkeypatch.setattr(extractor, "extract_keywords", lambda text: pytest.fail("plain yake ran"))
    assert yake_fast.candidates(extractor, sample_corpus.articles[0].text) == expected


def test_runs_plain_yake_when_the_release_is_not_checked(monkeypatch, sample_corpus):
    calls = []
    extractor = _extractor(n=3, window_size=1, top=240)
    plain = extractor.extract_keywords
    monkeypatch.setattr(extractor, "extract_keywords", lambda text: calls.append(text) or plain(text))
    monkeypatch.setattr(yake_fast, "ENABLED", False)
    text = sample_corpus.articles[0].text
    assert yake_fast.candidates(extractor, text) == plain(text)
    assert calls == [text]


@pytest.mark.corpora
def test_same_on_bbc_articles():
    files = sorted((SHARED_CORPORA / "bbc_news").rglob("*.txt"))
    if not files:
        pytest.skip("research corpus ../shared/corpora/bbc_news is not here")
    extractor = _extractor(n=3, window_size=1, top=240)
    for path in files[::25]:  # about 90 articles, every category
        _assert_same(extractor, path.read_text(encoding="utf-8", errors="replace"))
