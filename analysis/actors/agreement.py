"""The agreement note the Actors page and the report show, from the figures measured on BASIL.

The figures are measured by :mod:`analysis.eval.agreement` (``bench/actor_sentiment.py --write``)
and stored in agreement.json beside this file; the runtime only reads them.
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis.engine._once import load_once

__all__ = ["AGREEMENT_FILE", "agreement_note", "load_agreement"]

AGREEMENT_FILE = Path(__file__).with_name("agreement.json")


@load_once
def load_agreement() -> dict | None:
    """The figures ``bench/actor_sentiment.py --write`` stored (read once per process, not to be changed), or None."""
    try:
        return json.loads(AGREEMENT_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@load_once
def _newsmtsc() -> str:
    """The shipped target model's NewsMTSC test figures, in a phrase (its card read once per process)."""
    try:
        card = json.loads((Path(__file__).parents[1] / "models" / "target_sentiment_card.json").read_text("utf-8"))
        mt, rw = card["figures"]["test_mt"], card["figures"]["test_rw"]
    except (OSError, ValueError, KeyError):
        return ""
    return (f" On NewsMTSC's test sentences it scores macro-F1 {mt['model']['f1m']:.2f} (multi-target) and "
            f"{rw['model']['f1m']:.2f} (real-world), where sentence-level VADER scores {mt['vader']['f1m']:.2f} "
            f"and {rw['vader']['f1m']:.2f}.")


def _article_note(figures: dict | None) -> str:
    """The article method's note: its cross-validated agreement on PerSenT dev and BASIL dev, beside VADER's."""
    lead = ("Treatment is read from the article as a whole by a model trained on people's judgements of the "
            "author's sentiment toward a person (PerSenT dev, BASIL dev): it weighs the sentences naming the "
            "actor, where and how prominently they appear, and in whose voice.")
    part = (figures or {}).get("article")
    if not part:
        return lead + " Read the sentences before you quote a number."
    said = []
    for name, title, unit in (("persent", "PerSenT", "by article"), ("basil", "BASIL", "by event")):
        f = part[name]
        low, high = f["model"]["spearman_95"]
        said.append(f"on {title} ({f['pairs']} pairs, cross-validated {unit}) rank correlation "
                    f"{f['model']['spearman']:.2f} (95% interval {low:.2f} to {high:.2f}), macro-F1 "
                    f"{f['model']['macro_f1']:.2f}, where VADER over the whole article scores "
                    f"{f['vader_article']['spearman']:.2f} and {f['vader_article']['macro_f1']:.2f}")
    return (f"{lead} Agreement with people: {'; '.join(said)}. That is a modest agreement: read the sentences "
            "before you quote a number.")


def agreement_note(method: str) -> str:
    """What the Actors page says about how far to trust the sentiment figures."""
    figures = load_agreement()
    if method == "article":
        return _article_note(figures)
    if method == "vader":
        lead = ("Sentence tone (VADER on each whole sentence naming the actor) says how a sentence sounds, not how "
                "it treats the actor: news about wars scores negative whoever is praised.")
        key = "vader"
    else:
        lead = ("Treatment is read by a model trained on NewsMTSC (sentences from US news, labelled for the "
                "sentiment toward one named person): it counts the sentences confidently for or against the "
                "actor; what the actor says is not counted." + _newsmtsc())
        key = "target"
    if not figures:
        return lead + " Read the sentences before you quote a number."
    part = figures[key]
    low, high = part["spearman_95"]
    return (f"{lead} Against people's judgements of the author's feeling on BASIL ({figures['pairs']} "
            f"article-person pairs, cross-validated by event): rank correlation {part['spearman']:.2f} (95% "
            f"interval {low:.2f} to {high:.2f}), macro-F1 {part['macro_f1']:.2f}, where always answering neutral "
            f"scores {figures['always_neutral_macro_f1']:.2f}. That is a weak agreement: read the sentences before "
            "you quote a number.")
