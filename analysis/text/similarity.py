"""How alike two sentences are: shared content words, and words WordNet says mean the same.

The one sentence similarity of StoryLens: Compare aligns with it, claims group
with it. (Grouping articles into stories checks for shared facts in bulk,
with sparse products over whole folders; see analysis/story/events.py.) A sentence becomes a :class:`SentenceRep` once: its content-word
stems (analysis.text.words) weighted by IDF, and for each stem the WordNet
concepts it likely means (analysis/resources/wordnet_concepts.tsv.gz, built by
build_wordnet.py). A pair then scores in [0, 1] (:func:`score`): each word of
either sentence earns credit 1 when the other sentence has its stem, less
when the other has a synonym, a hypernym, a derived form or a word sharing a
synonym with it, and the score is the credited share of the pair's IDF weight.

Long sentences are also split into clauses (:func:`clause_spans`), so one may
match a shorter sentence by one of its clauses (:func:`matches`).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from analysis.text.words import STOPWORDS, stem, word_spans
from analysis.text.wordnet import ConceptTable, StaleConceptTable, concept_table

__all__ = ["SimilaritySettings", "SentenceRep", "Match", "StaleConceptTable", "represent", "score", "match",
           "matches", "matched_words", "clause_spans", "candidate_pairs"]


@dataclass(frozen=True)
class SimilaritySettings:
    """Credit for each kind of word link, clause splitting, and which concept table to read."""

    # Credits chosen on MRPC train (bench/paraphrase_bench.py): an exact stem
    # earns 1; train AUC moved by under 0.002 across 0.6-1.0 for each link
    # kind (0.7722 at 1/0.6/0.5, 0.7730 at 1/0.8/0.8): the links matter,
    # their exact price little. Indirect links stay below a shared sense.
    synonym: float = 1.0  # a shared frequent sense: concede / admit, truce / ceasefire
    related: float = 0.8  # a hypernym (detainee / prisoner) or derived form (response / respond)
    bridge: float = 0.8  # both have a first sense listing a third word: dissuade, discourage (deter)
    # A clause needs this many content words to stand alone; shorter pieces
    # stay with their neighbour ("Putin, speaking separately, ..." is one clause).
    min_clause_words: int = 4
    # The concept table; None reads the one shipped with the package.
    table: str | None = None


_NO_CONCEPTS: tuple[frozenset[int], ...] = (frozenset(), frozenset(), frozenset())


class SentenceRep:
    """A sentence (or clause) made ready to score: weighted stems, their concepts, its clauses.

    ``start``/``end``: where it sits in the text it was made from (a clause's
    span in its sentence); ``weights``: stem -> IDF weight; ``keys``: stems and
    concept ids, for an inverted index (:func:`candidate_pairs`);
    ``clauses``: the clause reps of a sentence that splits, else ().
    """

    __slots__ = ("text", "start", "end", "weights", "total", "holders", "kinds", "stems", "concepts", "keys",
                 "own", "clauses")

    def __init__(self, text: str, start: int, end: int, weights: dict[str, float],
                 concepts: dict[str, tuple[frozenset[int], ...]], clauses: tuple[SentenceRep, ...]) -> None:
        self.text, self.start, self.end = text, start, end
        self.weights = weights
        self.total = sum(weights.values())
        # (stem, weight, all its concepts, synsets, related, bridges) of each stem with concepts.
        # concept -> ((stem, kind), ...) of the stems holding it, and
        # concept -> the kinds it is held as (bits: 1 synset, 2 related, 4 bridge).
        holders: dict[int, tuple[tuple[str, int], ...]] = {}
        kinds: dict[int, int] = {}
        every: dict[str, frozenset[int]] = {}
        for t, (syn, rel, bri) in concepts.items():
            for kind, ids in ((1, syn), (2, rel), (4, bri)):
                entry = (t, kind)
                for c in ids:
                    held = holders.get(c)
                    if held is None:
                        holders[c] = (entry,)
                        kinds[c] = kind
                    else:
                        holders[c] = held + (entry,)
                        kinds[c] |= kind
            if syn or rel or bri:
                every[t] = syn | rel | bri
        self.holders, self.kinds = holders, kinds
        self.stems = frozenset(weights)
        self.concepts = frozenset(holders)
        self.keys = self.stems | self.concepts
        # stem -> the concepts only it holds here: once the stem is matched
        # exactly, they can link nothing else (see score).
        counts = Counter(chain.from_iterable(every.values()))
        multi = {c for c, n in counts.items() if n > 1}
        self.own = {t: cs - multi for t, cs in every.items()} if multi else every
        self.clauses = clauses

    def __repr__(self) -> str:
        return f"SentenceRep({self.text!r}, {len(self.weights)} stems, {len(self.clauses)} clauses)"

    def part(self, clause: int | None) -> "SentenceRep":
        """The whole (``clause`` None) or one of its clauses, as a :class:`Match` names them."""
        return self if clause is None else self.clauses[clause]


class Match(NamedTuple):
    """The best way two sentences meet: its score, and which clause of each (None: the whole)."""

    score: float
    a_clause: int | None
    b_clause: int | None


# A new clause starts at these, when both sides keep enough content words.
_CLAUSE_BREAK = re.compile(
    r";\s*|:\s+(?=[a-z])|\s*—\s*|\s+–\s+"  # a dash opens an aside: "the Istanbul meeting — the first talks in years"
    r"|,\s+(?=(?:while|whereas|but|which|who|whom|although|though|as|with|and|yet|so|"
    r"[a-z]+ing\s+(?:that|it|they|he|she|the)\b|according to)\b)",
    re.IGNORECASE,
)
# "Despite X, Y": the leading subordinate clause ends at its first comma.
_LEADING = re.compile(r"(?:despite|although|though|while|as|after|before|when|since|because|"
                      r"if|unless|whereas|amid|instead of)\b[^,;]*,\s*", re.IGNORECASE)
_TITLE_SHARE = 0.6  # a sentence with more capitalised words than this is a headline: case says nothing


def clause_spans(text: str, min_words: int = SimilaritySettings.min_clause_words) -> list[tuple[int, int]]:
    """(start, end) character spans of the clauses of ``text``; one span (the whole) if it does not split.

    A clause holds at least ``min_words`` content words; a shorter piece joins its neighbour.
    """
    offsets = [s for t, s, _ in word_spans(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]
    return _clause_spans(text, offsets, min_words)


def _clause_spans(text: str, offsets: list[int], min_words: int) -> list[tuple[int, int]]:
    cuts = [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    leading = _LEADING.match(text)
    if leading:
        cuts.append(leading.end())
    if not cuts:
        return [(0, len(text))]
    cuts = sorted(set(c for c in cuts if 0 < c < len(text)))
    pieces: list[list[int]] = []
    for start, end in zip([0] + cuts, cuts + [len(text)]):
        if pieces and _count(offsets, *pieces[-1]) < min_words:
            pieces[-1][1] = end  # a short piece joins the next
        else:
            pieces.append([start, end])
    if len(pieces) > 1 and _count(offsets, *pieces[-1]) < min_words:
        pieces[-2][1] = pieces[-1][1]  # and a short tail joins the one before
        pieces.pop()
    return [(start, len(text[:end].rstrip(" ,;:—–"))) for start, end in pieces]


def _count(offsets: list[int], start: int, end: int) -> int:
    return bisect_left(offsets, end) - bisect_left(offsets, start)


def represent(text: str, idf: Mapping[str, float] | None = None,
              settings: SimilaritySettings = SimilaritySettings()) -> SentenceRep:
    """The :class:`SentenceRep` of ``text``, its clauses included.

    ``idf``: stem -> weight (``analysis.text.words.idf_weights`` of the texts
    in play); a stem it lacks weighs as much as its rarest stem. Without it
    every content word weighs 1.
    """
    table = concept_table(settings.table)
    words = _words(text, table)
    weights = {term: 1.0 for _, term, _ in words}
    if idf:
        missing = [t for t in weights if t not in idf]
        # Looked for only when needed: idf may hold a whole corpus's vocabulary.
        fallback = max(idf.values()) if missing else 1.0
        weights = {t: idf.get(t, fallback) for t in weights}
    spans = _clause_spans(text, [w[0] for w in words], settings.min_clause_words)
    clauses = ()
    if len(spans) > 1:
        clauses = tuple(_rep(text[s:e], s, e, [w for w in words if s <= w[0] < e], weights) for s, e in spans)
    return _rep(text, 0, len(text), words, weights, clauses)


def _rep(text, start, end, words, weight_of, clauses=()) -> SentenceRep:
    weights: dict[str, float] = {}
    concepts: dict[str, tuple[frozenset[int], ...]] = {}
    for _, term, found in words:
        weights[term] = weight_of[term]
        held = concepts.get(term)
        concepts[term] = found if held is None else tuple(x | y for x, y in zip(held, found))
    return SentenceRep(text, start, end, weights, concepts, clauses)


def _words(text: str, table: ConceptTable) -> list[tuple[int, str, tuple[frozenset[int], ...]]]:
    """(offset, stem, concepts) of each content word; a phrase's concepts go to its content words."""
    spans = word_spans(text)
    count = len(spans)
    stems = [stem(t) for t, _, _ in spans]
    content = [t not in STOPWORDS and (len(t) > 1 or t.isdigit()) for t, _, _ in spans]
    capital = [text[s].isupper() for _, s, _ in spans]
    titled = sum(c and k for c, k in zip(capital, content)) > _TITLE_SHARE * max(1, sum(content))
    words, phrases = table.words, table.phrases
    out = []
    i = 0
    while i < count:
        # Case tells a name from a word ("Bush", "bush"), except first in a sentence or in a headline.
        forms = _EITHER if titled or i == 0 else _NAME if capital[i] else _WORD
        longest = phrases.get(stems[i])
        if longest:
            found = None
            for n in range(min(longest, count - i), 1, -1):
                found = _lookup(words, " ".join(stems[i:i + n]), forms)
                if found and any(content[i:i + n]):
                    out.extend((spans[k][1], stems[k], found) for k in range(i, i + n) if content[k])
                    i += n
                    break
            else:
                found = None
            if found:
                continue
        if content[i]:
            out.append((spans[i][1], stems[i], _lookup(words, stems[i], forms) or _NO_CONCEPTS))
        i += 1
    return out


