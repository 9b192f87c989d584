"""The WordNet concept table, built several ways: its size, what the similarity reads of it, MRPC figures.

    python bench/wordnet_table_bench.py --mrpc DIR [--wordnet DIR] [--corpus DIR] [--variants NAME,...]

Each variant is analysis/resources/build_wordnet.py's TableSettings with some
fields changed, built from WordNet 3.0 (default /usr/share/wordnet, Debian's
wordnet-base) into a scratch folder (never the shipped file). For each: its
gzipped size and keys, then MRPC (DIR/msr_paraphrase_{train,test}.txt, not
shipped) as bench/paraphrase_bench.py scores it: ROC AUC on train and test
for whole sentences and clauses allowed, accuracy / F1 on test at the cut best
on train. Settings are chosen on train; test is read once, for the report.

What the similarity reads: every table key the similarity looks up while
making the reps of MRPC's sentences and of the body sentences of --corpus
(default ../shared/corpora/bbc_news), by kind of key (a word or a phrase, a
common or a proper noun), against what the table holds of that kind.

The samples' pair (001 "Trump did not dissuade Putin from potential
retaliatory actions", 004 "... did not discourage Putin from responding")
is printed for each variant too, as a check, never as a choice.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.resources import build_wordnet  # noqa: E402
from analysis.text import similarity  # noqa: E402
from analysis.text.idf import idf_weights  # noqa: E402
from analysis.text.similarity import SimilaritySettings, match, represent  # noqa: E402
from analysis.text.words import content_stems  # noqa: E402
from paraphrase_bench import DEFAULT_CORPUS, DEFAULT_MRPC, mrpc_report, read_mrpc  # noqa: E402

BASE = build_wordnet.TableSettings()
VARIANTS = {
    "shipped settings": BASE,
    "verb groups": replace(BASE, verb_groups=True),
    "verb siblings <=8": replace(BASE, sibling_hyponyms=8),
    "verb siblings <=20": replace(BASE, sibling_hyponyms=20),
    "groups + siblings <=8": replace(BASE, verb_groups=True, sibling_hyponyms=8),
    "groups + siblings <=20": replace(BASE, verb_groups=True, sibling_hyponyms=20),
    "verb hypernyms 2 up": replace(BASE, verb_hypernym_depth=2),
    "verb hypernyms 2 up <=20": replace(BASE, verb_hypernym_depth=2, max_hyponyms=20),
    "no proper phrases": replace(BASE, proper_phrases=False),
    "phrases <=2 words": replace(BASE, max_phrase_words=2),
    "no species": replace(BASE, species=False),
    "no species or proper phrases": replace(BASE, species=False, proper_phrases=False),
    "no species or proper phr. <=2": replace(BASE, species=False, proper_phrases=False, max_phrase_words=2),
}
SAMPLE_PAIR = ("Trump did not dissuade Putin from potential retaliatory actions, according to his summary of the "
               "discussion on his Truth Social platform.",
               "During the call, Trump did not discourage Putin from responding to Ukraine’s successful drone "
               "attacks on Russian airfields.")


def _kind(key: str) -> str:
    return ("proper" if key.startswith("^") else "common") + (" phrase" if " " in key else " word")


def keys_read(table: Path, sentences: list[str]) -> Counter:
    """How many distinct keys of each kind the similarity finds in ``table`` for ``sentences``."""
    read: set[str] = set()
    looked_up = similarity._lookup

    def recording(words, key, forms):
        found = looked_up(words, key, forms)
        read.update(f + key for f in forms if f + key in words)
        return found

    similarity._lookup = recording
    try:
        settings = SimilaritySettings(table=str(table))
        for text in sentences:
            represent(text, None, settings)
    finally:
        similarity._lookup = looked_up
    return Counter(_kind(k) for k in read)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mrpc", type=Path, default=DEFAULT_MRPC)
    parser.add_argument("--wordnet", type=Path, default=build_wordnet.WORDNET_DIR)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated names of VARIANTS")
    args = parser.parse_args(argv)
    if not (args.wordnet / "data.noun").is_file():
        print(f"no WordNet 3.0 in {args.wordnet} (apt-get install wordnet-base)")
        return 1
    if not (args.mrpc / "msr_paraphrase_test.txt").is_file():
        print(f"MRPC not found in {args.mrpc}: nothing to measure (pass --mrpc DIR)")
        return 0
    wordnet = build_wordnet.read_wordnet(args.wordnet)
    mrpc = read_mrpc(args.mrpc / "msr_paraphrase_train.txt") + read_mrpc(args.mrpc / "msr_paraphrase_test.txt")
    sentences = sorted({s for _, a, b in mrpc for s in (a, b)})
    if args.corpus.is_dir():
        from analysis.corpus import load_corpus
        sentences += [s.text for a in load_corpus(args.corpus).articles for s in a.sentences if s.is_body]
    scratch = Path(tempfile.mkdtemp(prefix="wordnet_table_bench_"))
    print(f"{'variant':<29} {'MB':>5} {'keys':>7} {'whole train/test AUC':>21} {'clauses train/test AUC':>23} "
          f"{'test acc':>8} {'F1':>6} {'sample pair':>11}")
    for n, name in enumerate(args.variants.split(",")):
        settings = VARIANTS[name]
        path = scratch / f"{n}.tsv.gz"
        table = build_wordnet.build_table(wordnet, settings)
        build_wordnet.write_table(table, settings, path)
        sim = SimilaritySettings(table=str(path))
        rows = {r["method"]: r for r in mrpc_report(args.mrpc, sim)}
        whole, clauses = rows["after (whole)"], rows["after (clauses)"]
        pair = match(represent(SAMPLE_PAIR[0], None, sim), represent(SAMPLE_PAIR[1], None, sim), sim).score
        print(f"{name:<29} {path.stat().st_size / 1e6:5.2f} {len(table):7d} "
              f"{whole['train_auc']:10.4f}/{whole['test_auc']:.4f} {clauses['train_auc']:11.4f}/"
              f"{clauses['test_auc']:.4f} {clauses['test_accuracy']:8.4f} {clauses['test_f1']:6.4f} {pair:11.3f}")
        if n == 0:
            held = Counter(_kind(k) for k in table)
            read = keys_read(path, sentences)
            print(f"  what the similarity reads of it on {len(sentences)} sentences (MRPC"
                  f"{' + ' + args.corpus.name if args.corpus.is_dir() else ''}): "
                  + "; ".join(f"{kind} {read[kind]} of {held[kind]}" for kind in sorted(held)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
