"""The nested cross-validation bench/treatment_variants.py runs its variants through, and their paired margins.

The training script's rows, folds, weights, model and bootstrap resamples
(analysis/models/train_treatment.py), made generic over the learner and over
extra columns built from the training rows only, plus, per row, the texts a
word component reads (the actor's sentences, those beside them, the body, each
mention's context window). The shipped features' paragraph word readings are
cross-fitted inside each outer fold, as the training script does
(``Data(..., words=False)`` leaves them out: the fifth round's bench adds its own).
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy.stats import rankdata

from analysis.actors.evidence import SPEAKER, actor_layer
from analysis.models.paragraph_words import READINGS
from analysis.models.train_paragraph_words import CrossFit
from analysis.models.train_treatment import BOOTSTRAP, SEED, build, cached_runner, labelled
from analysis.models.treatment_features import FEATURES, ToneSettings, article_tone

STEM = 6  # words cut to their first six letters: 444 articles see few forms of each word
WINDOW = 6  # words either side of a mention
_WORD = re.compile(r"[a-z][a-z']+")

def _rho(y: np.ndarray, s: np.ndarray) -> float:
    """Spearman (average ranks for ties), as analysis.eval.metrics.spearman, in numpy for the many inner folds."""
    ry, rs = rankdata(y), rankdata(s)
    return float(np.corrcoef(ry, rs)[0, 1]) if ry.std() and rs.std() else float("nan")


def _stems(texts: list[str], actor: str) -> list[str]:
    names = set(_WORD.findall(actor.lower()))
    words = (w for t in texts for w in _WORD.findall(t.lower().replace("’", "'")))
    return [w[:STEM] for w in words if w not in names and w.removesuffix("'s") not in names]


class Data:
    """The training script's rows (features, truth, folds) and, per row, the texts the word components read."""

    def __init__(self, corpora: Path, words: bool = True):
        runner = cached_runner()
        frame = build(corpora, runner)
        self.frame = frame
        # The features but the word readings, which nested() cross-fits per outer fold (the shipped word model
        # saw every non-held-out paragraph).
        self.x = frame[[f for f in FEATURES if f not in READINGS]].to_numpy(dtype=float)
        self.words: CrossFit | None = None
        self.y = np.where(frame["corpus"] == "basil", frame["ordinal"] / 2, frame["ordinal"]).astype(float)
        self.ordinal, self.corpus = frame["ordinal"].to_numpy(), frame["corpus"].to_numpy()
        self.fold, self.article = frame["fold"].to_numpy(), frame["article"].to_numpy()
        self.cell = (frame["corpus"] + "/" + frame["truth"]).to_numpy()
        self.pool = np.flatnonzero(~frame["heldout"].to_numpy())
        about, near, windows, body, articles, self.tone_cpu = {}, {}, {}, {}, {}, 0.0
        for name in ("persent", "basil"):
            corpus, labels, lexicon = labelled(corpora, name)
            corpus = corpus.subset(list(dict.fromkeys(labels["file"])))
            layer = actor_layer(corpus, lexicon, runner=runner)
            started = time.process_time()  # the baseline cost: VADER over each sentence (article_tone)
            for article in corpus.articles:
                article_tone(article, ToneSettings())
            self.tone_cpu += time.process_time() - started
            for article in corpus.articles:
                articles[(name, article.path)] = article
                text = {s.index: s for s in article.sentences}
                body[(name, article.path)] = [s.text for s in article.sentences if s.is_body]
                mine = layer.mentions[(layer.mentions["article"] == article.path) & (layer.mentions["voice"] != SPEAKER)]
                for actor, part in mine.groupby("actor"):
                    indices = sorted(set(part["sentence_index"].astype(int)))
                    about[(name, article.path, actor)] = [text[i].text for i in indices]
                    near[(name, article.path, actor)] = [text[j].text for j in sorted({j for i in indices for j in
                                                         (i - 1, i, i + 1)}) if j in text and text[j].is_body]
                    windows[(name, article.path, actor)] = [
                        " ".join(text[i].text[:a].split()[-WINDOW:] + ["X"] + text[i].text[b:].split()[:WINDOW])
                        for i, a, b in zip(part["sentence_index"].astype(int), part["start"], part["end"])]
        if words:
            self.words = CrossFit(corpora, frame, articles)
        keys = list(zip(frame["corpus"], frame["article"], frame["actor"]))
        self.sentences = {"about": [about.get(k, []) for k in keys], "near": [near.get(k, []) for k in keys],
                          "body": [body[k[:2]] for k in keys], "windows": [windows.get(k, []) for k in keys]}
        self.stems = {src: [_stems(t, k[2]) for t, k in zip(self.sentences[src], keys)] for src in ("about", "body")}
        self.keys = keys
        # Each sentence's set of stems (the actor's name masked), for the lexicons.
        self.sentence_stems = {src: [[set(_stems([t], k[2])) for t in texts] for texts, k in
                                     zip(self.sentences[src], keys)] for src in ("about", "near", "body")}


