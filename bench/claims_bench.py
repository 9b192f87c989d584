"""Claims on BASIL dev, rules before and after: how many, how many articles each, and 20 to read by hand.

    python bench/claims_bench.py [--corpus DIR] [--sample 20] [--seed 0]

Each BASIL event (three outlets, one story) is searched alone, with the
claims' settings as shipped ("after") and with the content rule off
(``ClaimSettings(content=0.0)``, "before": a pair may rest on names and verbs
of saying). Printed: claims, the share carried by all three articles, and a
seeded sample of claims with their sentences, to judge by reading whether
they state one thing. Then events two by two (six articles, two stories, as
the Story page holds them when they are in play together): claims that join
articles of two BASIL events, which before this change could not form
(stories bounded the search) and are mostly false (two stories).
"""

from __future__ import annotations

import argparse
import random
import statistics
from dataclasses import replace
from pathlib import Path

import pandas as pd

from analysis.corpus import load_corpus
from analysis.story.claims import ClaimSettings, find_claims

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "basil_dev"
# Before: no content rule, no clashing-figure link (a pair must then reach 1.0 to pass by a fact), and
# two stories' sentences pair at Compare's reworded cut like one story's.
_BEFORE = ClaimSettings(content=0.0, fact_similarity=1.0)
RULES = {"before": replace(_BEFORE, cross_story=_BEFORE.compare.reworded_threshold), "after": ClaimSettings()}


def _event(path: str) -> str:
    return path.split("/", 1)[0]


def _claims(corpus, paths: list[str], settings: ClaimSettings) -> pd.DataFrame:
    part = corpus.subset(paths)
    events = pd.DataFrame({"article": [a.path for a in part.articles],
                           "event": [_event(a.path) for a in part.articles]})
    return find_claims(part, settings, events=events)


def _show(claims: pd.DataFrame, count: int, seed: int) -> None:
    keys = sorted(set(zip(claims["group"], claims["claim"])))
    for n, key in enumerate(random.Random(seed).sample(keys, min(count, len(keys))), start=1):
        rows = claims[(claims["group"] == key[0]) & (claims["claim"] == key[1])]
        print(f"  [{n}] {key[0]} {key[1]}: {rows['label'].iloc[0]}")
        for row in rows.itertuples():
            part = row.sentence[row.part_start:row.part_end]
            print(f"      {row.article}: {part[:170]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}; nothing to measure")
        return 0
    corpus = load_corpus(args.corpus)
    by_event: dict[str, list[str]] = {}
    for article in corpus.articles:
        by_event.setdefault(_event(article.path), []).append(article.path)
    events = sorted(e for e, paths in by_event.items() if len(paths) >= 2)
    print(f"{len(corpus.articles)} articles, {len(events)} events of two or more")
    found = {}
    for rule, settings in RULES.items():
        frames = [_claims(corpus, by_event[e], settings).assign(group=e) for e in events]
        claims = pd.concat(frames, ignore_index=True)
        sizes = claims.groupby(["group", "claim"])["article"].nunique()
        print(f"\n== {rule}: {len(sizes)} claims in {claims['group'].nunique()} events; "
              f"share carried by 3 articles {(sizes >= 3).mean():.3f}; "
              f"claims per event median {statistics.median([int((sizes.index.get_level_values(0) == e).sum()) for e in events])}")
        _show(claims, args.sample, args.seed)
        found[rule] = claims
        mixed = pd.concat([_claims(corpus, by_event[first] + by_event[second], settings).assign(group=first)
                           for first, second in zip(events[0::2], events[1::2])], ignore_index=True)
        spans = mixed.groupby(["group", "claim"])["article"].agg(lambda s: s.map(_event).nunique())
        print(f"   events two by two ({len(events) // 2} pairs): {len(spans)} claims, "
              f"{int((spans > 1).sum())} join two events:")
        _show(mixed[mixed.set_index(["group", "claim"]).index.isin(spans[spans > 1].index)], args.sample, args.seed)
    kept = {_members(rows) for _, rows in found["after"].groupby(["group", "claim"])}
    dropped = found["before"].groupby(["group", "claim"]).filter(lambda rows: _members(rows) not in kept)
    print(f"\n== claims of before that after no longer forms ({dropped.groupby(['group', 'claim']).ngroups}):")
    _show(dropped, args.sample, args.seed)
    held = {_members(rows) for _, rows in found["before"].groupby(["group", "claim"])}
    added = found["after"].groupby(["group", "claim"]).filter(lambda rows: _members(rows) not in held)
    print(f"\n== claims of after that before did not form ({added.groupby(['group', 'claim']).ngroups}):")
    _show(added, args.sample, args.seed)
    return 0


def _members(rows: pd.DataFrame) -> frozenset:
    return frozenset(zip(rows["article"], rows["sentence_index"]))


if __name__ == "__main__":
    raise SystemExit(main())
