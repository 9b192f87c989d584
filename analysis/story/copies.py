"""Passages copied word for word between articles: wire copy, press releases, re-issues.

Each article's words are normalised and hashed once (a cached per-article
task); shingles, hashes of ``shingle_words`` consecutive words, are rolled
from them. One sort of every shingle in the corpus is the inverted index:
articles holding the same shingle are candidate pairs, and no other pair is
looked at. Per pair, shingles on one diagonal (the same offset between the
two texts) merge into exact runs; the longest run grows at both ends over
light edits (a changed word, a spelling or punctuation change, a short
insertion or cut) into a passage, and a run inside a passage is part of it.
Overlapping passages are settled longest first, so a paragraph repeated in
one article counts once, and reordered paragraphs are passages of their own.

A shingle held by more than ``all_pairs_max`` articles (wire copy many
outlets carry, boilerplate, 2,000 copies of one release) pairs each holder
with its earliest holder only, so work and rows grow with the number of
copies, never with its square.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.text.words import WORD_RUN, fold_accents
from analysis.engine.batch import Runner
from analysis.corpus import Article, Corpus
from analysis.corpus.dates import earliest_first
from analysis.story.copy_matching import exact_runs, pair_passages, seeds, shingles

__all__ = ["CopySettings", "Passage", "COPY_COLUMNS", "find_copies", "shared_passages", "article_words"]

_COLUMN_TYPES = {"article_a": object, "article_b": object, "words": np.int64, "passage": object,
                 "passages": np.int64, "share_a": float, "share_b": float}
COPY_COLUMNS = list(_COLUMN_TYPES)

@dataclass(frozen=True)
class CopySettings:
    """What counts as a copied passage, and how crowded shingles are handled.

    ``find_copies(corpus, CopySettings(min_words=40))``: only passages of a paragraph or more.
    """

    # Six words: "in the run up to the" is the most common 6-gram of the BBC corpus
    # (23 articles), so most seeds are rare, yet a copy with an edit every
    # seventh word still leaves seeds between the edits.
    shingle_words: int = 6
    # Fifteen words matched exactly: longer than set phrases and titles ("told
    # BBC Radio 4's Today programme" is 6), shorter than one wire sentence (~20-25).
    min_words: int = 15
    # Words a passage may skip, on either side, to get past an edit: a changed
    # word costs 1, two changes with three words between them 5.
    max_gap: int = 5
    # A shingle in more articles than this pairs each holder with the earliest
    # only; at or below it every pair of holders is compared (at most 45 pairs).
    all_pairs_max: int = 10
    # Occurrences of one shingle kept per article: a table or chant repeated
    # within an article must not square the work.
    max_repeats: int = 4
    # Words that must match again past an edit at a passage's edge before it
    # grows over the edit: two ("of the") recur by chance within a few words.
    min_fragment: int = 3


@dataclass(frozen=True)
class Passage:
    """One passage two articles share: character spans in both texts, words matched exactly."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int  # words matched word for word (changed or inserted words not counted)
    text: str  # as it reads in article a


# --- per article ------------------------------------------------------------------


def _normalise(word: str) -> str:
    """The form two copies of one word share: case, accents and apostrophes folded."""
    return fold_accents(word.casefold().replace("’", "").replace("'", ""))


@lru_cache(maxsize=262144)
def _word_hash(word: str) -> int:
    """A 64-bit hash of the word's normal form, the same in every process and run (unlike hash())."""
    return int.from_bytes(hashlib.blake2b(_normalise(word).encode("utf-8"), digest_size=8).digest(), "little")


def article_words(article: Article, settings: None = None) -> dict[str, str]:
    """The article's words, normalised and hashed (a cached per-article task).

    Key: hashes, the 64-bit hash of each word's normal form in text order, as
    base64 of little-endian bytes (a third of the size of JSON numbers, and
    decoded with no per-number parsing). Shingles are rolled from these in
    one vectorised pass, so no setting changes what is cached; where words
    sit in the text is found again only for the articles a result shows.
    """
    del settings  # one way to read words; the parameter is Runner.map's shape
    words = WORD_RUN.findall(article.text)
    hashes = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    return {"hashes": base64.b64encode(hashes.astype("<u8").tobytes()).decode("ascii")}


def _decode(data: dict[str, str]) -> np.ndarray:
    return np.frombuffer(base64.b64decode(data["hashes"]), dtype="<u8").astype(np.uint64)


def _spans(text: str) -> np.ndarray:
    """(start, end) character offsets of each word, the words article_words hashed."""
    return np.array([m.span() for m in WORD_RUN.finditer(text)], dtype=np.int64).reshape(-1, 2)


def _text_span(spans: np.ndarray, start: int, end: int) -> tuple[int, int]:
    """Character span of words start..end - 1."""
    return int(spans[start, 0]), int(spans[end - 1, 1])


