"""Copied passages on a real corpus: recall and precision against an exhaustive check, time, memory.

    python bench/copies_bench.py [--corpus DIR] [--runs N]

Ground truth is built without anything from analysis/story/copies.py: the
files are read as they are, words are ``\\w+`` runs (apostrophes kept inside),
every pair of files sharing any 5-word sequence is a candidate (a full sparse
product: no sequence is left out however common), and for each candidate
every pair of equal word positions is listed and walked along its diagonal
into maximal exact common runs. Definitions:

- identical: the same bytes, the same text up to whitespace, or the same
  words up to case and punctuation;
- heavy re-issue: exact common runs of at least 8 words cover at least 50 %
  of the shorter article's words (reordered passages count);
- shares a passage word for word: one exact common run of at least 15 words.

Precision is checked row by row, also without copies.py: the row's passage,
aligned against article_b's file by difflib, must match 15+ words in blocks
of 3+ words, one block of 6+ (a real shared passage).

Time: ``load_corpus`` then ``find_copies`` in a fresh process through a
Runner with an AnalysisCache in a fresh STORYLENS_CACHE_DIR (cold), then the
same again (warm), against plain single-process YAKE over the same files
(bench/index_bench.py's baseline) measured in the same run. Peak memory: the
largest resident sum over the process and its workers.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from measure import DEFAULT_CORPUS, baseline_seconds, python_child  # noqa: E402

TARGETS = {"cold": 1.0, "warm": 0.1, "peak_mb": 1536, "heavy_recall": 0.95, "precision": 1.0}
_GT_WORD = re.compile(r"\w+(?:'\w+)*")
_CHILD = """
import json, sys, time
from analysis.engine.batch import Runner
from analysis.engine.cache import AnalysisCache
from analysis.corpus import load_corpus
from analysis.story.copies import find_copies
start = time.perf_counter()
corpus = load_corpus(sys.argv[1], cache=AnalysisCache())
loaded = time.perf_counter()
frame = find_copies(corpus, runner=Runner(cache=AnalysisCache()))
done = time.perf_counter()
frame.to_json(sys.argv[2], orient="records")
print(json.dumps({"load": loaded - start, "find": done - loaded}))
"""


# --- ground truth ------------------------------------------------------------------


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def identical_pairs(root: Path, files: list[Path]) -> dict[str, set[tuple[str, str]]]:
    """Pairs of file paths with the same bytes, the same whitespace-folded text, the same words."""
    from analysis.corpus import article_from_bytes

    keys = {
        "bytes": lambda p: hashlib.sha256(p.read_bytes()).hexdigest(),
        "whitespace": lambda p: " ".join(_read(p).split()),
        "cleaned (loader)": lambda p: article_from_bytes(_name(root, p), p.read_bytes()).text,
        "words": lambda p: " ".join(_GT_WORD.findall(_read(p).lower())),
    }
    out = {}
    for name, key in keys.items():
        groups = defaultdict(list)
        for path in files:
            groups[key(path)].append(_name(root, path))
        out[name] = {tuple(sorted(pair)) for group in groups.values() for pair in combinations(group, 2)}
    return out


def _name(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _exact_runs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every maximal exact common run of two id sequences: (a_end, b_end, length), ends exclusive."""
    order = np.argsort(b, kind="stable")
    sorted_b = b[order]
    lo, hi = np.searchsorted(sorted_b, a, "left"), np.searchsorted(sorted_b, a, "right")
    counts = hi - lo
    i = np.repeat(np.arange(len(a)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    j = order[np.repeat(lo, counts) + offsets]
    diag = j - i
    by = np.lexsort((i, diag))
    i, diag = i[by], diag[by]
    start = np.r_[True, (diag[1:] != diag[:-1]) | (i[1:] != i[:-1] + 1)]
    first = np.flatnonzero(start)
    last = np.r_[first[1:], len(i)] - 1
    ends = i[last] + 1
    return ends, ends + diag[last], ends - i[first]


def _covered(ends: np.ndarray, lengths: np.ndarray, size: int) -> int:
    """Words of a sequence of ``size`` inside any run [end - length, end)."""
    marks = np.zeros(size + 1, dtype=np.int64)
    np.add.at(marks, ends - lengths, 1)
    np.add.at(marks, ends, -1)
    return int((np.cumsum(marks)[:size] > 0).sum())


def ground_truth(root: Path, files: list[Path]) -> pd.DataFrame:
    """One row per pair of files sharing a 5-word sequence: longest exact run and coverages."""
    vocabulary: dict[str, int] = {}
    docs = [np.array([vocabulary.setdefault(w, len(vocabulary)) for w in _GT_WORD.findall(_read(p).lower())],
                     dtype=np.int64) for p in files]
    holders = defaultdict(set)
    for d, ids in enumerate(docs):
        for start in range(len(ids) - 4):
            holders[ids[start : start + 5].tobytes()].add(d)
    pairs = {pair for group in holders.values() if len(group) > 1 for pair in combinations(sorted(group), 2)}
    names = [_name(root, p) for p in files]
    rows = []
    for x, y in sorted(pairs):
        if names[x] > names[y]:
            x, y = y, x
        a_end, b_end, length = _exact_runs(docs[x], docs[y])
        row = {"a": names[x], "b": names[y], "a_words": len(docs[x]), "b_words": len(docs[y]),
               "longest": int(length.max())}
        for m in (6, 8):
            keep = length >= m
            row[f"a_cov{m}"] = _covered(a_end[keep], length[keep], len(docs[x]))
            row[f"b_cov{m}"] = _covered(b_end[keep], length[keep], len(docs[y]))
        rows.append(row)
    truth = pd.DataFrame(rows)
    shorter = np.where(truth.a_words <= truth.b_words, truth.a_cov8 / truth.a_words, truth.b_cov8 / truth.b_words)
    truth["heavy"] = shorter >= 0.5
    truth["verbatim15"] = truth.longest >= 15
    truth["real"] = (truth.a_cov6 >= 15) & (truth.b_cov6 >= 15)
    return truth


# --- timing ------------------------------------------------------------------------


def run_copies(corpus: Path, cache: Path, out: Path) -> dict[str, float]:
    """load + find_copies in a fresh process: seconds of each, the process's wall time, peak MB."""
    measured = python_child(_CHILD, str(corpus), str(out), cache=cache)
    return {**json.loads(measured.stdout), "wall": measured.seconds, "peak_mb": measured.peak_mb}


# --- report -----------------------------------------------------------------------


def passage_holds(passage: str, other: str) -> bool:
    """Whether ``other`` carries ``passage``: difflib aligns 15+ of its words, 6+ of them in one block."""
    words, others = _GT_WORD.findall(passage.lower()), _GT_WORD.findall(other.lower())
    blocks = [m.size for m in difflib.SequenceMatcher(None, words, others, autojunk=False).get_matching_blocks()]
    return max(blocks, default=0) >= 6 and sum(b for b in blocks if b >= 3) >= 15


def evaluate(found: pd.DataFrame, truth: pd.DataFrame, identical: dict, duplicates: dict[str, str],
             texts: dict[str, str]) -> None:
    """Print recall and precision of ``found`` (find_copies rows) against the ground truth."""
    canon = lambda name: duplicates.get(name, name)  # noqa: E731 - a skipped copy stands for its kept file
    by_pair = {tuple(sorted((r.article_a, r.article_b))): r for r in found.itertuples()}

    def row_for(a: str, b: str):
        """The row reporting a and b: theirs, or their kept files' when one was skipped as a repeat."""
        ca, cb = canon(a), canon(b)
        return by_pair.get((a, b)) or (by_pair.get(tuple(sorted((ca, cb)))) if ca != cb else None)

    def shorter_share(a: str, b: str) -> float:
        row = row_for(a, b)
        return 0.0 if row is None else max(row.share_a, row.share_b)

    print("identical pairs in the files:", ", ".join(f"{k} {len(v)}" for k, v in identical.items()))
    for name, pairs in identical.items():
        hits = sum(row_for(a, b) is not None for a, b in pairs)
        whole = sum(shorter_share(a, b) >= 0.95 for a, b in pairs)
        print(f"  {name:17s} found {hits}/{len(pairs)}, with a share >= 0.95: {whole}")
    ident = set().union(*identical.values())
    key = list(zip(truth.a, truth.b))
    truth = truth.assign(found=[row_for(a, b) is not None for a, b in key], identical=[k in ident for k in key],
                         ours=[shorter_share(a, b) for a, b in key])
    for label, mask in (("heavy re-issues (incl. identical)", truth.heavy),
                        ("heavy re-issues, not identical", truth.heavy & ~truth.identical),
                        ("pairs sharing >= 15 words verbatim", truth.verbatim15),
                        ("pairs whose runs >= 6 cover 15+ words", truth.real)):
        subset = truth[mask]
        recall = subset.found.mean() if len(subset) else float("nan")
        print(f"recall, {label:37s} {subset.found.sum():4d}/{len(subset):4d} = {recall:.3f}")
    heavy = truth[truth.heavy]
    print(f"  of the heavy re-issues, reported with share (of the shorter) >= 0.5: {(heavy.ours >= 0.5).sum()} "
          "(the exact-run measure also counts isolated runs of 8-14 words, which are no passage)")
    print(f"  reported with share >= 0.5 but not heavy by the exact-run measure: "
          f"{((truth.ours >= 0.5) & ~truth.heavy).sum()} (edits every few words)")
    for r in truth[truth.heavy & ~truth.found].head(10).itertuples():
        print(f"  missed heavy: {r.a} {r.b} longest run {r.longest}, cover {r.a_cov8}/{r.a_words}, {r.b_cov8}/{r.b_words}")
    in_truth = truth.set_index(["a", "b"])
    holds = sum(passage_holds(r.passage, texts[r.article_b]) for r in found.itertuples())
    strict = sum((a, b) in ident or canon(a) == canon(b) or
                 ((a, b) in in_truth.index and bool(in_truth.loc[(a, b)].verbatim15)) for a, b in by_pair)
    print(f"precision, the row's passage found in article_b by difflib (15+ words): {holds}/{len(found)} = "
          f"{holds / max(len(found), 1):.3f} (target {TARGETS['precision']})")
    print(f"           the pair shares one exact run of 15+ words:                {strict}/{len(found)} = "
          f"{strict / max(len(found), 1):.3f} (the rest: passages with light edits)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (the research corpora live in ../shared/corpora)")
        return 0
    from analysis.corpus import load_corpus

    files = sorted(args.corpus.rglob("*.txt"))
    print(f"corpus: {args.corpus} ({len(files)} files)")
    scratch = Path(tempfile.mkdtemp(prefix="storylens-copies-"))
    try:
        base, cold, warm = [], [], []
        for run in range(args.runs):
            cache, out = scratch / f"cache{run}", scratch / "copies.json"
            if run % 2:  # alternate the order, so drift in machine load favours neither side
                cold.append(run_copies(args.corpus, cache, out))
                base.append(baseline_seconds(files))
            else:
                base.append(baseline_seconds(files))
                cold.append(run_copies(args.corpus, cache, out))
            warm.append(run_copies(args.corpus, cache, out))
            print(f"  run {run + 1}: YAKE {base[-1]:.1f} s; cold load {cold[-1]['load']:.1f} + find "
                  f"{cold[-1]['find']:.1f} s (process {cold[-1]['wall']:.1f} s, peak {cold[-1]['peak_mb']:.0f} MB); "
                  f"warm load {warm[-1]['load']:.2f} + find {warm[-1]['find']:.2f} s (process {warm[-1]['wall']:.1f} s)")
        found = pd.read_json(out, orient="records")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for label, runs, target in (("cold", cold, TARGETS["cold"]), ("warm", warm, TARGETS["warm"])):
        for part in ("find", "wall"):
            ratio = statistics.median(r[part] / b for r, b in zip(runs, base))
            what = "find_copies" if part == "find" else "whole process (start, load, find)"
            print(f"{label}: {what:34s} median ratio to YAKE {ratio:.3f} (target <= {target})")
    print(f"plain YAKE baseline: median {statistics.median(base):.1f} s; peak memory of a cold run: "
          f"median {statistics.median(r['peak_mb'] for r in cold):.0f} MB (target < {TARGETS['peak_mb']})")

    corpus = load_corpus(args.corpus)
    duplicates = dict(corpus.duplicates)
    print(f"loader: {len(corpus.articles)} articles, {len(duplicates)} skipped as identical to another; "
          f"find_copies: {len(found)} pairs ({(found.share_a == 1).sum()} with share_a 1.0)")
    started = time.perf_counter()
    truth = ground_truth(args.corpus, files)
    print(f"ground truth: {len(truth)} candidate pairs (sharing a 5-word sequence) checked exhaustively "
          f"in {time.perf_counter() - started:.0f} s")
    texts = {_name(args.corpus, p): _read(p) for p in files}
    evaluate(found, truth, identical_pairs(args.corpus, files), duplicates, texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
