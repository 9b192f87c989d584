"""Claims across all the articles in play: which articles say the same thing, reworded or not.

A claim is a group of sentences, one per article at most, that state the
same thing. Up to :data:`STORY_MAX_ARTICLES` articles (what the Story page
shows at once) the search runs over all of them, across story lines: a
commentary repeating a report's figures carries its claims. Past that, the
articles are first grouped into events (:mod:`analysis.story.events`) and
each story is searched alone. Sentences of two stories pair at a higher cut
than one story's, and a pair must share more than names and verbs of saying
(:mod:`analysis.story.claim_content`): "Trump noted that ..." twice is not a
claim. Two sentences giving clashing figures for one counted fact
(:mod:`analysis.story.figures`: 500 prisoners, 1,000 detainees) state one.
Sentences are scored with the one similarity of the code base
(:mod:`analysis.text.similarity`, which Compare uses too), whole or clause by
clause, so a long sentence stating two things can join two claims. Nothing
compares all pairs: an inverted index over rare stems and WordNet concepts
proposes candidates (``candidate_pairs``), and only those are scored. Groups
grow from the best pairs down; two groups merge only when their sentences
are alike on average (average linkage), which stops one loose pair from
chaining two stories together. Headlines and section headings are never
matched to body sentences: they are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import hashlib
import re

import pandas as pd

from analysis.text.idf import idf_weights
from analysis.text.words import STOPWORDS, sentence_stems, stem, word_spans
from analysis.engine.batch import Runner
from analysis.text.verdict import CompareSettings, pair_status
from analysis.corpus import Article, Corpus
from analysis.text.similarity import SentenceRep, candidate_pairs, matches, represent, score
from analysis.story.claim_content import aside_stems, content_score, name_stems
from analysis.story.events import find_events
from analysis.story.figure_parse import DATE, DURATION
from analysis.story.figures import figure_table
from analysis.engine.versions import task_key
from analysis.frame_json import frame_from_json, frame_to_json

__all__ = ["ClaimSettings", "CLAIM_COLUMNS", "STORY_MAX_ARTICLES", "find_claims", "claim_matrix", "claim_summary",
           "only_in", "missing_from"]

CLAIM_COLUMNS = ["claim", "article", "sentence_index", "sentence", "similarity", "status", "part_start",
                 "part_end", "label", "articles", "event"]
# The numeric columns' types: a story without claims is an untyped empty frame,
# and concatenated with the others it would turn them into objects.
_COLUMN_TYPES = {"sentence_index": "int64", "similarity": "float64", "part_start": "int64", "part_end": "int64",
                 "articles": "int64"}
# Past this many articles, a claim x article matrix is unreadable: the Story page and the
# report then ask for one story at a time.
STORY_MAX_ARTICLES = 60
# The claims of one story are cached whole, under a digest of its articles' content.
_CACHE_TASK = task_key("analysis.story.claims.event")


@dataclass(frozen=True)
class ClaimSettings:
    """How alike sentences must be to state one claim; ``ClaimSettings(link=0.4)`` for tighter claims."""

    compare: CompareSettings = field(default_factory=CompareSettings)  # thresholds and similarity, as Compare
    # Two groups merge when their sentences score this on average. Above
    # Compare's reworded threshold: a pair may be a loose rewording, a claim
    # of many articles must hold together.
    link: float = 0.34
    # A stem or concept in more sentences than this proposes no pair by itself
    # ("said", a weekday): such keys are the bulk of the work and rarely the point.
    max_df: int = 40
    # A claim's label: at most this many of its own words.
    label_words: int = 8
    # A pair must earn this much of its similarity on words other than names and verbs of
    # saying (analysis.story.claim_content): "Trump noted that Ukraine had not informed him"
    # and "Trump noted that he pressed on Ukraine's strikes" earn 0.08 so; the pairs of the
    # samples' gold earn 0.11-0.60.
    content: float = 0.1
    # Across two stories, a pair must also match at least this many words, names included, on each side,
    # unless the two are one sentence word for word: one shared word is a turn of phrase there ("It will be
    # really exciting." / "It's very exciting times.", "The answer is YES!" / "Yes, that's it.": 20 of the
    # 60 claims of a folder of 60 unrelated news pages joined two stories, 10 with this rule). Within a
    # story one word often is the claim ("It's not about your jobs," quoted by two outlets; "no daylight"
    # between him and Kerry): on BASIL dev the rule there would drop 15 claims, a third of them real.
    content_words: int = 2
    # Two sentences giving clashing figures for one counted fact (analysis.story.figures: counts,
    # money, shares; not dates or durations, whose nouns line up loosely) state one claim at this
    # similarity, and the fact is link enough to merge on: their words differ where the figures
    # do, so the similarity misses them (001's 500 prisoners of war and 003's 1,000 detainees
    # score 0.18). Agreeing figures need no help: the number is a word both sentences share.
    fact_similarity: float = 0.15
    # Two sentences of articles the events grouping puts in different stories pair at this
    # similarity, not Compare's reworded cut: two stories share turns of phrase more than claims.
    # BASIL dev events two by two, 2010-12 (chosen): claims joining two events 21 -> 7 at 0.45;
    # 2013-14: 18 -> 5 (bench/claims_bench.py). The samples' one call told by 002 (0.50) stays.
    cross_story: float = 0.45


@dataclass
class _Unit:
    """A sentence or one of its clauses, as a member of a claim."""

    article: int
    sentence: int  # index into the sentence list
    clause: int | None
    rep: SentenceRep


def find_claims(corpus: Corpus, settings: ClaimSettings = ClaimSettings(), *, runner: Runner | None = None,
                events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every claim two or more articles of one story carry: one row per sentence in a claim.

    Columns: claim (C1, C2, ... by how many articles carry it and where it
    first appears; past one page of articles, story by story in event order), article,
    sentence_index, sentence, similarity (the sentence's best score against
    the claim's other sentences), status (shared: the same words, synonyms
    aside; reworded), part_start, part_end (the clause of the sentence that
    states the claim, offsets in the sentence), label (a few of the claim's
    own words), articles (how many articles carry it), event (the story of
    the row's article: a claim may cross stories). ``events`` is
    :func:`find_events`' frame for the corpus, computed when not given.
    The runner hears (articles done, articles in all) as stories finish.
    """
    runner = runner or Runner()
    if len(corpus.articles) < 2:
        return pd.DataFrame(columns=CLAIM_COLUMNS).astype(_COLUMN_TYPES)
    if events is None:
        events = find_events(corpus, runner=runner)
    event_of = dict(zip(events["article"], events["event"]))
    stories = _search_groups(corpus, events)
    total, done = sum(len(m) for m in stories), 0
    frames = []
    for members in stories:
        frame = _story_claims(members, [event_of.get(a.path, "") for a in members], settings, runner)
        frames.append(frame.assign(event=[event_of.get(path, "") for path in frame["article"]],
                                   group=len(frames)))
        done += len(members)
        runner.report(done, total)
    if not frames:
        return pd.DataFrame(columns=CLAIM_COLUMNS).astype(_COLUMN_TYPES)
    claims = pd.concat(frames, ignore_index=True)
    numbers = {key: f"C{n}" for n, key in enumerate(dict.fromkeys(zip(claims["group"], claims["claim"])), start=1)}
    claims["claim"] = [numbers[key] for key in zip(claims["group"], claims["claim"])]
    return claims[CLAIM_COLUMNS].astype(_COLUMN_TYPES)


