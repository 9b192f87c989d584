"""YAKE's ranking of every candidate phrase, as yake computes it, at about 40 % of the cost.

Counted in instructions on BBC articles, yake 0.7.3 spends most of its work
on bookkeeping that cannot change the ranking:
- it looks every occurrence of a word up again (its tag, its term, whether
  it is punctuation) through several calls;
- it counts co-occurrences in a networkx graph and reads each word's graph
  metrics through its edge views, caching them and invalidating the cache on
  every co-occurrence;
- it takes a numpy median of a handful of sentence numbers per word;
- it counts n-grams by length, keeps every sentence's word blocks and
  stores every feature of every word, none of which the ranking reads;
- it builds a candidate object for every occurrence of every n-gram, keeping
  only its tag when the n-gram is known, including the majority that start
  or end with a stopword and so can never be ranked; only a phrase's words,
  tags and count are needed to score it.
The subclass below overrides those steps and nothing else: tagging,
stopwords, the formulas of the scores and the ranking are yake's, and the
sentences and words are split by yake's own segtok call.
``tests/test_yake_fast.py`` checks that the output equals yake's, scores
included, on every sample article and on BBC articles.

The overrides depend on yake's internals, so they run only on the yake
release they were checked against; any other release runs plain yake.
"""

from __future__ import annotations

import math
import statistics
from functools import lru_cache
from importlib.metadata import version

import numpy as np
import yake
from yake.data.core import DataCore
from yake.data.utils import get_tag, pre_filter, tokenize_sentences

# The yake releases whose internals the overrides were checked against.
CHECKED_RELEASES = ("0.7.3",)
ENABLED = version("yake") in CHECKED_RELEASES


