"""Can a learned word component, context windows or another learner make the treatment model beat whole-article VADER?

    python bench/treatment_variants.py [--corpora DIR]

Issue 17 asks the article-level treatment model to beat plain whole-article
VADER on every labelled set "by a margin its interval shows". The shipped
ridge's paired margin includes zero on every set. This bench compares the
variants tried to close that gap, each under the training script's nested
cross-validation (the same folds: PerSenT by article, BASIL 2010-13 by event;
every setting, word-model penalties included, chosen on the training folds
only; the held-out PerSenT fifth and BASIL 2014 are never read). Per variant
and corpus it prints the model's Spearman, whole-article VADER's, the margin
and its paired 95% bootstrap interval (the training script's resamples, so
the first row reproduces the card), then the CPU cost of the new features. About half an hour on two shared cores
(the joint bags of words and the pairwise learner take most of it).

Word components, none of them shipped:
- a bag of word stems (the actor's name masked) of the actor's sentences or of
  the whole body, in the ridge beside the features (its scale chosen in the
  folds), or stacked (a ridge over words alone, inner out-of-fold, as one feature);
- a word lexicon learned from NewsMTSC's target sentences (another corpus, so
  it cannot leak into the folds; its penalty chosen on NewsMTSC dev), averaged
  over the actor's sentences, the ones beside them and the body;
- a lexicon learned in the folds from PerSenT's per-paragraph labels;
- VADER over the six words either side of each mention (context windows).
And other learners on the shipped features: lasso, a pairwise ranking
logistic regression, gradient boosting, one ridge per corpus, weights by corpus only.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from analysis.models.treatment_features import _analyzer
from treatment_cv import (
    Block, Data, Fitter, _bag, _corpus_rho, _rho, _ridge, _ridge_raw, _standardised, _stems, _vocabulary, _weights,
    margins, nested,
)

ROOT = Path(__file__).resolve().parents[1]
ALPHAS = (1.0, 10.0, 100.0, 1000.0, 3000.0, 10000.0, 30000.0)  # the training script's grid
WORD_ALPHAS = (1.0, 3.0, 10.0)  # a ridge over words alone (stacked)


def _joint_words(source: str) -> tuple[Fitter, tuple]:
    """The bag of words in the ridge beside the features, scaled by a factor chosen in the folds."""
    bags: dict[bytes, np.ndarray] = {}  # one bag per split, whatever the setting (a few held at once)

    def fitter(data, train, test, x, setting):
        alpha, factor = setting
        key = train.tobytes() + b"|" + test.tobytes()
        if key not in bags:
            if len(bags) >= 6:  # the five inner splits and the outer one of the current outer fold
                bags.pop(next(iter(bags)))
            vocabulary = _vocabulary(data.stems[source], train)
            bags[key] = _bag(data.stems[source], np.concatenate([train, test]), vocabulary)
        bag = bags[key]
        bag_train, bag_test = bag[:len(train)], bag[len(train):]
        z, center = _standardised(x, train), bag_train.mean(axis=0)
        full = np.zeros((len(x), x.shape[1] + bag.shape[1]))
        full[train] = np.hstack([z[train], factor * (bag_train - center)])
        full[test] = np.hstack([z[test], factor * (bag_test - center)])
        return _ridge_raw(data, train, test, full, alpha)
    return fitter, tuple((a, f) for a in (100.0, 1000.0, 3000.0, 10000.0) for f in (1.0, 3.0, 10.0))


def _stacked_words(source: str) -> Block:
    """One column: a ridge over words alone, out-of-fold inside the training rows, fitted on them for the rest."""
    from sklearn.linear_model import Ridge

    stems = None

    def word_model(data, rows, alpha):
        vocabulary = _vocabulary(stems, rows)
        model = Ridge(alpha=alpha).fit(_bag(stems, rows, vocabulary), data.y[rows], sample_weight=_weights(data, rows))
        return lambda others: model.predict(_bag(stems, others, vocabulary))

    def inner(data, rows, alpha):
        out = np.zeros(len(rows))
        for fold in np.unique(data.fold[rows]):
            test = data.fold[rows] == fold
            out[test] = word_model(data, rows[~test], alpha)(rows[test])
        return out

    def block(data, train):
        nonlocal stems
        stems = data.stems[source]
        alpha = max(WORD_ALPHAS, key=lambda a: _corpus_rho(data, train, inner(data, train, a)))
        column = np.zeros(len(data.y))
        column[train] = inner(data, train, alpha)
        rest = np.setdiff1d(np.arange(len(data.y)), train)
        column[rest] = word_model(data, train, alpha)(rest)
        return column[:, None]
    return block


def _lexicon_columns(data: Data, lexicon: dict[str, float], rows: np.ndarray) -> np.ndarray:
    """A lexicon's sentence score (its stems' weights summed) averaged over the actor's sentences, those beside
    them and the body, for ``rows``."""
    def mean(sentences):
        return np.mean([sum(lexicon.get(w, 0.0) for w in words) for words in sentences]) if sentences else 0.0
    return np.array([[mean(data.sentence_stems[src][i]) for src in ("about", "near", "body")] for i in rows])


def _sentence_lexicon(train_rows: list[tuple[set[str], float]], alpha: float, weights=None) -> dict[str, float]:
    """A ridge of a sentence's (or paragraph's) label on its binary bag of stems: one weight per stem."""
    from sklearn.linear_model import Ridge

    counts: dict[str, int] = {}
    for words, _ in train_rows:
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    vocabulary = {w: k for k, w in enumerate(sorted(w for w, c in counts.items() if c >= 2))}
    r, c = zip(*((i, vocabulary[w]) for i, (words, _) in enumerate(train_rows) for w in words if w in vocabulary))
    x = csr_matrix((np.ones(len(r)), (r, c)), shape=(len(train_rows), len(vocabulary)))
    model = Ridge(alpha=alpha).fit(x, [y for _, y in train_rows], sample_weight=weights)
    return {w: float(model.coef_[k]) for w, k in vocabulary.items()}


def newsmtsc_lexicon(corpora: Path) -> dict[str, float]:
    """Word weights from NewsMTSC's training sentences (polarity -1/0/1); the penalty chosen on its dev sentences."""
    def read(name):
        rows = [json.loads(line) for line in (corpora / "newsmtsc" / f"{name}.jsonl").open(encoding="utf-8")]
        return [(set(_stems([r["sentence"]], "")), float(r["polarity"])) for r in rows]
    train, dev = read("train_mt"), read("dev_mt") + read("dev_rw")
    fitted = {alpha: _sentence_lexicon(train, alpha) for alpha in (10.0, 30.0, 100.0)}
    truth = np.array([y for _, y in dev])
    best = max(fitted, key=lambda a: _rho(truth, np.array([sum(fitted[a].get(w, 0.0) for w in words)
                                                           for words, _ in dev])))
    return fitted[best]


