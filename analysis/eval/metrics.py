"""The metrics every evaluation reports: one macro-F1, Spearman's rank correlation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

__all__ = ["LABELS", "macro_f1", "spearman"]

LABELS = ("negative", "neutral", "positive")


def macro_f1(truth: Sequence, predicted: Sequence, labels: Iterable = LABELS) -> float:
    """Mean over ``labels`` of F1 = 2tp / (2tp + fp + fn); a label with no true positive counts 0."""
    scores = []
    for label in labels:
        tp = sum(1 for t, p in zip(truth, predicted) if t == label and p == label)
        wrong = sum(1 for t, p in zip(truth, predicted) if (t == label) != (p == label))
        scores.append(2 * tp / (2 * tp + wrong) if tp else 0.0)
    return sum(scores) / len(scores)


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rho: Pearson correlation of average ranks (ties share a rank); nan when one side is constant."""
    rx, ry = pd.Series(list(x)).rank(), pd.Series(list(y)).rank()
    if rx.std() == 0 or ry.std() == 0:
        return float("nan")
    return float(rx.corr(ry))
