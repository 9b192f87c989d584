"""The sentence similarity's verdict on a pair: shared (the same words) or reworded, and its cut-offs.

Compare's alignment and the Story's claims call a pair the same way, from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from analysis.text.similarity import SentenceRep, SimilaritySettings, match, represent, score

__all__ = ["CompareSettings", "sentence_similarity", "pair_status"]


@dataclass(frozen=True)
class CompareSettings:
    """Similarity cut-offs for calling a sentence pair shared or reworded, and the similarity's own."""

    # "shared" is judged with synonyms given no credit (pair_status): a copy
    # with one content word in ten changed keeps 0.9, two in ten 0.8. The
    # rewritten pairs of samples 001 and 004 (one wire story, two outlets)
    # reach 0.69 at most, so 0.8 leaves a margin on both sides.
    shared_threshold: float = 0.8
    # The pairs a reader draws between 001 and 004 score 0.42-0.69
    # (tests/test_compare.py). Chance: a sentence's best match in another
    # BBC article of the same category (another story on a like subject),
    # clauses allowed, reaches 0.35 for 0.4% of sentences; 0.30 for 1.4%
    # (bench/paraphrase_bench.py --chance 150).
    reworded_threshold: float = 0.35
    # A sentence's further partner must owe at least this share of its match
    # (by IDF weight) to words of the sentence no earlier partner matched:
    # 001's "Trump did not dissuade Putin from potential retaliatory actions"
    # pairs with 004's "... act in response to the attacks" and then, on
    # dissuade / discourage (0.29 of the match), with "Trump did not
    # discourage Putin from responding"; a sentence repeating what its
    # partner already matched stays alone. At 0.5 that sample pair is lost.
    new_words: float = 0.25
    similarity: SimilaritySettings = field(default_factory=SimilaritySettings)


def sentence_similarity(a: str, b: str, idf: Mapping[str, float] | None = None,
                        settings: SimilaritySettings = SimilaritySettings()) -> float:
    """Similarity of two sentences in [0, 1] (analysis.text.similarity): the best of wholes and clauses.

    ``idf`` weights rare words up (align passes one built from both
    articles); without it every content word counts the same.
    """
    return match(represent(a, idf, settings), represent(b, idf, settings), settings).score


def pair_status(a: SentenceRep, b: SentenceRep, settings: CompareSettings = CompareSettings()) -> str:
    """"shared" when two paired reps (sentences or clauses) say it in the same words, else "reworded".

    The same words: their similarity with synonyms and other links given no
    credit reaches ``shared_threshold``; a synonym swapped in is a rewording.
    """
    exact = score(a, b, replace(settings.similarity, synonym=0.0, related=0.0, bridge=0.0))
    return "shared" if exact >= settings.shared_threshold else "reworded"
