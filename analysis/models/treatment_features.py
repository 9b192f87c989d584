"""What the article-level treatment model reads about one actor in one article, from what the layer computed.

Every feature comes from numbers the actors layer already holds (the target
model's probabilities for each mention, each mention's voice and sentence)
and from VADER's sentence scores cached per article (:func:`article_tone`): nothing here
reads an article afresh, so the index and the page pay no new per-article
pass beyond one cached VADER reading, except the paragraph word model's three
readings of the actor's article (:mod:`analysis.models.paragraph_words`, plain
Python over the body's words).

    features = treatment_features(layer, corpus, tones)  # one row per (article, actor)
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean, median

import pandas as pd

from analysis.engine._once import load_once
from analysis.actors.evidence import AUTHOR, QUOTED, SPEAKER, ActorLayer
from analysis.actors.names import actor_terms
from analysis.corpus import Article, Corpus
from analysis.lexicon import holds_any_term
from analysis.models.paragraph_words import READINGS, WordModel, body_paragraphs, shipped_words

__all__ = ["FEATURES", "LEAD_SENTENCES", "ToneSettings", "article_features", "article_tone", "treatment_features",
           "whole_article_vader", "word_readings"]

# The first body sentences: the lead says who the story is about and how it sees them.
LEAD_SENTENCES = 3
# The target model's probability that makes a sentence "confidently" for or against (as the target method).
CONFIDENT = 0.7
# VADER's authors call a sentence positive at compound >= 0.05, negative at <= -0.05.
VADER_CUT = 0.05

FEATURES = (
    "target_mean", "target_max_positive", "target_max_negative", "target_confident_positive",
    "target_confident_negative", "author_mean", "quoted_mean", "speaker_mean",
    "vader_actor_mean", "vader_actor_positive", "vader_actor_negative", "vader_lead_mean", "vader_speaker_mean",
    "vader_sentences_mean", "vader_sentences_positive", "vader_sentences_negative",
    "headline", "headline_vader", "lead", "first_position", "share", "log_mentions", "counted_share",
    "quoted_share", "speaker_share", "log_quotations", "negated_share", "negated_vader",
    "balance_actor_mean", "balance_sentences_mean", "vader_near_mean",
    # Robust and prominence-weighted aggregates (issue 17's second round).
    "raw_sentences_mean", "raw_actor_mean", "raw_sentences_sum", "raw_actor_sum", "target_weighted",
    "vader_weighted", "target_median", "target_sum", "vader_other_mean", "vader_contrast",
    # The paragraph word model's readings (issue 17's fifth round): whole body, paragraphs' mean, lead.
    *READINGS,
)
# VADER's compound is x / sqrt(x² + 15) of a sentence's summed valence x: its normalising constant.
_VADER_ALPHA = 15.0
# A compound rounded to ±1 would invert to infinity: cap it just inside.
_COMPOUND_CAP = 0.9999
_WORD = re.compile(r"[a-z']+")


@load_once
def _analyzer():
    """One VADER analyzer per process (each one re-reads its lexicon file)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@load_once
def _negations() -> frozenset[str]:
    """VADER's own negation words, apostrophes dropped as VADER writes them ("dont", "isnt")."""
    from vaderSentiment.vaderSentiment import NEGATE

    return frozenset(NEGATE)


def whole_article_vader(article: Article) -> float:
    """VADER's compound of the whole article text: the plain baseline every method must beat."""
    return float(_analyzer().polarity_scores(article.text)["compound"])


@dataclass(frozen=True)
class ToneSettings:
    """Settings of :func:`article_tone` (none yet; the version names the cached shape)."""

    version: int = 3


def article_tone(article: Article, settings: ToneSettings | None = None) -> dict:
    """VADER over one article, cached per article by the Runner: the title, each sentence, the whole text.

    Returns {"title": compound of the title, "sentences": compound per
    sentence (None for a sentence with no words), "negated": whether each
    sentence holds a negation, "balance": VADER's positive minus negative
    share of each sentence's words (None as above; it does not saturate as
    the compound does)}. The whole text's compound is left out: on a long
    text it saturates and costs as much again as all the sentences.
    """
    del settings
    analyzer, negations = _analyzer(), _negations()
    sentences, negated, balance = [], [], []
    title_scores = None  # the headline is mostly a sentence too: VADER reads it once
    for sentence in article.sentences:
        words = _WORD.findall(sentence.text.lower().replace("’", "'"))
        negated.append(any(w.endswith("n't") or w in negations or w.replace("'", "") in negations for w in words))
        scores = analyzer.polarity_scores(sentence.text) if words else None
        sentences.append(float(scores["compound"]) if scores else None)
        balance.append(float(scores["pos"] - scores["neg"]) if scores else None)
        if scores and title_scores is None and sentence.text == article.title:
            title_scores = scores
    if article.title:
        title = float((title_scores or analyzer.polarity_scores(article.title))["compound"])
    else:
        title = 0.0
    return {"title": title, "sentences": sentences, "negated": negated, "balance": balance}


