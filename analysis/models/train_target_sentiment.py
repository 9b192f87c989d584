"""Train the target-sentiment model on NewsMTSC and write its weights and figures.

    python -m analysis.models.train_target_sentiment --corpora ../shared/corpora
    python -m analysis.models.train_target_sentiment --corpora ../shared/corpora --tune

Trains on ``train_mt`` only; settings are chosen on ``dev_mt`` + ``dev_rw``
(``--tune`` prints the dev figures of every candidate); ``test_mt`` and
``test_rw`` are scored once, by the written weights file through the run-time
code, for the figures file. scikit-learn is needed here, never at run time.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from importlib import metadata
from pathlib import Path

import numpy as np

from analysis.eval.metrics import macro_f1
from analysis.models import target_sentiment
from analysis.models.frozen_lists import CARD_KEY, lists_digest
from analysis.models.target_features import (
    TRAINED_LISTS, FeatureSettings, read_sentence, sentence_features, target_features, vader_lexicon_path,
)
from analysis.models.target_sentiment import CLASSES, Item, TargetModel, load_model, score_many

CARD_PATH = Path(__file__).with_name("target_sentiment_card.json")
DEV_SPLITS = ("dev_mt", "dev_rw")
TEST_SPLITS = ("test_mt", "test_rw")
POLARITY_LABEL = {-1: "negative", 0: "neutral", 1: "positive"}
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 20210419  # any fixed number: the intervals must be reproducible
CV_FOLDS = 5
# Probability cut-offs at which the card reports how often a "confident" call is right.
CONFIDENT_THRESHOLDS = (0.5, 0.7, 0.9)
# VADER's customary sentence thresholds, for the baseline.
VADER_THRESHOLD = 0.05


@dataclass(frozen=True)
class TrainSettings:
    """How the classifier is fitted; ``TrainSettings(c=0.3)`` regularises harder."""

    features: FeatureSettings = FeatureSettings()
    # Inverse L2 strength of the logistic regression.
    c: float = 0.05
    # Features seen in fewer training rows are dropped: they cannot be learned and bloat the file.
    min_count: int = 2
    # "balanced" weighs classes by inverse frequency: the training split has fewer positives.
    class_weight: str | None = "balanced"


@dataclass(frozen=True)
class Split:
    """One NewsMTSC split as model inputs and gold labels."""

    name: str
    items: list[Item]
    labels: list[str]


def load_split(corpora: Path, name: str) -> Split:
    """Rows of ``newsmtsc/<name>.jsonl``; each row's others are the other rows' mentions in the same sentence."""
    rows = [json.loads(line) for line in (corpora / "newsmtsc" / f"{name}.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
    spans_by_sentence: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in rows:
        spans_by_sentence[row["sentence"]].append((row["from"], row["to"]))
    items: list[Item] = []
    for row in rows:
        target = (row["from"], row["to"])
        others = [s for s in dict.fromkeys(spans_by_sentence[row["sentence"]]) if s != target]
        items.append((row["sentence"], target[0], target[1], others))
    return Split(name, items, [POLARITY_LABEL[row["polarity"]] for row in rows])


def figure(truth: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Macro-F1 and accuracy with bootstrap 95% intervals from resampling rows; keys f1m, f1m_low, ..., rows."""
    codes = {label: k for k, label in enumerate(CLASSES)}
    t = np.array([codes[x] for x in truth])
    p = np.array([codes[x] for x in predicted])
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    draws = rng.integers(0, len(t), size=(BOOTSTRAP_RESAMPLES, len(t)))
    f1s, accs = [], []
    for draw in draws:
        td, pd_ = t[draw], p[draw]
        f1s.append(macro_f1(td.tolist(), pd_.tolist(), range(len(CLASSES))))
        accs.append(float(np.mean(td == pd_)))
    return {
        "f1m": round(macro_f1(truth, predicted), 4),
        "f1m_low": round(float(np.percentile(f1s, 2.5)), 4),
        "f1m_high": round(float(np.percentile(f1s, 97.5)), 4),
        "accuracy": round(float(np.mean(t == p)), 4),
        "accuracy_low": round(float(np.percentile(accs, 2.5)), 4),
        "accuracy_high": round(float(np.percentile(accs, 97.5)), 4),
        "rows": len(t),
    }


