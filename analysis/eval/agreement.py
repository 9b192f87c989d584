"""How well actor sentiment agrees with people, measured on BASIL (evaluation: the runtime never imports it).

BASIL (Fan et al., EMNLP 2019; ../shared/corpora/basil_dev) has annotators'
judgement of each article author's feeling towards the people in it. Each
(article, person) pair gets a treatment score from the sentences naming the
person; we report Spearman's rank correlation of that score with the ordinal
label and the macro-F1 of the labels. The thresholds that make labels
(how confident a sentence must be, how wide the neutral band is) are chosen
by cross-validation over BASIL's events, for both methods: chosen on the
other events, judged on the held-out one, so no figure is measured on what
it was tuned on.
``bench/actor_sentiment.py`` runs it; ``--write`` stores the figures in
analysis/actors/agreement.json, where the Actors page reads them
(:mod:`analysis.actors.agreement`).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean

import pandas as pd

from analysis.actors.evidence import actor_layer
from analysis.actors.sentiment import (
    TREATMENT_VOICES, VADER_LABEL_BAND, label_for, net_treatment, sentence_scores,
)
from analysis.corpus import Corpus, load_corpus
from analysis.eval.metrics import LABELS, macro_f1, spearman

__all__ = ["measure"]

ORDINAL = {"str-neg": -2, "neg": -1, "neu": 0, "pos": 1, "str-pos": 2}
# Candidate thresholds searched on the training events of each fold.
CONFIDENCE_GRID = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
BAND_GRID = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
BOOTSTRAP = 1000


@dataclass(frozen=True)
class _Pair:
    event: str
    truth: str
    ordinal: int
    p_positive: tuple[float, ...]  # per counted sentence naming the person (not their own words)
    p_negative: tuple[float, ...]
    vader: tuple[float, ...]


def _net(pair: _Pair, confidence: float) -> float:
    positive = sum(p >= confidence for p in pair.p_positive)
    negative = sum(p >= confidence for p in pair.p_negative)
    return net_treatment(positive, negative, len(pair.p_positive))


def _vader_net(pair: _Pair) -> float:
    return fmean(pair.vader) if pair.vader else 0.0


def _pairs(corpus: Corpus, labels: pd.DataFrame) -> list[_Pair]:
    """Each labelled (article, person) with the scores of the author's sentences naming the person."""
    lexicon = tuple((name, ()) for name in dict.fromkeys(labels["entity"]))
    layer = actor_layer(corpus, lexicon)
    target = sentence_scores(layer, corpus, "target")
    vader = sentence_scores(layer, corpus, "vader")
    mentions = layer.mentions
    probs = mentions.groupby(["article", "actor", "sentence_index"])[["positive", "negative"]].mean()
    out = []
    for row in labels.itertuples():
        mine = target[(target["article"] == row.file) & (target["actor"] == row.entity)
                      & target["voice"].isin(TREATMENT_VOICES)]
        keys = [(row.file, row.entity, i) for i in mine["sentence_index"]]
        tone = vader[(vader["article"] == row.file) & (vader["actor"] == row.entity)
                     & vader["voice"].isin(TREATMENT_VOICES)]
        feeling = row.author_feeling.strip().lower()
        value = ORDINAL[feeling]
        out.append(_Pair(row.file.split("/")[0], LABELS[1 + (value > 0) - (value < 0)], value,
                         tuple(float(probs.loc[k, "positive"]) for k in keys),
                         tuple(float(probs.loc[k, "negative"]) for k in keys), tuple(map(float, tone["score"]))))
    return out


def _choose_band(pairs: Sequence[_Pair]) -> float:
    """The vader method's neutral band with the best macro-F1 on ``pairs`` (its sentence scores need no cut)."""
    best, chosen = -1.0, VADER_LABEL_BAND
    for band in BAND_GRID:
        f1 = macro_f1([p.truth for p in pairs], [label_for(_vader_net(p), band) for p in pairs])
        if f1 > best + 1e-9:
            best, chosen = f1, band
    return chosen


