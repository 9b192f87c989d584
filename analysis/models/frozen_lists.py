"""Word lists a shipped model was trained with, frozen with it, as the WordNet tables are with their stems.

A model's features read some hand-written lists (verbs of saying, titles,
abbreviations). Those stay as the model saw them in training, beside the
feature code, rather than following analysis/text/'s lists: a change there
would silently shift what the shipped weights mean. Their digest is written
into the model's data card by its training script, and the loader refuses a
model whose lists no longer match it (retrain with the script the error names).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

__all__ = ["CARD_KEY", "lists_digest", "stale_lists"]

CARD_KEY = "word_lists_sha256"


def lists_digest(lists: Mapping[str, Iterable[str]]) -> str:
    """sha256 of the lists, by name, each sorted: the same lists give the same digest in any order."""
    canonical = json.dumps({name: sorted(words) for name, words in lists.items()}, sort_keys=True,
                           ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def stale_lists(lists: Mapping[str, Iterable[str]], card: Path, retrain: str) -> str | None:
    """Why the model of ``card`` cannot be used with ``lists``, or None when the digests agree."""
    try:
        recorded = json.loads(card.read_text(encoding="utf-8")).get(CARD_KEY)
    except (OSError, ValueError) as error:
        return f"cannot read {card.name}: {error}"
    if recorded != lists_digest(lists):
        return f"its word lists changed since it was trained ({card.name}); retrain with {retrain}"
    return None
