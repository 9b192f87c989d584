"""How well actor sentiment agrees with BASIL's annotators: target model against VADER, cross-validated by event.

    python bench/actor_sentiment.py [--corpora DIR] [--events 2010,2011,2012] [--write]

Reads ../shared/corpora/basil_dev (labels.csv: file, entity, author_feeling).
Prints, for the target method and the vader method, Spearman's rank
correlation of the treatment score with the ordinal label and the macro-F1
of the labels, each with a 95% bootstrap interval; thresholds are chosen on
the other events for each held-out event. ``--events`` keeps only the events
whose folder starts with one of those prefixes (a year, say); ``--write``
stores the all-events figures in analysis/actors/agreement.json, which the
Actors page quotes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analysis.actors.agreement import AGREEMENT_FILE
from analysis.eval.agreement import measure

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--events", help="comma-separated prefixes of BASIL event folders (e.g. years)")
    parser.add_argument("--write", action="store_true", help=f"store the figures in {AGREEMENT_FILE.name}")
    args = parser.parse_args(argv)
    folder = Path(args.corpora) / "basil_dev"
    if not (folder / "labels.csv").is_file():
        print(f"BASIL corpus not found at {folder}; nothing to measure.")
        return 0
    events = None
    if args.events:
        prefixes = tuple(args.events.split(","))
        events = [p.name for p in folder.iterdir() if p.is_dir() and p.name.startswith(prefixes)]
    figures = measure(Path(args.corpora), events)
    print(f"BASIL dev: {figures['pairs']} (article, person) pairs in {figures['events']} events, "
          f"{figures['found']} named in the article's voice or in quotations about them; labels {figures['labels']}")
    print(f"{'method':28} {'spearman':>9} {'95% interval':>16} {'macro-F1':>9} {'95% interval':>16}")
    for method in ("target", "vader"):
        part = figures[method]
        print(f"{method:28} {part['spearman']:9.3f} {_span(part['spearman_95']):>16} "
              f"{part['macro_f1']:9.3f} {_span(part['macro_f1_95']):>16}")
    print(f"{'always neutral':28} {'n/a':>9} {'':>16} {figures['always_neutral_macro_f1']:9.3f}")
    print(f"thresholds chosen on all events: {figures['target']['chosen_on_all_events']}")
    if args.write:
        if events is not None:
            print("not written: --write stores the all-events figures only", file=sys.stderr)
            return 2
        # The article method's figures are bench/treatment_bench.py's: keep them.
        kept = json.loads(AGREEMENT_FILE.read_text(encoding="utf-8")) if AGREEMENT_FILE.is_file() else {}
        figures |= {key: kept[key] for key in ("article",) if key in kept}
        AGREEMENT_FILE.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {AGREEMENT_FILE.relative_to(ROOT)}")
    return 0


def _span(interval) -> str:
    return f"{interval[0]:.2f} to {interval[1]:.2f}"


if __name__ == "__main__":
    sys.exit(main())
