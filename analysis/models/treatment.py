"""How an article treats an actor, read as a whole: the article-level treatment model.

An ordinal linear model over :data:`~analysis.models.treatment_features.FEATURES`
(the target model's readings of the actor's sentences, VADER over them and
over the article, where and how prominently the actor appears, in whose
voice, negation), trained on PerSenT dev and BASIL dev by
``train_treatment`` as a ridge regression of the ordinal label (negative -1,
neutral 0, positive 1; BASIL's strong labels at ±1, its plain ones at ±0.5).
The weights ship as package data (``treatment.json``, read once per process)
and inference is numpy: no scikit-learn at run time. The score is the
regression squashed by tanh, in [-1, 1]; the label cuts it at two thresholds
chosen by cross-validation. See TREATMENT.md for the data, the
settings and the figures it reached.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.engine._once import load_once
from analysis.models.treatment_features import FEATURES

__all__ = ["WEIGHTS_PATH", "TreatmentModel", "ModelUnavailable", "load_model", "shipped"]

WEIGHTS_PATH = Path(__file__).with_name("treatment.json")


class ModelUnavailable(Exception):
    """The shipped treatment weights are missing, unreadable, or built for other features."""


@dataclass(frozen=True)
class TreatmentModel:
    """Standardising means and scales, one weight per feature, the intercept and the label thresholds."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (features,)
    intercept: float
    negative_below: float  # a score at or below this is negative
    positive_from: float  # a score at or above this is positive

    def score(self, features: pd.DataFrame) -> np.ndarray:
        """The treatment score of each row of :data:`FEATURES`: tanh of the regression, in [-1, 1]."""
        if features.empty:
            return np.zeros(0)
        x = (features[list(FEATURES)].to_numpy(dtype=float) - self.mean) / self.scale
        return np.tanh(x @ self.coef + self.intercept)

    def label(self, score: float) -> str:
        """negative, neutral or positive for one score."""
        if score >= self.positive_from:
            return "positive"
        if score <= self.negative_below:
            return "negative"
        return "neutral"


def load_model(path: Path = WEIGHTS_PATH) -> TreatmentModel:
    """Read a weights file written by ``train_treatment``; refuses one built for other features."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError("the weights were trained on other features than treatment_features.FEATURES")
        coef = np.asarray(data["coef"], dtype=float)
        if coef.shape != (len(FEATURES),):
            raise ValueError(f"weights of shape {coef.shape}")
        return TreatmentModel(np.asarray(data["mean"], dtype=float), np.asarray(data["scale"], dtype=float), coef,
                              float(data["intercept"]), float(data["negative_below"]), float(data["positive_from"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ModelUnavailable(f"cannot read {path}: {error}") from error


@load_once
def shipped() -> TreatmentModel:
    """The shipped model, loaded on first use and kept for the process."""
    return load_model()
