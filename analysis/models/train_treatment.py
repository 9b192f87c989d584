"""Train the article-level treatment model on PerSenT dev and BASIL dev, cross-validated; write weights and card.

    python -m analysis.models.train_treatment [--corpora DIR] [--write]

Needs the ``train`` extra (scikit-learn). Data: PerSenT dev (the author's
sentiment toward each article's main person) and BASIL dev (the author's
feeling toward named people). A fixed slice of each is held out and never
looked at while choosing features or settings: PerSenT files whose SHA-1 is 0
modulo 5 (a fifth), BASIL's 2014 events. The rest is split into five folds (PerSenT
by article, BASIL by event; each fold holds both). Each outer fold's figures
come from a model whose ridge penalty and label thresholds were chosen by inner
cross-validation over the other four folds only. ``--write`` fits the shipped
model on all non-held-out pairs (penalty and thresholds chosen by cross-validation
over the five folds), then writes treatment.json and treatment_card.json,
whose figures include the held-out slices scored by the shipped file.

The paragraph word model (paragraph_words, its three readings are features)
is trained on PerSenT dev's labelled paragraphs of the training folds only:
inside each outer fold its readings of the training rows are cross-fitted over
those folds (train_paragraph_words.CrossFit), and the shipped one
(paragraph_words.tsv.gz) is fitted on every non-held-out paragraph.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from statistics import fmean

import numpy as np
import pandas as pd

from analysis.actors.evidence import actor_layer
from analysis.actors.sentiment import treatment as current_treatment
from analysis.engine.batch import Runner
from analysis.engine.cache import AnalysisCache
from analysis.corpus import Corpus, load_corpus
from analysis.eval.agreement import ORDINAL
from analysis.eval.metrics import LABELS, macro_f1, spearman
from analysis.models.paragraph_words import READINGS, WORDS_PATH, WordModel, load_words, write_words
from analysis.models.train_paragraph_words import KEEP_TERMS, CrossFit, examples, fit_words
from analysis.models.treatment import WEIGHTS_PATH, TreatmentModel
from analysis.models.treatment_features import (
    FEATURES, ToneSettings, article_features, article_tone, treatment_features, whole_article_vader, word_readings,
)

__all__ = ["CARD_PATH", "build", "cached_runner", "cross_validate", "evaluate", "figures", "fit", "heldout_figures",
           "labelled", "pool_cross_fit", "with_readings"]

CARD_PATH = Path(__file__).with_name("treatment_card.json")
FOLDS = 5
# Ridge penalties searched (features are standardised).
ALPHA_GRID = (1.0, 10.0, 100.0, 1000.0, 3000.0, 10000.0, 30000.0)
# Label thresholds searched: negative at or below the first, positive at or above the second.
CUT_GRID = tuple(round(x, 2) for x in np.arange(-0.9, 0.91, 0.05))
BOOTSTRAP, SEED = 1000, 20201208
BASIL_HELDOUT_YEAR = "2014"
METHODS = ("model", "vader_article", "current")
_PERSENT = {"negative": -1, "neutral": 0, "positive": 1}


def _digest(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)


def _heldout(corpus: str, file: str) -> bool:
    """Whether a labelled article is in the held-out slice (see the module docstring)."""
    return _digest(file) % 5 == 0 if corpus == "persent" else file.startswith(BASIL_HELDOUT_YEAR)


def labelled(corpora: Path, name: str) -> tuple[Corpus, pd.DataFrame, tuple]:
    """One labelled corpus (persent or basil): its articles, the labels of those present, and its actor table.

    Every labelled person is an actor, whichever slice is built: the same table, the same features.
    """
    folder = corpora / f"{name}_dev"
    corpus = load_corpus(folder)
    labels = pd.read_csv(folder / "labels.csv")
    labels = labels[labels["file"].isin({a.path for a in corpus.articles})]
    return corpus, labels, tuple((n, ()) for n in dict.fromkeys(labels["entity"]))


def build(corpora: Path, runner: Runner | None = None, *, heldout_only: bool = False,
          words: WordModel | None = None) -> pd.DataFrame:
    """One row per labelled (article, person) of both corpora (or their held-out slices): features, baselines, truth.

    Columns: corpus (persent, basil), article, actor, group (article or
    event), heldout, fold (0..4, -1 when held out), truth (negative, neutral,
    positive), ordinal, the FEATURES, vader_article, current (the current
    method's score), current_label.
    """
    runner = runner or Runner()
    frames = []
    for name in ("persent", "basil"):
        corpus, labels, lexicon = labelled(corpora, name)
        if heldout_only:
            labels = labels[[_heldout(name, file) for file in labels["file"]]]
        labels = labels.reset_index(drop=True)
        corpus = corpus.subset(list(dict.fromkeys(labels["file"])))
        layer = actor_layer(corpus, lexicon, runner=runner)
        tones = dict(zip((a.path for a in corpus.articles),
                         runner.map(article_tone, corpus.articles, ToneSettings())))
        features = treatment_features(layer, corpus, tones, words).set_index(["article", "actor"])
        current = current_treatment(layer, corpus, "target").set_index(["article", "actor"])
        articles = {a.path: a for a in corpus.articles}
        rows = []
        for file, entity, label in zip(labels["file"], labels["entity"],
                                       labels["label" if name == "persent" else "author_feeling"]):
            key = (file, entity)
            if key in features.index:
                row = features.loc[key].to_dict()
            else:  # not named in the body: only the article speaks
                row = (dict.fromkeys(FEATURES, 0.0) | article_features(articles[file], tones[file])
                       | word_readings(articles[file], entity, words))
            value = _PERSENT[label] if name == "persent" else ORDINAL[str(label).strip().lower()]
            group = file if name == "persent" else file.split("/")[0]
            heldout = _heldout(name, file)
            found = key in current.index
            rows.append(row | {
                "corpus": name, "article": file, "actor": entity, "group": group, "heldout": heldout,
                "fold": -1 if heldout else _digest(group) % FOLDS, "ordinal": value,
                "truth": LABELS[1 + (value > 0) - (value < 0)],
                "vader_article": whole_article_vader(articles[file]),
                "current": float(current.loc[key, "sentiment"]) if found else 0.0,
                "current_label": current.loc[key, "label"] if found else "neutral"})
        frames.append(pd.DataFrame(rows))
    return pd.concat(frames, ignore_index=True)


def cached_runner() -> Runner:
    """A Runner over the analysis cache (``STORYLENS_CACHE_DIR``): a rerun reads the layer's mentions back."""
    cache = AnalysisCache()
    return Runner(cache=None if cache.disabled_reason else cache)


def fit(frame: pd.DataFrame, alpha: float) -> TreatmentModel:
    """A ridge regression of the ordinal label fitted on ``frame`` with penalty ``alpha`` (cuts at ±1/3, set later).

    A regression of the ordinal label ranks better than a three-class
    logistic regression here (cross-validated, on the same folds).
    """
    from sklearn.linear_model import Ridge

    x = frame[list(FEATURES)].to_numpy(dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    # PerSenT's labels are -1, 0, 1; BASIL's -2..2 (strong ones at ±2): both onto [-1, 1].
    y = np.where(frame["corpus"] == "basil", frame["ordinal"] / 2, frame["ordinal"]).astype(float)
    # Each corpus weighs the same, and within it each class: PerSenT is mostly positive, BASIL mostly neutral.
    weights = np.ones(len(frame))
    for _, part in frame.groupby(["corpus", "truth"]).groups.items():
        weights[frame.index.get_indexer(part)] = 1.0 / len(part)
    weights *= len(frame) / weights.sum()
    model = Ridge(alpha=alpha).fit((x - mean) / scale, y, sample_weight=weights)
    return TreatmentModel(mean, scale, model.coef_, float(model.intercept_), -1 / 3, 1 / 3)


def _labels(scores: Sequence[float], low: float, high: float) -> list[str]:
    return ["positive" if s >= high else "negative" if s <= low else "neutral" for s in scores]


def _choose_cuts(frame: pd.DataFrame, scores: np.ndarray) -> tuple[float, float]:
    """The (low, high) cuts with the best macro-F1, averaged over the corpora in ``frame``."""
    parts = [(frame["corpus"] == name).to_numpy() for name in frame["corpus"].unique()]
    best, chosen = -1.0, (-1 / 3, 1 / 3)
    for low in CUT_GRID:
        for high in CUT_GRID:
            if high <= low:
                continue
            f1 = fmean(macro_f1(list(frame["truth"][p]), _labels(scores[p], low, high)) for p in parts)
            if f1 > best + 1e-9:
                best, chosen = f1, (float(low), float(high))
    return chosen


def _corpus_rho(frame: pd.DataFrame, scores: np.ndarray) -> float:
    return fmean(spearman(frame["ordinal"][p], scores[p]) for p in
                 ((frame["corpus"] == name).to_numpy() for name in frame["corpus"].unique()))


def _oof(frame: pd.DataFrame, alpha: float) -> np.ndarray:
    """Out-of-fold scores over ``frame``'s folds."""
    scores = np.zeros(len(frame))
    for fold in sorted(frame["fold"].unique()):
        test = (frame["fold"] == fold).to_numpy()
        scores[test] = fit(frame[~test], alpha).score(frame[test])
    return scores


def choose(frame: pd.DataFrame) -> tuple[float, float, float]:
    """(alpha, low, high) chosen by cross-validation over ``frame``'s folds: alpha by Spearman, then cuts by F1."""
    by_alpha = {alpha: _oof(frame, alpha) for alpha in ALPHA_GRID}
    alpha = max(ALPHA_GRID, key=lambda value: _corpus_rho(frame, by_alpha[value]))
    return (alpha, *_choose_cuts(frame, by_alpha[alpha]))


def with_readings(frame: pd.DataFrame, values: np.ndarray) -> pd.DataFrame:
    """``frame`` with its word columns (paragraph_words.READINGS) replaced by ``values``."""
    return frame.assign(**{name: values[:, k] for k, name in enumerate(READINGS)})


def pool_cross_fit(corpora: Path, data: pd.DataFrame) -> CrossFit:
    """The word columns' cross-fitting over ``data``'s non-held-out rows, in :func:`cross_validate`'s order."""
    articles = {(name, a.path): a for name in ("persent", "basil") for a in labelled(corpora, name)[0].articles}
    return CrossFit(corpora, data[~data["heldout"]].reset_index(drop=True), articles)


def cross_validate(data: pd.DataFrame, words: CrossFit | None = None) -> pd.DataFrame:
    """The non-held-out rows with each method's out-of-fold score and label (nested: nothing tuned on a test fold).

    Adds columns model, model_label, vader_article_label (its cuts chosen on the training folds too).
    ``words`` (:func:`pool_cross_fit`) gives each outer fold word columns from its training folds' paragraphs
    only, cross-fitted for the training rows; without it the columns are ``data``'s.
    """
    frame = data[~data["heldout"]].reset_index(drop=True)
    frame["model"], frame["model_label"], frame["vader_article_label"] = 0.0, "", ""
    for fold in range(FOLDS):
        test = (frame["fold"] == fold).to_numpy()
        seen = frame if words is None else with_readings(frame, words.columns(set(range(FOLDS)) - {fold}))
        train = seen[~test].reset_index(drop=True)
        alpha, low, high = choose(train)
        scores = fit(train, alpha).score(seen[test])
        frame.loc[test, "model"] = scores
        frame.loc[test, "model_label"] = _labels(scores, low, high)
        v_low, v_high = _choose_cuts(train, train["vader_article"].to_numpy())
        frame.loc[test, "vader_article_label"] = _labels(frame.loc[test, "vader_article"], v_low, v_high)
    return frame


def _interval(draws: list[float]) -> list[float]:
    draws = sorted(d for d in draws if d == d)
    return [round(draws[int(0.025 * len(draws))], 4), round(draws[int(0.975 * len(draws)) - 1], 4)]


def figures(frame: pd.DataFrame) -> dict:
    """Per method on ``frame``: Spearman and macro-F1 with 95% bootstrap intervals, and the model's margins.

    The margins are the model's figure minus whole-article VADER's (and minus
    the current method's), with paired bootstrap intervals over the same resamples.
    """
    truth, ordinal = list(frame["truth"]), frame["ordinal"].to_numpy()
    columns = {"model": ("model", "model_label"), "vader_article": ("vader_article", "vader_article_label"),
               "current": ("current", "current_label")}
    scores = {m: frame[s].to_numpy(dtype=float) for m, (s, _) in columns.items()}
    labels = {m: list(frame[l]) for m, (_, l) in columns.items()}

    def stats(index: Sequence[int]) -> dict[str, tuple[float, float]]:
        t = [truth[i] for i in index]
        return {m: (spearman(ordinal[index], scores[m][index]), macro_f1(t, [labels[m][i] for i in index]))
                for m in METHODS}

    point = stats(list(range(len(frame))))
    rng = random.Random(SEED)
    draws = [stats([rng.randrange(len(frame)) for _ in range(len(frame))]) for _ in range(BOOTSTRAP)]
    out: dict = {"pairs": len(frame), "labels": {label: truth.count(label) for label in LABELS}}
    for m in METHODS:
        out[m] = {"spearman": round(point[m][0], 4), "spearman_95": _interval([d[m][0] for d in draws]),
                  "macro_f1": round(point[m][1], 4), "macro_f1_95": _interval([d[m][1] for d in draws])}
    for other in ("vader_article", "current"):
        out[f"model_minus_{other}"] = {
            "spearman": round(point["model"][0] - point[other][0], 4),
            "spearman_95": _interval([d["model"][0] - d[other][0] for d in draws]),
            "macro_f1": round(point["model"][1] - point[other][1], 4),
            "macro_f1_95": _interval([d["model"][1] - d[other][1] for d in draws])}
    return out


def heldout_figures(data: pd.DataFrame, model: TreatmentModel, vader_cuts: tuple[float, float]) -> dict:
    """The held-out slices scored by ``model`` (and VADER with cuts chosen on the rest), per corpus."""
    frame = data[data["heldout"]].reset_index(drop=True)
    frame["model"] = model.score(frame)
    frame["model_label"] = [model.label(s) for s in frame["model"]]
    frame["vader_article_label"] = _labels(frame["vader_article"], *vader_cuts)
    return {name: figures(frame[frame["corpus"] == name].reset_index(drop=True)) for name in ("persent", "basil")}


def evaluate(data: pd.DataFrame, words: CrossFit | None = None) -> dict:
    """Cross-validated figures per corpus (PerSenT by article, BASIL by event), for the model and both baselines."""
    frame = cross_validate(data, words)
    return {name: figures(frame[frame["corpus"] == name].reset_index(drop=True)) for name in ("persent", "basil")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(Path(__file__).resolve().parents[3] / "shared" / "corpora"))
    parser.add_argument("--write", action="store_true",
                        help="write treatment.json, paragraph_words.tsv.gz and treatment_card.json")
    args = parser.parse_args(argv)
    corpora = Path(args.corpora)
    if not all((corpora / f"{n}_dev" / "labels.csv").is_file() for n in ("persent", "basil")):
        print(f"PerSenT dev or BASIL dev not found under {corpora}", file=sys.stderr)
        return 1
    # The shipped word model: every non-held-out labelled paragraph. Written first when shipping, so that the
    # held-out rows are read by the file as rounded; the cross-validation refits it inside its folds.
    persent = pd.read_csv(corpora / "persent_dev" / "labels.csv")["file"]
    terms, labels, _ = examples(corpora, {f: _digest(f) % FOLDS for f in persent if not _heldout("persent", f)})
    words = fit_words(terms, labels)
    if args.write:
        write_words(words)
        words = load_words()
    data = build(corpora, cached_runner(), words=words)
    cross_fit = pool_cross_fit(corpora, data)
    cross = evaluate(data, cross_fit)
    print(json.dumps(cross, indent=1))
    if not args.write:
        return 0
    # The ridge learns from readings cross-fitted over the pool (the shipped word model saw every pool paragraph).
    pool = with_readings(data[~data["heldout"]].reset_index(drop=True), cross_fit.columns(set(range(FOLDS))))
    alpha, low, high = choose(pool)
    fitted = fit(pool, alpha)
    model = TreatmentModel(fitted.mean, fitted.scale, fitted.coef, fitted.intercept, low, high)
    vader_cuts = _choose_cuts(pool, pool["vader_article"].to_numpy())
    WEIGHTS_PATH.write_text(json.dumps({
        "features": list(FEATURES), "mean": model.mean.round(6).tolist(),
        "scale": model.scale.round(6).tolist(), "coef": model.coef.round(6).tolist(),
        "intercept": round(model.intercept, 6), "negative_below": low, "positive_from": high,
    }, indent=1) + "\n", encoding="utf-8")
    from analysis.models.treatment import load_model

    shipped = load_model()  # the figures below are the rounded file's, as the test reads it
    card = {
        "model": "ridge regression of the ordinal label over article-level treatment features, tanh-squashed "
                 "(numpy at run time)",
        "weights_file": WEIGHTS_PATH.name, "features": list(FEATURES),
        "words_file": {"name": WORDS_PATH.name, "bytes": WORDS_PATH.stat().st_size, "terms": len(words.vocabulary),
                       "model": "tf-idf (sublinear tf, l2) of words and word pairs, the person's first and last "
                                "name masked, class-balanced three-class logistic regression (C=1) refitted on the "
                                f"{KEEP_TERMS} terms of largest weight; readings P(positive) - P(negative) of the "
                                "whole body, the paragraphs' mean and the first three paragraphs' mean",
                       "trained_on": f"{len(labels)} labelled paragraphs of PerSenT dev's non-held-out files "
                                     "(paragraph_labels); the same research-use terms as PerSenT"},
        "data": {"persent": "PerSenT dev (Bastan et al., COLING 2020): author's sentiment toward the main person; "
                            "no licence file, research use only",
                 "basil": "BASIL dev 2010-2014 (Fan et al., EMNLP 2019): author's feeling toward named people; "
                          "research use"},
        "heldout": {"persent": "files whose SHA-1 mod 5 is 0", "basil": f"events of {BASIL_HELDOUT_YEAR}"},
        "settings": {"alpha": alpha, "alpha_grid": list(ALPHA_GRID), "negative_below": low, "positive_from": high,
                     "folds": FOLDS, "class_weight": "balanced within each corpus, corpora weighed equally",
                     "vader_article_cuts": list(vader_cuts)},
        "trained_on": {name: int(((pool["corpus"] == name)).sum()) for name in ("persent", "basil")},
        "bootstrap": {"resamples": BOOTSTRAP, "seed": SEED, "interval": 0.95},
        "cross_validated": cross,
        "heldout_figures": heldout_figures(data, shipped, vader_cuts),
    }
    CARD_PATH.write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(card["heldout_figures"], indent=1))
    print(f"wrote {WEIGHTS_PATH.name} and {CARD_PATH.name} (alpha={alpha}, cuts {low}, {high})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
