"""Where the target model's quotation toggle and analysis.text.quote_marks disagree, on NewsMTSC.

    python bench/quoted_masks.py [--corpora DIR]

The target-sentiment model reads "inside a quotation" with its own token toggle
(analysis/models/target_features.py, frozen with the model); the runtime's one
quoted mask is analysis.text.quote_marks. Moving the model onto the mask means
retraining it; this prints how many of NewsMTSC's distinct sentences would get
other features (word tokens whose inside/outside differs), so the cost is known.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from analysis.models.target_features import FeatureSettings, read_sentence  # noqa: E402
from analysis.text.quote_marks import quotation_marks  # noqa: E402

SPLITS = ("train_mt", "dev_mt", "dev_rw", "test_mt", "test_rw")
MARKS = "\"“”«»„"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = parser.parse_args()
    folder = args.corpora / "newsmtsc"
    if not folder.is_dir():
        print(f"NewsMTSC not found at {folder}; nothing to measure.")
        return 0
    settings, seen, marked, differ = FeatureSettings(), set(), 0, 0
    for split in SPLITS:
        for line in (folder / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            sentence = json.loads(line)["sentence"]
            if sentence in seen:
                continue
            seen.add(sentence)
            if not any(mark in sentence for mark in MARKS):
                continue
            marked += 1
            reading = read_sentence(sentence, settings)
            pairs = quotation_marks(sentence)
            words = [i for i, token in enumerate(reading.tokens) if token[0].isalnum()]
            mask = [any(a < reading.starts[i] and reading.ends[i] <= b for a, b in pairs) for i in words]
            differ += mask != [reading.quoted[i] for i in words]
    print(f"NewsMTSC: {len(seen):,} distinct sentences, {marked:,} with a double quotation mark; "
          f"the model's toggle and quote_marks disagree on {differ:,} ({differ / max(marked, 1):.0%} of those)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