def vader_labels(items: Sequence[Item]) -> list[str]:
    """The baseline: VADER's compound of the whole sentence, ±0.05 thresholds, blind to the target."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    out = []
    for sentence, *_ in items:
        compound = analyzer.polarity_scores(sentence)["compound"]
        out.append("positive" if compound >= VADER_THRESHOLD else "negative" if compound <= -VADER_THRESHOLD
                   else "neutral")
    return out


def model_labels(items: Sequence[Item], model: TargetModel | None = None) -> list[str]:
    """The model's argmax label for each item."""
    return [s.label for s in score_many(items, model=model)]


def featurize(items: Sequence[Item], settings: FeatureSettings) -> list[dict[str, float]]:
    """The feature dict of each item, built exactly as inference builds it."""
    readings = {}
    out = []
    for sentence, start, end, others in items:
        if sentence not in readings:
            readings[sentence] = read_sentence(sentence, settings)
        reading = readings[sentence]
        spans = sorted({(start, end), *others})
        row: dict[str, float] = {}
        for name, value in sentence_features(reading, spans, settings):
            row[name] = row.get(name, 0.0) + value
        for name, value in target_features(reading, (start, end), list(others), settings):
            row[name] = row.get(name, 0.0) + value
        out.append(row)
    return out


def fit(train: Split, settings: TrainSettings) -> TargetModel:
    """Logistic regression on ``train``; the returned model has temperature 1 and rounded weights."""
    return _fit_rows(featurize(train.items, settings.features), train.labels, settings)


def _fit_rows(rows: Sequence[dict[str, float]], labels: Sequence[str], settings: TrainSettings) -> TargetModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for row in rows for name in row)
    kept = [{n: v for n, v in row.items() if counts[n] >= settings.min_count} for row in rows]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(kept)
    classifier = LogisticRegression(C=settings.c, class_weight=settings.class_weight, max_iter=5000)
    classifier.fit(x, list(labels))
    order = [list(classifier.classes_).index(label) for label in CLASSES]
    weights = classifier.coef_[order].T
    names = vectorizer.get_feature_names_out()
    model_rows = {
        str(name): tuple(_round(w) for w in row) for name, row in zip(names, weights) if np.abs(row).max() >= 1e-4
    }
    bias = tuple(_round(b) for b in classifier.intercept_[order])
    return TargetModel(settings.features, model_rows, bias, 1.0)  # type: ignore[arg-type]


def _round(value: float) -> float:
    """Four significant digits: the file stays small and the argmax does not move."""
    return float(f"{value:.4g}")


def calibrate(model: TargetModel, dev: Sequence[Split]) -> TargetModel:
    """The model with the temperature that minimises log-loss on the dev rows."""
    items = [item for split in dev for item in split.items]
    labels = [CLASSES.index(label) for split in dev for label in split.labels]
    raw = score_many(items, model=model)
    logits = np.log(np.array([[s.negative, s.neutral, s.positive] for s in raw]) + 1e-12)
    best, best_loss = 1.0, math.inf
    for temperature in np.arange(0.5, 2.51, 0.05):
        scaled = logits / temperature
        scaled -= scaled.max(axis=1, keepdims=True)
        probs = np.exp(scaled) / np.exp(scaled).sum(axis=1, keepdims=True)
        loss = -float(np.mean(np.log(probs[np.arange(len(labels)), labels])))
        if loss < best_loss:
            best, best_loss = round(float(temperature), 2), loss
    return replace(model, temperature=best)


def write_model(model: TargetModel, path: Path) -> None:
    """The weights file: settings, class order, bias, temperature, feature names and weight rows."""
    names = sorted(model.rows)
    data = {
        "classes": list(CLASSES),
        "settings": asdict(model.settings),
        "bias": list(model.bias),
        "temperature": model.temperature,
        "features": names,
        "weights": [list(model.rows[n]) for n in names],
    }
    path.write_bytes(gzip.compress(json.dumps(data, separators=(",", ":")).encode(), mtime=0))