def _bag(stems: list[list[str]], rows: np.ndarray, vocabulary: dict[str, int]) -> np.ndarray:
    """Binary bag of ``vocabulary`` per row, L2-normalised."""
    matrix = np.zeros((len(rows), len(vocabulary)))
    for r, i in enumerate(rows):
        for w in stems[i]:
            if w in vocabulary:
                matrix[r, vocabulary[w]] = 1.0
    norm = np.sqrt(matrix.sum(axis=1, keepdims=True))
    return matrix / np.where(norm == 0, 1, norm)


def _vocabulary(stems: list[list[str]], rows: np.ndarray, min_df: int = 3) -> dict[str, int]:
    counts: dict[str, int] = {}
    for i in rows:
        for w in set(stems[i]):
            counts[w] = counts.get(w, 0) + 1
    return {w: k for k, w in enumerate(sorted(w for w, c in counts.items() if c >= min_df))}


def _weights(data: Data, train: np.ndarray) -> np.ndarray:
    """As the training script: each (corpus, class) weighs the same within the training rows, mean weight 1."""
    cells, counts = np.unique(data.cell[train], return_counts=True)
    w = 1.0 / counts[np.searchsorted(cells, data.cell[train])]
    return w * len(w) / w.sum()


def _standardised(x: np.ndarray, train: np.ndarray) -> np.ndarray:
    """``x`` scaled by the training rows' means and deviations (a constant column left as it is)."""
    mean, scale = x[train].mean(axis=0), x[train].std(axis=0)
    return (x - mean) / np.where(scale == 0, 1.0, scale)


def _ridge(data: Data, train: np.ndarray, test: np.ndarray, x: np.ndarray, alpha: float) -> np.ndarray:
    """The training script's model: standardised features, class-balanced weights, ridge, tanh."""
    return _ridge_raw(data, train, test, _standardised(x, train), alpha)


def _corpus_rho(data: Data, rows: np.ndarray, scores: np.ndarray) -> float:
    return float(np.mean([_rho(data.ordinal[rows][data.corpus[rows] == n], scores[data.corpus[rows] == n])
                          for n in ("persent", "basil")]))


Fitter = Callable[[Data, np.ndarray, np.ndarray, np.ndarray, object], np.ndarray]
Block = Callable[[Data, np.ndarray], np.ndarray]


def _oof(data: Data, rows: np.ndarray, x: np.ndarray, fitter: Fitter, setting) -> np.ndarray:
    scores = np.zeros(len(rows))
    for fold in np.unique(data.fold[rows]):
        test = data.fold[rows] == fold
        scores[test] = fitter(data, rows[~test], rows[test], x, setting)
    return scores


def nested(data: Data, fitter: Fitter, grid: tuple, block: Block | None = None) -> np.ndarray:
    """Out-of-fold scores over the pool: per outer fold, the word readings and ``block`` (extra columns built from
    the training rows only) and the setting from ``grid`` with the best inner cross-validated Spearman, averaged
    over the corpora."""
    pool, scores = data.pool, np.zeros(len(data.pool))
    for fold in range(5):
        test = data.fold[pool] == fold
        train = pool[~test]
        x = data.x if data.words is None else np.hstack([data.x, data.words.columns(set(range(5)) - {fold})])
        x = x if block is None else np.hstack([x, block(data, train)])
        setting = grid[0] if len(grid) == 1 else max(
            grid, key=lambda s: _corpus_rho(data, train, _oof(data, train, x, fitter, s)))
        scores[test] = fitter(data, train, pool[test], x, setting)
    return scores


def _ridge_raw(data: Data, train, test, x, alpha):
    from sklearn.linear_model import Ridge

    w = _weights(data, train)
    return np.tanh(Ridge(alpha=alpha).fit(x[train], data.y[train], sample_weight=w).predict(x[test]))


def margins(data: Data, scores: np.ndarray) -> dict[str, tuple]:
    """Per corpus: (model rho, VADER rho, margin, 95% interval), over the training script's bootstrap resamples."""
    out = {}
    for name in ("persent", "basil"):
        mine = data.corpus[data.pool] == name
        truth, model = data.ordinal[data.pool][mine], scores[mine]
        vader = data.frame["vader_article"].to_numpy()[data.pool][mine]
        rng, n = random.Random(SEED), len(truth)  # the same draws as train_treatment.figures
        draws = []
        for _ in range(BOOTSTRAP):
            index = [rng.randrange(n) for _ in range(n)]
            draws.append(_rho(truth[index], model[index]) - _rho(truth[index], vader[index]))
        draws = sorted(d for d in draws if d == d)
        point_m, point_v = _rho(truth, model), _rho(truth, vader)
        out[name] = (point_m, point_v, point_m - point_v,
                     (draws[int(0.025 * len(draws))], draws[int(0.975 * len(draws)) - 1]))
    return out
