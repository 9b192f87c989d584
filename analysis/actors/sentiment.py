"""How each article treats each actor: counts of sentences confidently for or against them.

Three methods. ``article`` (the default) reads the article as a whole with
the shipped treatment model (:mod:`analysis.models.treatment`): the target
model's readings of the actor's sentences, VADER over them and over the
article, where and how prominently the actor appears, in whose voice; its
``sentiment`` is the model's score in [-1, 1] and its label cuts that at
cross-validated thresholds (its positive and negative counts are the target
method's). ``target`` reads each mention with the shipped
target-sentiment model (the sentiment a sentence expresses toward the named
actor, VADER's lexicon among its features); ``vader`` is VADER's compound
score of the whole sentence, as StoryLens did first. What an actor says is
their voice, not the article's treatment of them: sentences where the actor
speaks are left out of the counts. What the article says about them counts,
in its own voice or in the words it quotes others saying about them (an
author chooses whom to quote); the quoted part is also counted apart. An
article's treatment of an actor is the count of confidently positive and
confidently negative sentences, not a mean (a mean drifts to neutral as
mentions grow).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.engine._once import load_once
from analysis.actors.evidence import AUTHOR, QUOTED, SPEAKER, ActorLayer, actor_layer, layer_keys
from analysis.actors.speaker_names import transcript_label
from analysis.engine.batch import Runner, task_name
from analysis.corpus import Article, Corpus
from analysis.frame_json import frame_from_json, frame_to_json
from analysis.lexicon import Lexicon
from analysis.text.quote_marks import without_quotations

__all__ = [
    "SentimentSettings", "METHODS", "sentence_sentiment", "treatment", "sentence_scores", "label_for",
    "CONFIDENT_POSITIVE", "CONFIDENT_NEGATIVE", "LABEL_BAND", "VADER_SENTENCE_THRESHOLD", "VADER_LABEL_BAND",
    "SENTIMENT_COLUMNS", "TREATMENT_VOICES", "treatment_cached",
]

METHODS = ("article", "target", "vader")
# A sentence is confidently positive (negative) toward an actor when the
# model gives it at least this probability. Chosen with the label band on
# BASIL's 50 dev events (bench/actor_sentiment.py, best macro-F1; each
# event's figure in the cross-validation uses thresholds chosen on the other
# 49); 0.7 since the name finder read document context (0.65 from the language layer's quoted
# mask until then, 0.7 before it).
# On NewsMTSC test, P(negative) >= 0.7 is right 77-86% of the time (TARGET_SENTIMENT.md).
CONFIDENT_POSITIVE = 0.7
CONFIDENT_NEGATIVE = 0.7
# net = (positive - negative) / (counted sentences + NET_PRIOR): the prior
# keeps one lucky sentence in a long article from reading as a verdict.
NET_PRIOR = 1.0
# An article's treatment is positive (negative) when net reaches this (chosen as above).
LABEL_BAND = 0.2
# VADER's authors call one sentence positive at compound >= 0.05, negative at <= -0.05.
VADER_SENTENCE_THRESHOLD = 0.05
# A mean of news sentences needs a wide neutral band: reporting on wars
# scores negative whoever is praised. The band with the best macro-F1 on all
# of BASIL's dev events (analysis/eval/agreement.py, stored in agreement.json;
# tests/test_actors.py holds this constant to it).
VADER_LABEL_BAND = 0.5

SENTIMENT_COLUMNS = ["article", "actor", "mentions", "sentiment", "label", "type", "quoted", "positive",
                     "negative", "quoted_positive", "quoted_negative", "counted"]
# The voices that say how the article treats an actor (the actor's own words do not).
TREATMENT_VOICES = (AUTHOR, QUOTED)
_HAS_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class SentimentSettings:
    """How the vader method scores sentences; ``SentimentSettings(drop_quotes=True)`` ignores quoted speech."""

    drop_quotes: bool = False


@load_once
def _analyzer():
    """One VADER analyzer per process: each one re-reads its lexicon file."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_sentiment(article: Article, settings: SentimentSettings | None = None) -> list[float | None]:
    """VADER compound of each sentence of ``article``, by sentence index; None for a sentence with no words."""
    settings = settings or SentimentSettings()
    analyzer = _analyzer()
    scores: list[float | None] = []
    for sentence in article.sentences:
        text = without_quotations(sentence.text, transcript_label) if settings.drop_quotes else sentence.text
        if not _HAS_WORD.search(text):
            # An empty string scores 0.0, which would drag an actor towards neutral.
            scores.append(None)
            continue
        scores.append(float(analyzer.polarity_scores(text)["compound"]))
    return scores


