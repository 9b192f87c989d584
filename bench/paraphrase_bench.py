"""Sentence similarity on MRPC: the old stem overlap against analysis.text.similarity, and its speed.

    python bench/paraphrase_bench.py [--mrpc DIR] [--speed-corpus DIR] [--max-df N] [--chance N]

MRPC (Microsoft Research Paraphrase Corpus: news sentence pairs, judged
paraphrase or not) is read from DIR/msr_paraphrase_{train,test}.txt; it is not
shipped with StoryLens. For each method: ROC AUC on train and test, and
accuracy / F1 on test at the threshold that gives the best accuracy on train.
IDF comes from the sentences of the split being scored, as Compare takes it
from the two articles. Methods:

- before: the similarity Compare had (light stems, a 13-word synonym list,
  IDF-weighted cosine), copied here from analysis/compare.py and analysis/_tokens.py;
- after (whole): analysis.text.similarity.score, whole sentences;
- after (clauses): analysis.text.similarity.match, clauses allowed.

Speed: CPU microseconds per pair for score and match with reps made, on the
MRPC test pairs, and (with --speed-corpus, default ../shared/corpora/bbc_news
when present) on the candidate pairs of every body sentence of that corpus;
the old cosine on the same pairs is timed alongside, as a yardstick for a
busy machine.

Chance (--chance N, on the BBC corpus): N random pairs of articles of the
same category (other stories on a like subject) and N of different
categories; for each sentence, the best match score (clauses allowed, IDF
from the two articles, as Compare scores) with any sentence of the other
article. How often that beats Compare's reworded cut is how often Compare
would pair a sentence by chance.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.text.idf import idf_weights, weighted_cosine  # noqa: E402
from analysis.text.words import STOPWORDS, content_stems, tokens  # noqa: E402
from analysis.text.similarity import SimilaritySettings, candidate_pairs, match, represent, score  # noqa: E402

DEFAULT_MRPC = Path("/work/data/mrpc")
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc_news"


# --- before: the similarity of analysis/compare.py at the last commit before WordNet ---------------

_OLD_SYNONYMS = {
    "comprehensive": "full", "reorganize": "regroup", "reorganise": "regroup", "captive": "prisoner",
    "detainee": "prisoner", "swap": "exchange", "truce": "ceasefire", "retaliate": "respond",
    "retaliatory": "respond", "response": "respond", "discourage": "dissuade", "imminent": "immediate",
    "lengthy": "long",
}
_DOUBLE = re.compile(r"([^aeiouylsz])\1$")


def _old_light_stem(word: str) -> str:
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = _DOUBLE.sub(r"\1", word[: -len(suffix)])
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


_OLD_STEM_SYNONYMS = {_old_light_stem(k): _old_light_stem(v) for k, v in _OLD_SYNONYMS.items()}


def old_stems(text: str) -> list[str]:
    words = [t for t in tokens(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]
    stems = [_old_light_stem(_OLD_SYNONYMS.get(w, w)) for w in words]
    return [_OLD_STEM_SYNONYMS.get(s, s) for s in stems]


def old_similarity(a: list[str], b: list[str], idf: dict[str, float]) -> float:
    va, vb = {s: idf[s] for s in set(a)}, {s: idf[s] for s in set(b)}
    if not va or not vb:
        return 0.0
    dot = sum(w * vb[s] for s, w in va.items() if s in vb)
    norm = math.sqrt(sum(w * w for w in va.values()) * sum(w * w for w in vb.values()))
    return min(1.0, dot / norm) if norm else 0.0


# --- data and figures ----------------------------------------------------------------------------


def read_mrpc(path: Path) -> list[tuple[int, str, str]]:
    """(label, sentence 1, sentence 2) for each pair of an MRPC file."""
    rows = []
    for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) == 5:
            rows.append((int(fields[0]), fields[3], fields[4]))
    return rows


def auc(labels: list[int], scores: list[float]) -> float:
    """ROC AUC by ranks (ties share their mean rank)."""
    order = sorted(range(len(scores)), key=scores.__getitem__)
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    positives = sum(labels)
    negatives = len(labels) - positives
    rank_sum = sum(r for r, y in zip(ranks, labels) if y)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def best_threshold(labels: list[int], scores: list[float]) -> float:
    """The cut (predict paraphrase at score >= cut) with the best accuracy."""
    pairs = sorted(zip(scores, labels), reverse=True)
    correct = len(labels) - sum(labels)  # cut above everything: all predicted negative
    best, cut = correct, 1.01
    for k, (s, y) in enumerate(pairs):
        correct += 1 if y else -1
        if (k + 1 == len(pairs) or pairs[k + 1][0] < s) and correct > best:
            best, cut = correct, s
    return cut


def accuracy_f1(labels: list[int], scores: list[float], cut: float) -> tuple[float, float]:
    predicted = [s >= cut for s in scores]
    tp = sum(p and y for p, y in zip(predicted, labels))
    fp = sum(p and not y for p, y in zip(predicted, labels))
    fn = sum(not p and y for p, y in zip(predicted, labels))
    accuracy = sum(p == bool(y) for p, y in zip(predicted, labels)) / len(labels)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return accuracy, f1


def split_scores(rows: list[tuple[int, str, str]], settings: SimilaritySettings) -> dict[str, list[float]]:
    """Scores of every pair by each method, IDF over the split's sentences."""
    sentences = sorted({s for _, a, b in rows for s in (a, b)})
    old = {s: old_stems(s) for s in sentences}
    old_idf = idf_weights(old.values())
    idf = idf_weights(content_stems(s) for s in sentences)
    reps = {s: represent(s, idf, settings) for s in sentences}
    return {
        "before": [old_similarity(old[a], old[b], old_idf) for _, a, b in rows],
        "after (whole)": [score(reps[a], reps[b], settings) for _, a, b in rows],
        "after (clauses)": [match(reps[a], reps[b], settings).score for _, a, b in rows],
    }


