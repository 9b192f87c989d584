"""Fourth round on the treatment model: other learners, the article's own tone, and how the margin's interval is drawn.

    python bench/treatment_learners.py [--corpora DIR]

The same nested cross-validation as bench/treatment_variants.py (the training
script's folds: PerSenT dev by article, BASIL 2010-13 by event; every setting
chosen by inner cross-validation on the training folds only; the held-out
PerSenT fifth and BASIL 2014 are never read). Per variant and corpus it prints
the model's Spearman, whole-article VADER's, the margin and its paired 95%
bootstrap interval over pairs (the training script's resamples, so the first
row reproduces the card). Then, for the shipped ridge, the same margin with
the bootstrap drawn over whole articles and over whole events (BASIL's pairs
share an article and an event, and whole-article VADER gives every person in
an article the same score), and the share of resamples at or below zero.
About ten minutes on two shared cores (the gradient boosting takes most of it).

Variants, none of them shipped:
- the article's own tone beside the features: VADER of the headline whoever it
  names, of the first body sentences, of the sentences without quotation marks
  and of those with them (and their share), the shares of strongly negative and
  positive sentences, the body's lowest and highest sentence;
- the features rank-gauss transformed (in the training rows) before the ridge;
- a pooled fit with a corpus indicator and each feature's BASIL interaction;
- two binary logistic regressions (positive, negative; score = P(pos) - P(neg));
- an all-threshold ordinal logistic regression (one weight vector, two cuts);
- gradient boosting, depth 2, strongly regularised, its rate and rounds chosen in the folds;
- the ridge's ranks averaged with the two logistic regressions' ranks.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
from scipy.stats import norm, rankdata

from analysis.models.train_treatment import labelled
from analysis.models.treatment_features import ToneSettings, article_tone
from treatment_cv import Block, Data, _rho, _ridge, _ridge_raw, _standardised, _weights, margins, nested

ROOT = Path(__file__).resolve().parents[1]
ALPHAS = (1.0, 10.0, 100.0, 1000.0, 3000.0, 10000.0, 30000.0)  # the training script's grid
LOGISTIC_C = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1)
LEAD = 3  # body sentences read as the lead, as treatment_features.LEAD_SENTENCES
STRONG = 0.5  # a sentence's VADER compound read as strongly negative or positive
CLUSTER_DRAWS = 2000
_QUOTE = re.compile(r"[\"“”]")
TONE_COLUMNS = ("title_vader", "lead_vader", "plain_vader", "quoted_vader", "quoted_share",
                "strong_negative", "strong_positive", "body_min", "body_max")


def article_columns(corpora: Path, data: Data) -> np.ndarray:
    """Per row, :data:`TONE_COLUMNS`: the article's own tone, whoever the actor (from the cached VADER reading)."""
    tone: dict[tuple[str, str], list[float]] = {}
    for name in ("persent", "basil"):
        corpus, _, _ = labelled(corpora, name)
        for article in corpus.articles:
            reading = article_tone(article, ToneSettings())
            body = [s for s in article.sentences if s.is_body]
            scores = [reading["sentences"][s.index] or 0.0 for s in body] or [0.0]
            quoted = [bool(_QUOTE.search(s.text)) for s in body] or [False]
            plain = [v for v, q in zip(scores, quoted) if not q]
            said = [v for v, q in zip(scores, quoted) if q]
            tone[(name, article.path)] = [
                reading["title"], float(np.mean(scores[:LEAD])), float(np.mean(plain)) if plain else 0.0,
                float(np.mean(said)) if said else 0.0, float(np.mean(quoted)),
                float(np.mean([v <= -STRONG for v in scores])), float(np.mean([v >= STRONG for v in scores])),
                min(scores), max(scores)]
    return np.array([tone[(corpus, article)] for corpus, article, _ in data.keys])


def _columns(values: np.ndarray, names: tuple[str, ...]) -> Block:
    index = [TONE_COLUMNS.index(n) for n in names]
    return lambda data, train: values[:, index]


