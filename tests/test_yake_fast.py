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


# analysis.keywords.segtok_fast: yake's sentence and word splitting, copied with cheaper steps.
TOKENIZE_CASES = [
    "", " ", "Word.", "The U.S. and the U.K. met on Jan. 5. Dr. Smith spoke, e.g. about NATO.",
    "He said: \"We won't go.\" She didn't. They'd left (at 12:30pm) for the E.U. summit. It's the boys' day.",
    "See https://example.com/a?b=1 or mail news@example.org. Prices rose 3.5% to $1,200.50... Really?! Yes.",
    "A hyphen- \n ated word. A sentence\nacross a line. Another\n\nparagraph starts here.",
    "J. K. Rowling wrote it (see p. 5). Mr. Brown, Mrs. Green and Gen. Black came. no capital here. and then.",
    "Smith et al. found it. The [bracketed (nested. part)] ends. Smith, J. and Jones, K. agreed. 5 Dec. 2004 was it.",
    "The &amp; sign &lt;b&gt; escaped. Quotes ‘curly’ and “double”; dashes – and — too: end.",
]


@pytest.mark.parametrize("text", TOKENIZE_CASES)
def test_sentence_and_word_splitting_equal_segtoks_on_edge_cases(text):
    from yake.data.utils import pre_filter, tokenize_sentences

    from analysis.keywords import segtok_fast
    assert segtok_fast.ENABLED
    assert segtok_fast.tokenize_sentences(pre_filter(text)) == tokenize_sentences(pre_filter(text))


@pytest.mark.corpora
def test_sentence_and_word_splitting_equal_segtoks_on_bbc_articles():
    from yake.data.utils import pre_filter, tokenize_sentences

    from analysis.keywords import segtok_fast
    files = sorted((SHARED_CORPORA / "bbc_news").rglob("*.txt"))
    if not files:
        pytest.skip("research corpus ../shared/corpora/bbc_news is not here")
    for path in files[5::25]:  # about 90 articles, not the ones the ranking test reads
        text = pre_filter(path.read_text(encoding="utf-8", errors="replace"))
        assert segtok_fast.tokenize_sentences(text) == tokenize_sentences(text), path.name