def _search_groups(corpus: Corpus, events: pd.DataFrame) -> list[list[Article]]:
    """The sets of articles searched for claims: all of them when they fit one claim matrix, else each story.

    Up to :data:`STORY_MAX_ARTICLES` the reader sees every article in play
    at once, so a claim may cross story lines (a commentary repeating a
    report's figures); past it, stories keep the search (and the matrix) small.
    """
    if len(corpus.articles) <= STORY_MAX_ARTICLES:
        return [list(corpus.articles)]
    by_path = {a.path: a for a in corpus.articles}
    stories = [[by_path[p] for p in group["article"] if p in by_path]
               for _, group in events.groupby("event", sort=False)]
    return [members for members in stories if len(members) >= 2]


def _story_claims(articles: list[Article], stories: list[str], settings: ClaimSettings,
                  runner: Runner) -> pd.DataFrame:
    """The claims of ``articles`` (``stories``: each one's event), from the cache when they were found before."""
    digest = hashlib.sha256("\n".join(f"{a.path}\0{a.id}\0{e}" for a, e in zip(articles, stories)).encode()
                            ).hexdigest()[:24]
    return runner.corpus_wide(_CACHE_TASK, settings, digest,
                              lambda: _claims_of(articles, settings, _fact_pairs(articles, settings, runner), stories),
                              frame_to_json, frame_from_json)


def _fact_pairs(articles: list[Article], settings: ClaimSettings, runner: Runner) -> set[tuple[tuple[str, int], ...]]:
    """Pairs of (article path, sentence index) of two articles giving figures for one counted fact."""
    table = figure_table(articles, runner=runner)
    table = table[~table["kind"].isin([DATE, DURATION])]
    pairs = set()
    for _, fact in table[table["disagree"]].groupby("fact"):
        if len(fact) > settings.max_df:
            continue  # a figure in many sentences says little of any one
        held = list(zip(fact["article"], fact["sentence_index"], fact["low"], fact["high"]))
        pairs.update(tuple(sorted([(a[0], a[1]), (b[0], b[1])])) for i, a in enumerate(held) for b in held[i + 1:]
                     if a[0] != b[0] and (a[3] < b[2] or b[3] < a[2]))
    return pairs


