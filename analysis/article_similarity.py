"""How alike whole articles are, for the Overview's map: the one article similarity over a corpus.

Each article's stem counts are a cached per-article task (:func:`article_stems`,
which events read too); the similarity itself is :mod:`analysis.text.tfidf`'s.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from analysis.engine.batch import Runner
from analysis.corpus import Article, Corpus
from analysis.text.tfidf import article_vectors, cosine_matrix
from analysis.text.words import sentence_stems

__all__ = ["article_stems", "similarity_matrix", "most_similar_pairs", "most_alike"]


def article_stems(article: Article, settings: None = None) -> dict[str, int]:
    """How often each content-word stem occurs in the article (a cached per-article task)."""
    del settings  # one way to count; the parameter is Runner.map's shape
    # The text's stems are its sentences' stems: no word spans the space between two sentences.
    return dict(Counter(stem for sentence in sentence_stems(article) for stem in sentence))


def similarity_matrix(corpus: Corpus, *, runner: Runner | None = None) -> pd.DataFrame:
    """Document similarity of every pair of articles (:mod:`analysis.text.tfidf`, the one events read).

    Index and columns are article paths; the diagonal is 1.0. A stem only one
    article uses counts in that article's length but cannot make two
    articles alike.
    """
    paths = [article.path for article in corpus.articles]
    if not paths:
        return pd.DataFrame(np.zeros((0, 0)), index=paths, columns=paths)
    counts = (runner or Runner()).map(article_stems, corpus.articles, None)
    return pd.DataFrame(cosine_matrix(article_vectors(counts).rows).astype(np.float64), index=paths, columns=paths)


def similar_pairs_and_matrix(corpus: Corpus, top: int = 50, *,
                              runner: Runner | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`similarity_matrix` and its :func:`most_similar_pairs`, the matrix built once: the Overview's section."""
    matrix = similarity_matrix(corpus, runner=runner)
    return matrix, most_similar_pairs(matrix, top=top)


def most_similar_pairs(
    similarity: pd.DataFrame | Corpus, top: int = 50, *, runner: Runner | None = None
) -> pd.DataFrame:
    """The ``top`` most similar pairs of distinct articles, most similar first.

    Takes a :func:`similarity_matrix` result, or a corpus to build one from
    (``runner`` then serves its per-article stem counts). Ties keep matrix
    order. Columns: a, b (article paths, a before b in the matrix), similarity.
    """
    matrix = similarity if isinstance(similarity, pd.DataFrame) else similarity_matrix(similarity, runner=runner)
    n = len(matrix)
    values = matrix.to_numpy(dtype=np.float64)
    upper = np.arange(n)[:, None] < np.arange(n)[None, :]
    flat = np.where(upper, values, -np.inf).ravel()
    pairs = n * (n - 1) // 2
    take = max(0, min(top, pairs))
    if take == 0:
        return pd.DataFrame({"a": [], "b": [], "similarity": []}).astype({"a": object, "b": object, "similarity": float})
    # The take-th best value, then every pair above it and the first pairs equal to it.
    cut = np.partition(flat, flat.size - take)[flat.size - take]
    above = np.flatnonzero(flat > cut)
    level = np.flatnonzero(flat == cut)[: take - len(above)]
    chosen = np.concatenate([above, level])
    chosen = chosen[np.lexsort((chosen, -flat[chosen]))]
    rows, cols = np.divmod(chosen, n)
    return pd.DataFrame({"a": matrix.index[rows].to_numpy(dtype=object),
                         "b": matrix.columns[cols].to_numpy(dtype=object),
                         "similarity": flat[chosen]})


def most_alike(similarity: pd.DataFrame | Corpus, first: str | None = None, *,
               runner: Runner | None = None) -> tuple[str, str] | None:
    """Two articles to compare first: ``first`` (else one of the most alike pair) and the article most like it.

    Takes a :func:`similarity_matrix` result, or a corpus to build one from. None when fewer than two
    articles, or no two share a word the similarity counts.
    """
    matrix = similarity if isinstance(similarity, pd.DataFrame) else similarity_matrix(similarity, runner=runner)
    if len(matrix) < 2:
        return None
    if first is None or first not in matrix.index:
        pairs = most_similar_pairs(matrix, top=1)
        first = pairs["a"].iloc[0]
    row = matrix.loc[first].drop(first)
    if row.max() <= 0:
        return None
    return first, row.idxmax()