def _paragraph_lexicon(corpora: Path) -> Block:
    """Word weights learned in the folds from PerSenT's per-paragraph labels of the training articles."""
    folder, paragraphs = corpora / "persent_dev", {}

    with (folder / "labels.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lines = [line for line in (folder / row["file"]).read_text(encoding="utf-8").split("\n")[2:] if line.strip()]
            marks = row["paragraph_labels"].split("|")
            if len(marks) == len(lines):  # a few files' paragraphs do not line up with their labels: left out
                value = {"Positive": 1.0, "Neutral": 0.0, "Negative": -1.0}
                paragraphs[row["file"]] = [(set(_stems([line], row["entity"])), value[m])
                                           for line, m in zip(lines, marks) if m]

    def lexicon(files, alpha):
        rows = [p for f in files for p in paragraphs.get(f, [])]
        y = np.array([v for _, v in rows])
        balance = {v: len(y) / (3 * max((y == v).sum(), 1)) for v in (-1.0, 0.0, 1.0)}
        return _sentence_lexicon(rows, alpha, np.array([balance[v] for v in y]))

    def block(data, train):
        files = sorted({data.article[i] for i in train if data.corpus[i] == "persent"})
        split = [[f for j, f in enumerate(files) if j % 5 == k] for k in range(5)]

        def paragraph_rho(alpha):
            truth, scores = [], []
            for k in range(5):
                score = lexicon([f for j, part in enumerate(split) if j != k for f in part], alpha)
                for f in split[k]:
                    for words, v in paragraphs.get(f, []):
                        truth.append(v)
                        scores.append(sum(score.get(w, 0.0) for w in words))
            return _rho(np.array(truth), np.array(scores))
        alpha = max((3.0, 10.0, 30.0, 100.0), key=paragraph_rho)
        columns = np.zeros((len(data.y), 3))
        for fold in np.unique(data.fold[train]):  # the training rows' columns from lexicons that did not see them
            rows = train[data.fold[train] == fold]
            seen = sorted({data.article[i] for i in train[data.fold[train] != fold] if data.corpus[i] == "persent"})
            columns[rows] = _lexicon_columns(data, lexicon(seen, alpha), rows)
        rest = np.setdiff1d(np.arange(len(data.y)), train)
        columns[rest] = _lexicon_columns(data, lexicon(files, alpha), rest)
        return columns
    return block


def window_columns(data: Data) -> np.ndarray:
    """VADER over each mention's context window: mean, shares negative and positive, sign × log(1 + |sum|)."""
    analyzer, out = _analyzer(), np.zeros((len(data.y), 4))
    for k, windows in enumerate(data.sentences["windows"]):
        if windows:
            v = np.array([analyzer.polarity_scores(w)["compound"] for w in windows])
            out[k] = [v.mean(), (v <= -0.05).mean(), (v >= 0.05).mean(), np.sign(v.sum()) * np.log1p(abs(v.sum()))]
    return out


def _lasso(data, train, test, x, alpha):
    from sklearn.linear_model import Lasso

    z = _standardised(x, train)
    model = Lasso(alpha=alpha, max_iter=5000).fit(z[train], data.y[train], sample_weight=_weights(data, train))
    return np.tanh(model.predict(z[test]))


def _pairwise(data, train, test, x, c):
    """A logistic regression on differences of pairs whose labels differ, within a corpus (6,000 pairs each)."""
    from sklearn.linear_model import LogisticRegression

    rng, z = np.random.default_rng(0), _standardised(x, train)
    diffs = []
    for name in ("persent", "basil"):
        rows = train[data.corpus[train] == name]
        high, low = (a.ravel() for a in np.meshgrid(rows, rows, indexing="ij"))
        keep = data.ordinal[high] > data.ordinal[low]
        chosen = rng.choice(int(keep.sum()), min(6000, int(keep.sum())), replace=False)
        diffs.append(z[high[keep][chosen]] - z[low[keep][chosen]])
    pairs = np.vstack(diffs)
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=500).fit(
        np.vstack([pairs, -pairs]), np.r_[np.ones(len(pairs)), np.zeros(len(pairs))])
    return z[test] @ model.coef_[0]


