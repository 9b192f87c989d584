"""How accurate and how fast the shipped target-sentiment model is, against plain VADER.

    python bench/target_sentiment_bench.py [--corpora DIR] [--limit N]

Prints macro-F1 (F1m) and accuracy with bootstrap 95% intervals (1,000
resamples of the rows, fixed seed) on NewsMTSC test_mt and test_rw for the
shipped model and for the baseline (VADER's compound of the whole sentence,
±0.05), both computed in this run; the dev figures the settings were chosen
on; the model's load time in a fresh process; and microseconds per mention on
NewsMTSC test_rw and on the BBC articles' sentences. BBC mentions are a stand-in
for the index's: every run of capitalised words (less a lone word opening the
sentence), the other runs of the same sentence as its others. Exits 0 with a message when the corpora are absent.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.corpus import article_from_bytes  # noqa: E402
from analysis.models import target_sentiment  # noqa: E402
from analysis.models.train_target_sentiment import (  # noqa: E402
    DEV_SPLITS, TEST_SPLITS, evaluate, load_seconds, load_split, speed,
)

DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
TARGETS = {"test F1m": 0.64, "load s": 0.2, "us/mention": 100.0}
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


def bbc_items(corpora: Path, limit: int) -> list[target_sentiment.Item]:
    """(sentence, start, end, others) for every capitalised run in the BBC articles' sentences."""
    items: list[target_sentiment.Item] = []
    for path in sorted((corpora / "bbc_news").glob("*.txt"))[: limit or None]:
        for sentence in article_from_bytes(path.name, path.read_bytes()).sentences:
            # A lone capitalised word opening the sentence is mostly "The", "But", "It".
            spans = [m.span() for m in _CAPITALISED_RUN.finditer(sentence.text)
                     if m.start() or " " in m.group()]
            items.extend((sentence.text, a, b, [s for s in spans if s != (a, b)]) for a, b in spans)
    return items


def _line(name: str, method: str, values: dict) -> str:
    return (f"{name:8} {method:6} F1m {values['f1m']:.3f} [{values['f1m_low']:.3f}, {values['f1m_high']:.3f}]"
            f"  acc {values['accuracy']:.3f} [{values['accuracy_low']:.3f}, {values['accuracy_high']:.3f}]"
            f"  rows {values['rows']}"
            + (f"  log-loss {values['log_loss']:.3f}  ECE {values['ece']:.3f}" if "ece" in values else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--limit", type=int, default=0, help="BBC articles for the speed run (0 = all)")
    args = parser.parse_args(argv)
    if not (args.corpora / "newsmtsc").is_dir():
        print(f"no newsmtsc/ under {args.corpora}: nothing to measure")
        return 0
    figures = evaluate(args.corpora, target_sentiment.load_model())
    print("NewsMTSC, bootstrap 95% intervals over rows; settings were chosen on the dev splits")
    for name in TEST_SPLITS + DEV_SPLITS:
        for method in ("model", "vader"):
            print(_line(name, method, figures[name][method]))
    first, alone = load_seconds()
    print(f"load: {alone:.3f} s to read the weights; {first:.3f} s from import to the first score "
          f"(target {TARGETS['load s']} s, fresh process, median of 5)")
    newsmtsc = load_split(args.corpora, "test_rw").items
    print(f"speed: {speed(newsmtsc):.1f} us/mention on NewsMTSC test_rw ({len(newsmtsc)} mentions, CPU time, "
          "best of 5)")
    if (args.corpora / "bbc_news").is_dir():
        items = bbc_items(args.corpora, args.limit)
        per = speed(items, repeats=3)
        print(f"speed: {per:.1f} us/mention on BBC capitalised runs ({len(items)} mentions, "
              f"{per * len(items) / 1e6:.1f} CPU s; target {TARGETS['us/mention']:.0f} us)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
