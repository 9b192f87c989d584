"""Abbreviations: words after which a full stop does not end a sentence ("Mr.", "Gen.", "Sept.").

Lowercase, without their stop. The name finder's tokeniser keeps its own list,
frozen with the model it was trained with (analysis/models/ner_features.py).
"""

from __future__ import annotations

__all__ = ["ABBREVIATIONS"]

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st mt gen col lt sgt capt rev gov sen rep del pres "
    "inc ltd co corp dept univ vs etc no fig jan feb mar apr jun jul aug sep sept "
    "oct nov dec approx est".split()
)
