"""Average linkage without scipy.cluster gives scipy's flat clusters, ties included."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from analysis.story.linkage import average_linkage_clusters


def _partition(labels) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for item, label in enumerate(labels):
        groups.setdefault(int(label), set()).add(item)
    return {frozenset(g) for g in groups.values()}


def _scipy(distance: np.ndarray, cut: float) -> set[frozenset[int]]:
    return _partition(fcluster(linkage(squareform(distance, checks=False), method="average"), t=cut,
                               criterion="distance"))


@pytest.mark.parametrize("seed", range(40))
def test_same_clusters_as_scipy(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 60))
    points = rng.random((n, 3)).astype(np.float32)
    distance = np.sqrt(((points[:, None] - points[None]) ** 2).sum(-1)) / np.sqrt(3)
    if seed % 2:  # coarse values: many exact ties between pairs
        distance = np.round(distance * 8) / 8
    cut = float(rng.choice([0.1, 0.2, 0.3, 0.5, 0.825]))
    assert _partition(average_linkage_clusters(distance, cut)) == _scipy(distance, cut)


def test_reads_the_upper_triangle_and_handles_one_item():
    distance = np.array([[0.0, 0.1, 0.9], [0.5, 0.0, 0.9], [0.9, 0.9, 0.0]], dtype=np.float32)
    assert _partition(average_linkage_clusters(distance, 0.2)) == {frozenset({0, 1}), frozenset({2})}
    assert list(average_linkage_clusters(np.zeros((1, 1)), 0.5)) == [0]