_WORD, _NAME, _EITHER = ("",), ("^",), ("", "^")


def _lookup(words: dict, key: str, forms: tuple[str, ...]) -> tuple[frozenset[int], ...] | None:
    if len(forms) == 1:
        return words.get(forms[0] + key)
    found = [words[f + key] for f in forms if f + key in words]
    if len(found) < 2:
        return found[0] if found else None
    return tuple(x | y for x, y in zip(*found))


def score(a: SentenceRep, b: SentenceRep, settings: SimilaritySettings = SimilaritySettings()) -> float:
    """Similarity of two reps as wholes, in [0, 1]: 1 for the same content words, 0 for nothing shared.

    The share of the pair's total IDF weight whose word finds its stem (credit
    1) or, failing that, a linked word (settings' credits) among the other
    sentence's words that found no stem: a weighted soft Dice overlap. On
    MRPC train it ranked pairs better than a cosine.
    """
    if not a.total or not b.total:
        return 0.0
    shared, linked_a, linked_b = _links(a, b, settings)
    wa, wb = a.weights, b.weights
    # fsum: an exact sum, whatever order the sets hand the words over in. A plain running sum
    # changed in its last bit with the process's hash seed, and near-ties (a claim's central
    # sentence, its label) came out differently from one run to the next.
    got = math.fsum(chain((wa[t] + wb[t] for t in shared), (wa[t] * v for t, v in linked_a.items()),
                          (wb[t] * v for t, v in linked_b.items())))
    return min(1.0, got / (a.total + b.total))


