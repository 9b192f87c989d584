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
from analysis.batch import Runner
from analysis.corpus import Article, Corpus

__all__ = ["CopySettings", "Passage", "COPY_COLUMNS", "find_copies", "shared_passages", "article_words"]

_COLUMN_TYPES = {"article_a": object, "article_b": object, "words": np.int64, "passage": object,
                 "passages": np.int64, "share_a": float, "share_b": float}
COPY_COLUMNS = list(_COLUMN_TYPES)

# Odd 64-bit multiplier of the polynomial shingle hash (any large odd constant does).
_HASH_BASE = np.uint64(0x9E3779B97F4A7C15)


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


# Bump when what a word is, or how it is hashed, changes: cached words would be stale.
article_words.result_version = 1


def _decode(data: dict[str, str]) -> np.ndarray:
    return np.frombuffer(base64.b64decode(data["hashes"]), dtype="<u8").astype(np.uint64)


def _shingles(hashes: np.ndarray, k: int) -> np.ndarray:
    """Hash of the k words starting at each position (a polynomial hash, mod 2**64)."""
    count = max(len(hashes) - k + 1, 0)
    rolled = np.zeros(count, dtype=np.uint64)
    for offset in range(k if count else 0):
        rolled = rolled * _HASH_BASE + hashes[offset : offset + count]  # wraps mod 2**64
    return rolled.view(np.int64)


def _spans(text: str) -> np.ndarray:
    """(start, end) character offsets of each word, the words article_words hashed."""
    return np.array([m.span() for m in WORD_RUN.finditer(text)], dtype=np.int64).reshape(-1, 2)


# --- seeds: pairs of positions holding the same shingle ----------------------------


def _seeds(shingles: list[np.ndarray], settings: CopySettings) -> tuple[np.ndarray, ...]:
    """(doc_a, pos_a, doc_b, pos_b, from_crowd) for every shingle two documents share, doc_a < doc_b.

    Documents are numbered earliest first. A shingle in more than
    ``all_pairs_max`` documents pairs each holder with its earliest holder
    only; from_crowd marks those seeds.
    """
    sizes = np.array([len(s) for s in shingles], dtype=np.int64)
    if sizes.sum() == 0:
        return (np.zeros(0, dtype=np.int64),) * 4 + (np.zeros(0, dtype=bool),)
    hashes = np.concatenate(shingles)
    doc = np.repeat(np.arange(len(shingles)), sizes)
    pos = np.concatenate([np.arange(n) for n in sizes])
    order = np.lexsort((pos, doc, hashes))
    hashes, doc, pos = hashes[order], doc[order], pos[order]
    # Runs of one (shingle, document): keep the first max_repeats of each.
    new_block = np.r_[True, (hashes[1:] != hashes[:-1]) | (doc[1:] != doc[:-1])]
    block_start = np.maximum.accumulate(np.where(new_block, np.arange(len(hashes)), 0))
    keep = np.arange(len(hashes)) - block_start < settings.max_repeats
    hashes, doc, pos, new_block = hashes[keep], doc[keep], pos[keep], new_block[keep]
    group_start = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    group_size = np.diff(np.r_[group_start, len(hashes)])
    holders = np.add.reduceat(new_block.astype(np.int64), group_start)
    shared = holders >= 2
    crowded = shared & (holders > settings.all_pairs_max)
    few = shared & ~crowded
    left, right = _all_pairs(group_start[few], group_size[few])
    # A crowd: every entry with the first entry of the group, the earliest holder's.
    star_right = _members(group_start[crowded], group_size[crowded])
    star_left = np.repeat(group_start[crowded], group_size[crowded])
    from_crowd = np.r_[np.zeros(len(left), dtype=bool), np.ones(len(star_left), dtype=bool)]
    left, right = np.r_[left, star_left], np.r_[right, star_right]
    cross = doc[left] != doc[right]  # sorted by document within a shingle: doc[left] <= doc[right]
    left, right = left[cross], right[cross]
    return doc[left], pos[left], doc[right], pos[right], from_crowd[cross]


def _ranks(counts: np.ndarray) -> np.ndarray:
    """0, 1, ..., count - 1 for each count, concatenated."""
    return np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)