class _Core(DataCore):
    """yake's DataCore with the result-neutral bookkeeping left out."""

    def _build(self, text, windows_size, n):
        """yake's _build, _process_sentence and _process_word in one loop, same terms and phrases.

        yake looks each occurrence up again (tag, term, punctuation) through
        several calls; here each distinct word is looked up once per text. It
        counts co-occurrences in a networkx graph, invalidating cached metrics
        on each; here in a dict (``self._edges``, the graph stays empty: only
        the overrides below read the counts). And it builds a candidate object
        for every occurrence of every n-gram, keeping only its tag when the
        n-gram is known, including the majority that start or end with a
        stopword and so can never be ranked; here the n-grams that can be a
        keyword are counted, then gathered per phrase (``self._phrases``,
        which :meth:`phrase_scores` reads instead of ``self.candidates``) in
        yake's order (the order of first occurrence: ties in the ranking keep it).
        yake also counts n-grams by length and keeps each sentence's word
        blocks, which nothing reads; here neither. A word's tags, term key and
        stopword flag depend on the word alone: they are kept across texts
        (:func:`_word_facts`).
        """
        sentences = self.sentences_str = tokenize_sentences(pre_filter(text))
        self.number_of_sentences = len(sentences)
        exclude, discard = self.exclude, self.tags_to_discard
        edges: dict[tuple[int, int], float] = {}
        self._edges = edges
        # Per distinct word: (its term, its (tag, word, term) first in a sentence, elsewhere), None for
        # punctuation. yake's tag depends on the position only through "first in its sentence or not".
        known: dict[str, tuple | None] = {}
        lowered: dict[str, str] = {}  # each word lowercased, for the phrases' keys
        # What a word is whatever the text (its term's key, stopword flag and two tags), kept across texts.
        words = _word_facts(self.stopword_set, exclude)
        # Occurrences of each n-gram that can be a keyword, as (tag, word, term) per word, in order of first occurrence.
        ngrams: dict[tuple, int] = {}
        pos_text = 0
        for sentence_id, sentence in enumerate(sentences):
            block: list[tuple] = []
            for pos_sent, word in enumerate(sentence):
                seen = known.get(word, False)
                if seen is False:
                    facts = words.get(word)
                    if facts is None:
                        facts = words[word] = self._facts(word)
                    if facts is _PUNCTUATION:
                        seen = known[word] = None
                    else:
                        unique, stopword, first_tag, later_tag, lowered[word] = facts
                        term = self.terms.get(unique)
                        if term is None:  # DataCore.get_term, less the graph node (counts: self._edges)
                            term = self.terms[unique] = _Term(len(self.terms), stopword)
                        seen = known[word] = (term, (first_tag, word, term), (later_tag, word, term))
                if seen is None:
                    block = []
                    continue
                term, entry, later = seen
                if pos_sent:
                    entry = later
                tag = entry[0]
                data = term.data  # yake's SingleWord.add_occur
                occurs = data["occurs"]
                if sentence_id in occurs:
                    occurs[sentence_id].append((pos_sent, pos_text))
                else:
                    occurs[sentence_id] = [(pos_sent, pos_text)]
                data["tf"] += 1.0
                if tag == "a":
                    data["tf_a"] += 1.0
                elif tag == "n":
                    data["tf_n"] += 1.0
                pos_text += 1
                size = len(block)
                if size and tag not in discard:  # DataCore._update_cooccurrence
                    for left_tag, _, left in block[max(0, size - windows_size):]:
                        if left_tag not in discard:
                            key = (left.id, term.id)
                            edges[key] = edges.get(key, 0.0) + 1.0
                # DataCore._generate_candidates: this word alone, then with up to n - 1 words before it.
                first = max(0, size - (n - 1))
                if not data["stopword"]:  # a candidate ending in a stopword is never ranked
                    ngram = (entry,)
                    ngrams[ngram] = ngrams.get(ngram, 0) + 1
                    for w in range(size - 1, first - 1, -1):
                        if not block[w][2].data["stopword"]:  # nor one starting with a stopword
                            ngram = (*block[w:], entry)
                            ngrams[ngram] = ngrams.get(ngram, 0) + 1
                block.append(entry)
        self.number_of_words = pos_text
        # DataCore.add_or_update_composedword, less the objects: per lowercased phrase, in order of first
        # occurrence, [the terms of its first occurrence, whether one of the tag sequences it was written
        # with holds no "u" or "d" (ComposedWord.is_valid), its tf].
        phrases: dict[str, list] = {}
        for ngram, count in ngrams.items():
            if len(ngram) == 1:  # most: one word, its lowercase form already at hand
                tag, word, term = ngram[0]
                unique_kw, usable, terms = lowered[word], tag != "u" and tag != "d", [term]
            else:
                # Lowercasing word by word gives what lowercasing the phrase gives: words hold no space.
                unique_kw = " ".join([lowered[w[1]] for w in ngram])
                tags = "".join([w[0] for w in ngram])
                usable, terms = "u" not in tags and "d" not in tags, [w[2] for w in ngram]
            phrase = phrases.get(unique_kw)
            if phrase is None:
                phrases[unique_kw] = [terms, usable, float(count)]
            else:
                phrase[1] = phrase[1] or usable
                phrase[2] += count
        self._phrases = phrases

    def _facts(self, word: str) -> tuple:
        """What yake makes of ``word`` in any text: :data:`_PUNCTUATION` for punctuation, else its term's key, the stopword flag
        the term takes when this word creates it, its tags first in a sentence and elsewhere, and its lowercase form.

        DataCore.get_term and get_tag, which depend on the word, the stopwords and the marks alone.
        """
        exclude = self.exclude
        if exclude.issuperset(word):  # punctuation only (yake: every character excluded)
            return _PUNCTUATION
        unique = word.lower()
        stopwords = self.stopword_set
        simple_stopword = unique in stopwords
        if unique.endswith("s") and len(unique) > 3:
            unique = unique[:-1]
        simple = unique.translate(_deletion_table(exclude))  # yake: one str.replace per mark
        stopword = simple_stopword or unique in stopwords or len(simple) < 3
        return unique, stopword, get_tag(word, 0, exclude), get_tag(word, 1, exclude), word.lower()

    def build_single_terms_features(self, features=None):
        """yake's per-word score (SingleWord.update_h with every feature), term by term: ``data["h"]``."""
        terms = list(self.terms.values())  # in id order
        datas = [term.data for term in terms]
        valid_tfs = [data["tf"] for data in datas if not data["stopword"]]
        if not valid_tfs:
            return
        # numpy's mean and deviation, as yake computes them (same rounding).
        tfs = np.array(valid_tfs)
        avg_plus_std = tfs.mean() + tfs.std()
        max_tf = max([data["tf"] for data in datas])
        sentences = self.number_of_sentences
        # Edges out of and into each word, and their co-occurrence counts, in
        # one pass. The counts are whole numbers, so summing them in another
        # order than yake does gives the same floats.
        out_edges, out_tf, in_edges, in_tf = ([0] * len(terms) for _ in range(4))
        for (left, right), tf in self._edges.items():
            out_edges[left] += 1
            out_tf[left] += tf
            in_edges[right] += 1
            in_tf[right] += tf
        for node, data in enumerate(datas):  # a term's id is its place in id order
            tf, occurs = data["tf"], data["occurs"]
            wir, wil = out_tf[node], in_tf[node]
            pwr = 0 if wir == 0 else out_edges[node] / wir
            pwl = 0 if wil == 0 else in_edges[node] / wil
            # Only the score is kept: yake also stores each feature on the word, which nothing here reads.
            wrel = (0.5 + (pwl * (tf / max_tf))) + (0.5 + (pwr * (tf / max_tf)))
            wfreq = tf / avg_plus_std
            wspread = len(occurs) / sentences
            wcase = max(data["tf_a"], data["tf_n"]) / (1.0 + math.log(tf))
            # Most words are in one sentence: the median of one number is that number (statistics.median's too).
            middle = next(iter(occurs)) if len(occurs) == 1 else statistics.median(occurs)
            wpos = math.log(math.log(3.0 + middle))
            data["h"] = (wpos * wrel) / (wcase + (wfreq / wrel) + (wspread / wrel))

    def phrase_scores(self) -> list[tuple[str, float]]:
        """(phrase, ComposedWord.update_h's score) of every valid candidate, in yake's order, same arithmetic.

        yake's "bi" stopword weight, every feature (``KPF`` included: the phrase's tf divides).
        """
        edges = self._edges
        scored = []
        for unique_kw, (terms, usable, phrase_tf) in self._phrases.items():
            if not usable:
                continue
            sum_h, prod_h = 0.0, 1.0
            last = len(terms) - 1
            for t, term in enumerate(terms):
                data = term.data
                if not data["stopword"]:
                    h = data["h"]
                    sum_h += h
                    prod_h *= h
                    continue
                # A stopword inside a phrase weighs by how often it follows and precedes its neighbours.
                prob_t1 = prob_t2 = 0.0
                if t > 0 and (tf := edges.get((terms[t - 1].id, term.id))) is not None:
                    prob_t1 = tf / terms[t - 1].data["tf"]
                if t < last and (tf := edges.get((term.id, terms[t + 1].id))) is not None:
                    prob_t2 = tf / terms[t + 1].data["tf"]
                prob = prob_t1 * prob_t2
                prod_h *= 1 + (1 - prob)
                sum_h -= 1 - prob
            scored.append((unique_kw, prod_h / ((sum_h + 1) * phrase_tf)))
        return scored


