"""Non-negative matrix factorisation for the suggested themes, and the coherence that picks their number.

scikit-learn's NMF, started from nndsvd (Boutsidis & Gallopoulos 2008) built
from one truncated SVD shared by every theme count tried (the SVD was most of
each fit's time), and NPMI coherence over sentences. scikit-learn is imported
inside the functions: it costs a second, which only suggesting themes should pay.
"""

from __future__ import annotations

import math
import threading
import warnings

import numpy as np

__all__ = ["factor", "prepare_fits", "truncated_svd", "npmi"]

ITERATIONS = 300
_SEED = 0
_FILTER_LOCK = threading.Lock()


def factor(matrix, k: int, svd=None, iterations: int = ITERATIONS):
    """NMF of ``matrix`` into ``k`` factors from the nndsvd start; ``svd`` (:func:`truncated_svd`) may be shared."""
    prepare_fits()
    from sklearn.decomposition import non_negative_factorization

    weights, components = _nndsvd(*(svd or truncated_svd(matrix, k)), k)
    # The function, not NMF().fit_transform: the same solver and factors, without the reconstruction error
    # fit_transform goes on to compute. Nothing here reads that error, and on a matrix the factors fit exactly
    # (a re-issued article and one sharing no word: rank 1) its sparse formula cancels below zero, and its
    # square root warns "invalid value encountered in sqrt".
    weights, components, _ = non_negative_factorization(matrix, weights, components, k, init="custom",
                                                        max_iter=iterations)
    return weights, components


def prepare_fits() -> None:
    """Imports the solver and hides its warning that a fit stopped at its iteration cap: near-converged is as good here.

    Call it before starting fits on threads, so that they need not import
    (two threads importing one package at once can see it half made). The
    filter stays in the process's list and is never swapped out: a
    ``catch_warnings`` block swaps the whole list in and out, so two
    sessions' fits on threads would restore each other's list and the
    warning would print. Only this message of this category is hidden.
    """
    from sklearn.decomposition import non_negative_factorization  # noqa: F401
    from sklearn.exceptions import ConvergenceWarning

    # filterwarnings replaces an equal filter already in the list, so calling this again adds none; but two
    # threads doing it at once could each find none to replace, hence the lock.
    with _FILTER_LOCK:
        warnings.filterwarnings("ignore", message="Maximum number of iterations", category=ConvergenceWarning)


def truncated_svd(matrix, k: int):
    """The first ``k`` singular triplets (u, s, vt), deterministic (fixed seed)."""
    from sklearn.utils.extmath import randomized_svd

    return randomized_svd(matrix, k, random_state=_SEED)


def _nndsvd(u, s, vt, k: int):
    """The nndsvd start, as scikit-learn builds it, from a truncated SVD of ``k`` or more triplets."""
    weights = np.zeros((u.shape[0], k))
    components = np.zeros((k, vt.shape[1]))
    weights[:, 0] = math.sqrt(s[0]) * np.abs(u[:, 0])
    components[0, :] = math.sqrt(s[0]) * np.abs(vt[0, :])
    for j in range(1, k):
        x, y = u[:, j], vt[j, :]
        x_p, y_p, x_n, y_n = np.maximum(x, 0), np.maximum(y, 0), np.abs(np.minimum(x, 0)), np.abs(np.minimum(y, 0))
        nx_p, ny_p, nx_n, ny_n = (float(np.linalg.norm(v)) for v in (x_p, y_p, x_n, y_n))
        if nx_p * ny_p > nx_n * ny_n:
            left, right, sigma = x_p / max(nx_p, 1e-12), y_p / max(ny_p, 1e-12), nx_p * ny_p
        else:
            left, right, sigma = x_n / max(nx_n, 1e-12), y_n / max(ny_n, 1e-12), nx_n * ny_n
        scale = math.sqrt(s[j] * sigma)
        weights[:, j], components[j, :] = scale * left, scale * right
    weights[weights < 1e-6] = 0
    components[components < 1e-6] = 0
    return weights, components


def npmi(held, top) -> float:
    """Mean normalised PMI of the pairs of ``top`` words over sentences; -1 for a pair never together."""
    if len(top) < 2:
        return -1.0
    sub = held[:, top]
    total = held.shape[0]
    together = (sub.T @ sub).toarray() / total
    alone = np.diag(together)
    pairs = np.triu_indices(len(top), 1)
    both = together[pairs]
    expected = alone[pairs[0]] * alone[pairs[1]]
    values = np.full(both.shape, -1.0)
    met = (both > 0) & (both < 1)
    values[met] = np.log(both[met] / expected[met]) / -np.log(both[met])
    values[both >= 1] = 1.0
    return float(values.mean())