def _claims_of(articles: list[Article], settings: ClaimSettings, facts: set[tuple[tuple[str, int], ...]] = frozenset(),
               stories: Sequence[str] = ()) -> pd.DataFrame:
    """Claims among ``articles``; claim ids local to them.

    ``facts``: :func:`_fact_pairs`; ``stories``: each article's event (none: one story).
    """
    story = list(stories) or [""] * len(articles)
    sentences, stems = [], []
    for number, article in enumerate(articles):
        for s, words in zip(article.sentences, sentence_stems(article)):
            if s.is_body:
                sentences.append((number, s))
                stems.append(words)
    if not sentences:
        return pd.DataFrame(columns=CLAIM_COLUMNS[:-1])
    similarity = settings.compare.similarity
    idf = idf_weights(stems)
    reps = [represent(s.text, idf, similarity) for _, s in sentences]
    names = name_stems(s.text for _, s in sentences)
    aside = [aside_stems(s.text, names) for _, s in sentences]

    def says_something(i: int, ci: int | None, j: int, cj: int | None) -> bool:
        part, words = content_score(reps[i].part(ci), reps[j].part(cj), aside[i], aside[j], similarity)
        return part >= settings.content and (words >= settings.content_words or verbatim(i, j)
                                             or story[sentences[i][0]] == story[sentences[j][0]])

    def verbatim(i: int, j: int) -> bool:
        # the same sentence, word for word: a quotation two stories carry ("Here are some tips." and "Have a
        # tip?" are said alike by their one word, and are not that)
        return _wording(sentences[i][1].text) == _wording(sentences[j][1].text)

    where = {(articles[n].path, s.index): k for k, (n, s) in enumerate(sentences)}
    linked = {tuple(sorted((where[a], where[b]))) for a, b in facts if a in where and b in where}
    edges = []
    for i, j in candidate_pairs(reps, settings.max_df) | linked:
        if sentences[i][0] == sentences[j][0]:
            continue
        cut = (settings.fact_similarity if (i, j) in linked else settings.compare.reworded_threshold
               if story[sentences[i][0]] == story[sentences[j][0]] else settings.cross_story)
        for m in matches(reps[i], reps[j], similarity, cut):
            if says_something(i, m.a_clause, j, m.b_clause):
                edges.append((m.score, i, m.a_clause, j, m.b_clause))
                break
    edges.sort(key=lambda e: (-e[0], e[1], e[3]))
    scored: dict[tuple[int, int], float] = {}

    def pair_score(u: _Unit, v: _Unit) -> float:
        # Grouping asks for a pair again at each merge it takes part in, and the frame once more.
        # A pair sharing only names and verbs of saying counts as sharing nothing.
        key = (id(u), id(v))
        if key not in scored:
            alike = score(u.rep, v.rep, similarity)
            scored[key] = alike if alike and says_something(u.sentence, u.clause, v.sentence, v.clause) else 0.0
        return scored[key]

    def merge_score(u: _Unit, v: _Unit) -> float:
        # A shared counted fact holds two sentences together as well as the merge asks.
        alike = pair_score(u, v)
        return max(alike, settings.link) if alike and tuple(sorted((u.sentence, v.sentence))) in linked else alike

    groups = _group(edges, sentences, reps, merge_score, settings)
    return _frame(groups, articles, sentences, pair_score, settings)