def matched_words(a: SentenceRep, b: SentenceRep,
                  settings: SimilaritySettings = SimilaritySettings()) -> tuple[dict[str, float], dict[str, float]]:
    """The credit each stem of ``a`` and of ``b`` earned in :func:`score`: 1 for a shared stem, less when linked."""
    shared, linked_a, linked_b = _links(a, b, settings)
    return {**linked_a, **dict.fromkeys(shared, 1.0)}, {**linked_b, **dict.fromkeys(shared, 1.0)}


def _links(a: SentenceRep, b: SentenceRep,
           settings: SimilaritySettings) -> tuple[frozenset[str], dict[str, float], dict[str, float]]:
    """Shared stems, and the credit of each side's other stems linked through a concept."""
    shared = a.stems & b.stems
    common = a.concepts & b.concepts
    if common and shared:
        # A matched stem's own concepts link nothing more: dropping them
        # leaves most pairs with few concepts to look at.
        common = common.difference(*[a.own.get(t, _EMPTY) for t in shared],
                                   *[b.own.get(t, _EMPTY) for t in shared])
    linked_a: dict[str, float] = {}
    linked_b: dict[str, float] = {}
    if not common:
        return shared, linked_a, linked_b
    values = _credits(settings)
    ka, kb, ha, hb = a.kinds, b.kinds, a.holders, b.holders
    for c in common:
        for_a, for_b = values[ka[c]][kb[c]]
        if for_a:
            for term, kind in ha[c]:
                value = for_a[kind]
                if value > linked_a.get(term, 0.0) and term not in shared:
                    linked_a[term] = value
        if for_b:
            for term, kind in hb[c]:
                value = for_b[kind]
                if value > linked_b.get(term, 0.0) and term not in shared:
                    linked_b[term] = value
    return shared, linked_a, linked_b