def article_features(article: Article, tone: dict) -> dict[str, float]:
    """The features that are the article's whatever the actor: VADER over its sentences."""
    scores = tone["sentences"]
    body = [scores[s.index] for s in article.sentences if s.is_body and s.index < len(scores)
            and scores[s.index] is not None]
    balance = [tone["balance"][s.index] for s in article.sentences if s.is_body and s.index < len(scores)
               and tone["balance"][s.index] is not None]
    raw = [_raw(_at(scores, s.index)) for s in article.sentences if s.is_body]
    return {"vader_sentences_mean": _mean(body),
            "balance_sentences_mean": _mean(balance),
            "raw_sentences_mean": _mean(raw), "raw_sentences_sum": _log_sum(raw),
            "vader_sentences_positive": _mean([s >= VADER_CUT for s in body]),
            "vader_sentences_negative": _mean([s <= -VADER_CUT for s in body])}


def word_readings(article: Article, actor: str, words: WordModel | None = None) -> dict[str, float]:
    """The paragraph word model's :data:`~analysis.models.paragraph_words.READINGS` of ``article`` toward ``actor``.

    ``words`` defaults to the shipped model. Many actors of one article: read them in one batch,
    ``words.article(body_paragraphs(article)).readings(actors)``, as :func:`treatment_features` does.
    """
    return (words or shipped_words()).readings(body_paragraphs(article), actor)


def _raw(compound: float) -> float:
    """The summed valence a VADER compound came from: it adds up over sentences and does not saturate."""
    c = max(-_COMPOUND_CAP, min(_COMPOUND_CAP, compound))
    return c * math.sqrt(_VADER_ALPHA) / math.sqrt(1 - c * c)


def _log_sum(values: Sequence[float]) -> float:
    """sign × log(1 + |sum|): the evidence of many sentences, grown slowly so one long article is no outlier."""
    total = sum(values)
    return math.copysign(math.log1p(abs(total)), total)


def _at(scores: Sequence[float | None], index: int) -> float:
    """The score of sentence ``index``, 0.0 for a sentence with no words or past the end."""
    value = scores[index] if 0 <= index < len(scores) else None
    return 0.0 if value is None else value


def _mean(values: Sequence[float]) -> float:
    return fmean(values) if values else 0.0


def _weighted(weights: Sequence[float], values: Sequence[float]) -> float:
    return sum(w * v for w, v in zip(weights, values)) / sum(weights) if weights else 0.0