def shared_passages(a: Article, b: Article, settings: CopySettings = CopySettings()) -> list[Passage]:
    """Every passage two articles share, in the order they appear in ``a``.

    Each Passage has a_start, a_end (character span in a.text), b_start, b_end
    (in b.text), words (matched word for word) and text (as ``a`` has it).
    """
    a_words, b_words = _decode(article_words(a)), _decode(article_words(b))
    k = settings.shingle_words
    _, pos_a, _, pos_b, _ = seeds([shingles(a_words, k), shingles(b_words, k)], settings)
    _, starts, ends, b_starts = exact_runs(np.zeros(len(pos_a), dtype=np.int64), pos_a, pos_b, k)
    found = pair_passages(starts, ends, b_starts, a_words.tolist(), b_words.tolist(), settings)
    a_spans, b_spans = _spans(a.text), _spans(b.text)
    passages = []
    for a_start, a_end, b_start, b_end, matched in found:
        a_from, a_to = _text_span(a_spans, a_start, a_end)
        passages.append(Passage(a_from, a_to, *_text_span(b_spans, b_start, b_end), matched, a.text[a_from:a_to]))
    return passages


# --- the corpus -------------------------------------------------------------------


def find_copies(corpus: Corpus, settings: CopySettings = CopySettings(), *,
                runner: Runner | None = None) -> pd.DataFrame:
    """Every pair of articles sharing a passage word for word (light edits allowed), most shared first.

    Columns: article_a (the earlier: by date where both are dated, else corpus
    order), article_b, words (words matched word for word, over all the
    pair's passages), passage (the longest passage, as article_a has it),
    passages (count), share_a, share_b (words / each article's words).
    Files the loader skipped as identical to an article (``Corpus.duplicates``)
    are rows of their own, sharing the whole text. A passage held by more than
    ``settings.all_pairs_max`` articles makes a row only with its earliest
    holder, so n copies of one text give n - 1 rows, not n(n - 1)/2.
    """
    articles = corpus.articles
    per_article = (runner or Runner()).map(article_words, articles, None) if articles else []
    words = [_decode(data) for data in per_article]
    order = sorted(range(len(articles)), key=lambda i: earliest_first(articles[i].published, i))
    rows = _duplicate_rows(corpus, [len(w) for w in words])
    spans: dict[int, np.ndarray] = {}  # found again only for articles with a row
    for first, second, found in _copied_pairs(words, order, settings):
        a, b = order[first], order[second]
        if a not in spans:
            spans[a] = _spans(articles[a].text)
        matched = sum(f[4] for f in found)
        longest = max(found, key=lambda f: (f[4], -f[0]))
        a_from, a_to = _text_span(spans[a], longest[0], longest[1])
        rows.append({"article_a": articles[a].path, "article_b": articles[b].path, "words": matched,
                     "passage": articles[a].text[a_from:a_to], "passages": len(found),
                     "share_a": matched / len(words[a]), "share_b": matched / len(words[b])})
    frame = pd.DataFrame(rows, columns=COPY_COLUMNS).astype(_COLUMN_TYPES)
    return frame.sort_values("words", ascending=False, kind="stable").reset_index(drop=True)


def _copied_pairs(words: list[np.ndarray], order: list[int], settings: CopySettings):
    """Yield (first, second, passages) per pair sharing a passage; places in ``order``, first < second.

    Pairs go by their later article, earliest partner first. A pair seeded
    only by crowded shingles keeps only passages no earlier article shares
    with the later one: where the earliest of many near-copies has an edit,
    the next copy is the earliest holder, and would otherwise pair again.
    """
    k, n = settings.shingle_words, max(len(order), 1)
    doc_a, pos_a, doc_b, pos_b, from_crowd = seeds([shingles(words[i], k) for i in order], settings)
    key = doc_b * n + doc_a
    plain = set(np.unique(key[~from_crowd]).tolist())
    pair, starts, ends, b_starts = exact_runs(key, pos_a, pos_b, k)
    hashes: dict[int, list[int]] = {}  # as Python ints for the word-by-word walks, made once per article
    claimed: dict[int, list[tuple[int, int]]] = {}  # spans of each later article matched so far
    bounds = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])[: len(pair)]
    for lo, hi in zip(bounds.tolist(), np.r_[bounds[1:], len(pair)].tolist()):
        second, first = divmod(int(pair[lo]), n)
        for i in (first, second):
            if i not in hashes:
                hashes[i] = words[order[i]].tolist()
        taken = claimed.setdefault(second, [])
        found = pair_passages(starts[lo:hi], ends[lo:hi], b_starts[lo:hi], hashes[first], hashes[second],
                               settings, taken if int(pair[lo]) not in plain else [])
        taken.extend((f[2], f[3]) for f in found)
        if found:
            yield first, second, found


def _duplicate_rows(corpus: Corpus, word_counts: list[int]) -> list[dict]:
    """One row per file skipped as identical to a kept article that is in the corpus."""
    position = {article.path: i for i, article in enumerate(corpus.articles)}
    rows = []
    for skipped, kept in corpus.duplicates:
        i = position.get(kept)
        if i is not None and word_counts[i]:
            rows.append({"article_a": kept, "article_b": skipped, "words": word_counts[i],
                         "passage": corpus.articles[i].text, "passages": 1, "share_a": 1.0, "share_b": 1.0})
    return rows
