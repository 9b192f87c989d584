"""Topics: a named term lexicon (topics.toml), suggested themes, and who covers what.

A sentence covers a topic when it holds any of the topic's terms, matched the
one way the project matches terms (:func:`analysis.lexicon.find_terms`), found
quickly by :mod:`analysis.sentence_search`.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from analysis.engine.batch import Runner
from analysis.corpus import Corpus
from analysis.lexicon import Lexicon, dump_lexicon, find_terms, parse_lexicon
from analysis.sentence_search import ArticleText, TermPlan, sentence_hits, sentences_holding
from analysis.themes import ThemeSettings, suggest_themes

__all__ = [
    "parse_topics", "dump_topics", "suggest_topics", "coverage_matrix", "topic_sentences",
    "single_article_topics", "lexicon_table", "ThemeSettings", "TOPICS_TABLE",
]

TOPICS_TABLE = "topics"
COVERAGE_COLUMNS = ["article", "topic", "sentences", "share", "total_sentences"]
SENTENCE_COLUMNS = ["article", "topic", "sentence_index", "sentence", "terms", "spans"]
SINGLE_COLUMNS = ["topic", "article", "sentences"]
LEXICON_COLUMNS = ["topic", "terms"]


def parse_topics(text: str) -> Lexicon:
    """Read the ``[topics]`` table of a topics.toml document."""
    return parse_lexicon(text, TOPICS_TABLE)


def dump_topics(lexicon: Lexicon) -> str:
    """The topics as a topics.toml document that :func:`parse_topics` reads back."""
    return dump_lexicon(lexicon, TOPICS_TABLE)


def suggest_topics(corpus: Corpus, settings: ThemeSettings = ThemeSettings(), *,
                   runner: Runner | None = None) -> Lexicon:
    """Topics for a corpus without topics.toml: the themes :func:`analysis.themes.suggest_themes` finds."""
    return suggest_themes(corpus, settings, runner=runner)


def lexicon_table(lexicon: Lexicon) -> pd.DataFrame:
    """The topics as rows for printing: topic, terms (joined by "; ")."""
    return pd.DataFrame([(name, "; ".join(terms)) for name, terms in lexicon], columns=LEXICON_COLUMNS)


def coverage_matrix(corpus: Corpus, topics: Lexicon) -> pd.DataFrame:
    """How many sentences of each article touch each topic, zeros included.

    Columns: article (path), topic, sentences (sentences holding any of the
    topic's terms), share (sentences / total_sentences, 0..1), total_sentences.
    """
    plans = [(name, TermPlan(terms)) for name, terms in topics]
    columns: dict[str, list] = {name: [] for name in COVERAGE_COLUMNS}
    for article in corpus.articles:
        view = ArticleText(article)
        total = len(article.sentences)
        for name, plan in plans:
            count = len(sentences_holding(view, plan))
            columns["article"].append(article.path)
            columns["topic"].append(name)
            columns["sentences"].append(count)
            columns["share"].append(count / total if total else 0.0)
            columns["total_sentences"].append(total)
    frame = pd.DataFrame(columns, columns=COVERAGE_COLUMNS)
    return frame.astype({"sentences": int, "share": float, "total_sentences": int})


def topic_sentences(
    corpus: Corpus, topics: Lexicon, topic: str, article: str | None = None
) -> pd.DataFrame:
    """The sentences that cover ``topic``, with the terms found and where.

    Columns: article (path), topic, sentence_index, sentence, terms (matched
    text as written), spans ((start, end) in the sentence). Raises KeyError
    for a topic that is not in ``topics``.
    """
    lookup = dict(topics)
    if topic not in lookup:
        raise KeyError(f"no topic named {topic!r}")
    terms = lookup[topic]
    articles = corpus.articles if article is None else (corpus.article(article),)
    rows = []
    for art in articles:
        for index in sentence_hits(art, terms):
            text = art.sentences[index].text
            spans = find_terms(terms, text)
            rows.append({"article": art.path, "topic": topic, "sentence_index": index,
                         "sentence": text, "terms": [text[s:e] for s, e in spans],
                         "spans": spans})
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def single_article_topics(coverage: pd.DataFrame) -> pd.DataFrame:
    """Topics exactly one article covers: what only that outlet reports.

    Columns: topic, article (path), sentences.
    """
    covered = coverage[coverage["sentences"] > 0]
    per_topic = Counter(covered["topic"])
    only = covered[covered["topic"].map(per_topic) == 1]
    return only[SINGLE_COLUMNS].sort_values(["article", "topic"]).reset_index(drop=True)