_PUNCTUATION = ("punctuation",)  # what _Core._facts says of a word made of marks alone
# Words whose facts are kept per (stopwords, marks), before starting afresh: BBC's 2,225 articles hold
# about 40,000 distinct words; yake's own tag cache keeps 10,000.
_WORDS_KEPT = 200_000
_WORD_FACTS: dict[tuple[int, frozenset[str]], tuple[object, dict]] = {}


def _word_facts(stopwords, exclude: frozenset[str]) -> dict:
    """The word -> :meth:`_Core._facts` table for these stopwords and marks (kept per process)."""
    key = (id(stopwords), exclude)
    held = _WORD_FACTS.get(key)
    if held is None or len(held[1]) >= _WORDS_KEPT:
        # The stopword set is held with its table, so its id names no other set meanwhile.
        held = _WORD_FACTS[key] = (stopwords, {})
    return held[1]


class _Term:
    """What the ranking reads of yake's SingleWord: its id and the counts and score in its ``data``."""

    __slots__ = ("id", "data")

    def __init__(self, id_: int, stopword: bool) -> None:
        self.id = id_
        self.data = {"stopword": stopword, "h": 0.0, "tf": 0.0, "tf_a": 0.0, "tf_n": 0.0, "occurs": {}}


@lru_cache(maxsize=8)
def _deletion_table(marks: frozenset[str]) -> dict[int, None]:
    """A str.translate table deleting ``marks`` (yake's exclude: punctuation, one character each)."""
    return dict.fromkeys(map(ord, marks))


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
        scored = core.phrase_scores()
    except Exception:  # yake catches everything here too: let it answer (and log) as it does
        return extractor.extract_keywords(text)
    # A stable sort, as yake's: phrases of equal score stay in order of first occurrence.
    return sorted(scored, key=lambda c: c[1])[: config["top"]]
