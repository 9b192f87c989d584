"""Where the names of an actor table (actors.toml, or the table edited on the Actors page) occur.

A given table wins over discovery: its actors are found by their terms
(``actor_terms``: the name, its aliases, a person's surname, accent-free
spellings), matched the one way lexicon.py matches terms. Running every
actor's pattern over every sentence took most of a minute on 2,000 articles,
so the patterns are tried only where one of their first words occurs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from analysis.actors.names import actor_terms
from analysis.corpus import Article
from analysis.lexicon import FOLDS_AS_REGEX, Lexicon, find_terms, fold_case, term_pattern
from analysis.corpus.text import Sentence

__all__ = ["lexicon_mentions"]


# (sentence index, spans of the mentions in that sentence), for each sentence naming an actor
_Mentions = list[tuple[int, list[tuple[int, int]]]]


def _mention_spans(article: Article, terms: tuple[str, ...]) -> _Mentions:
    """(sentence index, spans in that sentence) for every sentence naming one of ``terms``."""
    out = []
    for sentence in article.sentences:
        spans = find_terms(terms, sentence.text)
        if spans:
            out.append((sentence.index, spans))
    return out


@dataclass(frozen=True)
class _Actor:
    name: str
    terms: tuple[str, ...]
    pattern: re.Pattern[str] | None
    # Every match of a term starts with the term's first word (less a trailing
    # "*"), whatever its case: only where one of these occurs can the pattern match.
    starts: tuple[str, ...]


def _actors(lexicon: Lexicon) -> list[_Actor]:
    out = []
    for name, aliases in lexicon:
        terms = actor_terms(name, aliases)
        firsts = [fold_case(t.split()[0].rstrip("*")) for t in terms if t.split()]
        out.append(_Actor(name, terms, term_pattern(terms), tuple(dict.fromkeys(firsts))))
    return out


def _mentions_by_actor(articles: Sequence[Article], actors: list[_Actor]) -> Iterator[list[_Mentions]]:
    """For each article, ``_mention_spans`` of each actor, trying patterns only where a first word occurs.

    Running every actor's pattern over every sentence took most of a minute on
    2,000 articles. Here one substring search over the whole folded corpus per
    first word finds the few articles that can name an actor; within those,
    the pattern is tried at those places only. The spans are exactly those
    ``find_terms`` gives.
    """
    folded = [fold_case(article.text) for article in articles]
    by_key: dict[str, list[int]] = defaultdict(list)
    for number, actor in enumerate(actors):
        for key in actor.starts:
            by_key[key].append(number)
    candidates = _candidates(folded, by_key)
    for article, text, chosen in zip(articles, folded, candidates):
        out: list[_Mentions] = [[] for _ in actors]
        if not chosen:
            yield out
            continue
        sentences = article.sentences
        aligned = FOLDS_AS_REGEX and len(text) == len(article.text) \
            and all(article.text[s.start:s.end] == s.text for s in sentences)
        starts = [s.start for s in sentences]
        for number in sorted(chosen):
            actor = actors[number]
            if actor.pattern is None:
                continue
            if not aligned or "" in actor.starts:
                out[number] = _mention_spans(article, actor.terms)
                continue
            positions = sorted({p for key in actor.starts for p in _occurrences(text, key)})
            out[number] = _matches_at(sentences, starts, actor.pattern, positions)
        yield out


def _candidates(folded: list[str], by_key: dict[str, list[int]]) -> list[set[int]]:
    """For each article, the actors one of whose first words occurs in it (all of them for a blank key)."""
    out: list[set[int]] = [set() for _ in folded]
    joined = "\0".join(folded)
    offsets, at = [], 0
    for text in folded:
        offsets.append(at)
        at += len(text) + 1
    for key, numbers in by_key.items():
        if not key:
            for chosen in out:
                chosen.update(numbers)
            continue
        found = joined.find(key)
        while found != -1:
            i = bisect_right(offsets, found) - 1
            out[i].update(numbers)
            # One hit is enough: go on from the next article.
            found = joined.find(key, offsets[i + 1]) if i + 1 < len(offsets) else -1
    return out


def _occurrences(text: str, key: str) -> list[int]:
    found, at = [], text.find(key)
    while at != -1:
        found.append(at)
        at = text.find(key, at + 1)
    return found


def _matches_at(sentences: Sequence[Sentence], starts: list[int], pattern: re.Pattern[str],
                positions: list[int]) -> _Mentions:
    """What ``pattern.finditer`` finds in each sentence, trying only ``positions`` (article offsets, sorted)."""
    out: _Mentions = []
    current, end = -1, 0
    for position in positions:
        i = bisect_right(starts, position) - 1
        if i < 0 or position >= sentences[i].end:
            continue  # between sentences
        if i != current:
            current, end = i, 0
        offset = position - starts[i]
        if offset < end:
            continue  # inside the previous match, where finditer does not look
        match = pattern.match(sentences[i].text, offset)
        if match:
            end = match.end()
            if out and out[-1][0] == sentences[i].index:
                out[-1][1].append(match.span())
            else:
                out.append((sentences[i].index, [match.span()]))
    return out


def lexicon_mentions(articles: Sequence[Article], lexicon: Lexicon) -> Iterator[list[_Mentions]]:
    """For each article, for each actor of ``lexicon`` in order: (sentence index, [(start, end), ...]) pairs.

    Spans are character offsets in the sentence, exactly those
    :func:`analysis.lexicon.find_terms` gives for the actor's terms.
    """
    return _mentions_by_actor(articles, _actors(lexicon))
