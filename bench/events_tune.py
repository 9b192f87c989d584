"""Events' settings chosen on hard tune folders, text only and dated: many mixtures of BASIL 2010-12 events.

    python bench/events_tune.py [--basil DIR] [--polnear DIR] [--draws N] [--part all|cv|choice] [--verbose]

bench/events_choice.py tuned on BASIL 2010-12 as one merged folder, events
alone and pairs: most settings scored ARI 1.000 there, so the choice could
not move the held-out figure. Here the tune folders are harder, still from
the tune years only (2010-2012), text only (no metadata: no dates, outlets
or given titles), each once as written and once with its headline line
dropped (a body with no title to lean on):

- random mixtures: ``--draws`` folders each of k = 2, 4, 8 and 15 events
  drawn at random, and all 30 events at once;
- near mixtures: each event with the three events most alike it in words
  (mean TF-IDF cosine of their articles): the stories a cut must split;
- each event alone (it must stay one story).

The same mixtures are scored again dated (with BASIL's metadata: dates,
outlets, titles, headline kept), the folders analysts' saved pages make.

Criterion: the mean of the text-only score and the dated score, each
(margin, not a single lucky partition) the mean of
(mean ARI of the random mixtures, mean ARI of the near mixtures, the
10th-percentile ARI over all mixtures, the share of events alone kept
whole), each averaged over the cut and the cut moved 0.025 either way, so a
setting whose partition holds only at one exact cut scores less. PolNeAR's
tune outlets (48 articles, text only) may not gain false merges over the
settings before (two articles over 7 days apart in one story). Ties (within
0.002) go to the setting nearest the one before.

Grid: the cut and the no-fact weight (a dated pair within a week counts as
if it shared one fact, so it follows; the fact similarity stays at 0.3 and
the IDF's pseudo-documents at 10: bench/events_choice.py chose them with
these). Small enough to run in minutes on two shared cores.
Cross-validation by year: the same choice (cut and no-fact weight) made on
two tune years, scored on the third; it says whether the criterion
transfers across years before anything held out is read. Held out, read once at the end for the settings
before and the chosen ones: BASIL 2013-14 (text only and with metadata),
PolNeAR's other three outlets, the samples (a check, never a criterion).
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from events_bench import DEFAULT_BASIL, adjusted_rand_index, basil_events, flatten  # noqa: E402
from events_choice import (DEFAULT_POLNEAR, FAR_DAYS, HELD_OUT_OUTLETS, HELD_OUT_YEARS, TUNE_OUTLETS,  # noqa: E402
                           TUNE_YEARS, Folders, _line, false_merges, polnear_folder, samples_check, weighted)

from analysis.article_similarity import article_stems  # noqa: E402
from analysis.corpus import Article, load_corpus  # noqa: E402
from analysis.story.events import EventSettings, article_sentence_stems, event_labels  # noqa: E402
from analysis.text import tfidf  # noqa: E402

SIZES = (2, 4, 8, 15)
NEAR = 3
CUT_MARGIN = 0.025
# Settings before this choice: the shipped EventSettings and weighting.
BEFORE = EventSettings()
BEFORE_PRIOR = tfidf.WEIGHTING.prior_documents
# The cut's steps are CUT_MARGIN apart, so the margin's neighbours are mostly grid points (computed once).
GRID = {"threshold": (0.175, 0.2, 0.225, 0.25),
        "no_fact_weight": (0.7, 0.85, 1.0),
        "fact_similarity": (0.3,)}
# Cross-validation by year runs the smaller grid (cut and no-fact weight), three times.
QUICK_GRID = {**GRID, "fact_similarity": (0.3,)}
# Keyed by the folders' id: the folders are kept alive with their figures, so no id is reused.
_FIGURES: dict[tuple, tuple[list, dict[str, float]]] = {}


@dataclass
class Parts:
    """A split's articles (text only) with their per-article parts, computed once, and their true events."""

    articles: list[Article]
    counts: list[dict[str, int]]
    sentences: list[list[list[str]]]
    truth: list[str]

    @classmethod
    def load(cls, basil: Path, events: list[str], folder: Path, drop_headline: bool, dated: bool = False) -> Parts:
        truth = flatten(basil, events, folder, with_metadata=dated)
        if drop_headline:
            for name in truth:
                lines = (folder / name).read_text(encoding="utf-8").split("\n", 1)
                (folder / name).write_text(lines[1] if len(lines) > 1 else "", encoding="utf-8")
        articles = list(load_corpus(folder).articles)
        return cls(articles, [article_stems(a) for a in articles], [article_sentence_stems(a) for a in articles],
                   [truth[a.path] for a in articles])

    def ari(self, members: list[int], settings: EventSettings) -> float:
        """ARI of the events found among ``members`` (indices) against the true ones."""
        _, labels = event_labels([self.articles[k] for k in members], [self.counts[k] for k in members],
                                 [self.sentences[k] for k in members], settings)
        return adjusted_rand_index([self.truth[k] for k in members], labels.tolist())

    def members(self, events: list[str]) -> list[int]:
        chosen = set(events)
        return [k for k, e in enumerate(self.truth) if e in chosen]


