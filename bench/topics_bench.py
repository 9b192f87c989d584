"""Suggested themes: agreement with known sections, label quality, stability, and warm time on BBC.

    python bench/topics_bench.py [--corpora DIR] [--cache DIR] [--no-timing] [--splits N]

Tuned on BASIL dev and on half A of BBC (md5 of the file name even); the
figures to quote are on half B of BBC (odd), the whole of BBC and PolNeAR dev.
For each set: the number of themes the data chose, NMI between an article's
dominant theme (the one covering most of its sentences; ties to the first
listed) and its section (BBC: the file name's prefix; BASIL: its event folder;
PolNeAR: its outlet, which is not a topic, so shown for information), the same
NMI for a textbook NMF over TF-IDF (scikit-learn's TfidfVectorizer with
English stop words, NMF with nndsvd, the same number of topics, an article's
largest weight), and the share of labels holding a lower-case content word
that are no bare name (no actor's name, no place from the gazetteer).
Stability: the same folder twice, and half B of BBC with one article of half A
added (three tries): themes whose label changed, themes whose terms changed.
Time: `storylens topics BBC` warm, against plain single-process YAKE over the
same files in the same run (target <= 0.1).
With --splits N, the NMI of both on N more random halves of BBC (md5 of a salt
and the file name): how much a comparison on one half owes to which articles
fell in it. These halves overlap the tuning half A.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from measure import ROOT, baseline_seconds, storylens  # noqa: E402

from analysis.text.words import STOPWORDS  # noqa: E402
from analysis.engine.batch import Runner  # noqa: E402
from analysis.engine.cache import CACHE_FILE, AnalysisCache  # noqa: E402
from analysis.corpus import Corpus, load_corpus  # noqa: E402
from analysis.themes import ThemeSettings, _suggest  # noqa: E402
from analysis.topics import coverage_matrix  # noqa: E402

TARGETS = {"nmi": 0.6, "labels": 0.8, "warm": 0.1}


def half(corpus: Corpus, which: int, salt: str = "") -> Corpus:
    return corpus.subset([a.path for a in corpus.articles
                          if int(hashlib.md5((salt + a.path).encode()).hexdigest(), 16) % 2 == which])


def section(path: str) -> str:
    """BBC: business_001.txt -> business; BASIL: 2010_x/1.txt -> 2010_x; PolNeAR: breitbart_2016-... -> breitbart."""
    return path.split("/")[0] if "/" in path else re.split(r"[_\d]", path)[0]


def dominant(corpus: Corpus, lexicon) -> dict[str, int]:
    """Each article's theme covering most of its sentences (ties: the first listed)."""
    coverage = coverage_matrix(corpus, lexicon)
    order = {name: i for i, (name, _) in enumerate(lexicon)}
    coverage["order"] = coverage["topic"].map(order)
    best = coverage.sort_values(["article", "sentences", "order"], ascending=[True, False, True])
    return dict(best.groupby("article").head(1)[["article", "order"]].itertuples(index=False, name=None))


def textbook_nmi(corpus: Corpus, k: int, labels: list[str]) -> float:
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import normalized_mutual_info_score

    matrix = TfidfVectorizer(stop_words="english", min_df=2, max_df=0.95).fit_transform(a.text for a in corpus.articles)
    weights = NMF(k, init="nndsvd", random_state=0, max_iter=400).fit_transform(matrix)
    return normalized_mutual_info_score(labels, weights.argmax(axis=1))


def label_ok(label: str, names: set[str]) -> bool:
    """Holds a lower-case content word that is no name nor place, and is not made of names alone.

    ``names``: every actor's name and alias, and each person's surname, in lower case.
    """
    from analysis.models.ner import is_place

    def bare_name(item: str) -> bool:
        return not item.islower() or item.lower() in names or is_place(item)

    items = [item.strip() for item in label.split(",") if item.strip()]
    words = [w for item in items for w in re.findall(r"[^\W\d_]+", item)]
    content = [w for w in words if w.islower() and w not in STOPWORDS and len(w) > 2 and not bare_name(w)]
    return bool(content) and not all(bare_name(item) for item in items)


def actor_words(corpus: Corpus, runner: Runner) -> set[str]:
    from analysis.actors import PERSON, actor_layer

    layer = actor_layer(corpus, runner=runner)
    names = {form.lower() for name, aliases in layer.actors for form in (name, *aliases)}
    return names | {name.split()[-1].lower() for name, _ in layer.actors if layer.types.get(name) == PERSON}


def section_nmi(corpus: Corpus, lexicon) -> tuple[float, float]:
    """NMI of the dominant theme with the section, and the textbook NMF's with as many topics."""
    from sklearn.metrics import normalized_mutual_info_score

    chosen = dominant(corpus, lexicon)
    paths = [a.path for a in corpus.articles]
    labels = [section(p) for p in paths]
    return (normalized_mutual_info_score(labels, [chosen[p] for p in paths]),
            textbook_nmi(corpus, len(lexicon), labels))


