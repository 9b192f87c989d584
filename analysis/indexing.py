"""Filling the analysis cache for a whole corpus: what `storylens index` runs."""

from __future__ import annotations

from analysis import actors, compare, keywords
from analysis.batch import Runner
from analysis.corpus import Corpus
from analysis.story import copies, events, figures

# The per-article work behind every page, with the settings the pages start
# from: once these are cached, every page opens without computing anything.
INDEX_TASKS = (
    ("keywords", keywords.article_keywords, keywords.KeywordSettings()),
    ("sentiment", actors.sentence_sentiment, actors.SentimentSettings()),
    ("mentions", actors.article_mentions, actors.MentionSettings()),
    ("stems", compare.article_stems, None),
    ("sentence stems", events.article_sentence_stems, None),
    ("words", copies.article_words, None),
    ("figures", figures.article_figures, None),
)


def index_corpus(corpus: Corpus, runner: Runner) -> dict[str, int]:
    """Run every per-article analysis over the corpus; returns counts for a summary line."""
    runner.ensure_all([(func, settings) for _name, func, settings in INDEX_TASKS], corpus.articles)
    return {
        "articles": len(corpus.articles),
        "skipped": len(corpus.skipped),
        "analyses": len(INDEX_TASKS),
        "computed": runner.computed,
        "cached": runner.reused,
    }
