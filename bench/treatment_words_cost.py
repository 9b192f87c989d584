"""CPU of the paragraph word model's readings per (article, actor) pair, against VADER over the same articles.

    python bench/treatment_words_cost.py [--corpus DIR] [--articles N] [--runs N]

The treatment model's three word columns (analysis.models.paragraph_words) are
read when the Actors page, the report or ``storylens actors`` asks for the
article method, once per (article, actor) pair the layer finds; the index does
not read them (it caches VADER's sentence tone, article_tone, which the features
read). Per run, in one process: VADER over every sentence of the articles
(article_tone, the index's share of the treatment), the word readings of every
pair, and the whole of treatment_features (readings included), each divided by
the pairs. Prints the median over runs and the ratio of the readings to VADER.
Run it under the shared lock (flock /work/wt/bench.lock nice -n -5 ...).

Run of Dec 7 (all of BBC: 2,127 articles, 22,247 pairs, median of 5 runs): VADER
0.097 ms a pair, the readings 0.099 ms (1.0x), treatment_features 0.160 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from analysis.actors.evidence import actor_layer
from analysis.corpus import load_corpus
from analysis.models.paragraph_words import body_paragraphs, shipped_words
from analysis.models.train_treatment import cached_runner
from analysis.models.treatment_features import ToneSettings, article_tone, treatment_features

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpora" / "bbc_news"))
    parser.add_argument("--articles", type=int, default=3000, help="the first N articles (by path)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not Path(args.corpus).is_dir():
        print(f"{args.corpus} not found; nothing to measure.")
        return 0
    corpus = load_corpus(args.corpus)
    corpus = corpus.subset([a.path for a in sorted(corpus.articles, key=lambda a: a.path)[:args.articles]])
    layer = actor_layer(corpus, runner=cached_runner())  # discovered, as the Actors page does
    articles = {a.path: a for a in corpus.articles}
    pairs: dict[str, list[str]] = {}
    for path, actor in dict.fromkeys(zip(layer.mentions["article"], layer.mentions["actor"])):
        pairs.setdefault(path, []).append(actor)
    count = sum(len(actors) for actors in pairs.values())
    words = shipped_words()
    vader, readings, features = [], [], []
    for _ in range(args.runs):
        started = time.process_time()
        tones = {a.path: article_tone(a, ToneSettings()) for a in corpus.articles}
        vader.append(time.process_time() - started)
        started = time.process_time()
        for path, actors in pairs.items():
            words.article(body_paragraphs(articles[path])).readings(actors)  # as treatment_features does
        readings.append(time.process_time() - started)
        started = time.process_time()
        treatment_features(layer, corpus, tones)
        features.append(time.process_time() - started)
    v, r, f = (1e3 * statistics.median(x) / count for x in (vader, readings, features))
    print(f"{len(corpus.articles)} articles, {count} (article, actor) pairs, median of {args.runs} runs, CPU per pair:")
    print(f"  VADER over the articles' sentences (article_tone)   {v:.3f} ms")
    print(f"  paragraph word model, three readings               {r:.3f} ms  ({r / v:.2f} x VADER)")
    print(f"  treatment_features, readings included              {f:.3f} ms  ({f / v:.2f} x VADER)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
