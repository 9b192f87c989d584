"""Average-linkage clustering cut at a height, without scipy.cluster.

scipy's ``linkage`` + ``fcluster`` brought scipy.cluster, scipy.spatial,
scipy.special and scipy.linalg into the app's first page (the sidebar groups
a fresh corpus into stories): over a second of start-up for a loop of a few
lines. This is the same algorithm scipy runs for average linkage, the
nearest-neighbour chain, with the same ties (the chain's predecessor first,
then the lowest index) and the same arithmetic in float64, so the flat
clusters are the same; ``tests/test_events.py`` compares them with scipy's.
"""

from __future__ import annotations

import numpy as np

__all__ = ["average_linkage_clusters"]


def average_linkage_clusters(distance: np.ndarray, cut: float) -> np.ndarray:
    """A cluster id per item: average linkage over ``distance`` (square; its upper triangle is read), cut at ``cut``.

    Items share an id when every merge joining them happened at a height of
    ``cut`` or less (scipy's ``fcluster(..., criterion="distance")``). Ids are
    item indices (one per cluster), not numbered from 1.
    """
    n = len(distance)
    upper = np.triu(np.asarray(distance, dtype=np.float64), 1)
    d = upper + upper.T  # exact: each value plus zero
    np.fill_diagonal(d, np.inf)
    size = np.ones(n, dtype=np.int64)
    highest = np.zeros(n)  # the highest merge inside each cluster, kept in its slot
    parent = np.arange(n)  # union-find over items, joined only by merges at or under the cut
    chain: list[int] = []
    for _ in range(n - 1):
        if not chain:
            chain.append(int(np.flatnonzero(size)[0]))
        while True:  # follow nearest neighbours until two are each other's
            x = chain[-1]
            y = int(np.argmin(d[x]))  # the lowest index among equals; merged slots hold inf
            if len(chain) > 1 and d[x, chain[-2]] <= d[x, y]:
                break  # the predecessor wins ties, so the chain ends
            chain.append(y)
        x, y = sorted((chain.pop(), chain.pop()))
        height = d[x, y]
        nx, ny = size[x], size[y]
        size[x], size[y] = 0, nx + ny  # the merged cluster lives in slot y
        others = np.flatnonzero(size)
        others = others[others != y]
        merged = (nx * d[x, others] + ny * d[y, others]) / (nx + ny)
        d[y, others] = d[others, y] = merged
        d[x, :] = d[:, x] = np.inf
        highest[y] = max(height, highest[x], highest[y])
        if highest[y] <= cut:
            parent[_root(parent, x)] = _root(parent, y)
    return np.array([_root(parent, i) for i in range(n)])


def _root(parent: np.ndarray, i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return int(i)
