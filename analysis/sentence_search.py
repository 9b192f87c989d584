"""Which sentences of an article hold any of a list of terms, found without scanning every sentence.

The answer is the one :func:`analysis.lexicon.find_terms` gives sentence by
sentence. It is found by trying the terms' pattern only where a term's first
word occurs in the article, which is what makes matching hundreds of topic
phrases against thousands of articles affordable.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from analysis.corpus import Article
from analysis.lexicon import FOLDS_AS_REGEX, fold_case, term_pattern

WORD_RUN = re.compile(r"\w+")


class ArticleText:
    """An article readied for matching many term lists: case-folded text, words, sentence bounds."""

    __slots__ = ("article", "folded", "words", "starts", "ends", "whole_text")

    def __init__(self, article: Article) -> None:
        self.article = article
        text = article.text
        # Text folded as re.IGNORECASE compares it, letter for letter; without
        # that fold (see lexicon.FOLDS_AS_REGEX) the text is searched in full.
        self.folded = fold_case(text) if FOLDS_AS_REGEX else None
        self.words = frozenset(WORD_RUN.findall(self.folded)) if self.folded is not None else frozenset()
        self.starts = [s.start for s in article.sentences]
        self.ends = [s.end for s in article.sentences]
        # A match in the whole text is one in its sentence only when no sentence
        # starts or ends inside a word: then both see the same word boundaries.
        edges = {text[s.start - 1] for s in article.sentences if s.start}
        edges.update(text[s.end] for s in article.sentences if s.end < len(text))
        self.whole_text = not any(c.isalnum() or c == "_" for c in edges)  # \w as re defines it


class TermPlan:
    """How to find a term list quickly: its pattern, and what each match must start with.

    ``heads`` holds, per term, its first word case-folded (every match
    starts with it) and the words of which the text must hold one for the
    term to match there (None: no such word test).
    """

    __slots__ = ("pattern", "heads")

    def __init__(self, terms: tuple[str, ...]) -> None:
        self.pattern = term_pattern(terms)
        heads: list[tuple[str, frozenset[str] | None]] = []
        for term in terms:
            words = term.split()
            wildcard = bool(words) and words[-1].endswith("*")
            if wildcard:
                words[-1] = words[-1].rstrip("*")
            words = [w for w in words if w]
            if not words:
                continue  # matches nothing (lexicon drops it from the pattern)
            first = fold_case(words[0])
            heads.append((first, _first_word_forms(term, first, wildcard)))
        self.heads = tuple(heads)


def _first_word_forms(term: str, first: str, wildcard: bool) -> frozenset[str] | None:
    """The word (maximal run of \\w) a match of ``term`` starts with in the text, with its endings."""
    runs = WORD_RUN.findall(first)
    if not runs:
        return None
    run = runs[0]
    if WORD_RUN.fullmatch(term.rstrip("*").lower()):  # a one-word term: the ending joins the word
        return None if wildcard else frozenset((run, run + "s", run + "es"))
    return frozenset((run,))


def sentences_holding(view: ArticleText, plan: TermPlan) -> list[int]:
    """Indexes of the article's sentences holding any of the plan's terms.

    The answer find_terms gives sentence by sentence, found by trying the
    pattern only where a term's first word occurs (the pattern is tried in
    text order, as finditer would), then placing each match in its sentence.
    """
    sentences = view.article.sentences
    if plan.pattern is None or not sentences:
        return []
    text = view.article.text
    if view.folded is None:
        matches = plan.pattern.finditer(text)
    else:
        positions = []
        for first, forms in plan.heads:
            if forms is not None and view.words.isdisjoint(forms):
                continue
            at = view.folded.find(first)
            while at != -1:
                positions.append(at)
                at = view.folded.find(first, at + 1)
        if not positions:
            return []
        matches = _matches_at(plan.pattern, text, sorted(set(positions)))
    if view.whole_text:
        found: list[int] = []
        for match in matches:
            start, end = match.span()
            i = bisect_right(view.starts, start) - 1
            if i >= 0 and end <= view.ends[i]:
                if not found or found[-1] != i:
                    found.append(i)
            elif (i >= 0 and start < view.ends[i]) or (i + 1 < len(sentences) and end > view.starts[i + 1]):
                break  # a match across two sentences: only a sentence-by-sentence search is exact
        else:
            return [sentences[i].index for i in found]
    elif next(iter(matches), None) is None:
        return []
    return [s.index for s in sentences if plan.pattern.search(s.text)]


def _matches_at(pattern: re.Pattern[str], text: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """The matches pattern.finditer(text) yields, trying only ``positions`` (sorted)."""
    end = 0
    for at in positions:
        if at >= end:
            match = pattern.match(text, at)
            if match:
                end = match.end()
                yield match


def sentence_hits(article: Article, terms: tuple[str, ...]) -> list[int]:
    """Indexes of the article's sentences holding any of ``terms``."""
    return sentences_holding(ArticleText(article), TermPlan(terms))