def _choose(pairs: Sequence[_Pair]) -> tuple[float, float]:
    """The (confidence, band) with the best macro-F1 on ``pairs``; ties to the middle of the grids."""
    best, chosen = -1.0, (0.5, 0.15)
    for confidence in CONFIDENCE_GRID:
        nets = [_net(p, confidence) for p in pairs]
        for band in BAND_GRID:
            f1 = macro_f1([p.truth for p in pairs], [label_for(n, band) for n in nets])
            if f1 > best + 1e-9:
                best, chosen = f1, (confidence, band)
    return chosen


# (true label, ordinal label, score, predicted label) of one pair.
_Judged = tuple[str, int, float, str]


def _rho(values: Sequence[_Judged]) -> float:
    return spearman([v[1] for v in values], [v[2] for v in values])


def _f1(values: Sequence[_Judged]) -> float:
    return macro_f1([v[0] for v in values], [v[3] for v in values])


def _interval(values: Sequence[_Judged], statistic, seed: int = 7) -> tuple[float, float]:
    """95% bootstrap interval of ``statistic``, resampling the pairs."""
    rng = random.Random(seed)
    draws = []
    for _ in range(BOOTSTRAP):
        value = statistic([values[rng.randrange(len(values))] for _ in values])
        if not math.isnan(value):
            draws.append(value)
    draws.sort()
    return draws[int(0.025 * len(draws))], draws[int(0.975 * len(draws)) - 1]


def _figures(values: Sequence[_Judged]) -> dict:
    return {"spearman": _rho(values), "spearman_95": _interval(values, _rho),
            "macro_f1": _f1(values), "macro_f1_95": _interval(values, _f1)}


def measure(corpora: Path, events: Sequence[str] | None = None) -> dict:
    """Cross-validated agreement with BASIL's labels (leave one event out), for both methods.

    ``events`` restricts to those BASIL events (folder names). Returns a
    JSON-able dict: pairs, per method spearman, macro_f1 and their 95%
    intervals, the thresholds chosen on all events, and the baselines.
    """
    folder = corpora / "basil_dev"
    corpus = load_corpus(folder)
    labels = pd.read_csv(folder / "labels.csv")
    labels = labels[labels["file"].isin({a.path for a in corpus.articles})]
    if events is not None:
        labels = labels[labels["file"].str.split("/").str[0].isin(set(events))]
    labels = labels.reset_index(drop=True)
    pairs = _pairs(corpus.subset(list(dict.fromkeys(labels["file"]))), labels)
    target: list[_Judged | None] = [None] * len(pairs)
    for event in sorted({p.event for p in pairs}):
        confidence, band = _choose([p for p in pairs if p.event != event])
        for number, p in enumerate(pairs):
            if p.event == event:
                net = _net(p, confidence)
                target[number] = (p.truth, p.ordinal, net, label_for(net, band))
    vader: list[_Judged | None] = [None] * len(pairs)
    for event in sorted({p.event for p in pairs}):
        band = _choose_band([p for p in pairs if p.event != event])
        for number, p in enumerate(pairs):
            if p.event == event:
                vader[number] = (p.truth, p.ordinal, _vader_net(p), label_for(_vader_net(p), band))
    confidence, band = _choose(pairs)
    return {
        "data": "BASIL dev (Fan et al., EMNLP 2019), labels.csv: the author's feeling towards named people",
        "pairs": len(pairs),
        "events": len({p.event for p in pairs}),
        "found": sum(bool(p.p_positive) for p in pairs),
        "labels": {label: sum(p.truth == label for p in pairs) for label in LABELS},
        "target": _figures(target) | {"chosen_on_all_events": {"confidence": confidence, "band": band}},
        "vader": _figures(vader) | {"chosen_on_all_events": {"band": _choose_band(pairs)}},
        "always_neutral_macro_f1": macro_f1([p.truth for p in pairs], ["neutral"] * len(pairs)),
    }
