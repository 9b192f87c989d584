"""Which articles of a corpus hold a phrase: by its stems (for rarity), or as written.

Distinctive keywords weigh each of an article's keywords by how rarely the
other articles use it, and show how many other articles hold it as
:func:`analysis.keywords.keyword_in_context` matches it. Both questions are
asked of thousands of phrases against thousands of articles; this index
answers them with set lookups and substring searches, and keeps its answers.
"""

from __future__ import annotations

import bisect
import math
import threading
from collections import Counter, OrderedDict

from analysis.text.idf import idf
from analysis.text.words import STOPWORDS, stem, tokens
from analysis.corpus import Article, Corpus
from analysis.lexicon import FOLDS_AS_REGEX, fold_case, term_end_at, term_pattern


def _stem_sequence(article: Article) -> str:
    """The article's stems, one space apart, sentences fenced so phrases cannot span them."""
    return " | ".join(" ".join(stem(t) for t in tokens(s.text)) for s in article.sentences)


def _rarity(df: int, others: int) -> float:
    """1.0 when no other article uses it, 0.0 when all do (idf scaled to [0, 1])."""
    if others == 0:
        return 1.0
    return idf(others, df) / math.log(others + 1)


class PhraseIndex:
    """Each article's stems and vocabulary, how many articles use each stem, and who holds a phrase.

    Built once per corpus and kept for the next call (:meth:`of`), so an app
    showing one article at a time pays for the corpus once, not per article.

    A phrase is held as a run of stems (:meth:`stem_runs`, inflected forms
    too) or as written (:meth:`others`). Only articles holding the run (or
    its plural's) are matched as written, each (phrase, article) once. A
    distinctive keyword is mostly in no other article, so most need no
    matching at all.
    """

    # Corpora kept, most recent last: an app session's corpus and a subset of it.
    KEPT = 2
    _kept: OrderedDict[tuple[str, ...], "PhraseIndex"] = OrderedDict()
    _lock = threading.Lock()

    @classmethod
    def of(cls, corpus: Corpus) -> "PhraseIndex":
        """The corpus's index, built on first use; the last KEPT corpora's are kept."""
        key = tuple(a.id for a in corpus.articles)
        # Built under the lock: two sessions opening the same corpus build it once.
        with cls._lock:
            found = cls._kept.get(key)
            if found is None:
                found = cls._kept[key] = cls(corpus)
                while len(cls._kept) > cls.KEPT:
                    cls._kept.popitem(last=False)
            cls._kept.move_to_end(key)
            return found

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.sequences = [f" {_stem_sequence(a)} " for a in corpus.articles]
        self.vocab = [set(seq.split()) for seq in self.sequences]
        self.word_df = Counter(w for words in self.vocab for w in words)
        self.postings: dict[str, set[int]] = {}
        for j, words in enumerate(self.vocab):
            for w in words:
                self.postings.setdefault(w, set()).add(j)
        # rarity[df]: how rare a stem or phrase that df of the other articles use is.
        self.rarity = [_rarity(df, len(corpus.articles) - 1) for df in range(len(corpus.articles) + 1)]
        self._stems: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self.runs: dict[tuple[str, ...], list[int]] = {}
        self.held: dict[tuple[str, int], bool] = {}
        self.folded: dict[int, tuple[str, list[int]]] = {}  # text through fold_case, sentence starts

    def stems(self, keyword: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The keyword's stems, and those of its content words (all of them if it has none)."""
        found = self._stems.get(keyword)
        if found is None:
            words = tokens(keyword)
            phrase = tuple(stem(t) for t in words)
            found = self._stems[keyword] = (phrase, tuple(stem(t) for t in words if t not in STOPWORDS) or phrase)
        return found

    def others(self, keyword: str, own: int) -> int:
        """How many articles other than ``own`` hold ``keyword`` as written.

        Looked for in the articles whose stems hold its stems in a run, or
        those of its plural ("biases" does not stem as "bias" does). An
        article whose words differ from the keyword's only by a letter
        lowercasing does not fold ("Maſs" for "mass") is not counted.
        """
        term = " ".join(keyword.split())
        phrase = self.stems(keyword)[0]
        maybe = set(self.stem_runs(phrase))
        words = tokens(keyword)
        if words and words[-1].isalpha():
            for plural in {phrase[:-1] + (stem(words[-1] + ending),) for ending in ("s", "es")} - {phrase}:
                maybe.update(self.stem_runs(plural))
        return sum(1 for j in maybe if j != own and self._holds(term, j))

    def held_elsewhere(self, stems: tuple[str, ...], own: int) -> int:
        """How many articles other than ``own`` hold ``stems`` as a run: the phrase's df."""
        if len(stems) == 1:
            return self.word_df[stems[0]] - (stems[0] in self.vocab[own])
        return sum(1 for j in self.stem_runs(stems) if j != own)

    def stem_runs(self, stems: tuple[str, ...]) -> list[int]:
        """The articles whose stems hold ``stems`` as a run (inflected forms of the phrase too)."""
        if stems not in self.runs:
            if len(stems) == 1:  # every article holding the stem holds the run
                return list(self.postings.get(stems[0], ()))
            # Only articles holding every word can hold the run: look there alone.
            lists = sorted((self.postings.get(s, set()) for s in stems), key=len)
            maybe = lists[0].intersection(*lists[1:]) if lists else set()
            run = f" {' '.join(stems)} "
            self.runs[stems] = [j for j in maybe if run in self.sequences[j]]
        return self.runs[stems]

    def _holds(self, term: str, j: int) -> bool:
        found = self.held.get((term, j))
        if found is None:
            found = self.held[term, j] = self._in_a_sentence(term, j)
        return found

    def _in_a_sentence(self, term: str, j: int) -> bool:
        """Whether a sentence of article ``j``, taken alone, holds ``term`` as find_terms matches it."""
        article = self.corpus.articles[j]
        words = fold_case(term).split()
        if FOLDS_AS_REGEX and words and not term.endswith("*"):
            if j not in self.folded:
                self.folded[j] = (fold_case(article.text), [s.start for s in article.sentences])
            folded, starts = self.folded[j]
            # Where the first word is, the term is tried in that sentence
            # alone: substring searches, no regex compiled per keyword.
            at = folded.find(words[0])
            while at != -1:
                k = bisect.bisect_right(starts, at) - 1
                sentence = article.sentences[k] if k >= 0 else None
                if sentence and at < sentence.end and term_end_at(
                        words, sentence.text, folded[sentence.start:sentence.end], at - sentence.start) is not None:
                    return True
                at = folded.find(words[0], at + 1)
            return False
        pattern = term_pattern((term,))
        return pattern is not None and any(pattern.search(s.text) for s in article.sentences)
