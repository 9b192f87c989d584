"""How well actor sentiment agrees with BASIL's annotators, against a naive baseline.

Run: ``python bench/actor_sentiment.py [--corpora DIR]`` (default: ../shared/corpora
next to the repository). Reads ``basil_dev`` and its ``labels.csv`` (file, entity,
author_feeling: neg/neu/pos, str- for strong), and prints for each method the
Spearman rank correlation of its score with the ordinal label, and the macro-F1
of its labels. All methods are computed in the same run on the same pairs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from statistics import fmean

import pandas as pd

from analysis import actors
from analysis.corpus import load_corpus
from analysis.lexicon import find_terms

ROOT = Path(__file__).resolve().parents[1]
ORDINAL = {"str-neg": -2, "neg": -1, "neu": 0, "pos": 1, "str-pos": 2}
LABELS = ("negative", "neutral", "positive")
NAIVE_THRESHOLD = 0.05  # VADER's customary sentence thresholds


def spearman(x: pd.Series, y: pd.Series) -> float:
    """Spearman's rho: Pearson correlation of average ranks (ties share a rank)."""
    rx, ry = x.rank(), y.rank()
    if rx.std() == 0 or ry.std() == 0:
        return float("nan")
    return float(rx.corr(ry))


def macro_f1(truth: pd.Series, predicted: pd.Series) -> float:
    """Mean over the three classes of F1 (a class never predicted nor true counts 0)."""
    scores = []
    for label in LABELS:
        tp = int(((predicted == label) & (truth == label)).sum())
        fp = int(((predicted == label) & (truth != label)).sum())
        fn = int(((predicted != label) & (truth == label)).sum())
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return fmean(scores)


def truth_label(feeling: str) -> str:
    value = ORDINAL[feeling.strip().lower()]
    return "negative" if value < 0 else "positive" if value > 0 else "neutral"


def naive_score(article, entity: str) -> float | None:
    """Mean compound of whole sentences naming the person by full name or surname."""
    terms = tuple({entity, entity.split()[-1]})
    analyzer = actors._analyzer()
    values = [analyzer.polarity_scores(s.text)["compound"] for s in article.sentences if find_terms(terms, s.text)]
    return fmean(values) if values else None


def threshold_label(score: float | None, band: float) -> str:
    if score is None:
        return "neutral"
    return "positive" if score >= band else "negative" if score <= -band else "neutral"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    args = parser.parse_args(argv)
    folder = Path(args.corpora) / "basil_dev"
    labels_file = folder / "labels.csv"
    if not labels_file.is_file():
        print(f"BASIL corpus not found at {folder}; nothing to measure.")
        return 0
    corpus = load_corpus(folder)
    labels = pd.read_csv(labels_file)
    labels = labels[labels["file"].isin({a.path for a in corpus.articles})].reset_index(drop=True)
    truth = labels["author_feeling"].map(truth_label)
    ordinal = labels["author_feeling"].str.strip().str.lower().map(ORDINAL)

    variants = {
        "ours (actor_sentiment defaults)": (actors.SentimentSettings(), None),
        "ours, quotes dropped": (actors.SentimentSettings(drop_quotes=True), None),
        "ours, band ±0.05": (actors.SentimentSettings(), 0.05),
    }
    scores: dict[str, list[float | None]] = {name: [] for name in variants}
    scores["naive baseline (±0.05)"] = []
    for row in labels.itertuples():
        article = corpus.article(row.file)
        lexicon = ((row.entity, ()),)
        for name, (settings, _) in variants.items():
            table = actors.actor_sentiment(corpus.subset([row.file]), lexicon, settings=settings)
            scores[name].append(float(table["sentiment"].iloc[0]) if len(table) else None)
        scores["naive baseline (±0.05)"].append(naive_score(article, row.entity))

    found = sum(s is not None for s in scores["ours (actor_sentiment defaults)"])
    print(f"BASIL dev: {len(labels)} (article, entity) pairs, {found} with the entity found in the text")
    print(f"labels: {truth.value_counts().to_dict()}")
    print(f"{'method':34} {'spearman':>9} {'macro-F1':>9}")
    for name, values in scores.items():
        band = variants[name][1] if name in variants else NAIVE_THRESHOLD
        band = band if band is not None else actors.POSITIVE_THRESHOLD
        series = pd.Series([0.0 if v is None else v for v in values])
        predicted = pd.Series([threshold_label(v, band) for v in values])
        print(f"{name:34} {spearman(series, ordinal):9.3f} {macro_f1(truth, predicted):9.3f}")
    always = pd.Series(["neutral"] * len(labels))
    print(f"{'always neutral':34} {'n/a':>9} {macro_f1(truth, always):9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
