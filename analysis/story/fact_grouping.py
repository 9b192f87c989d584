"""Lining figures up by the fact they state: blocks by kind and unit, nouns linked by stem or WordNet, splits by size and context.

The grouping behind :func:`analysis.story.figures.figure_table` (whose module
docstring says when two figures state one fact). :func:`group_facts` takes every
figure of the articles in play and returns the facts, each a list of figures.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

from analysis.text.similarity import SentenceRep, represent, score
from analysis.story.figure_parse import AGE, COUNT, DATE, DURATION, Figure, compatible

if TYPE_CHECKING:
    from analysis.story.figures import FigureSettings

__all__ = ["Fig", "group_facts", "within_stories"]


class Fig:
    """One figure of one article, as the lining-up reads it."""

    __slots__ = ("number", "article", "record", "figure", "sentence")

    def __init__(self, number: int, article: int, record: dict, sentence: str) -> None:
        self.number, self.article, self.record, self.sentence = number, article, record, sentence
        r = record
        self.figure = Figure(r["start"], r["end"], r["text"], r["kind"], r["low"],
                             math.inf if r["high"] is None else r["high"], r["unit"], r["value"])



def group_facts(figs: list[Fig], settings: FigureSettings) -> list[list[Fig]]:
    """Every fact: the figures that state it, grouped block by block (kind and unit)."""
    blocks: dict[tuple[str, str], list[Fig]] = defaultdict(list)
    for fig in figs:
        blocks[(fig.record["kind"], fig.record["unit"])].append(fig)
    facts = []
    for (kind, _), members in blocks.items():
        if kind == DATE:
            # Which event a date is of the noun rarely says ("Wednesday night"): equal dates only.
            facts.extend(_equal_groups(members, lambda f: f.record["low"]))
            continue
        groups = [fact for group in _noun_groups([f for f in members if f.record["stem"]], kind, settings)
                  for by_size in _by_size(group, settings.max_spread) for fact in _split(by_size, settings)]
        bare = _equal_groups([f for f in members if not f.record["stem"]],
                             lambda f: (f.record["low"], f.record["high"]))
        facts.extend(_attach(bare, groups) if kind not in (COUNT, AGE) else groups + bare)
    return facts


def within_stories(facts: list[list[Fig]], stories: list[str], settings: FigureSettings) -> list[list[Fig]]:
    """Each fact split by the stories of its articles (``stories[article]``), but for stories whose figures'
    sentences say one thing around them.

    A noun shared is one fact within a story; across two it is a word: "16 countries" in a light festival's
    report and "four countries" in a football manager's are no disagreement. Parts stay joined where some
    two of their sentences are alike once figures and nouns are blanked (:func:`_supported`'s test: 001's
    500 prisoners and 003's 1,000 detainees, in two stories when dated apart).
    """
    out = []
    for fact in facts:
        parts: dict[str, list[Fig]] = defaultdict(list)
        for fig in fact:
            parts[stories[fig.article]].append(fig)
        if len(parts) == 1:
            out.append(fact)
            continue
        groups: list[list[list[Fig]]] = []  # the stories' parts, joined where some two are supported
        for part in parts.values():
            near = [any(_supported(other, part, settings) for other in g) for g in groups]
            joined = [part, *(p for g, n in zip(groups, near) if n for p in g)]
            groups = [g for g, n in zip(groups, near) if not n] + [joined]
        split = [sorted((f for p in group for f in p), key=lambda f: f.number) for group in groups]
        out.extend(sorted(split, key=lambda figs: figs[0].number))
    return out


def _equal_groups(figs: list[Fig], key) -> list[list[Fig]]:
    groups: dict = defaultdict(list)
    for fig in figs:
        groups[key(fig)].append(fig)
    return list(groups.values())


def _attach(bare: list[list[Fig]], groups: list[list[Fig]]) -> list[list[Fig]]:
    """Figures without a noun join the one noun fact holding an equal figure, else stand by themselves.

    Equal figures cannot turn an agreeing fact into a disagreeing one. (Bare
    counts are not attached: they are ages, scores and list items as often.)
    """
    holders: dict[tuple, set[int]] = defaultdict(set)
    for number, group in enumerate(groups):
        for fig in group:
            holders[(fig.record["low"], fig.record["high"])].add(number)
    alone = []
    for equal in bare:
        owners = holders.get((equal[0].record["low"], equal[0].record["high"]), set())
        if len(owners) == 1:
            groups[next(iter(owners))].extend(equal)
        else:
            alone.append(equal)
    return groups + alone


def _noun_groups(figs: list[Fig], kind: str, settings: FigureSettings) -> list[list[Fig]]:
    """Figures grouped by what their nouns mean: one stem, WordNet links, then (some kinds) one file.

    A noun joins a group only when WordNet links it to every noun already in
    it (complete linkage): links chain (a talk is a conversation, a dialogue
    is a talk) and polysemous words would chain a big corpus into one fact.
    """
    by_stem: dict[str, list[Fig]] = defaultdict(list)
    for fig in figs:
        by_stem[fig.record["stem"]].append(fig)
    stems = sorted(by_stem, key=lambda w: (-len({f.article for f in by_stem[w]}), by_stem[w][0].number))
    synsets: dict[int, list[int]] = defaultdict(list)
    hypernyms: dict[int, list[int]] = defaultdict(list)
    for number, word in enumerate(stems):
        for concept, bits in represent(by_stem[word][0].record["noun"].lower()).kinds.items():
            (synsets if bits & 1 else hypernyms)[concept].append(number)
    # A synset shared, or one noun's synset among the other's hypernyms; never two
    # hypernyms shared (siblings: Monday and Tuesday are both weekdays).
    links: set[tuple[int, int]] = set()
    for concept, holders in synsets.items():
        pairs = [(x, y) for i, x in enumerate(holders) for y in holders[i + 1:]]
        pairs += [(x, y) for x in holders for y in hypernyms.get(concept, []) if x != y and (
            kind == DURATION or _supported(by_stem[stems[x]], by_stem[stems[y]], settings))]
        links.update((min(x, y), max(x, y)) for x, y in pairs)
    linked: dict[int, set[int]] = defaultdict(set)
    for x, y in links:
        linked[x].add(y)
        linked[y].add(x)
    groups: list[list[int]] = []
    home: dict[int, int] = {}
    for number in range(len(stems)):
        near = sorted({home[other] for other in linked[number] if other in home})
        fit = next((g for g in near if all(member in linked[number] for member in groups[g])), None)
        if fit is None:
            fit = len(groups)
            groups.append([])
        groups[fit].append(number)
        home[number] = fit
    grouped = [[f for n in group for f in by_stem[stems[n]]] for group in groups]
    return _coarse_groups(grouped, settings) if kind in settings.coarse_kinds else grouped


def _supported(a: list[Fig], b: list[Fig], settings: FigureSettings, tries: int = 12) -> bool:
    """Some sentence of ``a`` and some of ``b``, in two articles, alike enough to state one fact.

    Alike in what they say around the figure: the figures and their nouns,
    whose link is in question, are blanked out first.
    """
    pairs = [(x, y) for x in a[:tries] for y in b[:tries] if x.article != y.article]
    return any(score(_rest(x), _rest(y)) >= settings.hypernym_support for x, y in pairs)


@lru_cache(maxsize=4096)
def _blanked(sentence: str, start: int, end: int, noun: str) -> SentenceRep:
    text = sentence[:start] + " " + sentence[end:]
    return represent(re.sub(rf"\b{re.escape(noun)}\b", " ", text))


def _rest(fig: Fig) -> SentenceRep:
    return _blanked(fig.sentence, fig.record["start"], fig.record["end"], fig.record["noun"])


def _coarse_groups(groups: list[list[Fig]], settings: FigureSettings) -> list[list[Fig]]:
    """Noun groups of one lexicographer file merged, largest first, where no guard objects."""
    groups.sort(key=lambda g: (-len({f.article for f in g}), min(f.number for f in g)))
    merged: list[list[Fig]] = []
    for group in groups:
        files = {f.record["file"] for f in group} & set(settings.coarse_files)
        home = next((m for m in merged if files & {f.record["file"] for f in m}
                     and _may_merge(m, group, settings)), None)
        if home is None:
            merged.append(list(group))
        else:
            home.extend(group)
    return merged


def _may_merge(a: list[Fig], b: list[Fig], settings: FigureSettings) -> bool:
    """No article gives clashing figures across the two, and together they stay of one size."""
    mine: dict[int, list[Figure]] = defaultdict(list)
    for fig in a:
        mine[fig.article].append(fig.figure)
    if any(not compatible(x, fig.figure) for fig in b for x in mine.get(fig.article, ())):
        return False
    sizes = [s for s in (_size(f.figure) for f in a + b) if s > 0]
    return not sizes or max(sizes) <= settings.coarse_spread * min(sizes)


def _size(figure: Figure) -> float:
    """One number for a figure's interval: its middle, or its finite end when open."""
    if math.isinf(figure.high):
        return figure.low
    return figure.high if figure.low == 0 else (figure.low + figure.high) / 2


def _by_size(group: list[Fig], spread: float) -> list[list[Fig]]:
    """The group cut where two figures of neighbouring size are more than ``spread`` apart."""
    ordered = sorted(group, key=lambda f: _size(f.figure))
    runs = [[ordered[0]]]
    for previous, fig in zip(ordered, ordered[1:]):
        if _size(fig.figure) > spread * max(_size(previous.figure), 1e-9):
            runs.append([])
        runs[-1].append(fig)
    return runs


def _split(group: list[Fig], settings: FigureSettings) -> list[list[Fig]]:
    """The group as one fact, or split by context where two of its figures cannot state one fact.

    Two cannot when one article gives both and they clash, or when the nouns'
    "of" phrases share no word ("extension of tax cuts", "extension of
    unemployment insurance"). Figures then join best-shared-context first,
    never two that cannot; a figure whose context nothing shares stands alone.
    """
    apart = _cannot_link(group)
    if not apart:
        return [group]
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for position, fig in enumerate(group):
        for word, distance in fig.record["context"] + [[w, 1] for w in fig.record["complement"]]:
            index[word].append((position, distance))
    # Shared words weigh more the nearer they stand to both figures: "The blast
    # killed 14 people" is nearer "12 people were killed" than "50 ... injured in the blast".
    shared: Counter[tuple[int, int]] = Counter()
    for holders in index.values():
        if len(holders) <= settings.context_max_df:
            for i, (x, dx) in enumerate(holders):
                for y, dy in holders[i + 1:]:
                    if x != y:
                        shared[(x, y)] += 1.0 / (dx + dy)
    cluster = list(range(len(group)))
    members = {i: [i] for i in cluster}
    barred = {i: set(apart.get(i, ())) for i in cluster}
    for (x, y), _ in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
        cx, cy = cluster[x], cluster[y]
        if cx != cy and not barred[cx] & set(members[cy]):
            for moved in members[cy]:
                cluster[moved] = cx
            members[cx] += members.pop(cy)
            barred[cx] |= barred.pop(cy)
    return [[group[i] for i in sorted(m)] for m in members.values()]


def _cannot_link(group: list[Fig]) -> dict[int, set[int]]:
    """Position -> positions of the figures it cannot state one fact with."""
    apart: dict[int, set[int]] = defaultdict(set)
    by_article: dict[int, list[int]] = defaultdict(list)
    for position, fig in enumerate(group):
        by_article[fig.article].append(position)
    pairs = [(x, y) for held in by_article.values() for i, x in enumerate(held) for y in held[i + 1:]
             if not compatible(group[x].figure, group[y].figure)]
    phrased = [i for i, f in enumerate(group) if f.record["complement"]]
    pairs += [(x, y) for i, x in enumerate(phrased) for y in phrased[i + 1:]
              if not set(group[x].record["complement"]) & set(group[y].record["complement"])]
    for x, y in pairs:
        apart[x].add(y)
        apart[y].add(x)
    return apart
