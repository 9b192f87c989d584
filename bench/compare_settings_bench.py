"""Compare's settings chosen on dev data: the news synonym group, the reworded and shared cuts, new_words.

    python bench/compare_settings_bench.py --mrpc DIR [--basil DIR]

Each setting is chosen on a tune split by a rule stated here, and reported
with the setting it replaces ("before") on a held-out split:

- MRPC (Microsoft Research Paraphrase Corpus, news sentence pairs judged
  paraphrase or not; DIR/msr_paraphrase_{train,test}.txt, not shipped with
  StoryLens): tune = train, held out = test.
- BASIL dev (../shared/corpora/basil_dev): tune = events of 2010-2012,
  held out = 2013-2014.

Figures:

1. The news synonym group (retaliate ~ respond) that analysis/text/similarity.py
   added to WordNet for a sample pair: MRPC AUC and F1 with it and without it
   (the WordNet reader alone).
2. reworded_threshold: Compare makes two errors, a paraphrase left unpaired
   and a pair drawn by chance. Recall: the share of MRPC paraphrase pairs
   whose match score reaches the cut. Chance: the share of body sentences
   Compare pairs between BASIL articles of different events (every such pair
   is wrong). The cut (0.05 grid) with the best tune recall - chance
   (Youden's J). MRPC's non-paraphrases are left out of the choice: most
   share part of a fact, which Compare pairs by design (a clause of one
   sentence with the other), and F1 against them is flat (0.816-0.818 over
   0.35-0.50 on train; a bootstrap's best cut falls anywhere in 0.35-0.55).
   F1 against the label is printed alongside.
3. shared_threshold: a pair is "shared" when its score without synonym credit
   reaches the cut. The lowest cut (0.02 grid) at which tune pairs called
   shared are paraphrases 95% of the time: "shared" says the same words and
   the same thing, a stronger claim than "reworded".
4. new_words: what a further partner of a sentence must bring. Built from
   MRPC paraphrase pairs: a sentence fusing two facts (a1; a2, a2 the
   sentence of another pair sharing most words with a1, so the facts are
   alike) against an article holding their paraphrases b1 and b2 must pair
   with both (split); a sentence against an article holding two paraphrases
   of it (MRPC sentences judged paraphrases of one sentence in two pairs)
   must pair with one only (repeat). F1 of further partners (split: right,
   repeat: wrong); the tune-best value on a 0.05 grid, the largest on ties.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.compare import align  # noqa: E402
from analysis.corpus import Article, article_from_bytes, load_corpus  # noqa: E402
from analysis.text.idf import idf_weights  # noqa: E402
from analysis.text.similarity import SimilaritySettings, match, represent, score  # noqa: E402
from analysis.text.verdict import CompareSettings  # noqa: E402
from analysis.text.wordnet import TABLE_PATH, concept_table, key_of  # noqa: E402
from analysis.text.words import content_stems  # noqa: E402

DEFAULT_BASIL = ROOT.parent / "shared" / "corpora" / "basil_dev"
TUNE_YEARS, HELD_OUT_YEARS = ("2010", "2011", "2012"), ("2013", "2014")
# The settings before this bench chose them (analysis/text/verdict.py, set on samples 001/004).
BEFORE = CompareSettings(shared_threshold=0.8, reworded_threshold=0.35, new_words=0.25)
# The group similarity.py added to WordNet for one sample pair.
OLD_NEWS_SYNONYMS = ("retaliate", "retaliation", "retaliatory", "respond", "response")


def read_mrpc(path: Path) -> list[tuple[int, str, str, str, str]]:
    """(label, id 1, id 2, sentence 1, sentence 2) for each pair of an MRPC file."""
    rows = []
    for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) == 5:
            rows.append((int(fields[0]), fields[1], fields[2], fields[3], fields[4]))
    return rows


def with_old_group() -> SimilaritySettings:
    """Settings reading the shipped table with the old news synonym group added, as similarity.py did."""
    # A copy of the shipped file: another path, so another table in memory, changed here alone.
    path = str(Path(tempfile.mkdtemp(prefix="storylens-old-group-")) / TABLE_PATH.name)
    shutil.copyfile(TABLE_PATH, path)
    words = concept_table(path).words
    for word in OLD_NEWS_SYNONYMS:
        syn, rel, bri = words.get(key_of(word), (frozenset(), frozenset(), frozenset()))
        words[key_of(word)] = (syn | {-1}, rel, bri)
    return SimilaritySettings(table=path)


def pair_scores(rows, settings: SimilaritySettings) -> tuple[list[float], list[float]]:
    """Match score (clauses allowed, as Compare pairs) and score without link credit, IDF over the split."""
    sentences = sorted({s for *_, a, b in rows for s in (a, b)})
    idf = idf_weights(content_stems(s) for s in sentences)
    reps = {s: represent(s, idf, settings) for s in sentences}
    exact = replace(settings, synonym=0.0, related=0.0, bridge=0.0)
    return ([match(reps[a], reps[b], settings).score for *_, a, b in rows],
            [score(reps[a], reps[b], exact) for *_, a, b in rows])


def f1(labels: list[int], predicted: list[bool]) -> float:
    tp = sum(p and y for p, y in zip(predicted, labels))
    wrong = sum(p != bool(y) for p, y in zip(predicted, labels))
    return 2 * tp / (2 * tp + wrong) if tp else 0.0


def auc(labels: list[int], scores: list[float]) -> float:
    """ROC AUC: the chance a paraphrase outscores a non-paraphrase (ties count half)."""
    pos = sorted(s for s, y in zip(scores, labels) if y)
    neg = sorted(s for s, y in zip(scores, labels) if not y)
    from bisect import bisect_left, bisect_right
    wins = sum(bisect_left(neg, s) + 0.5 * (bisect_right(neg, s) - bisect_left(neg, s)) for s in pos)
    return wins / (len(pos) * len(neg))


def precision(labels: list[int], predicted: list[bool]) -> float:
    chosen = [y for p, y in zip(predicted, labels) if p]
    return sum(chosen) / len(chosen) if chosen else 1.0


def grid(start: float, stop: float, step: float) -> list[float]:
    return [round(start + k * step, 4) for k in range(int(round((stop - start) / step)) + 1)]


# --- 4. new_words: split facts and repeats built from MRPC ------------------------------------


def _article(name: str, sentences: list[str]) -> Article:
    return article_from_bytes(name, "\n\n".join(sentences).encode("utf-8") + b"\n")


def new_words_cases(rows, seed: int = 0) -> list[tuple[Article, Article, int]]:
    """(A, B, partners A's first sentence should have) cases: split facts (2) and repeats (1)."""
    positives = [r for r in rows if r[0] == 1]
    cases = []
    stems = [set(content_stems(a)) for _, _, _, a, _ in positives]
    for k, (_, _, _, a1, b1) in enumerate(positives[:300]):
        # The other pair whose first sentence shares most content words: two alike facts.
        other = max((m for m in range(len(positives)) if m != k), key=lambda m: len(stems[k] & stems[m]))
        a2, b2 = positives[other][3], positives[other][4]
        fused = a1.rstrip(" .") + "; " + a2[0].lower() + a2[1:]
        cases.append((_article("a.txt", [fused]), _article("b.txt", [b1, b2]), 2))
    partners: dict[str, list[str]] = defaultdict(list)
    text: dict[str, str] = {}
    for label, id1, id2, s1, s2 in positives:
        text[id1], text[id2] = s1, s2
        partners[id1].append(id2)
        partners[id2].append(id1)
    for sid, others in sorted(partners.items()):
        if len(others) >= 2:
            cases.append((_article("a.txt", [text[sid]]), _article("b.txt", [text[o] for o in others[:2]]), 1))
    random.Random(seed).shuffle(cases)
    return cases


def new_words_f1(cases, settings: CompareSettings) -> tuple[float, float, float]:
    """(F1 of further partners, split recall, repeat rejection) for ``settings``."""
    right = wrong = missed = splits = repeats = rejected = 0
    for a, b, wanted in cases:
        frame = align(a, b, settings)
        drawn = int((frame["status"].isin(["shared", "reworded"]) & (frame["a_index"] == 0)).sum())
        further = max(0, drawn - 1)
        if wanted == 2:
            splits += 1
            right += further
            missed += 1 - further
        else:
            repeats += 1
            wrong += further
            rejected += further == 0
    return (2 * right / (2 * right + wrong + missed) if right else 0.0, right / splits, rejected / repeats)


# --- chance: pairs Compare draws between articles of different BASIL events -----------------


def chance_share(basil: Path, years: tuple[str, ...], cuts: list[float], count: int = 90,
                 seed: int = 0) -> dict[float, float]:
    """Share of body sentences paired at each cut between articles of different events of ``years``."""
    corpus = load_corpus(basil)
    events: dict[str, list[Article]] = defaultdict(list)
    for article in corpus.articles:
        if article.path[:4] in years:
            events[article.path.split("/")[0]].append(article)
    names = sorted(events)
    rng = random.Random(seed)
    paired = dict.fromkeys(cuts, 0)
    total = 0
    low = CompareSettings(reworded_threshold=min(cuts))
    for _ in range(count):
        e1, e2 = rng.sample(names, 2)
        a, b = rng.choice(events[e1]), rng.choice(events[e2])
        # Pairs are drawn best first, so those at a higher cut are the same at any lower cut.
        frame = align(a, b, low)
        frame = frame[frame["status"].isin(["shared", "reworded"])]
        total += len(a.sentences) + len(b.sentences)
        for cut in cuts:
            kept = frame[frame["similarity"] >= cut]
            paired[cut] += kept["a_index"].nunique() + kept["b_index"].nunique()
    return {cut: paired[cut] / total for cut in cuts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mrpc", type=Path, required=True, help="folder of msr_paraphrase_{train,test}.txt")
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    args = parser.parse_args(argv)
    if not (args.mrpc / "msr_paraphrase_train.txt").is_file():
        print(f"MRPC not found in {args.mrpc}: nothing to measure")
        return 0
    tune, held = (read_mrpc(args.mrpc / f"msr_paraphrase_{s}.txt") for s in ("train", "test"))
    y_tune, y_held = [r[0] for r in tune], [r[0] for r in held]
    now = CompareSettings()
    print(f"MRPC: tune {len(tune)} pairs (train), held out {len(held)} (test)")

    print("1. news synonym group (retaliate ~ respond) added to WordNet, against the WordNet reader alone")
    old = with_old_group()
    scores = {}
    for name, settings in (("with the group (before)", old), ("WordNet alone (now)", SimilaritySettings())):
        (t_match, t_exact), (h_match, h_exact) = pair_scores(tune, settings), pair_scores(held, settings)
        scores[name] = (t_match, t_exact, h_match, h_exact)
        print(f"   {name:24s} AUC tune {auc(y_tune, t_match):.4f} held out {auc(y_held, h_match):.4f}; "
              f"F1 at cut {now.reworded_threshold}: held out "
              f"{f1(y_held, [s >= now.reworded_threshold for s in h_match]):.4f}")
    t_match, t_exact, h_match, h_exact = scores["WordNet alone (now)"]

    print("2. reworded_threshold: MRPC paraphrases paired (recall) less BASIL chance pairing")
    if not args.basil.is_dir():
        print(f"   BASIL not found: {args.basil}")
        return 0
    cuts = grid(0.25, 0.6, 0.05)
    chance_t, chance_h = (chance_share(args.basil, years, cuts) for years in (TUNE_YEARS, HELD_OUT_YEARS))
    t_pos = [s for s, y in zip(t_match, y_tune) if y]
    h_pos = [s for s, y in zip(h_match, y_held) if y]
    recall_t = {c: sum(s >= c for s in t_pos) / len(t_pos) for c in cuts}
    chosen = max(cuts, key=lambda c: recall_t[c] - chance_t[c])
    print("   tune recall - chance by cut: "
          + ", ".join(f"{c:.2f} {recall_t[c]:.3f}-{chance_t[c]:.3f}" for c in cuts))
    for tag, c in (("before", BEFORE.reworded_threshold), ("chosen", chosen), ("now", now.reworded_threshold)):
        recall_h = sum(s >= c for s in h_pos) / len(h_pos)
        print(f"   {tag:6s} {c:.2f}: tune recall {recall_t[c]:.3f}, chance {chance_t[c]:.2%}; held out recall "
              f"{recall_h:.3f}, chance {chance_h[c]:.2%}; F1 against the label tune "
              f"{f1(y_tune, [s >= c for s in t_match]):.4f}, held out {f1(y_held, [s >= c for s in h_match]):.4f}")

    print("3. shared_threshold: pairs called shared that are paraphrases (precision), and how many")
    cuts = grid(0.7, 0.96, 0.02)
    tune_p = {c: precision(y_tune, [s >= c for s in t_exact]) for c in cuts}
    chosen = min(c for c in cuts if tune_p[c] >= 0.95)
    print("   tune precision by cut: " + ", ".join(f"{c:.2f} {v:.3f}" for c, v in tune_p.items()))
    for tag, c in (("before", BEFORE.shared_threshold), ("chosen", chosen), ("now", now.shared_threshold)):
        kept = [s >= c for s in h_exact]
        print(f"   {tag:6s} {c:.2f}: precision tune {precision(y_tune, [s >= c for s in t_exact]):.3f}, "
              f"held out {precision(y_held, kept):.3f} ({sum(kept) / len(kept):.1%} of held-out pairs shared)")

    print("4. new_words: further partners, split facts (right) and repeats (wrong)")
    tune_cases, held_cases = new_words_cases(tune), new_words_cases(held)
    print(f"   cases: tune {len(tune_cases)}, held out {len(held_cases)}")
    values = grid(0.0, 0.75, 0.05)
    results = {v: new_words_f1(tune_cases, replace(now, new_words=v)) for v in values}
    chosen = max(values, key=lambda v: (round(results[v][0], 4), v))
    print("   tune F1 by value: " + ", ".join(f"{v:.2f} {r[0]:.3f}" for v, r in results.items()))
    for tag, v in (("before", BEFORE.new_words), ("chosen", chosen), ("now", now.new_words)):
        got = new_words_f1(held_cases, replace(now, new_words=v))
        print(f"   {tag:6s} {v:.2f}: F1 tune {results.get(v, (float('nan'),))[0]:.3f}, held out {got[0]:.3f} "
              f"(splits kept {got[1]:.1%}, repeats left alone {got[2]:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
