"""A word model of how a paragraph treats the person it is about, learned from PerSenT dev's paragraph labels.

PerSenT dev labels, besides each article's sentiment toward its main person,
each of its first paragraphs (negative, neutral, positive). ``train_treatment``
fits a tf-idf of words and word pairs (the person's name masked) and a
class-balanced three-class logistic regression on them (scikit-learn at
training time only); the weights ship as ``paragraph_words.tsv.gz``, read once
per process, and inference here is plain Python and numpy. Its three readings of
an article toward an actor (:data:`READINGS`: the whole body, the mean over its
paragraphs, the mean over its lead paragraphs) are columns of the treatment
model. :func:`paragraph_tokens` and :func:`paragraph_terms` are the one tokeniser, used to train and to read.
"""

from __future__ import annotations

import gzip
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.corpus import Article
from analysis.engine._once import load_once

__all__ = ["ArticleWords", "CLASSES", "LEAD_PARAGRAPHS", "READINGS", "WORDS_PATH", "WordModel", "WordsUnavailable",
           "body_paragraphs", "load_words", "paragraph_terms", "paragraph_tokens", "shipped_words", "write_words"]

WORDS_PATH = Path(__file__).with_name("paragraph_words.tsv.gz")
# The model's classes in the file's column order (PerSenT's negative, neutral, positive).
CLASSES = (-1, 0, 1)
# Paragraphs read as the lead: a news article says who it is about, and how it sees them, first.
LEAD_PARAGRAPHS = 3
READINGS = ("words_article", "words_paragraphs", "words_lead")
# scikit-learn's default token: two or more word characters. Lowercased first.
_TOKEN = re.compile(r"\b\w\w+\b")
# What the person's name becomes: the model learns the words around a person, not which person.
MASK = "ent"
_BLANK_LINE = re.compile(r"\n\s*\n")
Terms = tuple[np.ndarray, np.ndarray]  # vocabulary indices and their counts in one text


class WordsUnavailable(Exception):
    """The shipped word model is missing or unreadable."""


def _name_words(person: str) -> frozenset[str]:
    """The first and last word of the person's name, as tokens ("Howard A. Schmidt": howard, schmidt)."""
    words = _TOKEN.findall(person.lower())
    return frozenset({words[0], words[-1]}) if words else frozenset()


def paragraph_tokens(text: str, person: str) -> list[str]:
    """The lowercased tokens of ``text``, the person's first and last name as one :data:`MASK` token.

    A run of name words is one mask ("Rafael Nadal" and "Nadal" alike). Training
    and reading both tokenise here.
    """
    return _masked(_TOKEN.findall(text.lower()), _name_words(person))


def _masked(tokens: Sequence[str], names: frozenset[str]) -> list[str]:
    """``tokens`` with each run of ``names`` as one :data:`MASK` (a name after an "ent" joins it)."""
    marked = [MASK if token in names else token for token in tokens]
    return [marked[i] for i in range(len(marked)) if not (i and marked[i - 1] == MASK and tokens[i] in names)]


def paragraph_terms(tokens: Sequence[str]) -> list[str]:
    """The model's terms of a text's :func:`paragraph_tokens`: each token and each pair of neighbours."""
    return [*tokens, *map(" ".join, zip(tokens, tokens[1:]))]


def body_paragraphs(article: Article) -> list[str]:
    """The article's paragraphs (blocks between blank lines), each as its body sentences: no headline, no headings."""
    edges = [0, *(m.end() for m in _BLANK_LINE.finditer(article.text))]  # where each paragraph starts
    paragraphs: dict[int, list[str]] = {}
    for sentence in article.sentences:
        if sentence.is_body:
            paragraphs.setdefault(bisect_right(edges, sentence.start) - 1, []).append(sentence.text)
    return [" ".join(" ".join(texts).split()) for _, texts in sorted(paragraphs.items())]


