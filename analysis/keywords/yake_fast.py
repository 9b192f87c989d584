"""YAKE's ranking of every candidate phrase, as yake computes it, at about 60 % of the cost.

Counted in instructions on BBC articles, yake 0.7.3 spends about 40 % of its
work on bookkeeping that cannot change the ranking:
- it reads each word's graph metrics through networkx's edge views, caching
  them and invalidating the cache on every co-occurrence;
- it takes a numpy median of a handful of sentence numbers per word;
- it builds a candidate object for every occurrence of every n-gram, keeping
  only its tag when the n-gram is known, including the majority that start
  or end with a stopword and so can never be ranked.
The subclass below overrides those steps and nothing else: tokenising,
tagging, stopwords, the phrase scores and the ranking run yake's own code.
``tests/test_yake_fast.py`` checks that the output equals yake's, scores
included, on every sample article and on BBC articles.

The overrides depend on yake's internals, so they run only on the yake
release they were checked against; any other release runs plain yake.
"""

from __future__ import annotations

import math
import statistics
from importlib.metadata import version

import numpy as np
import yake
from yake.data.composed_word import ComposedWord
from yake.data.core import DataCore

# The yake releases whose internals the overrides were checked against.
CHECKED_RELEASES = ("0.7.3",)
ENABLED = version("yake") in CHECKED_RELEASES


class _Core(DataCore):
    """yake's DataCore with the result-neutral bookkeeping left out."""

    def add_cooccur(self, left_term, right_term):
        # yake also invalidates both terms' cached graph metrics here; the
        # metrics are computed once, after the graph is complete, below.
        edge = self.g.get_edge_data(left_term.id, right_term.id)
        if edge is None:
            self.g.add_edge(left_term.id, right_term.id, tf=1.0)
        else:
            edge["tf"] += 1.0

    def _generate_candidates(self, term, term_obj, block_of_word_obj, n):
        # yake builds a ComposedWord for every occurrence of every n-gram and
        # keeps only its tag when the n-gram is known; build one only for a
        # new n-gram that can be a keyword.
        candidate = [term + (term_obj,)]
        self._count_candidate(candidate)
        for w in range(len(block_of_word_obj) - 1, max(0, len(block_of_word_obj) - (n - 1)) - 1, -1):
            candidate.append(block_of_word_obj[w])
            self.freq_ns[len(candidate)] += 1.0
            self._count_candidate(candidate[::-1])

    def _count_candidate(self, terms) -> None:
        if terms[0][2].stopword or terms[-1][2].stopword:
            return  # never valid, so never ranked: yake keeps it, unused
        unique_kw = " ".join([w[1] for w in terms]).lower()
        known = self.candidates.get(unique_kw)
        if known is None:
            known = self.candidates[unique_kw] = ComposedWord(terms)
        else:
            known.tags.add("".join([w[0] for w in terms]))
        known.tf += 1.0

    def build_single_terms_features(self, features=None):
        """yake's per-word score (SingleWord.update_h with every feature), term by term."""
        valid_tfs = [term.tf for term in self.terms.values() if not term.stopword]
        if not valid_tfs:
            return
        # numpy's mean and deviation, as yake computes them (same rounding).
        tfs = np.array(valid_tfs)
        avg_plus_std = tfs.mean() + tfs.std()
        max_tf = max(term.tf for term in self.terms.values())
        sentences = self.number_of_sentences
        # Edges out of and into each word, and their co-occurrence counts, in
        # one pass. The counts are whole numbers, so summing them in another
        # order than yake does gives the same floats.
        out_edges, out_tf, in_edges, in_tf = (dict.fromkeys(self.g, 0) for _ in range(4))
        for left, right, tf in self.g.edges(data="tf"):
            out_edges[left] += 1
            out_tf[left] += tf
            in_edges[right] += 1
            in_tf[right] += tf
        for term in self.terms.values():
            data, tf, node = term.data, term.tf, term.id
            wir, wil = out_tf[node], in_tf[node]
            pwr = 0 if wir == 0 else out_edges[node] / wir
            pwl = 0 if wil == 0 else in_edges[node] / wil
            data["pl"] = in_edges[node] / max_tf
            data["pr"] = out_edges[node] / max_tf
            wrel = data["wrel"] = (0.5 + (pwl * (tf / max_tf))) + (0.5 + (pwr * (tf / max_tf)))
            wfreq = data["wfreq"] = tf / avg_plus_std
            wspread = data["wspread"] = len(term.occurs) / sentences
            wcase = data["wcase"] = max(data["tf_a"], data["tf_n"]) / (1.0 + math.log(tf))
            wpos = data["wpos"] = math.log(math.log(3.0 + statistics.median(term.occurs)))
            data["h"] = (wpos * wrel) / (wcase + (wfreq / wrel) + (wspread / wrel))


def candidates(extractor: yake.KeywordExtractor, text: str) -> list[tuple[str, float]]:
    """Every valid candidate as (lowercased phrase, YAKE score), best first, up to the extractor's ``top``.

    Exactly what ``extractor.extract_keywords`` returns for an extractor made
    with ``dedup_lim=1.0`` (no deduplication, the only way StoryLens runs it).
    """
    config = extractor.config
    if config["dedup_lim"] < 1.0:
        raise ValueError("candidates() ranks without deduplication: make the extractor with dedup_lim=1.0")
    # The per-word override computes every feature, as yake does when none are named.
    if not ENABLED or config["features"] is not None:
        return extractor.extract_keywords(text)
    if not text:
        return []
    try:
        core = _Core(
            text=text.replace("\n", " "),
            stopword_set=extractor.stopword_set,
            config={"windows_size": config["window_size"], "n": config["n"]},
        )
        core.build_single_terms_features()
        core.build_mult_terms_features(features=config["features"])
    except Exception:  # yake catches everything here too: let it answer (and log) as it does
        return extractor.extract_keywords(text)
    ranked = sorted((c for c in core.candidates.values() if c.is_valid()), key=lambda c: c.h)
    return [(c.unique_kw, c.h) for c in ranked[: config["top"]]]