def _rank_gauss(data, train, test, x, alpha):
    """Each feature replaced by the normal quantile of its rank among the training rows, then the ridge."""
    z = np.empty(x.shape)
    for j in range(x.shape[1]):
        reference = np.sort(x[train, j])
        rank = (np.searchsorted(reference, x[:, j], "left") + np.searchsorted(reference, x[:, j], "right")) / 2
        z[:, j] = norm.ppf((rank + 0.5) / (len(reference) + 1))
    return _ridge_raw(data, train, test, _standardised(z, train), alpha)


def _interactions(data, train, test, x, setting):
    """One ridge over both corpora, with a BASIL indicator and each feature times it (scaled by a factor)."""
    alpha, factor = setting
    basil = (data.corpus == "basil").astype(float)[:, None]
    z = _standardised(x, train)
    return _ridge_raw(data, train, test, np.hstack([z, factor * z * basil, basil]), alpha)


def _two_logistic(data, train, test, x, c):
    """Two binary logistic regressions (label above neutral, below neutral): P(positive) - P(negative)."""
    from sklearn.linear_model import LogisticRegression

    z, w, y = _standardised(x, train), _weights(data, train), data.y[train]
    above = LogisticRegression(C=c, max_iter=2000).fit(z[train], y > 0, sample_weight=w)
    below = LogisticRegression(C=c, max_iter=2000).fit(z[train], y < 0, sample_weight=w)
    return above.predict_proba(z[test])[:, 1] - below.predict_proba(z[test])[:, 1]


def _ordinal_logistic(data, train, test, x, c):
    """All-threshold ordinal logistic: one weight vector, a cut per step (neutral over negative, positive over
    neutral), fitted as one logistic regression over the rows stacked once per cut."""
    from sklearn.linear_model import LogisticRegression

    z, w, sign = _standardised(x, train), _weights(data, train), np.sign(data.y[train])
    rows, above = [], []
    for k, cut in enumerate((-0.5, 0.5)):
        step = np.zeros((len(train), 2))
        step[:, k] = 1.0
        rows.append(np.hstack([z[train], step]))
        above.append(sign > cut)
    model = LogisticRegression(C=c, max_iter=3000, fit_intercept=False).fit(
        np.vstack(rows), np.concatenate(above), sample_weight=np.concatenate([w, w]))
    return z[test] @ model.coef_[0][:z.shape[1]]


def _boosting(data, train, test, x, setting):
    from sklearn.ensemble import HistGradientBoostingRegressor

    rate, rounds = setting
    model = HistGradientBoostingRegressor(max_depth=2, learning_rate=rate, max_iter=rounds, min_samples_leaf=30,
                                          l2_regularization=10.0, random_state=0)
    return model.fit(x[train], data.y[train], sample_weight=_weights(data, train)).predict(x[test])


def _rank_average(data, train, test, x, setting):
    alpha, c = setting
    return rankdata(_ridge(data, train, test, x, alpha)) + rankdata(_two_logistic(data, train, test, x, c))