@dataclass(frozen=True)
class WordModel:
    """Tf-idf (sublinear tf, l2 norm) of a vocabulary and a multinomial logistic regression over it."""

    vocabulary: dict[str, int]
    idf: np.ndarray  # (terms,)
    coef: np.ndarray  # (3, terms), rows in CLASSES order
    intercept: np.ndarray  # (3,)

    def balance(self, terms: Sequence[str]) -> float:
        """P(positive) − P(negative) of one text's :func:`paragraph_terms`."""
        return float(self.balances([[self.counts(terms)]])[0])

    def counts(self, terms: Sequence[str]) -> Terms:
        """The vocabulary terms of ``terms`` (by index) and how often each occurs."""
        counts = Counter(map(self.vocabulary.get, terms))  # map and Counter run in C: the readings' main cost
        counts.pop(None, None)
        return (np.fromiter(counts.keys(), dtype=np.int64, count=len(counts)),
                np.fromiter(counts.values(), dtype=float, count=len(counts)))

    def balances(self, texts: Sequence[Sequence[Terms]]) -> np.ndarray:
        """P(positive) − P(negative) of each text, a text being the sum of parts' :meth:`counts` (some negative).

        One numpy pass for many texts: an article's paragraphs and each actor's
        masked ones cost a few array operations, not a few per text.
        """
        sizes = [sum(len(index) for index, _ in text) for text in texts]
        if not sum(sizes):
            return np.full(len(texts), self._balance(self.intercept[:, None])[0])
        rows = np.repeat(np.arange(len(texts)), sizes)
        index = np.concatenate([index for text in texts for index, _ in text])
        counts = np.concatenate([counts for text in texts for _, counts in text])
        # The same term in two parts of one text (a paragraph and the body around it) adds up before the log.
        keys, where = np.unique(rows * len(self.idf) + index, return_inverse=True)
        counts = np.bincount(where, weights=counts)
        held = counts > 0  # a part may take out what another put in (a name's words, masked)
        keys, counts = keys[held], counts[held]
        rows, index = keys // len(self.idf), keys % len(self.idf)
        x = (np.log(counts) + 1.0) * self.idf[index]
        norm = np.sqrt(np.bincount(rows, weights=x * x, minlength=len(texts)))
        weighted = np.stack([np.bincount(rows, weights=self.coef[k, index] * x, minlength=len(texts))
                             for k in range(len(CLASSES))])
        return self._balance(self.intercept[:, None] + weighted / np.where(norm > 0, norm, 1.0))

    @staticmethod
    def _balance(logits: np.ndarray) -> np.ndarray:
        p = np.exp(logits - logits.max(axis=0))
        return (p[2] - p[0]) / p.sum(axis=0)

    def readings(self, paragraphs: Sequence[str], person: str) -> dict[str, float]:
        """:data:`READINGS` of an article's body paragraphs toward ``person``."""
        return self.article(paragraphs).readings([person])[0]

    def article(self, paragraphs: Sequence[str]) -> ArticleWords:
        """One article's paragraphs, tokenised once, to read toward each of its actors."""
        return ArticleWords(self, paragraphs)


class ArticleWords:
    """An article's paragraphs tokenised once, to read toward its actors (the Actors page reads many per article).

    Each actor's texts are the paragraphs with their name masked and the whole
    body (the masked paragraphs' tokens joined). Masking changes only the terms
    at a name's run of tokens and beside it, so an actor's text is the plain
    text's counts plus those few terms' change (:func:`_mask_change`): the
    paragraphs and the body are counted once per article, and every text is
    scored in one batch per call. The readings are those of the masked text
    itself (the tests check it).
    """

    def __init__(self, model: WordModel, paragraphs: Sequence[str]):
        self.model = model
        self.tokens = [_TOKEN.findall(p.lower()) for p in paragraphs]
        self.sets = [frozenset(t) for t in self.tokens]
        self.plain = [model.counts(paragraph_terms(t)) for t in self.tokens]

    def readings(self, persons: Sequence[str]) -> list[dict[str, float]]:
        """:data:`READINGS` toward each of ``persons``: the whole body, the paragraphs' mean, the first ones' mean."""
        if not self.tokens:
            return [dict.fromkeys(READINGS, 0.0) for _ in persons]
        model, texts, named_of = self.model, [[c] for c in self.plain], []
        for person in persons:
            names = _name_words(person)
            changes, ends = {}, []
            for k, tokens in enumerate(self.tokens):
                if not names.isdisjoint(self.sets[k]):
                    added, removed = _mask_change(tokens, names)
                    changes[k] = [model.counts(added), _negative(model.counts(removed))]
                    first, last = tokens[0], tokens[-1]
                    ends.append((MASK if first in names else first, MASK if last in names else last))
                elif tokens:
                    ends.append((tokens[0], tokens[-1]))
            named_of.append((list(changes), len(texts)))
            texts.extend([self.plain[k], *change] for k, change in changes.items())
            joins = [f"{a[1]} {b[0]}" for a, b in zip(ends, ends[1:])]
            texts.append([*self.plain, model.counts(joins), *(c for change in changes.values() for c in change)])
        scores = model.balances(texts)
        out = []
        for named, at in named_of:
            each = scores[:len(self.tokens)].tolist()
            for k, score in zip(named, scores[at:at + len(named)].tolist()):
                each[k] = score
            out.append({"words_article": float(scores[at + len(named)]), "words_paragraphs": sum(each) / len(each),
                        "words_lead": sum(each[:LEAD_PARAGRAPHS]) / len(each[:LEAD_PARAGRAPHS])})
        return out