def calibration(items: Sequence[Item], labels: Sequence[str], model: TargetModel) -> dict[str, object]:
    """How far the probabilities can be trusted: log-loss, expected calibration error, confident precision.

    ``ece``: mean gap between the top probability and accuracy over ten bins of
    the top probability, weighted by rows. ``confident``: for each threshold,
    how many rows have P(negative) (or P(positive)) at or above it, and what
    share of those truly are negative (positive).
    """
    scores = score_many(items, model=model)
    loss = float(np.mean([-math.log(max(getattr(s, label), 1e-12)) for s, label in zip(scores, labels)]))
    top = np.array([max(s.negative, s.neutral, s.positive) for s in scores])
    right = np.array([s.label == label for s, label in zip(scores, labels)])
    bins = np.minimum((top * 10).astype(int), 9)
    ece = sum(abs(top[bins == b].mean() - right[bins == b].mean()) * np.sum(bins == b) for b in set(bins.tolist()))
    confident = {}
    for threshold in CONFIDENT_THRESHOLDS:
        for label in ("negative", "positive"):
            chosen = [gold for s, gold in zip(scores, labels) if getattr(s, label) >= threshold]
            confident[f"{label}>={threshold}"] = {
                "rows": len(chosen),
                "precision": round(sum(g == label for g in chosen) / len(chosen), 4) if chosen else None,
            }
    return {"log_loss": round(loss, 4), "ece": round(float(ece) / max(1, len(scores)), 4), "confident": confident}


def _candidates() -> list[TrainSettings]:
    """What was tried, around the chosen defaults: each differs from them in one or two settings."""
    base = TrainSettings()
    grid = [base, replace(base, c=0.1), replace(base, c=0.02), replace(base, class_weight=None),
            replace(base, min_count=3)]
    for change in ({"bigrams": True}, {"stems": 0}, {"valence_buckets": False, "cue_scale": 1.0},
                   {"cue_scale": 1.0}, {"window": 2}, {"window": 6}, {"decay": 2.0}, {"comma_clauses": False}):
        grid.append(replace(base, features=replace(base.features, **change)))
    return grid


def cross_validated_f1(train: Split, settings: TrainSettings, folds: int = CV_FOLDS) -> float:
    """Mean macro-F1 over ``folds`` folds of the training split, rows of one sentence kept in one fold."""
    rows = featurize(train.items, settings.features)
    sentences = list(dict.fromkeys(item[0] for item in train.items))
    order = np.random.default_rng(BOOTSTRAP_SEED).permutation(len(sentences))
    fold_of = {sentence: int(order[k]) % folds for k, sentence in enumerate(sentences)}
    scores = []
    for fold in range(folds):
        inside = [fold_of[item[0]] != fold for item in train.items]
        model = _fit_rows([r for r, keep in zip(rows, inside) if keep],
                          [y for y, keep in zip(train.labels, inside) if keep], settings)
        held = [k for k, keep in enumerate(inside) if not keep]
        scores.append(macro_f1([train.labels[k] for k in held], model_labels([train.items[k] for k in held], model)))
    return sum(scores) / len(scores)


def tune(corpora: Path) -> None:
    """Print, for every candidate, grouped cross-validated F1m on train_mt and F1m on each dev split."""
    train = load_split(corpora, "train_mt")
    dev = [load_split(corpora, name) for name in DEV_SPLITS]
    for settings in _candidates():
        model = fit(train, settings)
        f1s = [macro_f1(split.labels, model_labels(split.items, model)) for split in dev]
        cv = cross_validated_f1(train, settings)
        print(f"cv {cv:.3f}  dev_mt {f1s[0]:.3f}  dev_rw {f1s[1]:.3f}  {settings}", flush=True)


def speed(items: Sequence[Item], repeats: int = 5, model: TargetModel | None = None) -> float:
    """Best-of-``repeats`` CPU microseconds per mention of one ``score_many`` call over ``items``."""
    score_many(items[:1], model=model)  # the model and VADER's lexicon are loaded outside the timing
    best = math.inf
    for _ in range(repeats):
        began = time.process_time()
        score_many(items, model=model)
        best = min(best, time.process_time() - began)
    return best / max(1, len(items)) * 1e6


