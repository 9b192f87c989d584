"""Article-level treatment against people's judgements: the shipped model, whole-article VADER, the current method.

    python bench/treatment_bench.py [--corpora DIR] [--write]

Reads ../shared/corpora/persent_dev and basil_dev (needs the ``train`` extra:
the cross-validation refits the model). Prints Spearman's rank correlation
with the labels and the macro-F1 of the labels, each with a 95% bootstrap
interval, cross-validated (PerSenT by article, BASIL by event; the model's penalty
and label thresholds, and VADER's, chosen on the training folds only, the paragraph
word model refitted on the training folds' paragraphs), then
the held-out slices (PerSenT files by hash, BASIL 2014) scored by the shipped
file. ``--write`` stores the cross-validated figures in
analysis/actors/agreement.json under "article", which the Actors page quotes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analysis.actors.agreement import AGREEMENT_FILE
from analysis.models.train_treatment import CARD_PATH, build, cached_runner, evaluate, heldout_figures, pool_cross_fit
from analysis.models.treatment import shipped

ROOT = Path(__file__).resolve().parents[1]
NAMES = {"model": "treatment model (article)", "vader_article": "VADER, whole article",
         "current": "current (target counts)"}


def _span(interval) -> str:
    return f"{interval[0]:.2f} to {interval[1]:.2f}"


def _print(title: str, figures: dict) -> None:
    print(f"{title}: {figures['pairs']} pairs, labels {figures['labels']}")
    print(f"  {'method':28} {'spearman':>9} {'95% interval':>14} {'macro-F1':>9} {'95% interval':>14}")
    for key, name in NAMES.items():
        part = figures[key]
        print(f"  {name:28} {part['spearman']:9.3f} {_span(part['spearman_95']):>14} "
              f"{part['macro_f1']:9.3f} {_span(part['macro_f1_95']):>14}")
    for other in ("vader_article", "current"):
        part = figures[f"model_minus_{other}"]
        print(f"  {'model - ' + other:28} {part['spearman']:+9.3f} {_span(part['spearman_95']):>14} "
              f"{part['macro_f1']:+9.3f} {_span(part['macro_f1_95']):>14}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--write", action="store_true", help=f"store the figures in {AGREEMENT_FILE.name}")
    args = parser.parse_args(argv)
    corpora = Path(args.corpora)
    if not all((corpora / f"{n}_dev" / "labels.csv").is_file() for n in ("persent", "basil")):
        print(f"PerSenT dev or BASIL dev not found under {corpora}; nothing to measure.")
        return 0
    data = build(corpora, cached_runner())
    cross = evaluate(data, pool_cross_fit(corpora, data))  # the word model refitted inside the folds
    _print("PerSenT dev, cross-validated by article", cross["persent"])
    _print("BASIL dev, cross-validated by event", cross["basil"])
    card = json.loads(CARD_PATH.read_text(encoding="utf-8"))
    held = heldout_figures(data, shipped(), tuple(card["settings"]["vader_article_cuts"]))
    _print("PerSenT held-out slice (shipped model)", held["persent"])
    _print("BASIL 2014 held-out events (shipped model)", held["basil"])
    if args.write:
        figures = json.loads(AGREEMENT_FILE.read_text(encoding="utf-8")) if AGREEMENT_FILE.is_file() else {}
        figures["article"] = cross | {"heldout": held}
        AGREEMENT_FILE.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {AGREEMENT_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