def mixtures(parts: Parts, events: list[str], draws: int, seed: int) -> dict[str, list[list[int]]]:
    """Folders (article indices) by kind: random k-event mixtures, near mixtures, events alone."""
    rng = random.Random(seed)
    drawn = [parts.members(rng.sample(events, k)) for k in SIZES if k < len(events) for _ in range(draws)]
    drawn.append(parts.members(events))
    with weighted(tfidf.Weighting(prior_documents=BEFORE_PRIOR)):
        alike = tfidf.cosine_matrix(tfidf.article_vectors([parts.counts[k] for k in parts.members(events)]).rows)
    index = {k: n for n, k in enumerate(parts.members(events))}
    rows = {e: [index[k] for k in parts.members([e])] for e in events}

    def closeness(e: str, o: str) -> float:
        return float(alike[np.ix_(rows[e], rows[o])].mean())

    near = [parts.members([e, *sorted((o for o in events if o != e), key=lambda o: -closeness(e, o))[:NEAR]])
            for e in events]
    return {"random": drawn, "near": near, "alone": [parts.members([e]) for e in events]}


def figures(folders: list[tuple[Parts, dict[str, list[list[int]]]]], settings: EventSettings) -> dict[str, float]:
    """Mean ARI of random and near mixtures, 10th-percentile ARI, share alone whole; and their mean, the score."""
    random_ari, near_ari, whole = [], [], []
    for parts, kinds in folders:
        random_ari += [parts.ari(m, settings) for m in kinds["random"]]
        near_ari += [parts.ari(m, settings) for m in kinds["near"]]
        whole += [len(set(event_labels([parts.articles[k] for k in m], [parts.counts[k] for k in m],
                                       [parts.sentences[k] for k in m], settings)[1])) == 1 for m in kinds["alone"]]
    found = {"random": float(np.mean(random_ari)), "near": float(np.mean(near_ari)),
             "p10": float(np.percentile(random_ari + near_ari, 10)), "whole": float(np.mean(whole))}
    return {**found, "score": float(np.mean(list(found.values())))}


def margin_figures(folders, settings: EventSettings, prior: float) -> dict[str, float]:
    """:func:`figures` averaged over the cut and the cut moved CUT_MARGIN either way."""
    runs = []
    for d in (-CUT_MARGIN, 0.0, CUT_MARGIN):
        shifted = replace(settings, threshold=round(settings.threshold + d, 4))
        if (id(folders), shifted, prior) not in _FIGURES:
            with weighted(tfidf.Weighting(prior_documents=prior)):
                _FIGURES[id(folders), shifted, prior] = (folders, figures(folders, shifted))
        runs.append(_FIGURES[id(folders), shifted, prior][1])
    return {k: float(np.mean([r[k] for r in runs])) for k in runs[0]}


def criterion(both, settings: EventSettings, prior: float) -> dict[str, float]:
    """The score: the mean of the text-only and the dated folders' margin scores (both kinds are used)."""
    text, dated = (margin_figures(folders, settings, prior) for folders in both)
    return {"text": text["score"], "dated": dated["score"], "text whole": text["whole"],
            "dated whole": dated["whole"], "score": (text["score"] + dated["score"]) / 2}


def settings_of(values: dict) -> tuple[EventSettings, float]:
    chosen = {k: v for k, v in values.items() if k != "prior_documents"}
    return replace(BEFORE, **chosen), values.get("prior_documents", BEFORE_PRIOR)


def distance(values: dict) -> float:
    return sum(abs(v - (BEFORE_PRIOR if k == "prior_documents" else getattr(BEFORE, k))) / max(GRID[k])
               for k, v in values.items())


