"""How accurate and how fast the shipped name finder is.

    python bench/ner_bench.py [--corpora DIR] [--limit N] [--runs N] [--baseline MODEL_DIR]

Prints P/R/F1 per type, PER+ORG and overall on CoNLL-2003 dev (the shipped
model never saw it while settings were chosen), the model's load time in a
fresh process, and microseconds per token over the BBC articles' sentences
(tokenise, features, decode: `entities_many` once per article, cold cache
first, then warm; the median of --runs fresh models). --baseline times another
model folder (e.g. the previous shipped files) in the same process, runs
interleaved, and prints the ratio. Exits 0 with a message when the corpora are absent.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.corpus import article_from_bytes  # noqa: E402
from analysis.models import ner  # noqa: E402
from analysis.models.train_ner import conll_scores, read_conll, tag_documents  # noqa: E402

DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
TARGETS = {"PER+ORG f1": 0.85, "load s": 0.2, "us/token": 20.0}


def load_seconds(runs: int = 5) -> tuple[float, float]:
    """Median seconds, in a fresh process, to import the module and load the model; and to load alone."""
    code = (
        "import time, numpy\n"
        "t0 = time.perf_counter()\n"
        "from analysis.models import ner\n"
        "t1 = time.perf_counter()\n"
        "ner.name_finder()\n"
        "t2 = time.perf_counter()\n"
        "print(t2 - t0, t2 - t1)\n"
    )
    with_import, alone = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
        a, b = map(float, out.stdout.split())
        with_import.append(a)
        alone.append(b)
    return statistics.median(with_import), statistics.median(alone)


def dev_table(corpora: Path) -> dict[str, dict[str, float]]:
    dev = read_conll(corpora / "conll2003" / "valid.txt")
    return conll_scores([tags for _, tags in dev], tag_documents(ner.name_finder(), dev))


def bbc_sentences(corpora: Path, limit: int) -> list[list[str]]:
    paths = sorted((corpora / "bbc_news").glob("*.txt"))[: limit or None]
    return [[s.text for s in article_from_bytes(p.name, p.read_bytes()).sentences] for p in paths]


def speed(articles: list[list[str]], directory: Path = ner.MODEL_DIR) -> dict[str, float]:
    """Microseconds per token and per word over every article, cold (fresh cache) then warm."""
    # A baseline folder holds an older model, whose frozen word lists may differ from today's.
    finder = ner.NameFinder.load(directory, check_lists=directory == ner.MODEL_DIR)
    tokens = sum(len(ner.tokenize(s)) for article in articles for s in article)
    words = sum(len(s.split()) for article in articles for s in article)
    out: dict[str, float] = {"articles": len(articles), "tokens": tokens, "words": words}
    for run in ("cold", "warm"):
        started = time.process_time()
        found = 0
        for sentences in articles:
            found += sum(map(len, finder.entities_many(sentences)))
        seconds = time.process_time() - started
        out[f"{run} cpu s"] = seconds
        out[f"{run} us/token"] = 1e6 * seconds / tokens
        out[f"{run} us/word"] = 1e6 * seconds / words
        out["entities"] = found
        if run == "cold":  # the per-word score cache: distinct words seen (BOS and EOS aside), bytes each
            out["cached words"], out["bytes per word"] = len(finder._ids) - 2, finder._rows.strides[0]
    return out


def _medians(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the runs (counts are the same in every run)."""
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N BBC articles (0: all)")
    parser.add_argument("--runs", type=int, default=3, help="fresh models timed; medians printed")
    parser.add_argument("--baseline", type=Path, help="another model folder to time in the same runs")
    args = parser.parse_args()
    if not (args.corpora / "conll2003" / "valid.txt").is_file() or not (args.corpora / "bbc_news").is_dir():
        print(f"corpora not found under {args.corpora}: nothing to measure")
        return 0

    scores = dev_table(args.corpora)
    print("CoNLL-2003 dev (shipped model)")
    print(f"{'type':8s} {'P':>7s} {'R':>7s} {'F1':>7s} {'gold':>6s}")
    for key in ("PER", "ORG", "LOC", "MISC", "PER+ORG", "overall"):
        s = scores[key]
        print(f"{key:8s} {s['p']:7.4f} {s['r']:7.4f} {s['f1']:7.4f} {s['gold']:6d}")
    both, alone = load_seconds()
    print(f"\nload: {alone:.3f} s to read the model files, {both:.3f} s with importing analysis.models.ner "
          "(numpy already imported; median of 5 fresh processes)")
    articles = bbc_sentences(args.corpora, args.limit)
    timed: dict[str, list[dict[str, float]]] = {"shipped": [], "baseline": []}
    for _ in range(args.runs):
        timed["shipped"].append(speed(articles))
        if args.baseline:
            timed["baseline"].append(speed(articles, args.baseline))
    figures = _medians(timed["shipped"])
    print(f"\nBBC: {figures['articles']} articles, {figures['tokens']:,} tokens, {figures['words']:,} words, "
          f"{figures['entities']:,} entities")
    print(f"per-word cache: {figures['cached words']:,} distinct words, {figures['bytes per word']} bytes each; "
          f"its cap of {ner._CACHE_WORDS:,} words is {ner._CACHE_WORDS * figures['bytes per word'] / 1e6:.0f} MB")
    print(f"median of {args.runs} fresh models:")
    for run in ("cold", "warm"):
        print(f"{run}: {figures[f'{run} cpu s']:.2f} CPU s, {figures[f'{run} us/token']:.2f} us/token, "
              f"{figures[f'{run} us/word']:.2f} us/word")
    if args.baseline:
        base = _medians(timed["baseline"])
        for run in ("cold", "warm"):
            print(f"baseline {args.baseline} {run}: {base[f'{run} cpu s']:.2f} CPU s, "
                  f"{base[f'{run} us/token']:.2f} us/token; shipped / baseline "
                  f"{figures[f'{run} cpu s'] / base[f'{run} cpu s']:.3f}")
    print(f"\ntargets: PER+ORG F1 >= {TARGETS['PER+ORG f1']}, load < {TARGETS['load s']} s, "
          f"<= {TARGETS['us/token']} us/token")
    return 0


if __name__ == "__main__":
    sys.exit(main())
