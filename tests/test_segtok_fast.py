"""analysis.keywords.segtok_fast splits exactly as yake's segtok call: same sentences, same words."""

from __future__ import annotations

from importlib.metadata import version

import pytest
from yake.data.utils import pre_filter, tokenize_sentences

from analysis.keywords import segtok_fast
from analysis.keywords.cleanup import _detitle, _yake_text
from tests.conftest import SHARED_CORPORA


def _assert_same(text: str) -> None:
    assert segtok_fast.tokenize_sentences(text) == tokenize_sentences(text)


def _yake_input(article) -> str:
    """What yake_fast hands segtok for an article's keywords."""
    return pre_filter(_yake_text(_detitle([s.text for s in article.sentences])).replace("\n", " "))


def test_the_installed_segtok_is_one_the_shortcuts_were_checked_against():
    # When this fails after upgrading segtok, run this file with ENABLED forced on; if it passes,
    # add the release to CHECKED_RELEASES, else mend the copied functions.
    assert segtok_fast.ENABLED, f"segtok {version('segtok')} is not in {segtok_fast.CHECKED_RELEASES}"


def test_same_on_every_sample_article(sample_corpus):
    for article in sample_corpus.articles:
        _assert_same(_yake_input(article))
        _assert_same(pre_filter(article.text))  # line breaks kept: the other path through the splitter


@pytest.mark.parametrize("text", [
    "", "   ", ".", "Word.", "Mr. Smith met Dr. Jones in the U.S. on Jan. 5. They talked.",
    "He said approx. 3,000 people (e.g. staff) left. Then, at 12:30, more came.",
    "It was signed by J. Smith, A. Jones and B. Brown. Professor J.-P. Martin agreed.",
    "A sentence about nothing at all that runs on well past sixty-four characters and ends in Mr. Smith spoke.",
    "1" * 80 + ". Digits only before the stop, longer than the searched end.",
    "See the report (Fig. 3). it was cited by Smith et al. in 2020. He's sure O'Neil can't go.",
    "Visit http://example.com/a?b=1 or write to a@b.com; then &amp; more: done,",
    "Line one\nline two\n\nLine three ends with H\u2082O and m\u00b2.\r\nA hyphen- \n ated word.",
    "“Quoted,” she said. 'Single' quotes' ends. Rock'n'roll isn't dead.",
])
def test_same_on_edge_cases(text):
    _assert_same(text)


def test_runs_segtok_through_yake_when_the_release_is_not_checked(monkeypatch):
    calls = []
    monkeypatch.setattr(segtok_fast, "ENABLED", False)
    monkeypatch.setattr(segtok_fast, "yake_tokenize_sentences", lambda text: calls.append(text) or [["x"]])
    assert segtok_fast.tokenize_sentences("Some text.") == [["x"]]
    assert calls == ["Some text."]


@pytest.mark.corpora
def test_same_on_bbc_articles():
    from analysis.corpus import load_corpus

    folder = SHARED_CORPORA / "bbc_news"
    if not folder.is_dir():
        pytest.skip("research corpus ../shared/corpora/bbc_news is not here")
    corpus = load_corpus(folder)
    for article in corpus.articles[::10]:  # about 210 articles, every category
        _assert_same(_yake_input(article))