def net_treatment(positive, negative, counted):
    """(positive - negative) / (counted + NET_PRIOR): numbers or pandas columns alike."""
    return (positive - negative) / (counted + NET_PRIOR)


def label_for(net: float, band: float = LABEL_BAND) -> str:
    """negative, neutral or positive for a treatment score."""
    if net >= band:
        return "positive"
    if net <= -band:
        return "negative"
    return "neutral"


def sentence_scores(layer: ActorLayer, corpus: Corpus, method: str = "article", *,
                    runner: Runner | None = None) -> pd.DataFrame:
    """One row per sentence naming an actor: its score toward the actor and its voice.

    Columns: article, actor, sentence_index, voice (author, quoted, speaker),
    quote_speaker, score (target: positive minus negative probability; vader:
    the sentence's compound), positive, negative (whether the sentence is
    confidently so), mentions (how often it names the actor). The article
    method's sentences are read as the target method's.
    """
    if method not in METHODS:
        raise ValueError(f"unknown sentiment method {method!r}: choose one of {', '.join(METHODS)}")
    method = "target" if method == "article" else method
    mentions = layer.mentions
    columns = ["article", "actor", "sentence_index", "voice", "quote_speaker", "score", "positive", "negative",
               "mentions"]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    # A sentence in the author's voice if any of its mentions of the actor is.
    voice_rank = {AUTHOR: 0, QUOTED: 1, SPEAKER: 2}
    grouped = mentions.assign(rank=mentions["voice"].map(voice_rank)).groupby(
        ["article", "actor", "sentence_index"], sort=False)
    frame = grouped.agg(rank=("rank", "min"), quote_speaker=("quote_speaker", "first"),
                        p_positive=("positive", "mean"), p_negative=("negative", "mean"),
                        mentions=("start", "size")).reset_index()
    frame["voice"] = frame["rank"].map({v: k for k, v in voice_rank.items()})
    if method == "target":
        frame["score"] = frame["p_positive"] - frame["p_negative"]
        frame["positive"] = frame["p_positive"] >= CONFIDENT_POSITIVE
        frame["negative"] = frame["p_negative"] >= CONFIDENT_NEGATIVE
    else:
        held = set(frame["article"])
        wanted = [a for a in corpus.articles if a.path in held]
        scores = (runner or Runner()).map(sentence_sentiment, wanted, SentimentSettings())
        compound = {(a.path, i): s for a, article_scores in zip(wanted, scores) for i, s in enumerate(article_scores)}
        frame["score"] = [compound.get(key) for key in zip(frame["article"], frame["sentence_index"])]
        frame = frame[frame["score"].notna()].copy()
        frame["score"] = frame["score"].astype(float)
        frame["positive"] = frame["score"] >= VADER_SENTENCE_THRESHOLD
        frame["negative"] = frame["score"] <= -VADER_SENTENCE_THRESHOLD
    return frame[columns].reset_index(drop=True)


def treatment(layer: ActorLayer, corpus: Corpus, method: str = "article", *,
              runner: Runner | None = None) -> pd.DataFrame:
    """How each article treats each actor it names.

    Columns: article, actor, mentions (sentences naming the actor), sentiment
    (article: the treatment model's score, in [-1, 1]; target:
    (positive - negative) / (counted + 1), in [-1, 1]; vader: mean
    compound of the counted sentences), label, type, quoted (direct
    quotations the article gives the actor), positive, negative (counted
    sentences confidently so), quoted_positive, quoted_negative (those of
    them inside others' quotations), counted (sentences about the actor in
    the article's voice or others' quotations, not the actor's own words).
    Kept whole in the cache under the layer's key (`storylens index` fills
    the default method's): on the 2,225 BBC articles the features of 23,000
    (article, actor) pairs take over a second.
    """
    runner = runner or Runner()
    if not layer.key:  # a layer made by hand: nothing names it in the cache
        return _treatment(layer, corpus, method, runner)
    return runner.corpus_wide(task_name(treatment), method, layer.key,
                              lambda: _treatment(layer, corpus, method, runner), frame_to_json, frame_from_json)