def _members(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Every index of the groups [start, start + size), concatenated."""
    return np.repeat(starts, sizes) + _ranks(sizes)


def _all_pairs(starts: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) within each group [start, start + size)."""
    member = _members(starts, sizes)
    after = np.repeat(starts + sizes, sizes) - member - 1  # entries after this one in its group
    left = np.repeat(member, after)
    return left, left + 1 + _ranks(after)


# --- from seeds to passages ------------------------------------------------------


def _runs(pair: np.ndarray, pos_a: np.ndarray, pos_b: np.ndarray, k: int) -> tuple[np.ndarray, ...]:
    """Exact runs (pair, a_start, a_end, b_start) from seeds: one diagonal, overlapping words."""
    if len(pair) == 0:
        return pair, pos_a, pos_a, pos_b
    diag = pos_b - pos_a
    order = np.lexsort((pos_a, diag, pair))
    pair, pos_a, diag = pair[order], pos_a[order], diag[order]
    # Seeds k words apart on one diagonal still touch: their words form one exact match.
    start = np.r_[True, (pair[1:] != pair[:-1]) | (diag[1:] != diag[:-1]) | (pos_a[1:] - pos_a[:-1] > k)]
    first = np.flatnonzero(start)
    last = np.r_[first[1:], len(pair)] - 1
    return pair[first], pos_a[first], pos_a[last] + k, pos_a[first] + diag[first]


def _grow(a_start: int, a_end: int, b_start: int, a: list[int], b: list[int],
          settings: CopySettings) -> list[int]:
    """An exact run grown at both ends over light edits: [a_start, a_end, b_start, b_end, matched].

    Past an edge, up to max_gap words may be skipped on either side when at
    least min_fragment words then match again (fewer than shingle_words: the
    words between two close edits seed nothing). Matched words are those of
    the exact stretches; one word that happens to match right after a
    passage does not extend it.
    """
    gap, need, a_size, b_size = settings.max_gap, settings.min_fragment, len(a), len(b)
    b_end, matched = b_start + a_end - a_start, a_end - a_start
    for step in (1, -1):
        while True:
            best = (0, 0, 0)  # (words matching again, skipped in a, skipped in b)
            for shift in range(-gap, gap + 1):  # b's offset against a: skip_b - skip_a
                skip = 0
                while skip + abs(shift) <= gap:
                    skip_a, skip_b = (skip, skip + shift) if shift >= 0 else (skip - shift, skip)
                    if step == 1:
                        i, j = a_end + skip_a, b_end + skip_b
                    else:
                        i, j = a_start - 1 - skip_a, b_start - 1 - skip_b
                    run = 0
                    while 0 <= i < a_size and 0 <= j < b_size and a[i] == b[j]:
                        run, i, j = run + 1, i + step, j + step
                    if run >= need and run > best[0]:
                        best = (run, skip_a, skip_b)
                    skip += run + 1  # later starts on this offset would repeat part of this run
            run, skip_a, skip_b = best
            if not run:
                break
            matched += run
            if step == 1:
                a_end, b_end = a_end + skip_a + run, b_end + skip_b + run
            else:
                a_start, b_start = a_start - skip_a - run, b_start - skip_b - run
    return [a_start, a_end, b_start, b_end, matched]


def _pair_passages(starts: np.ndarray, ends: np.ndarray, b_starts: np.ndarray, a: list[int], b: list[int],
                   settings: CopySettings, taken: list[tuple[int, int]] = ()) -> list[tuple[int, int, int, int, int]]:
    """Passages (a_start, a_end, b_start, b_end, matched) of one pair from its exact runs, in a's order.

    ``a`` and ``b`` are the two articles' word hashes. The longest run is
    grown first; a run inside a grown passage is part of it. Overlapping
    passages are settled longest first, so a paragraph one article repeats
    is matched once, by its best copy. Passages touching a ``taken`` span
    of ``b`` are left out (checked before growing: growing is the costly part).
    """
    runs = sorted(zip(starts.tolist(), ends.tolist(), b_starts.tolist()), key=lambda r: (r[0] - r[1], r[0], r[2]))
    grown: list[list[int]] = []
    for a_start, a_end, b_start in runs:
        b_end = b_start + a_end - a_start
        inside = any(g[0] <= a_start and a_end <= g[1] and g[2] <= b_start and b_end <= g[3] for g in grown)
        if not inside and _free(b_start, b_end, taken):
            grown.append(_grow(a_start, a_end, b_start, a, b, settings))
    kept: list[tuple[int, int, int, int, int]] = []
    for passage in sorted(grown, key=lambda c: (-c[4], c[0], c[2])):
        if passage[4] < settings.min_words:
            break
        trimmed = _trim(passage, kept) if _free(passage[2], passage[3], taken) else None
        if trimmed and trimmed[4] >= settings.min_words:
            kept.append(trimmed)
    return sorted(kept)


def _free(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return all(end <= lo or start >= hi for lo, hi in taken)


def _trim(chain: list[int], kept: list[tuple[int, int, int, int, int]]) -> tuple[int, int, int, int, int] | None:
    """The chain less what it shares with passages already kept, cut off its ends; None if nothing is left.

    Two passages may meet on a word that both texts happen to have ("day. The"
    ends one paragraph and opens the next); the longer keeps it. A passage
    with a kept one inside it is dropped: it repeats text already matched.
    """
    a_start, a_end, b_start, b_end, matched = chain
    for k in kept:
        for lo, hi, side in ((k[0], k[1], "a"), (k[2], k[3], "b")):
            start, end = (a_start, a_end) if side == "a" else (b_start, b_end)
            if hi <= start or lo >= end:
                continue
            if lo <= start and hi < end:  # the kept passage holds our start: cut it off both texts
                cut = hi - start
                a_start, b_start = a_start + cut, b_start + cut
            elif start < lo and end <= hi:  # ... our end
                cut = end - lo
                a_end, b_end = a_end - cut, b_end - cut
            else:
                return None
            matched -= cut
            if a_start >= a_end or b_start >= b_end:
                return None
    return (a_start, a_end, b_start, b_end, matched)


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
    _, pos_a, _, pos_b, _ = _seeds([_shingles(a_words, k), _shingles(b_words, k)], settings)
    _, starts, ends, b_starts = _runs(np.zeros(len(pos_a), dtype=np.int64), pos_a, pos_b, k)
    found = _pair_passages(starts, ends, b_starts, a_words.tolist(), b_words.tolist(), settings)
    a_spans, b_spans = _spans(a.text), _spans(b.text)
    passages = []
    for a_start, a_end, b_start, b_end, matched in found:
        a_from, a_to = _text_span(a_spans, a_start, a_end)
        passages.append(Passage(a_from, a_to, *_text_span(b_spans, b_start, b_end), matched, a.text[a_from:a_to]))
    return passages


# --- the corpus -------------------------------------------------------------------


def _earliest_first(articles: tuple[Article, ...]) -> list[int]:
    """Corpus positions, earliest first: dated articles by date, undated after them, ties in corpus order."""
    return sorted(range(len(articles)), key=lambda i: (not articles[i].published, articles[i].published, i))


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
    order = _earliest_first(articles)
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
    doc_a, pos_a, doc_b, pos_b, from_crowd = _seeds([_shingles(words[i], k) for i in order], settings)
    key = doc_b * n + doc_a
    plain = set(np.unique(key[~from_crowd]).tolist())
    pair, starts, ends, b_starts = _runs(key, pos_a, pos_b, k)
    hashes: dict[int, list[int]] = {}  # as Python ints for the word-by-word walks, made once per article
    claimed: dict[int, list[tuple[int, int]]] = {}  # spans of each later article matched so far
    bounds = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])[: len(pair)]
    for lo, hi in zip(bounds.tolist(), np.r_[bounds[1:], len(pair)].tolist()):
        second, first = divmod(int(pair[lo]), n)
        for i in (first, second):
            if i not in hashes:
                hashes[i] = words[order[i]].tolist()
        taken = claimed.setdefault(second, [])
        found = _pair_passages(starts[lo:hi], ends[lo:hi], b_starts[lo:hi], hashes[first], hashes[second],
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