def evaluate(name: str, corpus: Corpus, runner: Runner, *, sections: bool = True) -> dict:
    lexicon = _suggest(corpus.articles, ThemeSettings(), runner)
    names = actor_words(corpus, runner)
    good = sum(label_ok(label, names) for label, _ in lexicon)
    row = {"set": name, "articles": len(corpus.articles), "themes": len(lexicon),
           "labels_ok": good / max(len(lexicon), 1), "labels": [label for label, _ in lexicon]}
    if sections:
        row["nmi"], row["textbook"] = section_nmi(corpus, lexicon)
    return row


def resampled(corpus: Corpus, runner: Runner, splits: int) -> str:
    """Median NMI of both over ``splits`` more random halves, and how often the themes are not behind."""
    from statistics import median

    pairs = []
    for seed in range(1, splits + 1):
        part = half(corpus, 1, salt=f"{seed}:")
        pairs.append(section_nmi(part, _suggest(part.articles, ThemeSettings(), runner)))
    ours, textbook = median(p[0] for p in pairs), median(p[1] for p in pairs)
    ahead = sum(o >= t for o, t in pairs)
    return (f"BBC, {splits} more random halves (overlap the tuning half): median NMI {ours:.3f} vs textbook NMF "
            f"{textbook:.3f}; themes at least as good in {ahead} of {splits}")


def stability(corpus: Corpus, runner: Runner) -> list[str]:
    report = half(corpus, 1)
    base = _suggest(report.articles, ThemeSettings(), runner)
    lines = [f"same folder twice: {'same themes' if _suggest(report.articles, ThemeSettings(), runner) == base else 'DIFFERENT'}"]
    held = dict(base)
    for extra in [a.path for a in half(corpus, 0).articles][:3]:
        grown = dict(_suggest(corpus.subset([*(a.path for a in report.articles), extra]).articles, ThemeSettings(), runner))
        labels = sum(1 for label in held if label not in grown)
        terms = sum(1 for label, terms in held.items() if grown.get(label) != terms)
        lines.append(f"BBC half B + {extra}: {len(held)} -> {len(grown)} themes; labels changed {labels}, "
                     f"themes whose terms changed {terms}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--cache", type=Path, help="analysis cache to use (default: a fresh one)")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("--splits", type=int, default=0, help="also measure NMI on this many more random halves")
    args = parser.parse_args()
    bbc_dir = args.corpora / "bbc_news"
    if not bbc_dir.is_dir():
        print(f"corpus not found: {bbc_dir}; nothing to measure")
        return 0
    cache_dir = args.cache or Path(tempfile.mkdtemp(prefix="storylens-topicsbench-"))
    cache = AnalysisCache(cache_dir / CACHE_FILE)
    runner = Runner(cache=cache)
    print("tuned on: BASIL dev and BBC half A (md5(file name) even); report: BBC half B, BBC whole, PolNeAR dev")
    bbc = load_corpus(bbc_dir, cache=cache)
    sets = [("BBC half A (tuned)", half(bbc, 0), True), ("BBC half B (held out)", half(bbc, 1), True),
            ("BBC whole", bbc, True)]
    for folder, label, known in (("basil_dev", "BASIL dev (tuned; events)", True),
                                 ("polnear_dev", "PolNeAR dev (held out; outlets)", True)):
        if (args.corpora / folder).is_dir():
            sets.append((label, load_corpus(args.corpora / folder, cache=cache), known))
    sets.append(("samples", load_corpus(ROOT / "sample_data", cache=cache), False))
    for name, corpus, known in sets:
        row = evaluate(name, corpus, runner, sections=known)
        figures = f"NMI {row['nmi']:.3f} vs textbook NMF {row['textbook']:.3f}; " if known else ""
        print(f"{name}: {row['articles']} articles, {row['themes']} themes; {figures}"
              f"labels ok {row['labels_ok']:.0%} (target >= {TARGETS['labels']:.0%})")
        print("    " + " | ".join(row["labels"]))
    print(f"targets: BBC NMI >= {TARGETS['nmi']} and >= textbook NMF with the same number of topics")
    for line in stability(bbc, runner):
        print(line)
    if args.splits:
        print(resampled(bbc, runner, args.splits))
    if not args.no_timing:
        files = sorted(bbc_dir.rglob("*.txt"))
        storylens("topics", bbc_dir, cache_dir)  # fills the cache (and the themes) if the run above did not
        warm = storylens("topics", bbc_dir, cache_dir).seconds
        base = baseline_seconds(files)
        print(f"warm `storylens topics` on BBC: {warm:.1f} s; plain YAKE {base:.1f} s; ratio {warm / base:.3f} "
              f"(target <= {TARGETS['warm']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