def cluster_margins(data: Data, scores: np.ndarray, by: str) -> dict[str, tuple]:
    """Per corpus: the margin over whole-article VADER with a 95% bootstrap interval drawn over whole ``by``
    (a frame column: article or group), the share of resamples at or below zero, and the draws (NaN kept, so
    the two corpora's draws pair up as independent resamples of each)."""
    frame = data.frame.iloc[data.pool]
    out = {}
    for name in ("persent", "basil"):
        mine = (frame["corpus"] == name).to_numpy()
        truth, model = data.ordinal[data.pool][mine], scores[mine]
        vader = frame["vader_article"].to_numpy()[mine]
        clusters = frame[by].to_numpy()[mine]
        members = [np.flatnonzero(clusters == c) for c in dict.fromkeys(clusters)]
        rng, draws = np.random.default_rng(1), []
        for _ in range(CLUSTER_DRAWS):
            index = np.concatenate([members[k] for k in rng.integers(len(members), size=len(members))])
            draws.append(_rho(truth[index], model[index]) - _rho(truth[index], vader[index]))
        kept = np.array([d for d in draws if d == d])
        out[name] = (_rho(truth, model) - _rho(truth, vader), len(members),
                     (float(np.quantile(kept, 0.025)), float(np.quantile(kept, 0.975))), float(np.mean(kept <= 0)),
                     np.array(draws))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    args = parser.parse_args(argv)
    corpora = Path(args.corpora)
    if not all((corpora / f"{n}_dev" / "labels.csv").is_file() for n in ("persent", "basil")):
        print(f"PerSenT dev or BASIL dev not found under {corpora}; nothing to measure.")
        return 0
    data = Data(corpora)
    tone = article_columns(corpora, data)
    variants = {
        "shipped features, ridge (the card)": (_ridge, ALPHAS, None),
        "+ the article's own tone (all 9)": (_ridge, ALPHAS, _columns(tone, TONE_COLUMNS)),
        "+ headline, lead, unquoted sentences": (_ridge, ALPHAS, _columns(tone, ("title_vader", "lead_vader",
                                                                                  "plain_vader"))),
        "+ unquoted, quoted sentences, quoted share": (_ridge, ALPHAS, _columns(tone, ("plain_vader", "quoted_vader",
                                                                                        "quoted_share"))),
        "+ strong shares, lowest and highest": (_ridge, ALPHAS, _columns(tone, ("strong_negative", "strong_positive",
                                                                                 "body_min", "body_max"))),
        "rank-gauss features, ridge": (_rank_gauss, ALPHAS, None),
        "pooled, corpus indicator and interactions": (
            _interactions, tuple((a, f) for a in (100.0, 1000.0, 3000.0, 10000.0) for f in (0.3, 1.0)), None),
        "two binary logistic regressions": (_two_logistic, LOGISTIC_C, None),
        "ordinal logistic (all-threshold)": (_ordinal_logistic, LOGISTIC_C, None),
        "gradient boosting, regularised, tuned": (_boosting, ((0.02, 100), (0.02, 300), (0.05, 200)), None),
        "ridge and two logistic, ranks averaged": (
            _rank_average, tuple((a, c) for a in (1000.0, 3000.0) for c in (0.003, 0.01)), None),
    }
    print(f"{len(variants)} variants, nested 5-fold cross-validation; held-out slices not read.")
    print(f"  {'variant (Spearman: model / VADER, margin [95%])':48} {'PerSenT dev, CV by article':>47} "
          f"{'BASIL 2010-13, CV by event':>45}")
    shipped = None
    for name, (fitter, grid, block) in variants.items():
        scores = nested(data, fitter, grid, block)
        shipped = scores if shipped is None else shipped
        cells = [f"{m:6.3f} / {v:5.3f} {d:+12.3f} [{lo:+.3f}, {hi:+.3f}]"
                 for m, v, d, (lo, hi) in margins(data, scores).values()]
        print(f"  {name:48} {cells[0]:>47} {cells[1]:>45}", flush=True)
    frame = data.frame.iloc[data.pool]
    alike = {name: _rho(shipped[(frame["corpus"] == name).to_numpy()],
                        frame.loc[frame["corpus"] == name, "vader_article"].to_numpy()) for name in ("persent", "basil")}
    print(f"The shipped ridge's out-of-fold scores against whole-article VADER's: Spearman {alike['persent']:.2f} "
          f"(PerSenT), {alike['basil']:.2f} (BASIL)")
    print("The shipped ridge's margin over whole-article VADER, bootstrap by cluster:")
    for by, what in (("article", "articles"), ("group", "events")):
        found = cluster_margins(data, shipped, by)
        for name, (margin, count, (lo, hi), below, _) in found.items():
            if by == "group" and name == "persent":
                continue  # a PerSenT pair's group is its article: the line above
            print(f"  {name:8} over {count} {what}: {margin:+.3f} [{lo:+.3f}, {hi:+.3f}], "
                  f"{below:.1%} of resamples at or below zero")
    # Not the test (it asks for every set): whether the two margins together show a gain.
    mean = (found["persent"][4] + found["basil"][4]) / 2
    mean = mean[mean == mean]
    print(f"  the two margins' mean (PerSenT by article, BASIL by event): "
          f"{(found['persent'][0] + found['basil'][0]) / 2:+.3f} [{np.quantile(mean, 0.025):+.3f}, "
          f"{np.quantile(mean, 0.975):+.3f}], {np.mean(mean <= 0):.1%} of resamples at or below zero")
    return 0


if __name__ == "__main__":
    sys.exit(main())