def mrpc_report(folder: Path, settings: SimilaritySettings) -> list[dict]:
    train, test = read_mrpc(folder / "msr_paraphrase_train.txt"), read_mrpc(folder / "msr_paraphrase_test.txt")
    train_scores, test_scores = split_scores(train, settings), split_scores(test, settings)
    train_labels, test_labels = [y for y, _, _ in train], [y for y, _, _ in test]
    out = []
    for method in train_scores:
        cut = best_threshold(train_labels, train_scores[method])
        accuracy, f1 = accuracy_f1(test_labels, test_scores[method], cut)
        out.append({"method": method, "train_auc": auc(train_labels, train_scores[method]),
                    "test_auc": auc(test_labels, test_scores[method]), "cut": cut,
                    "test_accuracy": accuracy, "test_f1": f1})
    return out


def time_pairs(reps_a, reps_b, settings: SimilaritySettings, repeat: int = 3) -> dict[str, float]:
    """Best-of-``repeat`` CPU microseconds per pair: score, match, and the old cosine as a yardstick."""
    def old(a, b, _):
        return weighted_cosine(a.weights, b.weights)

    timings = {}
    for name, fn in (("score", score), ("match", match), ("old cosine", old)):
        best = math.inf
        for _ in range(repeat):
            start = time.process_time()
            for a, b in zip(reps_a, reps_b):
                fn(a, b, settings)
            best = min(best, time.process_time() - start)
        timings[name] = best / max(1, len(reps_a)) * 1e6
    return timings