def _wording(text: str) -> str:
    """A sentence's words, lowercase, without its punctuation and quotation marks."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _group(edges, sentences, reps, merge_score, settings: ClaimSettings) -> list[dict[int, _Unit]]:
    """Greedy average-linkage grouping of units, best pairs first; each group keeps one unit per article."""
    owner: dict[tuple[int, int | None], int] = {}
    groups: list[dict[int, _Unit] | None] = []

    def group_of(i: int, clause: int | None) -> int:
        key = (i, clause)
        if key not in owner:
            owner[key] = len(groups)
            groups.append({sentences[i][0]: _Unit(sentences[i][0], i, clause, reps[i].part(clause))})
        return owner[key]

    for _, i, ci, j, cj in edges:
        a, b = group_of(i, ci), group_of(j, cj)
        if a == b:
            continue
        left, right = groups[a], groups[b]
        if set(left) & set(right):
            continue  # a claim holds one sentence of each article
        pairs = [(u, v) for u in left.values() for v in right.values()]
        mean = sum(merge_score(u, v) for u, v in pairs) / len(pairs)
        if mean < settings.link:
            continue
        if len(left) < len(right):
            a, b, left, right = b, a, right, left
        left.update(right)
        for unit in right.values():
            owner[(unit.sentence, unit.clause)] = a
        groups[b] = None
    return [g for g in groups if g is not None and len(g) >= 2]


def _frame(groups, articles: list[Article], sentences, pair_score, settings: ClaimSettings) -> pd.DataFrame:
    described = []
    for group in groups:
        units = list(group.values())
        scores = {id(u): [pair_score(u, v) for v in units if v is not u] for u in units}
        centre = max(units, key=lambda u: (sum(scores[id(u)]), -u.sentence))
        first = min(u.sentence for u in units)
        described.append((-len(units), first, units, centre, scores))
    described.sort(key=lambda d: (d[0], d[1]))
    rows = []
    for number, (_, _, units, centre, scores) in enumerate(described, start=1):
        label = claim_label(centre.rep, [u.rep for u in units], settings.label_words)
        for unit in sorted(units, key=lambda u: u.article):
            article, sentence = articles[unit.article], sentences[unit.sentence][1]
            status = pair_status(unit.rep, _best(unit, units, scores[id(unit)]), settings.compare)
            rows.append({
                "claim": f"C{number}", "article": article.path, "sentence_index": sentence.index,
                "sentence": sentence.text, "similarity": round(max(scores[id(unit)]), 4), "status": status,
                "part_start": unit.rep.start, "part_end": unit.rep.end, "label": label, "articles": len(units),
            })
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS[:-1])


def _best(unit: _Unit, units: list[_Unit], scores: list[float]) -> SentenceRep:
    """The rep of the unit's closest fellow member (``scores``: against each other member, in order)."""
    others = [v for v in units if v is not unit]
    return others[scores.index(max(scores))].rep


def claim_label(centre: SentenceRep, members: Sequence[SentenceRep], words: int) -> str:
    """A few of the claim's own words: those of its central sentence most of its sentences share.

    Falls back to the central sentence's first content words when the
    sentences share few words (a claim held together by synonyms).
    """
    counts = Counter(t for rep in members for t in rep.weights)
    need = max(2, (len(members) + 1) // 2)
    spans = [(text, s, e) for text, s, e in word_spans(centre.text)]
    written = []
    for token, start, end in spans:
        if token in STOPWORDS or len(token) < 2:
            continue
        written.append((centre.text[start:end], counts[stem(token)] >= need))
    shared = [w for w, common in written if common]
    chosen = shared if len(shared) >= 3 else [w for w, _ in written]
    return " ".join(chosen[:words])


def claim_summary(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: claim, label, articles, shared, reworded (how many articles say it each way)."""
    if claims.empty:
        return pd.DataFrame(columns=["claim", "label", "articles", "shared", "reworded"])
    table = claims.groupby("claim", sort=False).agg(label=("label", "first"), articles=("article", "nunique"),
                                                    shared=("status", lambda s: int((s == "shared").sum())),
                                                    reworded=("status", lambda s: int((s == "reworded").sum())))
    return table.reset_index()


def claim_matrix(claims: pd.DataFrame, articles: Sequence[str]) -> pd.DataFrame:
    """Claims x articles: "shared", "reworded" or "" (not said); rows in claim order."""
    order = list(dict.fromkeys(claims["claim"]))
    grid = pd.DataFrame("", index=order, columns=list(articles))
    for row in claims.itertuples():
        if row.article in grid.columns:
            grid.loc[row.claim, row.article] = row.status
    return grid


def only_in(corpus: Corpus, claims: pd.DataFrame, article: str) -> pd.DataFrame:
    """The body sentences of ``article`` that no other article carries: sentence_index, sentence."""
    carried = set(claims.loc[claims["article"] == article, "sentence_index"])
    rows = [(s.index, s.text) for s in corpus.article(article).sentences if s.is_body and s.index not in carried]
    return pd.DataFrame(rows, columns=["sentence_index", "sentence"])


def missing_from(claims: pd.DataFrame, article: str, articles: Sequence[str], share: float = 0.75) -> pd.DataFrame:
    """Claims most of the other articles carry and ``article`` does not: what it leaves out.

    "Most" is at least ``share`` of the other articles, and at least two.
    Columns: claim, label, articles.
    """
    others = [a for a in articles if a != article]
    need = max(2, int(-(-share * len(others) // 1)))
    summary = claims.groupby("claim", sort=False).agg(label=("label", "first"),
                                                      holders=("article", lambda s: set(s)))
    rows = [(claim, row.label, len(row.holders)) for claim, row in summary.iterrows()
            if article not in row.holders and len(row.holders & set(others)) >= need]
    return pd.DataFrame(rows, columns=["claim", "label", "articles"])
