"""The corpus as tables: its articles, its sentences, what the loader took out; and the one way to group articles by outlet.

What `storylens load`, `sentences` and `removed` print, what `export` writes,
and what the Overview shows: built here once.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.corpus import Article, Corpus

__all__ = ["ARTICLE_COLUMNS", "NO_OUTLET", "article_table", "sentence_table", "removal_table", "outlet_of",
           "outlet_groups", "without_empty"]

ARTICLE_COLUMNS = ["article", "title", "outlet", "published", "author", "url", "words", "sentences", "language",
                   "dateline", "removed", "id"]
# What an article with no outlet, folder or file prefix counts under when articles are grouped by outlet.
NO_OUTLET = "(no outlet)"


def outlet_of(article: Article) -> str:
    """The group an article counts under by outlet: :attr:`Article.group`, or a visible stand-in."""
    return article.group or NO_OUTLET


def outlet_groups(articles: Iterable[Article]) -> dict[str, str]:
    """Article path -> :func:`outlet_of`: how charts and grids of many articles fold them into outlets."""
    return {a.path: outlet_of(a) for a in articles}


def article_table(corpus: Corpus) -> pd.DataFrame:
    """One row per article (`storylens load`).

    Columns: article, title, outlet, published, author, url, words,
    sentences, language, dateline, removed (pieces taken out), id.
    """
    rows = [
        {"article": a.path, "title": a.title, "outlet": a.outlet, "published": a.published, "author": a.author,
         "url": a.url, "words": a.words, "sentences": len(a.sentences), "language": a.language,
         "dateline": a.dateline, "removed": len(a.removed), "id": a.id}
        for a in corpus.articles
    ]
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def without_empty(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """``frame`` without those of ``columns`` that are empty in every row (text files have no author or link)."""
    empty = [c for c in columns if c in frame.columns
             and not frame[c].map(lambda v: v is not None and v == v and str(v).strip() != "").any()]  # v == v: not NaN
    return frame.drop(columns=empty)


def sentence_table(corpus: Corpus) -> pd.DataFrame:
    """Every sentence exactly as the analyses see it.

    Columns: article, sentence_index, sentence, kind (body, headline,
    heading), start, end (character offsets in the article's clean text).
    """
    rows = [(a.path, s.index, s.text, s.kind, s.start, s.end) for a in corpus.articles for s in a.sentences]
    return pd.DataFrame(rows, columns=["article", "sentence_index", "sentence", "kind", "start", "end"])


def removal_table(corpus: Corpus) -> pd.DataFrame:
    """What the loader took out of each article (crawl furniture, bylines, datelines), and why.

    Columns: article, reason, text. Skipped files are in ``corpus.skipped``.
    """
    rows = [(a.path, r.reason, r.text) for a in corpus.articles for r in a.removed]
    return pd.DataFrame(rows, columns=["article", "reason", "text"])