def treatment_cached(corpus: Corpus, lexicon: Lexicon | None = None, method: str = "article", *,
                     runner: Runner) -> bool:
    """Whether ``runner``'s cache holds ``corpus``'s actor layer (``lexicon``'s actors, else discovered) and
    its treatment by ``method``: then :func:`actor_layer` and :func:`treatment` compute nothing."""
    table, key = layer_keys(corpus, lexicon)
    return runner.holds(task_name(actor_layer), table, corpus.key) and runner.holds(task_name(treatment), method, key)


def _treatment(layer: ActorLayer, corpus: Corpus, method: str, runner: Runner) -> pd.DataFrame:
    scores = sentence_scores(layer, corpus, method, runner=runner)
    if scores.empty:
        return pd.DataFrame(columns=SENTIMENT_COLUMNS)
    counted = scores["voice"].isin(TREATMENT_VOICES)
    quoted = scores["voice"] == QUOTED
    keys = ["article", "actor"]
    table = scores.groupby(keys, sort=False).agg(mentions=("sentence_index", "size")).reset_index()
    parts = {
        "counted": scores[counted].groupby(keys).size(),
        "positive": scores[counted & scores["positive"]].groupby(keys).size(),
        "negative": scores[counted & scores["negative"]].groupby(keys).size(),
        "quoted_positive": scores[quoted & scores["positive"]].groupby(keys).size(),
        "quoted_negative": scores[quoted & scores["negative"]].groupby(keys).size(),
        "mean_score": scores[counted].groupby(keys)["score"].mean(),
    }
    spoken = layer.quotes.groupby(["article", "speaker"]).size()
    spoken.index = spoken.index.set_names(keys)
    parts["quoted"] = spoken
    indexed = table.set_index(keys)
    for name, series in parts.items():
        indexed[name] = series.reindex(indexed.index)
    table = indexed.reset_index()
    for name in ("counted", "positive", "negative", "quoted_positive", "quoted_negative", "quoted"):
        table[name] = table[name].fillna(0).astype(int)
    if method == "article":
        table = _article_reading(table, layer, corpus, runner)
    elif method == "target":
        table["sentiment"] = net_treatment(table["positive"], table["negative"], table["counted"])
        table["label"] = table["sentiment"].map(label_for)
    else:
        table["sentiment"] = table["mean_score"].fillna(0.0)
        table["label"] = [label_for(s, VADER_LABEL_BAND) if n else "neutral"
                          for s, n in zip(table["sentiment"], table["counted"])]
    table["type"] = table["actor"].map(layer.types)
    return table[SENTIMENT_COLUMNS]


def _article_reading(table: pd.DataFrame, layer: ActorLayer, corpus: Corpus, runner: Runner | None) -> pd.DataFrame:
    """``table`` with the treatment model's sentiment and label for each (article, actor)."""
    # Imported here: the features read analysis.actors.evidence, whose package imports this module.
    from analysis.models.treatment import shipped
    from analysis.models.treatment_features import ToneSettings, article_tone, treatment_features

    held = set(table["article"])
    wanted = [a for a in corpus.articles if a.path in held]
    tones = dict(zip((a.path for a in wanted), (runner or Runner()).map(article_tone, wanted, ToneSettings())))
    features = treatment_features(layer, corpus, tones)
    model = shipped()
    score = dict(zip(zip(features["article"], features["actor"]), model.score(features)))
    table["sentiment"] = [float(score.get(key, 0.0)) for key in zip(table["article"], table["actor"])]
    table["label"] = table["sentiment"].map(model.label)
    return table
