"""Matching two word sequences: shared shingles seed exact runs, runs grow over light edits into passages.

The engine of :mod:`analysis.story.copies`, which reads each article's word
hashes and calls it for the whole corpus (:func:`seeds` over every article at
once) or for one pair. Positions here are word positions; copies maps them
back to characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from analysis.story.copies import CopySettings

# Odd 64-bit multiplier of the polynomial shingle hash (any large odd constant does).
_HASH_BASE = np.uint64(0x9E3779B97F4A7C15)


def shingles(hashes: np.ndarray, k: int) -> np.ndarray:
    """Hash of the k words starting at each position (a polynomial hash, mod 2**64)."""
    count = max(len(hashes) - k + 1, 0)
    rolled = np.zeros(count, dtype=np.uint64)
    for offset in range(k if count else 0):
        rolled = rolled * _HASH_BASE + hashes[offset : offset + count]  # wraps mod 2**64
    return rolled.view(np.int64)


# --- seeds: pairs of positions holding the same shingle ----------------------------


def seeds(per_document: list[np.ndarray], settings: CopySettings) -> tuple[np.ndarray, ...]:
    """(doc_a, pos_a, doc_b, pos_b, from_crowd) for every shingle two documents share, doc_a < doc_b.

    Documents are numbered earliest first. A shingle in more than
    ``all_pairs_max`` documents pairs each holder with its earliest holder
    only; from_crowd marks those seeds.
    """
    sizes = np.array([len(s) for s in per_document], dtype=np.int64)
    if sizes.sum() == 0:
        return (np.zeros(0, dtype=np.int64),) * 4 + (np.zeros(0, dtype=bool),)
    hashes = np.concatenate(per_document)
    doc = np.repeat(np.arange(len(per_document)), sizes)
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


def exact_runs(pair: np.ndarray, pos_a: np.ndarray, pos_b: np.ndarray, k: int) -> tuple[np.ndarray, ...]:
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


def pair_passages(starts: np.ndarray, ends: np.ndarray, b_starts: np.ndarray, a: list[int], b: list[int],
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
