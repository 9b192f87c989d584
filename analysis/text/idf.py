"""Inverse document frequency, one formula, and the cosine of weighted word vectors.

Every rarity weight in StoryLens is ``log((n + 1) / (df + 1))``: n documents,
df of them holding the word (or stem). The similarities add 1 to it
(:func:`smoothed_idf`) so a word found everywhere still counts for something;
the phrase index scales it to [0, 1]. Works on numbers and numpy arrays alike.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np

__all__ = ["idf", "smoothed_idf", "idf_weights", "weighted_cosine"]


def idf(documents, df):
    """log((documents + 1) / (df + 1)): 0 for a word in every document; numbers or numpy arrays."""
    ratio = (documents + 1) / (df + 1)
    return np.log(ratio) if isinstance(ratio, np.ndarray) else math.log(ratio)


def smoothed_idf(documents, df):
    """:func:`idf` + 1.

    The +1 keeps a stem found in every document worth something: two
    sentences sharing "ceasefire" are closer than two sharing nothing.
    """
    return idf(documents, df) + 1.0


def idf_weights(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """:func:`smoothed_idf` of each stem over ``documents`` (stem lists)."""
    sets = [set(doc) for doc in documents]
    df = Counter(stem for doc in sets for stem in doc)
    n = len(sets)
    return {s: smoothed_idf(n, count) for s, count in df.items()}


def weighted_cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors (stem -> weight), 0.0 when either is empty."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b[s] for s, w in a.items() if s in b)
    norm = math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))
    return min(1.0, dot / norm) if norm else 0.0