def corpus_speed(folder: Path, settings: SimilaritySettings, max_df: int) -> dict:
    from analysis.corpus import load_corpus

    corpus = load_corpus(folder)
    texts = [s.text for a in corpus.articles for s in a.sentences if s.is_body]
    start = time.process_time()
    idf = idf_weights(content_stems(t) for t in texts)
    reps = [represent(t, idf, settings) for t in texts]
    made = time.process_time() - start
    start = time.process_time()
    pairs = sorted(candidate_pairs(reps, max_df=max_df))
    blocked = time.process_time() - start
    sample = pairs[:: max(1, len(pairs) // 200_000)]
    timings = time_pairs([reps[i] for i, _ in sample], [reps[j] for _, j in sample], settings, 1)
    return {"sentences": len(texts), "rep_us": made / len(texts) * 1e6, "pairs": len(pairs),
            "blocking_s": blocked, **timings, "clauses": Counter(len(r.clauses) for r in reps)}


def chance_scores(folder: Path, count: int, same_category: bool, settings: SimilaritySettings,
                  seed: int = 7) -> list[float]:
    """Best match of each body sentence with a sentence of another article (random article pairs)."""
    import random

    from analysis.corpus import load_corpus

    articles = load_corpus(folder).articles
    rng = random.Random(seed)
    best = []
    done = 0
    while done < count:
        a, b = rng.sample(articles, 2)
        if (a.path.split("_")[0] == b.path.split("_")[0]) != same_category:
            continue
        done += 1
        idf = idf_weights(content_stems(s.text) for s in a.sentences + b.sentences)
        reps_b = [represent(s.text, idf, settings) for s in b.sentences if s.is_body]
        for s in a.sentences:
            if s.is_body:
                rep = represent(s.text, idf, settings)
                best.append(max((match(rep, other, settings).score for other in reps_b), default=0.0))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mrpc", type=Path, default=DEFAULT_MRPC)
    parser.add_argument("--speed-corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--max-df", type=int, default=50, help="blocking: keys held by more reps make no pair")
    parser.add_argument("--chance", type=int, default=0, metavar="N",
                        help="also score N random article pairs of the speed corpus, same and other category")
    args = parser.parse_args(argv)
    settings = SimilaritySettings()
    if not (args.mrpc / "msr_paraphrase_test.txt").is_file():
        print(f"MRPC not found in {args.mrpc}: nothing to measure (pass --mrpc DIR)")
        return 0
    print("MRPC, threshold chosen for accuracy on train, figures on test unless named train")
    print(f"{'method':<17} {'train AUC':>9} {'test AUC':>8} {'cut':>6} {'accuracy':>8} {'F1':>6}")
    for row in mrpc_report(args.mrpc, settings):
        print(f"{row['method']:<17} {row['train_auc']:9.4f} {row['test_auc']:8.4f} {row['cut']:6.3f} "
              f"{row['test_accuracy']:8.4f} {row['test_f1']:6.4f}")
    test = read_mrpc(args.mrpc / "msr_paraphrase_test.txt")
    sentences = sorted({s for _, a, b in test for s in (a, b)})
    idf = idf_weights(content_stems(s) for s in sentences)
    reps = {s: represent(s, idf, settings) for s in sentences}
    t = time_pairs([reps[a] for _, a, _ in test], [reps[b] for _, _, b in test], settings)
    print(f"speed on MRPC test pairs (CPU): score {t['score']:.1f} us/pair, match {t['match']:.1f}, "
          f"old cosine {t['old cosine']:.1f}")
    if not args.speed_corpus.is_dir():
        return 0
    s = corpus_speed(args.speed_corpus, settings, args.max_df)
    print(f"speed on {args.speed_corpus.name} (CPU): {s['sentences']} body sentences, reps {s['rep_us']:.0f} us "
          f"each; {s['pairs']} candidate pairs (max_df {args.max_df}) in {s['blocking_s']:.1f} s; "
          f"score {s['score']:.1f} us/pair, match {s['match']:.1f}, old cosine {s['old cosine']:.1f}; "
          f"sentences by clause count {dict(sorted(s['clauses'].items()))}")
    if args.chance:
        from analysis.text.verdict import CompareSettings

        cut = CompareSettings().reworded_threshold
        for same in (True, False):
            best = sorted(chance_scores(args.speed_corpus, args.chance, same, settings))
            share = sum(x >= cut for x in best) / len(best)
            p95, p99 = best[int(0.95 * len(best))], best[int(0.99 * len(best))]
            print(f"chance, {args.chance} pairs of {'same' if same else 'other'}-category articles: "
                  f"{len(best)} sentences, best match p95 {p95:.3f}, p99 {p99:.3f}; "
                  f"{share:.2%} reach the reworded cut {cut}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