def _boosting(data, train, test, x, _):
    from sklearn.ensemble import HistGradientBoostingRegressor

    model = HistGradientBoostingRegressor(max_depth=2, learning_rate=0.03, max_iter=200, min_samples_leaf=20,
                                          random_state=0)
    return model.fit(x[train], data.y[train], sample_weight=_weights(data, train)).predict(x[test])


def _per_corpus(data, train, test, x, alpha):
    out = np.zeros(len(test))
    for name in ("persent", "basil"):
        mine = data.corpus[test] == name
        if mine.any():
            out[mine] = _ridge(data, train[data.corpus[train] == name], test[mine], x, alpha)
    return out


def _corpus_weights(data, train, test, x, alpha):
    cell = data.cell
    data.cell = data.corpus  # each corpus weighs the same, its classes as they come
    try:
        return _ridge(data, train, test, x, alpha)
    finally:
        data.cell = cell


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    args = parser.parse_args(argv)
    corpora = Path(args.corpora)
    needed = [corpora / f"{n}_dev" / "labels.csv" for n in ("persent", "basil")] + [corpora / "newsmtsc" / "train_mt.jsonl"]
    if not all(path.is_file() for path in needed):
        print(f"PerSenT dev, BASIL dev or NewsMTSC not found under {corpora}; nothing to measure.")
        return 0
    data = Data(corpora)
    started = time.process_time()
    lexicon = newsmtsc_lexicon(corpora)
    lexicon_train_cpu = time.process_time() - started
    started = time.process_time()
    for texts, key in zip(data.sentences["about"] + data.sentences["near"] + data.sentences["body"], data.keys * 3):
        [set(_stems([t], key[2])) for t in texts]  # the lexicon's reading of each sentence, timed with it
    news_columns = _lexicon_columns(data, lexicon, np.arange(len(data.y)))
    lexicon_cpu = time.process_time() - started
    started = time.process_time()
    windows = window_columns(data)
    window_cpu = time.process_time() - started
    ridge = (_ridge, ALPHAS)
    variants = {
        "shipped features, ridge (the card)": (*ridge, None),
        "+ words of the actor's sentences, in the ridge": (*_joint_words("about"), None),
        "+ words of the body, in the ridge": (*_joint_words("body"), None),
        "+ words of the actor's sentences, stacked": (*ridge, _stacked_words("about")),
        "+ words of the body, stacked": (*ridge, _stacked_words("body")),
        "+ NewsMTSC-learned lexicon": (*ridge, lambda d, t: news_columns),
        "+ PerSenT paragraph lexicon (in folds)": (*ridge, _paragraph_lexicon(corpora)),
        "+ VADER over context windows": (*ridge, lambda d, t: windows),
        "lasso": (_lasso, (0.001, 0.003, 0.01, 0.03, 0.1), None),
        "pairwise ranking logistic": (_pairwise, (0.0003, 0.001, 0.003, 0.01, 0.1), None),
        "gradient boosting (depth 2, fixed)": (_boosting, (None,), None),
        "one ridge per corpus": (_per_corpus, (10.0, 100.0, 1000.0, 3000.0, 10000.0), None),
        "weights by corpus only": (_corpus_weights, ALPHAS, None),
    }
    print(f"{len(variants)} variants, nested 5-fold cross-validation; held-out slices not read.")
    print(f"  {'variant (Spearman: model / VADER, margin [95%])':48} {'PerSenT dev, CV by article':>47} "
          f"{'BASIL 2010-13, CV by event':>45}")
    for name, (fitter, grid, block) in variants.items():
        found = margins(data, nested(data, fitter, grid, block))
        cells = [f"{m:6.3f} / {v:5.3f} {d:+12.3f} [{lo:+.3f}, {hi:+.3f}]" for m, v, d, (lo, hi) in found.values()]
        print(f"  {name:48} {cells[0]:>47} {cells[1]:>45}", flush=True)
    pairs = len(data.y)
    print(f"CPU per (article, actor) pair over {pairs} pairs: VADER over the articles' sentences (article_tone, "
          f"the index's baseline) {1e3 * data.tone_cpu / pairs:.2f} ms; NewsMTSC lexicon columns "
          f"{1e3 * lexicon_cpu / pairs:.2f} ms (its training once: {lexicon_train_cpu:.1f} s); "
          f"VADER over context windows {1e3 * window_cpu / pairs:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
