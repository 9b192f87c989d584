"""The one article similarity: TF-IDF cosine of content-word stem counts (the Overview's map, events, themes).

A stem weighs ``(1 + log tf) * smoothed_idf(n + prior_documents, df)`` in an
article (tf its count there, df the articles using it, n the articles), and
each article's row is L2-normalised, so the similarity of two articles is
the dot product of their rows. Events refine it with titles, dates and
shared facts; the Overview shows it as it is.

The weighting was chosen for events on dev data, with events' settings
(bench/events_choice.py: a grid per weighting on BASIL 2010-12, text only
and dated, ties to the fewest false merges among PolNeAR tune articles).
Best tune mean and its PolNeAR false merges (of 576 pairs over 7 days apart):
log tf with 10 pseudo-documents 1.000 (4), raw tf with 10 1.000 (8; 0.999
with 4), log tf with none 1.000 (9), raw tf with none (the Overview's
before) 0.994 (7). So log:10, events' own before: events are unchanged
(held out then, BASIL 2013-14 text only: ARI 0.847; events' settings were
re-chosen since, bench/events_tune.py: 0.878, with dates 0.973), and the
Overview's map now shows what stories are grouped by.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from analysis.text.idf import smoothed_idf

if TYPE_CHECKING:
    import scipy.sparse as sp

# scipy is imported where vectors are built: the sidebar of every page reads kept events,
# which need no scipy at all.

__all__ = ["Weighting", "WEIGHTING", "ArticleVectors", "article_vectors", "weigh_counts", "cosine_matrix",
           "normalise_rows"]


@dataclass(frozen=True)
class Weighting:
    """How a stem's count and rarity weigh: ``Weighting(log_tf=False, prior_documents=0)`` is plain TF-IDF."""

    # Log tf: an article naming its subject forty times is not forty times more about it.
    log_tf: bool = True
    # Pseudo-documents added to the IDF count: in a folder of five articles a
    # word in all five would otherwise weigh almost nothing, and small
    # folders of one story would fall apart (BASIL single-event folders stay
    # whole 30/30 with 10, 29/30 with 0, cut-off 0.2, facts ignored).
    prior_documents: float = 10.0


# The weighting every caller uses; bench/events_choice.py measures the others.
WEIGHTING = Weighting()


class ArticleVectors(NamedTuple):
    """L2-normalised rows (one per article, float32), the IDF of each column, and the stem -> column map."""

    rows: sp.csr_matrix
    idf: np.ndarray
    vocabulary: dict[str, int]


def article_vectors(counts: Sequence[Mapping[str, int]], weighting: Weighting | None = None) -> ArticleVectors:
    """The articles' TF-IDF rows from their stem counts (``{stem: count}`` per article), in order."""
    import scipy.sparse as sp

    weighting = weighting or WEIGHTING
    stems = [s for doc in counts for s in doc]
    column, uniques = pd.factorize(pd.Series(stems, dtype=object))
    vocabulary = {s: k for k, s in enumerate(uniques)}
    tf = np.fromiter((c for doc in counts for c in doc.values()), dtype=np.float64, count=len(stems))
    row = np.repeat(np.arange(len(counts)), [len(doc) for doc in counts])
    df = np.bincount(column, minlength=len(uniques))
    idf = smoothed_idf(len(counts) + weighting.prior_documents, df)
    matrix = sp.csr_matrix(((_tf(tf, weighting) * idf[column]).astype(np.float32), (row, column)),
                           shape=(len(counts), len(vocabulary)))
    return ArticleVectors(normalise_rows(matrix), idf, vocabulary)


def weigh_counts(counts: sp.csr_matrix, weighting: Weighting | None = None) -> sp.csr_matrix:
    """A documents x terms count matrix weighted as :func:`article_vectors` weighs, rows L2-normalised (float64).

    For callers that already hold the counts as a matrix (the themes' units).
    """
    weighting = weighting or WEIGHTING
    matrix = counts.tocsr().astype(np.float64)  # a copy: the caller's counts stay counts
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = smoothed_idf(matrix.shape[0] + weighting.prior_documents, df)
    matrix.data = _tf(matrix.data, weighting) * idf[matrix.indices]
    rows = normalise_rows(matrix)
    # Sorted columns within each row: NMF's sums then run in one order, whatever built the matrix,
    # and its factors are the same to the last bit.
    rows.sort_indices()
    return rows


def _tf(counts: np.ndarray, weighting: Weighting) -> np.ndarray:
    # Counts below 1 (none in practice) are read as 1, so log tf never goes negative.
    return 1.0 + np.log(np.maximum(counts, 1.0)) if weighting.log_tf else counts


def cosine_matrix(rows: sp.csr_matrix) -> np.ndarray:
    """Every pair's cosine of L2-normalised ``rows`` (n x n float32), clipped to [0, 1], 1.0 on the diagonal."""
    # One sparse product: 0.9 s on the 2,225 BBC articles, as fast as the Overview's former split of
    # common stems (dense) from rare ones (pair by pair), and summed as events always summed it.
    values = (rows @ rows.T).toarray()
    np.clip(values, 0.0, 1.0, out=values)
    np.fill_diagonal(values, 1.0)
    return values


def normalise_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """``matrix`` with each nonzero row scaled to length 1 (empty rows stay empty)."""
    import scipy.sparse as sp

    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1))).ravel()
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags((1.0 / norms).astype(matrix.dtype)) @ matrix)