def _mask_change(tokens: Sequence[str], names: frozenset[str]) -> tuple[list[str], list[str]]:
    """(terms added, terms removed) when :func:`_masked` masks ``names`` in ``tokens``.

    Each run of name tokens loses its words and the pairs that touch them, and
    gains one mask with its pairs; a run after a literal "ent" joins it (as
    :func:`_masked` does) and gains only the pair bridging it.
    """
    added, removed, n = [], [], len(tokens)
    hits = [i for i, token in enumerate(tokens) if token in names]
    for k, start in enumerate(hits):
        if k and hits[k - 1] == start - 1:
            continue  # inside a run
        end = start + 1
        while end < n and tokens[end] in names:
            end += 1
        removed.extend(tokens[start:end])
        removed.extend(f"{tokens[j]} {tokens[j + 1]}" for j in range(max(start - 1, 0), min(end, n - 1)))
        before = tokens[start - 1] if start else None
        after = tokens[end] if end < n else None
        if before == MASK:  # joins the "ent" before it
            if after is not None:
                added.append(f"{before} {after}")
            continue
        added.append(MASK)
        if before is not None:
            added.append(f"{before} {MASK}")
        if after is not None:
            added.append(f"{MASK} {after}")
    return added, removed


def _negative(terms: Terms) -> Terms:
    return terms[0], -terms[1]


def load_words(path: Path = WORDS_PATH) -> WordModel:
    """Read a file written by ``train_treatment``: "# intercept" line, then term, idf and one weight per class."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            head = handle.readline().split("\t")
            if head[0] != "# intercept" or len(head) != 1 + len(CLASSES):
                raise ValueError("no intercept line")
            intercept = np.asarray(head[1:], dtype=float)
            terms, rows = [], []
            for line in handle:
                term, *values = line.rstrip("\n").split("\t")
                terms.append(term)
                rows.append(values)
        table = np.asarray(rows, dtype=float)
        if table.shape != (len(terms), 1 + len(CLASSES)) or not terms:
            raise ValueError(f"a table of shape {table.shape}")
        return WordModel({t: i for i, t in enumerate(terms)}, table[:, 0].copy(), table[:, 1:].T.copy(), intercept)
    except (OSError, ValueError, EOFError) as error:
        raise WordsUnavailable(f"cannot read {path}: {error}") from error


def write_words(model: WordModel, path: Path = WORDS_PATH) -> None:
    """Write ``model`` as :func:`load_words` reads it (weights to 4 decimals; gzip without a timestamp)."""
    lines = ["\t".join(["# intercept", *(f"{v:.4f}" for v in model.intercept)])]
    for term, i in sorted(model.vocabulary.items(), key=lambda item: item[1]):
        lines.append("\t".join([term, f"{model.idf[i]:.4f}", *(f"{v:.4f}" for v in model.coef[:, i])]))
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))


@load_once
def shipped_words() -> WordModel:
    """The shipped word model, loaded on first use and kept for the process."""
    return load_words()
