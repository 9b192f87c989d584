"""The name finder's document-level scores: what other sentences of the same article add to a token's.

``ner.NameFinder`` inherits these: they read its per-word cache (``_key``, the
lowercase form as an int; ``_ctx_list``, the feature rows a word gives its
neighbours; ``_islow``, ``_cap``) and add weights into the emission scores of
one decode, in the same sense as ``ner_context``'s string features that
training reads (tests/test_ner.py checks the two agree).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from analysis.models.ner_context import PREFIX as CONTEXT_PREFIX, stacked_features
from analysis.models.ner_features import BOS, EOS, TITLES, cluster_ids, normalise_token

__all__ = ["CONTEXT_SIDES", "DocumentScores"]

# The document-context features a word gives the word after it (dp=, its lowercase form; dpc=, its
# cluster) and the word before it (dn=, dnc=): ner_context.context_features.
CONTEXT_SIDES = (("dp=", False), ("dn=", False), ("dpc=", True), ("dnc=", True))
_SIDE_NAMES = tuple(CONTEXT_PREFIX + side for side, _ in CONTEXT_SIDES)


class DocumentScores:
    """Document-context and stacked scores for NameFinder (a mixin: the attributes are the finder's)."""

    def _add_context_word(self, index: int, token: str) -> None:
        """Cache what a new word gives document context: its lowercase form's int, its CONTEXT_SIDES rows."""
        lower = self._lower[index]
        self._key[index] = self._keys.setdefault(lower, len(self._keys))
        ids = cluster_ids(normalise_token(token), self.lexicons) if token not in (BOS, EOS) else ()
        get = self._attr.get
        before, after, before_cluster, after_cluster = _SIDE_NAMES
        if len(ids) > 1:
            mid = ids[1]
            rows = (get(before + lower, -1), get(after + lower, -1), get(before_cluster + mid, -1),
                    get(after_cluster + mid, -1))
        else:
            rows = (get(before + lower, -1), get(after + lower, -1), -1, -1)
        self._ctx_list.append(rows)

    def _add_doc_context(self, ids: np.ndarray, pos: np.ndarray, emit: np.ndarray, row_of: np.ndarray,
                         starts_at: Sequence[int], doc_sizes: Sequence[int]) -> None:
        """ner_context.context_features' weights, added from the word cache without building strings.

        A capitalised token gets every context feature that another occurrence of its word in the
        document gives: its word's features summed once, less those only it gives. A word seen once
        gets none. An article holds a few dozen capitalised words: dicts, then three numpy calls.
        """
        at = pos[self._cap[ids[pos]]]
        low = np.flatnonzero(self._islow[ids])
        words, lower_words = self._key[ids[at]], self._key[ids[low]]
        if len(doc_sizes) > 1:  # a word in two documents is two words
            sentence_doc = np.repeat(np.arange(len(doc_sizes)), doc_sizes)
            bounds = np.asarray(starts_at)
            size = len(self._keys)
            words = words + size * sentence_doc[np.searchsorted(bounds, at, side="right") - 1]
            lower_words = lower_words + size * sentence_doc[np.searchsorted(bounds, low, side="right") - 1]
        word_list, given_by = words.tolist(), self._ctx_list
        previous = ids[at - 1].tolist()
        if self.settings.doc_run_start:  # ner_context.opens_name: after no capitalised word but a title
            cap, lower = self._cap, self._lower
            takes = [not cap[p] or lower[p] in TITLES for p in previous]
        else:
            takes = [True] * len(word_list)
        seen = Counter(word_list)
        counts: dict[int, dict[int, int]] = {}  # word -> feature row -> how many occurrences give it
        repeated = []  # the occurrences that take features: (position, word, the features they give)
        for a, word, before, after, took in zip(at.tolist(), word_list, previous, ids[at + 1].tolist(), takes):
            if seen[word] > 1:
                before, after = given_by[before], given_by[after]
                given = (before[0], after[1], before[2], after[3])
                if took:
                    repeated.append((a, word, given))
                c = counts.get(word)
                if c is None:
                    c = counts[word] = {}
                for feature in given:
                    if feature >= 0:
                        c[feature] = c.get(feature, 0) + 1
        weights = self._weights
        counts = {word: c for word, c in counts.items() if c}  # reduceat needs no empty run
        repeated = [r for r in repeated if r[1] in counts]
        if repeated:
            # Each word's features summed once (reduceat over runs: np.add.at is slow), less, for each
            # occurrence, the features only it gives; one add per occurrence's row.
            features = [f for c in counts.values() for f in c]
            firsts = np.cumsum([0] + [len(c) for c in counts.values()])[:-1]
            sums = np.add.reduceat(weights[features], firsts)
            number = {word: n for n, word in enumerate(counts)}
            delta = sums[[number[word] for _, word, _ in repeated]]
            own, owner = [], []
            for n, (_, word, given) in enumerate(repeated):
                c = counts[word]
                for f in given:
                    if f >= 0 and c[f] == 1:
                        own.append(f)
                        owner.append(n)
            if own:
                firsts = np.flatnonzero(np.diff(owner, prepend=-1))
                delta[np.asarray(owner)[firsts]] -= np.add.reduceat(weights[own], firsts)
            emit[[row_of[a] for a, _, _ in repeated]] += delta
        if self._lower_row >= 0 and len(low):
            if len(doc_sizes) == 1:  # mark the words written in lower case in this decode
                self._stamp += 1
                self._low_mark[lower_words] = self._stamp
                lowered = (self._low_mark[words] == self._stamp) & np.asarray(takes, dtype=bool)
            else:
                written_lower = set(lower_words.tolist())
                lowered = [n for n, (word, took) in enumerate(zip(word_list, takes)) if took and word in written_lower]
            lowered = at[lowered]
            if len(lowered):
                emit[row_of[lowered]] += weights[self._lower_row]

    def _add_stacked(self, ids: np.ndarray, emit: np.ndarray, row_of: np.ndarray, labels: np.ndarray,
                     starts_at: Sequence[int], sentences: Sequence[Sequence[str]],
                     doc_sizes: Sequence[int]) -> list[int]:
        """Add ner_context.stacked_features' weights given the first pass's labels; returns the stream
        positions whose scores changed (capitalised tokens, so inside a stretch: row_of finds their rows)."""
        get, names, cap = self._context.get, self.labels, self._cap
        touched, first = [], 0
        for size in doc_sizes:
            doc = sentences[first:first + size]
            spans = [(starts_at[first + s], starts_at[first + s] + len(words)) for s, words in enumerate(doc)]
            tags = [[names[i] for i in labels[a:b]] for a, b in spans]
            caps = [np.flatnonzero(cap[ids[a:b]]).tolist() for a, b in spans]
            for (s, i), feats in stacked_features(doc, tags, caps).items():
                at = spans[s][0] + i
                for weights in map(get, feats):
                    if weights is not None:
                        emit[row_of[at]] += weights
                        touched.append(at)
            first += size
        return touched
