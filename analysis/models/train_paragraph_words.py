"""Fit the paragraph word model (paragraph_words) on PerSenT dev's paragraph labels, and cross-fit its readings.

Used by ``train_treatment`` (needs the ``train`` extra, scikit-learn). The
examples are the labelled paragraphs of PerSenT dev files whose paragraphs line
up with their labels, each file's paragraphs in its fold; held-out files'
paragraphs (fold -1) are never read into a fit. :class:`CrossFit` gives the
treatment model's word columns for a set of training folds: for the rows of
those folds from a model that never saw their fold's paragraphs (as stacking
needs), for every other row from the model of all those folds.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.models.paragraph_words import (
    CLASSES, READINGS, WordModel, body_paragraphs, paragraph_terms, paragraph_tokens,
)

__all__ = ["KEEP_TERMS", "CrossFit", "examples", "fit_words"]

# Terms kept from the first fit, by their largest weight over the classes: about a quarter of the words and pairs
# seen in two paragraphs or more (~20,000), so the shipped file stays small; the model is refitted on them.
KEEP_TERMS = 5000
MIN_PARAGRAPHS = 2  # a term seen in one paragraph only says nothing general
_LABELS = {"Negative": -1, "Neutral": 0, "Positive": 1}


def examples(corpora: Path, folds: dict[str, int]) -> tuple[list[list[str]], np.ndarray, np.ndarray]:
    """(terms, label, fold) of each labelled PerSenT dev paragraph whose file ``folds`` gives a fold.

    A file's body is its lines after the title and the blank line, one paragraph
    a line; files whose paragraphs do not line up with their labels are left out.
    """
    terms, labels, where = [], [], []
    folder = corpora / "persent_dev"
    with open(folder / "labels.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["file"] not in folds:
                continue
            lines = (folder / row["file"]).read_text(encoding="utf-8").split("\n")[2:]
            body, marks = [line for line in lines if line.strip()], row["paragraph_labels"].split("|")
            if len(body) != len(marks):
                continue
            for paragraph, mark in zip(body, marks):
                if mark:
                    terms.append(paragraph_terms(paragraph_tokens(paragraph, row["entity"])))
                    labels.append(_LABELS[mark])
                    where.append(folds[row["file"]])
    return terms, np.asarray(labels), np.asarray(where)


def _fit(terms: list[list[str]], labels: np.ndarray, vocabulary: list[str] | None) -> WordModel:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = TfidfVectorizer(analyzer=list, min_df=MIN_PARAGRAPHS if vocabulary is None else 1,
                                 vocabulary=vocabulary, sublinear_tf=True)
    model = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced").fit(
        vectoriser.fit_transform(terms), labels)
    order = [list(model.classes_).index(c) for c in CLASSES]
    return WordModel(dict(vectoriser.vocabulary_), vectoriser.idf_.copy(), model.coef_[order].copy(),
                     model.intercept_[order].copy())


def fit_words(terms: list[list[str]], labels: np.ndarray) -> WordModel:
    """Tf-idf of the terms seen in two paragraphs or more, a class-balanced logistic regression, then refitted
    on the :data:`KEEP_TERMS` terms of largest weight (so the tf-idf's norm at run time is the fitted one's)."""
    first = _fit(terms, labels, None)
    weight = np.abs(first.coef).max(axis=0)
    terms_by_index = sorted(first.vocabulary, key=first.vocabulary.get)
    kept = sorted(terms_by_index[i] for i in np.argsort(-weight, kind="stable")[:KEEP_TERMS])
    return _fit(terms, labels, kept)


class CrossFit:
    """The word columns of ``frame``'s rows (corpus, article, actor, fold) from word models fitted on chosen folds."""

    def __init__(self, corpora: Path, frame: pd.DataFrame, articles: dict[tuple[str, str], object]):
        persent = frame[frame["corpus"] == "persent"]
        self.terms, self.labels, self.where = examples(corpora, dict(zip(persent["article"], persent["fold"])))
        self.fold = frame["fold"].to_numpy()
        self.rows = [(body_paragraphs(articles[(corpus, path)]), actor)
                     for corpus, path, actor in zip(frame["corpus"], frame["article"], frame["actor"])]
        # The same readings as treatment_features': WordModel.readings over the article's body paragraphs.
        self._fitted: dict[frozenset[int], WordModel] = {}

    def fitted(self, folds: frozenset[int]) -> WordModel:
        """The word model of the paragraphs in ``folds`` (never fold -1, the held-out files)."""
        if folds not in self._fitted:
            part = np.isin(self.where, sorted(folds)) & (self.where >= 0)
            self._fitted[folds] = fit_words([t for t, p in zip(self.terms, part) if p], self.labels[part])
        return self._fitted[folds]

    def read(self, model: WordModel, rows: np.ndarray) -> np.ndarray:
        """:data:`READINGS` of ``rows`` by ``model``."""
        out = np.zeros((len(rows), len(READINGS)))
        for r, i in enumerate(rows):
            readings = model.readings(*self.rows[i])
            out[r] = [readings[name] for name in READINGS]
        return out

    def columns(self, folds: set[int]) -> np.ndarray:
        """Every row's :data:`READINGS`: cross-fitted for the rows of ``folds``, from all of ``folds`` elsewhere."""
        folds = frozenset(folds)
        values = np.zeros((len(self.rows), len(READINGS)))
        inside = np.isin(self.fold, sorted(folds))
        values[~inside] = self.read(self.fitted(folds), np.flatnonzero(~inside))
        for fold in folds:
            rows = np.flatnonzero(self.fold == fold)
            values[rows] = self.read(self.fitted(folds - {fold}), rows)
        return values
