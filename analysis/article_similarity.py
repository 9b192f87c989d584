"""How alike whole articles are: TF-IDF cosine of content-word stems, for the Overview's map and events.

Each article's stem counts are a cached per-article task (:func:`article_stems`);
the corpus-wide matrix is built from them with :func:`analysis.text.idf.smoothed_idf`.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from analysis.batch import Runner
from analysis.corpus import Article, Corpus
from analysis.text.idf import smoothed_idf
from analysis.text.words import sentence_stems

__all__ = ["DENSE_MIN_ARTICLES", "article_stems", "similarity_matrix", "most_similar_pairs"]

# Stems in more than this many articles go into a dense matrix multiplied
# once; the rarer shared stems (most of the vocabulary, and the telling ones)
# are added pair by pair, which costs the sum of their squared document
# frequencies. 48 keeps both halves small on the 2,225-article BBC corpus
# (about 1,300 dense columns, under 2 million sparse pairs).
DENSE_MIN_ARTICLES = 48


def article_stems(article: Article, settings: None = None) -> dict[str, int]:
    """How often each content-word stem occurs in the article (a cached per-article task)."""
    del settings  # one way to count; the parameter is Runner.map's shape
    # The text's stems are its sentences' stems: no word spans the space between two sentences.
    return dict(Counter(stem for sentence in sentence_stems(article) for stem in sentence))


def similarity_matrix(corpus: Corpus, *, runner: Runner | None = None) -> pd.DataFrame:
    """Document similarity of every pair of articles: TF-IDF cosine of content-word stems.

    Index and columns are article paths; the diagonal is 1.0. Weights are raw
    stem counts times smoothed IDF over the corpus; a stem only one article
    uses counts in that article's length but cannot make two articles alike.
    """
    paths = [article.path for article in corpus.articles]
    n = len(paths)
    if n == 0:
        return pd.DataFrame(np.zeros((0, 0)), index=paths, columns=paths)
    counts = (runner or Runner()).map(article_stems, corpus.articles, None)
    doc, column, weight, df = _weights(counts)
    values = np.zeros((n, n))
    shared = df[column] >= 2  # a stem in one article adds nothing to any pair
    dense = shared & (df[column] > DENSE_MIN_ARTICLES)
    if dense.any():
        columns, position = np.unique(column[dense], return_inverse=True)
        matrix = np.zeros((n, len(columns)), dtype=np.float32)
        matrix[doc[dense], position] = weight[dense]
        values += matrix @ matrix.T
    sparse = shared & ~dense
    if sparse.any():
        values += _pair_sums(doc[sparse], column[sparse], weight[sparse], n)
    np.clip(values, 0.0, 1.0, out=values)
    np.fill_diagonal(values, 1.0)
    return pd.DataFrame(values, index=paths, columns=paths)


def _weights(counts: list[dict[str, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(document, stem column, L2-normalised TF-IDF weight) per nonzero entry, and each stem's df."""
    stems = [s for doc_counts in counts for s in doc_counts]
    vocabulary = {s: i for i, s in enumerate(dict.fromkeys(stems))}
    column = np.fromiter(map(vocabulary.__getitem__, stems), dtype=np.int64, count=len(stems))
    weight = np.fromiter((c for doc_counts in counts for c in doc_counts.values()), dtype=np.float64,
                         count=len(stems))
    doc = np.repeat(np.arange(len(counts)), [len(doc_counts) for doc_counts in counts])
    n = len(counts)
    df = np.bincount(column, minlength=len(vocabulary))
    weight *= smoothed_idf(n, df[column])
    norms = np.sqrt(np.bincount(doc, weights=weight * weight, minlength=n))
    weight /= norms[doc]  # an empty article has no entries, so no zero norm is used
    return doc, column, weight, df


def _pair_sums(doc: np.ndarray, column: np.ndarray, weight: np.ndarray, n: int) -> np.ndarray:
    """Sum over stems of weight products for every pair of articles sharing the stem (n x n)."""
    order = np.argsort(column, kind="stable")
    doc, column, weight = doc[order], column[order], weight[order]
    starts = np.flatnonzero(np.r_[True, column[1:] != column[:-1]])
    sizes = np.diff(np.r_[starts, len(column)])
    # Entry e pairs with every entry of its stem's run: repeat e once per run
    # member, and walk the run alongside.
    run_size = np.repeat(sizes, sizes)
    run_start = np.repeat(starts, sizes)
    left = np.repeat(np.arange(len(column)), run_size)
    offsets = np.arange(len(left)) - np.repeat(np.cumsum(run_size) - run_size, run_size)
    right = np.repeat(run_start, run_size) + offsets
    cells = doc[left] * n + doc[right]
    return np.bincount(cells, weights=weight[left] * weight[right], minlength=n * n).reshape(n, n)


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
