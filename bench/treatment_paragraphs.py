"""Fifth round on the treatment model: PerSenT's paragraph labels, as more data for a word model and as a softer target.

    python bench/treatment_paragraphs.py [--corpora DIR]

PerSenT dev labels, besides each article's sentiment toward its main person, each
of its first paragraphs (labels.csv's ``paragraph_labels``: 4,169 paragraphs over
the 554 articles whose paragraphs line up with their text). The article-level rows
are few (444 cross-validated), so this round asks whether those labels help:

- a word model per paragraph (tf-idf of words and word pairs, the person's name
  masked, a class-balanced three-class logistic regression), trained on the
  training folds' paragraphs only, read over the whole article ("doc"), as the
  mean over its paragraphs ("paragraphs") and over its first three ("lead"):
  extra columns beside the shipped features. Its values for the training rows
  themselves are cross-fitted over the training folds (a row's value never comes
  from a model that saw its own paragraphs), as stacking needs;
- the same word model with NewsMTSC's training sentences added (the target
  masked; political news with a sentiment toward a named target);
- the ridge fitted to a softer PerSenT target: the article label averaged with its
  paragraphs' mean label.

The same nested cross-validation as bench/treatment_learners.py (treatment_cv);
the held-out PerSenT fifth and BASIL 2014 are never read. Per variant and corpus:
the model's Spearman, whole-article VADER's, the margin and its paired 95%
bootstrap interval (the training script's resamples, so the first row reproduces
the card). About five minutes on two shared cores.

Run of Dec 7 (names cache 49), Spearman and margin over whole-article VADER [95%]:

| variant | PerSenT CV (444) | BASIL 2010-13 CV (239) |
| --- | --- | --- |
| the card | 0.396, +0.034 [-0.025, +0.091] | 0.257, +0.079 [-0.033, +0.190] |
| + paragraph word model, whole article | 0.412, +0.050 [-0.005, +0.106] | 0.266, +0.089 [-0.027, +0.200] |
| + paragraph word model, all three readings | 0.415, +0.053 [-0.004, +0.110] | 0.270, +0.092 [-0.023, +0.204] |
| + paragraph and NewsMTSC word model | 0.405, +0.043 [-0.014, +0.101] | 0.256, +0.079 [-0.038, +0.188] |
| ridge fitted to the softer target | 0.382, +0.019 [-0.040, +0.080] | 0.245, +0.068 [-0.051, +0.182] |

Shipped on Dec 7 (TREATMENT.md's fifth round): the three readings are features of the treatment
model (analysis/models/paragraph_words.py, the word model pruned to its 5,000 terms of largest
weight; train_treatment cross-fits them inside its nested folds, as ``block`` does here). This
bench keeps the features before that round (``Data(words=False)``), so its first row is the
card as it was. Still no interval excludes zero. Alone, the word
model with NewsMTSC reads PerSenT at 0.372, above whole-article VADER (0.362), but it mostly
repeats the sentence model, which learned from the same NewsMTSC sentences.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import numpy as np

from treatment_cv import Data, _ridge, margins, nested

ROOT = Path(__file__).resolve().parents[1]
ALPHAS = (1.0, 10.0, 100.0, 1000.0, 3000.0, 10000.0, 30000.0)  # the training script's grid
PARAGRAPH_LABELS = {"Negative": -1, "Neutral": 0, "Positive": 1}
LEAD = 3  # paragraphs read as the lead
WORD_COLUMNS = ("doc", "paragraphs", "lead")


def _mask(text: str, person: str) -> str:
    """``text`` with the person's full name, first and last word written as ENT: the model learns the words
    around a person, not which person."""
    words = [w for w in person.split() if len(w) > 1]
    for name in sorted({person, words[-1], words[0]}, key=len, reverse=True):
        text = re.sub(r"\b%s\b" % re.escape(name), " ENT ", text)
    return text


def _paragraphs(path: Path) -> list[str]:
    """The body paragraphs of a labelled file (title, blank line, one paragraph a line)."""
    return [line.strip() for line in path.read_text(encoding="utf-8").split("\n")[2:] if line.strip()]


class WordModel:
    """Paragraph texts with labels; fits a tf-idf + logistic regression on a chosen part and reads articles."""

    def __init__(self, corpora: Path, data: Data, with_newsmtsc: bool):
        fold = dict(zip(data.frame["article"], data.frame["fold"]))
        self.texts, self.labels, self.folds = [], [], []
        with open(corpora / "persent_dev" / "labels.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                body, labels = _paragraphs(corpora / "persent_dev" / row["file"]), row["paragraph_labels"].split("|")
                if len(body) != len(labels) or row["file"] not in fold:
                    continue
                for paragraph, label in zip(body, labels):
                    if label:
                        self.texts.append(_mask(paragraph, row["entity"]))
                        self.labels.append(PARAGRAPH_LABELS[label])
                        self.folds.append(fold[row["file"]])  # -1: held out, never read
        if with_newsmtsc:
            with open(corpora / "newsmtsc" / "train_mt.jsonl", encoding="utf-8") as handle:
                for line in handle:
                    item = json.loads(line)
                    s = item["sentence"]
                    self.texts.append(s[:item["from"]] + " ENT " + s[item["to"]:])
                    self.labels.append(int(item["polarity"]))
                    self.folds.append(99)  # in every training part
        self.folds = np.array(self.folds)
        # Per row of the data: the article's paragraphs, masked (BASIL's too: its lines are paragraphs).
        self.rows = [[_mask(p, actor) for p in _paragraphs(corpora / f"{corpus}_dev" / article)]
                     for corpus, article, actor in data.keys]

    def fit(self, folds: set[int]):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        part = [i for i, f in enumerate(self.folds) if f in folds or f == 99]
        vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        x = vectoriser.fit_transform([self.texts[i] for i in part])
        model = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced")
        return vectoriser, model.fit(x, [self.labels[i] for i in part])

    def read(self, fitted, rows: np.ndarray) -> np.ndarray:
        """:data:`WORD_COLUMNS` for ``rows``: P(positive) - P(negative) over the whole text, paragraphs, lead."""
        vectoriser, model = fitted
        positive, negative = list(model.classes_).index(1), list(model.classes_).index(-1)
        out = np.zeros((len(rows), len(WORD_COLUMNS)))
        for r, i in enumerate(rows):
            paragraphs = self.rows[i] or [""]
            p = model.predict_proba(vectoriser.transform(paragraphs + [" ".join(paragraphs)]))
            balance = p[:, positive] - p[:, negative]
            out[r] = (balance[-1], balance[:-1].mean(), balance[:-1][:LEAD].mean())
        return out

    def block(self, columns: tuple[str, ...]):
        """Extra columns for ``nested``: cross-fitted over the training folds for the training rows, from all
        training folds for the rest."""
        index = [WORD_COLUMNS.index(c) for c in columns]

        def build(data: Data, train: np.ndarray) -> np.ndarray:
            folds = set(np.unique(data.fold[train]).tolist())
            values = np.zeros((len(data.frame), len(WORD_COLUMNS)))
            rest = np.setdiff1d(np.arange(len(data.frame)), train)
            values[rest] = self.read(self.fit(folds), rest)
            for fold in folds:
                rows = train[data.fold[train] == fold]
                values[rows] = self.read(self.fit(folds - {fold}), rows)
            return values[:, index]
        return build


def softer_target(corpora: Path, data: Data, weight: float = 0.5) -> np.ndarray:
    """Each PerSenT row's target averaged (``weight``) with the mean of its paragraphs' labels."""
    mean = {}
    with open(corpora / "persent_dev" / "labels.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            labels = [PARAGRAPH_LABELS[v] for v in row["paragraph_labels"].split("|") if v]
            if labels:
                mean[row["file"]] = float(np.mean(labels))
    y = data.y.copy()
    for i, (corpus, article, _) in enumerate(data.keys):
        if corpus == "persent" and article in mean:
            y[i] = (1 - weight) * y[i] + weight * mean[article]
    return y


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    args = parser.parse_args(argv)
    corpora = Path(args.corpora)
    if not all((corpora / f"{n}_dev" / "labels.csv").is_file() for n in ("persent", "basil")) \
            or not (corpora / "newsmtsc" / "train_mt.jsonl").is_file():
        print(f"PerSenT dev, BASIL dev or NewsMTSC not found under {corpora}; nothing to measure.")
        return 0
    data = Data(corpora, words=False)  # the features before this round: its variants add the word columns
    paragraphs = WordModel(corpora, data, with_newsmtsc=False)
    print(f"{len(paragraphs.texts)} PerSenT paragraphs with a label (held-out articles' never read)")
    both = WordModel(corpora, data, with_newsmtsc=True)
    soft, hard = softer_target(corpora, data), data.y

    def soft_ridge(data_, train, test, x, alpha):
        data_.y = soft  # the training rows' target; the scores are still compared with the article labels
        try:
            return _ridge(data_, train, test, x, alpha)
        finally:
            data_.y = hard

    variants = {
        "shipped features, ridge (the card)": (_ridge, None),
        "+ paragraph word model, whole article": (_ridge, paragraphs.block(("doc",))),
        "+ paragraph word model, all three readings": (_ridge, paragraphs.block(WORD_COLUMNS)),
        "+ paragraph and NewsMTSC word model, whole article": (_ridge, both.block(("doc",))),
        "ridge fitted to label and paragraphs' mean": (soft_ridge, None),
    }
    print(f"{len(variants)} variants, nested 5-fold cross-validation; held-out slices not read.")
    print(f"  {'variant (Spearman: model / VADER, margin [95%])':52} {'PerSenT dev, CV by article':>47} "
          f"{'BASIL 2010-13, CV by event':>45}")
    for name, (fitter, block) in variants.items():
        scores = nested(data, fitter, ALPHAS, block)
        cells = [f"{m:6.3f} / {v:5.3f} {d:+12.3f} [{lo:+.3f}, {hi:+.3f}]"
                 for m, v, d, (lo, hi) in margins(data, scores).values()]
        print(f"  {name:52} {cells[0]:>47} {cells[1]:>45}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