def load_seconds(runs: int = 5) -> tuple[float, float]:
    """Median seconds in a fresh process: from import to the first score, and reading the weights alone."""
    code = (
        "import time, numpy\n"
        "t0 = time.perf_counter()\n"
        "from analysis.models import target_sentiment as ts\n"
        "ts.score('Smith won.', 0, 5)\n"
        "t1 = time.perf_counter()\n"
        "ts.load_model()\n"
        "print(t1 - t0, time.perf_counter() - t1)\n"
    )
    root = Path(__file__).resolve().parents[2]
    first, alone = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=root)
        a, b = map(float, out.stdout.split())
        first.append(a)
        alone.append(b)
    return statistics.median(first), statistics.median(alone)


def evaluate(corpora: Path, model: TargetModel) -> dict[str, dict[str, dict[str, object]]]:
    """Figures of ``model`` and the VADER baseline on the dev and test splits: split -> method -> figure."""
    out: dict[str, dict[str, dict[str, object]]] = {}
    for name in DEV_SPLITS + TEST_SPLITS:
        split = load_split(corpora, name)
        out[name] = {
            "model": figure(split.labels, model_labels(split.items, model)),
            "vader": figure(split.labels, vader_labels(split.items)),
        }
        out[name]["model"].update(calibration(split.items, split.labels, model))
    return out


def build(corpora: Path, settings: TrainSettings) -> dict[str, object]:
    """Train, calibrate, write the weights, score them from the file, and write the figures file."""
    train = load_split(corpora, "train_mt")
    dev = [load_split(corpora, name) for name in DEV_SPLITS]
    model = calibrate(fit(train, settings), dev)
    write_model(model, target_sentiment.WEIGHTS_PATH)
    shipped = load_model(check_lists=False)
    card = {
        "model": "multinomial logistic regression over target-aware VADER and word features",
        "weights_file": target_sentiment.WEIGHTS_PATH.name,
        "weights_bytes": target_sentiment.WEIGHTS_PATH.stat().st_size,
        "features": len(shipped.rows),
        "settings": {**asdict(settings), "temperature": shipped.temperature},
        "trained_on": {"split": "train_mt", "rows": len(train.items)},
        "vader": {"version": metadata.version("vaderSentiment"),
                  "lexicon_sha256": hashlib.sha256(vader_lexicon_path().read_bytes()).hexdigest()},
        CARD_KEY: lists_digest(TRAINED_LISTS),
        "tuned_on": list(DEV_SPLITS),
        "bootstrap": {"resamples": BOOTSTRAP_RESAMPLES, "seed": BOOTSTRAP_SEED, "interval": 0.95},
        "figures": evaluate(corpora, shipped),
    }
    # The speed is measured in fresh processes, whose loader checks the card's list digest: write it first.
    CARD_PATH.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    card["speed"] = _speed_figures(corpora, shipped)
    CARD_PATH.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card


def _speed_figures(corpora: Path, model: TargetModel) -> dict[str, object]:
    first, alone = load_seconds()
    return {"first_score_seconds": round(first, 3), "load_seconds": round(alone, 3),
            "us_per_mention_test_rw": round(speed(load_split(corpora, "test_rw").items, model=model), 1),
            "note": "measured at build time on a shared 2-core machine; bench/target_sentiment_bench.py re-measures"}


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: rebuild the weights and figures, or (``--tune``) print dev figures of candidates."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, required=True, help="folder holding newsmtsc/")
    parser.add_argument("--tune", action="store_true", help="print dev figures of candidate settings, write nothing")
    args = parser.parse_args(argv)
    if not (args.corpora / "newsmtsc").is_dir():
        print(f"no newsmtsc/ under {args.corpora}", file=sys.stderr)
        return 1
    if args.tune:
        tune(args.corpora)
        return 0
    card = build(args.corpora, TrainSettings())
    for split in TEST_SPLITS:
        for method, values in card["figures"][split].items():  # type: ignore[index]
            print(f"{split} {method}: F1m {values['f1m']:.3f} [{values['f1m_low']:.3f}, {values['f1m_high']:.3f}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