def choose(folders, grid: dict, polnear, verbose: bool) -> tuple[dict, dict[str, float]]:
    """The grid's best setting by the margin score, PolNeAR tune false merges no more than before's."""
    allowed = false_merges(*polnear, BEFORE)[0] if polnear else None
    scored = []
    for values in itertools.product(*grid.values()):
        chosen = dict(zip(grid, values))
        settings, prior = settings_of(chosen)
        found = criterion(folders, settings, prior)
        if polnear:
            with weighted(tfidf.Weighting(prior_documents=prior)):
                found["merges"] = false_merges(*polnear, settings)[0]
        scored.append((chosen, found))
        if verbose:
            print(f"  {chosen}: {_short(found)}", flush=True)
    fit = [(c, f) for c, f in scored if allowed is None or f["merges"] <= allowed]
    best = max(f["score"] for _, f in fit)
    return min(((c, f) for c, f in fit if f["score"] >= best - 0.002), key=lambda cf: distance(cf[0]))


def _short(found: dict[str, float]) -> str:
    text = (f"text {found['text']:.3f} (alone whole {found['text whole']:.3f}), dated {found['dated']:.3f} "
            f"(alone whole {found['dated whole']:.3f}); score {found['score']:.3f}")
    return text + (f"; PolNeAR merges {found['merges']}" if "merges" in found else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--draws", type=int, default=10, help="random mixtures per size (default 10)")
    parser.add_argument("--part", choices=("all", "cv", "choice"), default="all",
                        help="cross-validation by year (on the cut and no-fact weight), the choice and held out, or both")
    parser.add_argument("--verbose", action="store_true", help="print every setting's tune figures")
    args = parser.parse_args(argv)
    if not (args.basil.is_dir() and args.polnear.is_dir()):
        print(f"BASIL or PolNeAR not found ({args.basil}, {args.polnear}): nothing to measure")
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="storylens-events-tune-"))
    try:
        events = basil_events(args.basil, TUNE_YEARS)
        parts = [Parts.load(args.basil, events, scratch / f"tune-{drop}", drop) for drop in (False, True)]
        dated = Parts.load(args.basil, events, scratch / "tune-dated", False, dated=True)

        def folders_of(years: tuple[int, ...], seed: int):
            chosen = [e for e in events if int(e[:4]) in years]
            return ([(p, mixtures(p, chosen, args.draws, seed)) for p in parts],
                    [(dated, mixtures(dated, chosen, args.draws, seed))])

        print(f"cross-validation by year (tune years only; {args.draws} draws per size, headline kept and dropped):"
              if args.part != "choice" else "", end="\n" if args.part != "choice" else "")
        for left in TUNE_YEARS if args.part != "choice" else ():
            kept = tuple(y for y in TUNE_YEARS if y != left)
            chosen, _ = choose(folders_of(kept, left), QUICK_GRID, None, verbose=False)
            out = folders_of((left,), left)
            print(f"  choose on {kept}, score {left}: chosen {chosen}")
            print(f"    {left} chosen: {_short(criterion(out, *settings_of(chosen)))}")
            print(f"    {left} before: {_short(criterion(out, BEFORE, BEFORE_PRIOR))}", flush=True)
        if args.part == "cv":
            return 0
        polnear = polnear_folder(args.polnear, TUNE_OUTLETS, scratch)
        tune = folders_of(TUNE_YEARS, 0)
        print("tune, all 2010-12 (figures averaged over the cut +-0.025):")
        chosen, found = choose(tune, GRID, polnear, verbose=args.verbose)
        with weighted(tfidf.Weighting(prior_documents=BEFORE_PRIOR)):
            before = {**criterion(tune, BEFORE, BEFORE_PRIOR), "merges": false_merges(*polnear, BEFORE)[0]}
        print(f"  before {_settings_text(BEFORE, BEFORE_PRIOR)}: {_short(before)}")
        print(f"  chosen {chosen}: {_short(found)}", flush=True)
        held = {mode: Folders(args.basil, HELD_OUT_YEARS, scratch, with_metadata=mode == "metadata")
                for mode in ("text only", "metadata")}
        polnear_held = polnear_folder(args.polnear, HELD_OUT_OUTLETS, scratch)
        for name, (settings, prior) in (("before", (BEFORE, BEFORE_PRIOR)), ("chosen", settings_of(chosen))):
            print(f"held out, {name} ({_settings_text(settings, prior)}):")
            with weighted(tfidf.Weighting(prior_documents=prior)):
                for mode, folder in held.items():
                    print(f"  BASIL 2013-14 {mode:9s}: {_line(folder.figures(settings))}")
                merged, far = false_merges(*polnear_held, settings)
                print(f"  PolNeAR 3 outlets: {merged} of {far} pairs over {FAR_DAYS} days apart in one story")
                print(f"  samples: {samples_check(settings)}", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def _settings_text(settings: EventSettings, prior: float) -> str:
    return ", ".join([*(f"{k}={getattr(settings, k)}" for k in GRID if k != "prior_documents"),
                      f"prior_documents={prior:g}"])


if __name__ == "__main__":
    sys.exit(main())
