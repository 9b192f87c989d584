"""Filling the analysis cache for a whole corpus: what `storylens index` runs."""

from __future__ import annotations

from analysis import actors, compare, keywords
from analysis.batch import Runner
from analysis.corpus import Corpus
from analysis.story import copies, events

# The per-article work behind every page, with the settings the pages start
# from: once these are cached, every page opens without computing anything.
# Left out, computed (and cached) the first time they are asked for: VADER's
# sentence scores (the Actors page's vader method) and the figures (the Story
# page reads them for one story at a time, tens of articles, in well under a
# second). On the 2,225 BBC articles the cold index costs 0.67 of plain YAKE
# (bench/index_bench.py, median of 5); the figures would add about 0.05.
INDEX_TASKS = (
    ("keywords", keywords.article_keywords, keywords.KeywordSettings()),
    ("mentions", actors.article_mentions, actors.MentionSettings()),
    ("stems", compare.article_stems, None),
    ("sentence stems", events.article_sentence_stems, None),
    ("words", copies.article_words, None),
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