_EMPTY: frozenset = frozenset()


@lru_cache(maxsize=16)
def _credits(settings: SimilaritySettings) -> list[list[tuple]]:
    """values[kinds here][kinds there] = (credit by kind bit for this side's holders, for the other's).

    Kinds are bit sets (1 synset, 2 related, 4 bridge) of how each side holds
    a concept. Synsets meet synsets and related synsets, related synsets meet
    synsets, bridges meet bridges; a pair of sides with no meeting gives None.
    """
    def side(mine: int, theirs: int) -> tuple[float, ...] | None:
        by_kind = [0.0] * 5
        if theirs & 1:
            by_kind[1] = settings.synonym
        elif theirs & 2:
            by_kind[1] = settings.related
        if theirs & 1:
            by_kind[2] = settings.related
        if theirs & 4:
            by_kind[4] = settings.bridge
        return tuple(by_kind) if any(by_kind[k] for k in (1, 2, 4) if mine & k) else None

    return [[(side(x, y), side(y, x)) for y in range(8)] for x in range(8)]


def matches(a: SentenceRep, b: SentenceRep, settings: SimilaritySettings = SimilaritySettings(),
            min_score: float = 0.0) -> list[Match]:
    """Every way two reps meet scoring above 0 and at least ``min_score``, best first.

    The two wholes, and each clause of one against the whole of the other:
    a long sentence stating two things so matches a short one stating one.
    Two clauses never meet alone: short pieces sharing three words would
    outrank whole sentences sharing the point.
    """
    found = [Match(score(a, b, settings), None, None)]
    for i, clause in enumerate(a.clauses):
        if not clause.keys.isdisjoint(b.keys):
            found.append(Match(score(clause, b, settings), i, None))
    for j, clause in enumerate(b.clauses):
        if not clause.keys.isdisjoint(a.keys):
            found.append(Match(score(a, clause, settings), None, j))
    found = [m for m in found if m.score > 0.0 and m.score >= min_score]
    found.sort(key=lambda m: (-m.score, m.a_clause is not None or m.b_clause is not None))
    return found


def match(a: SentenceRep, b: SentenceRep, settings: SimilaritySettings = SimilaritySettings()) -> Match:
    """The best of :func:`matches` (the wholes at 0.0 when nothing meets)."""
    found = matches(a, b, settings)
    return found[0] if found else Match(0.0, None, None)


def candidate_pairs(reps: Sequence[SentenceRep], max_df: int = 50,
                    other: Sequence[SentenceRep] | None = None) -> set[tuple[int, int]]:
    """Pairs (i, j) of reps sharing a stem or concept that at most ``max_df`` reps hold.

    Within ``reps`` (i < j), or between ``reps`` and ``other`` (i in reps, j
    in other). Common keys ("say", a weekday) make no pair on their own.
    """
    index: dict[object, list[int]] = defaultdict(list)
    for j, rep in enumerate(reps if other is None else other):
        for key in rep.keys:
            index[key].append(j)
    pairs = set()
    for i, rep in enumerate(reps):
        for key in rep.keys:
            holders = index[key]
            if len(holders) <= max_df:
                pairs.update((i, j) for j in holders if other is not None or j > i)
    return pairs
