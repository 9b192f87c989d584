"""Sentiment a sentence expresses toward one mentioned person or organisation.

A multinomial logistic regression over the features of
:mod:`analysis.models.target_features` (VADER valences weighted by distance to
the mention, the words beside it with mentions masked, negation, quotes and
speech verbs), trained on NewsMTSC by ``train_target_sentiment``. The weights
ship as package data (``target_sentiment.json.gz``, read once per process) and
inference is plain Python: no scikit-learn, no numpy, nothing downloaded. See
TARGET_SENTIMENT.md for the data, the settings and the figures it reached.

    >>> s = "Critics slammed Smith for the disastrous rollout."
    >>> score(s, s.index("Smith"), s.index("Smith") + 5).label
    'negative'
"""

from __future__ import annotations

import gzip
import json
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis.engine._once import load_once
from analysis.models.frozen_lists import stale_lists
from analysis.models.target_features import (
    TRAINED_LISTS, FeatureSettings, SentenceReading, read_sentence, sentence_features, target_features,
)

__all__ = [
    "CLASSES", "Item", "ModelUnavailable", "TargetModel", "TargetScore", "WEIGHTS_PATH", "load_model", "score",
    "score_many",
]

WEIGHTS_PATH = Path(__file__).with_name("target_sentiment.json.gz")
CARD_PATH = WEIGHTS_PATH.with_name("target_sentiment_card.json")
_RETRAIN = "python -m analysis.models.train_target_sentiment"
CLASSES = ("negative", "neutral", "positive")

Item = tuple[str, int, int, Sequence[tuple[int, int]]]
# score_many reuses what it read of a sentence for its other mentions; callers
# list a sentence's mentions together, so a few hundred recent sentences are
# plenty, and a whole corpus in one call stays small in memory.
_SENTENCES_KEPT = 512


class ModelUnavailable(Exception):
    """The shipped target-sentiment weights file is missing or unreadable."""


@dataclass(frozen=True)
class TargetScore:
    """Probabilities that a sentence is negative, neutral or positive toward a target (they sum to 1)."""

    negative: float
    neutral: float
    positive: float

    @property
    def label(self) -> str:
        """The most probable of "negative", "neutral", "positive" (ties go to neutral, then negative)."""
        best = max(self.negative, self.neutral, self.positive)
        if self.neutral == best:
            return "neutral"
        return "negative" if self.negative == best else "positive"

    @property
    def polarity(self) -> float:
        """positive − negative, in [-1, 1]."""
        return self.positive - self.negative


@dataclass(frozen=True)
class TargetModel:
    """Loaded weights: feature name -> row of (negative, neutral, positive) weights, the bias, the temperature."""

    settings: FeatureSettings
    rows: dict[str, tuple[float, float, float]]
    bias: tuple[float, float, float]
    temperature: float

    def logits(self, features: list[tuple[str, float]]) -> list[float]:
        """Summed weights of ``features`` (no bias): one number per class."""
        a = b = c = 0.0
        get = self.rows.get
        for name, value in features:
            row = get(name)
            if row is None:
                continue
            if value == 1.0:  # most features are words that are there or not
                a += row[0]
                b += row[1]
                c += row[2]
            else:
                a += row[0] * value
                b += row[1] * value
                c += row[2] * value
        return [a, b, c]


def load_model(path: Path = WEIGHTS_PATH, *, check_lists: bool = True) -> TargetModel:
    """Read a weights file written by the training script; refuses one whose word lists have changed.

    The training script reads its fresh file with ``check_lists=False``: the card comes after.
    """
    stale = check_lists and stale_lists(TRAINED_LISTS, path.with_name(CARD_PATH.name), _RETRAIN)
    if stale:
        raise ModelUnavailable(f"cannot use {path}: {stale}")
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
        if tuple(data["classes"]) != CLASSES:
            raise ValueError(f"classes {data['classes']} are not {CLASSES}")
        names, weights = data["features"], data["weights"]
        rows = {name: (w[0], w[1], w[2]) for name, w in zip(names, weights)}
        return TargetModel(
            FeatureSettings(**data["settings"]), rows, tuple(data["bias"]), float(data["temperature"]),
        )
    except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError, IndexError) as error:
        raise ModelUnavailable(f"cannot read {path}: {error}") from error


@load_once
def _model() -> TargetModel:
    """The shipped model, loaded on first use and kept for the process."""
    return load_model()


def score(sentence: str, start: int, end: int, *, others: Sequence[tuple[int, int]] = ()) -> TargetScore:
    """Sentiment of ``sentence`` toward the mention at ``sentence[start:end]``.

    ``others`` are the spans of the other mentions in the sentence; they are
    masked like the target. Returns a :class:`TargetScore`.
    """
    return score_many([(sentence, start, end, others)])[0]


def score_many(items: Sequence[Item], *, model: TargetModel | None = None) -> list[TargetScore]:
    """:func:`score` for each (sentence, start, end, others); sentences repeated among them are read once."""
    model = model or _model()
    settings = model.settings
    readings: dict[str, SentenceReading] = {}
    # The masked bag of words is the same for every target of a sentence when
    # each target's others are the sentence's remaining mentions.
    bags: dict[tuple[str, tuple[tuple[int, int], ...]], list[float]] = {}
    out = []
    for item in items:
        text, target, others = _clean(item)
        reading = readings.get(text)
        if reading is None:
            if len(readings) >= _SENTENCES_KEPT:
                readings.clear()
                bags.clear()
            reading = readings[text] = read_sentence(text, settings)
        spans = tuple(sorted({target, *others}))
        bag = bags.get((text, spans))
        if bag is None:
            bag = bags[(text, spans)] = model.logits(sentence_features(reading, list(spans), settings))
        near = model.logits(target_features(reading, target, others, settings))
        out.append(_probabilities([(bag[k] + near[k] + model.bias[k]) / model.temperature for k in range(3)]))
    return out


def _clean(item: Item) -> tuple[str, tuple[int, int], list[tuple[int, int]]]:
    """The sentence and spans of ``item`` made safe: offsets clipped to the text, odd values dropped."""
    try:
        sentence, start, end, others = (tuple(item) + (None, None, None, ()))[:4]
    except TypeError:  # not a sequence at all
        return "", (0, 0), []
    text = sentence if isinstance(sentence, str) else ""
    target = _span(start, end, len(text)) or (0, 0)
    spans = []
    try:
        for other in others or ():
            span = _span(other[0], other[1], len(text))
            if span and span != target:
                spans.append(span)
    except (TypeError, IndexError, KeyError):
        spans = []
    return text, target, spans


def _span(start: object, end: object, size: int) -> tuple[int, int] | None:
    try:
        a, b = int(start), int(end)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return None
    a, b = min(max(a, 0), size), min(max(b, 0), size)
    return (a, b) if a <= b else (b, a)


def _probabilities(logits: list[float]) -> TargetScore:
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    total = sum(exps)
    return TargetScore(exps[0] / total, exps[1] / total, exps[2] / total)