def treatment_features(layer: ActorLayer, corpus: Corpus, tones: dict[str, dict],
                       words: WordModel | None = None) -> pd.DataFrame:
    """One row per (article, actor) the layer names in the body: ``article, actor`` and the :data:`FEATURES`.

    ``tones`` maps article path -> :func:`article_tone` of that article; ``words``
    is the paragraph word model (the shipped one unless training passes another).
    """
    mentions = layer.mentions
    if mentions.empty:
        return pd.DataFrame(columns=["article", "actor", *FEATURES])
    articles = {a.path: a for a in corpus.articles}
    aliases = dict(layer.actors)
    spoken = layer.quotes.groupby(["article", "speaker"]).size().to_dict() if not layer.quotes.empty else {}
    voice_rank = {AUTHOR: 0, QUOTED: 1, SPEAKER: 2}
    sentences = mentions.assign(rank=mentions["voice"].map(voice_rank)).groupby(
        ["article", "actor", "sentence_index"], sort=False).agg(
        rank=("rank", "min"), positive=("positive", "mean"), negative=("negative", "mean")).reset_index()
    # Plain lists, grouped by (article, actor) in order of first appearance, as
    # groupby(sort=False) would: row-wise pandas access cost more than the features.
    groups: dict[tuple[str, str], list[int]] = {}
    for row, key in enumerate(zip(sentences["article"].tolist(), sentences["actor"].tolist())):
        groups.setdefault(key, []).append(row)
    all_indices = [int(i) for i in sentences["sentence_index"].tolist()]
    all_ranks = sentences["rank"].tolist()
    all_pos = [float(p) for p in sentences["positive"].fillna(0.0).tolist()]
    all_neg = [float(n) for n in sentences["negative"].fillna(0.0).tolist()]
    terms: dict[str, tuple[str, ...]] = {}
    per_article: dict[str, tuple[list[int], dict[int, int], dict[str, float], dict[str, dict[str, float]]]] = {}
    words = words or shipped_words()
    actors_of: dict[str, list[str]] = {}  # the word readings of an article's actors are scored in one batch
    for path, actor in groups:
        actors_of.setdefault(path, []).append(actor)
    rows = []
    for (path, actor), members in groups.items():
        article, tone = articles[path], tones[path]
        if path not in per_article:
            body = [s.index for s in article.sentences if s.is_body]
            per_article[path] = (body, {index: position for position, index in enumerate(body)},
                                 article_features(article, tone),
                                 dict(zip(actors_of[path],
                                          words.article(body_paragraphs(article)).readings(actors_of[path]))))
        body, order, whole, readings = per_article[path]
        scores = tone["sentences"]
        if actor not in terms:
            terms[actor] = actor_terms(actor, aliases.get(actor, ()))
        in_title = bool(article.title and holds_any_term(terms[actor], article.title))
        indices = [all_indices[k] for k in members]
        ranks = [all_ranks[k] for k in members]
        p_pos = [all_pos[k] for k in members]
        p_neg = [all_neg[k] for k in members]
        polar = [p - n for p, n in zip(p_pos, p_neg)]
        counted = [k for k, r in enumerate(ranks) if r < 2]
        tone_of = [_at(scores, i) for i in indices]
        counted_tone = [tone_of[k] for k in counted]
        lead = [k for k, i in enumerate(indices) if order.get(i, LEAD_SENTENCES) < LEAD_SENTENCES]
        negated = [k for k, i in enumerate(indices) if i < len(tone["negated"]) and tone["negated"][i]]
        first = min(order.get(i, len(body)) for i in indices)
        # The sentences about the actor (not their own words), the earlier ones weighing more, as readers read.
        about = [indices[k] for k in counted]
        weights = [1 / math.sqrt(1 + order.get(i, len(body))) for i in about]
        about_polar = [polar[k] for k in counted]
        about_raw = [_raw(t) for t in counted_tone]
        about_set = set(about)
        elsewhere = [_at(scores, i) for i in body if i not in about_set]
        rows.append({
            "article": path, "actor": actor,
            "target_mean": _mean([polar[k] for k in counted]),
            "target_max_positive": max((p_pos[k] for k in counted), default=0.0),
            "target_max_negative": max((p_neg[k] for k in counted), default=0.0),
            "target_confident_positive": sum(p_pos[k] >= CONFIDENT for k in counted) / (len(counted) + 1),
            "target_confident_negative": sum(p_neg[k] >= CONFIDENT for k in counted) / (len(counted) + 1),
            "author_mean": _mean([polar[k] for k, r in enumerate(ranks) if r == 0]),
            "quoted_mean": _mean([polar[k] for k, r in enumerate(ranks) if r == 1]),
            "speaker_mean": _mean([polar[k] for k, r in enumerate(ranks) if r == 2]),
            "vader_actor_mean": _mean(counted_tone),
            "vader_actor_positive": sum(t >= VADER_CUT for t in counted_tone) / (len(counted) + 1),
            "vader_actor_negative": sum(t <= -VADER_CUT for t in counted_tone) / (len(counted) + 1),
            "vader_lead_mean": _mean([tone_of[k] for k in lead]),
            "vader_speaker_mean": _mean([tone_of[k] for k, r in enumerate(ranks) if r == 2]),
            **whole,
            "headline": float(in_title),
            "headline_vader": tone["title"] if in_title else 0.0,
            "lead": float(bool(lead)),
            "first_position": first / max(len(body), 1),
            "share": len(indices) / max(len(body), 1),
            "log_mentions": math.log1p(len(indices)),
            "counted_share": len(counted) / len(indices),
            "quoted_share": sum(r == 1 for r in ranks) / len(indices),
            "speaker_share": sum(r == 2 for r in ranks) / len(indices),
            "log_quotations": math.log1p(spoken.get((path, actor), 0)),
            "negated_share": len(negated) / len(indices),
            "negated_vader": _mean([tone_of[k] for k in negated]),
            "balance_actor_mean": _mean([_at(tone["balance"], indices[k]) for k in counted]),
            "vader_near_mean": _mean([_at(scores, i) for i in sorted({j for i in indices for j in (i - 1, i, i + 1)
                                                                      if j in order})]),
            "raw_actor_mean": _mean(about_raw),
            "raw_actor_sum": _log_sum(about_raw),
            "target_weighted": _weighted(weights, about_polar),
            "vader_weighted": _weighted(weights, counted_tone),
            "target_median": median(about_polar) if about_polar else 0.0,
            "target_sum": sum(about_polar) / math.sqrt(len(about_polar)) if about_polar else 0.0,
            "vader_other_mean": _mean(elsewhere),
            "vader_contrast": _mean(counted_tone) - _mean([_at(scores, i) for i in body]) if about and body else 0.0,
            **readings[actor],
        })
    return pd.DataFrame(rows, columns=["article", "actor", *FEATURES])
