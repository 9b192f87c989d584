"""Figures across all the articles in play, lined up by the fact they measure; disagreements flagged.

A figure's meaning (an interval) comes from :mod:`analysis.story.figure_parse`,
the noun it measures from :mod:`analysis.story.measured`. Figures state one
fact when they are of one kind and unit and their nouns mean one thing: one
stem, or linked by WordNet (a detainee is a prisoner; for counted things the
sentences must agree too), or, for durations only, of one WordNet
lexicographer file (a call and a conversation are communications) when no
article gives clashing figures for both. A fact's figures stay within an
order of size; where one article gives clashing figures for a noun ("12
people were killed and 50 people were injured"), or two nouns' "of" phrases
differ, the group splits by the words around each figure. Figures without a
noun, and dates, line up only with equal figures and never disagree. Nothing
compares all figures with all: blocks by kind and unit, inverted indexes of
WordNet concepts and of context words.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.engine.batch import Runner
from analysis.corpus import Article, Corpus
from analysis.engine.versions import task_key
from analysis.frame_json import frame_from_json, frame_to_json
from analysis.story.figure_parse import DATE, DURATION, Figure, compatible, parse_figures
from analysis.story.fact_grouping import Fig, group_facts, within_stories
from analysis.story.measured import figure_context, measured_noun, noun_complement, noun_file, noun_stem

__all__ = ["FigureSettings", "FIGURE_TABLE_COLUMNS", "APART_COLUMNS", "article_figures", "figure_table", "figures_by_event",
           "pair_figures_apart",
           "fact_summary", "figures_apart"]

FIGURE_TABLE_COLUMNS = ["fact", "article", "figure", "sentence_index", "sentence", "kind", "value", "low", "high",
                        "unit", "measures", "fact_label", "disagree", "articles", "start", "end"]
APART_COLUMNS = ["article", "figure", "sentence_index", "sentence", "fact", "fact_label", "value", "start", "end"]
_KIND_WORDS = {"duration": "duration", "count": "count", "money": "amount", "percent": "percentage",
               "area": "area", "distance": "distance", "date": "date", "age": "age"}


@dataclass(frozen=True)
class FigureSettings:
    """How figures line up by fact; ``FigureSettings(coarse_kinds=())`` for WordNet links only."""

    # Kinds whose nouns may line up by lexicographer file alone: outlets name one
    # event many ways (call, conversation, talks: noun.communication). Not counts:
    # prisoners and children are both noun.person. Files of events only: noun.time
    # ("timeframe", "period") says nothing of what lasted.
    coarse_kinds: tuple[str, ...] = (DURATION,)
    coarse_files: tuple[str, ...] = ("communication", "act", "event")
    # A file-only group holds figures within this factor of one another. Two
    # reports of one figure differ by rounding or a miscount (the samples' call:
    # 50 minutes to over two hours, 2.4); two facts that merely share a file
    # mostly differ more (a 30-day truce, a three-year war).
    coarse_spread: float = 4.0
    # No fact holds figures further apart than this factor: a misreport is off
    # by rounding or a miscount, not an order of magnitude ("198 people" whom
    # he follows, a speech to "45,000 people" are two facts).
    max_spread: float = 10.0
    # Counted things, money and shares: a noun and its hypernym (detainees,
    # prisoners) name one set only sometimes (lawmakers are a few of the
    # leaders), so their figures line up only where some two of their sentences
    # are this alike once figures and nouns are blanked (analysis.text.similarity;
    # 001's 500 prisoners and 003's 1,000 detainees: 0.14; a BASIL event's "two
    # leaders" and "nine lawmakers": 0.0). A duration's hypernym names the same
    # event more loosely: talks, conversation.
    hypernym_support: float = 0.1
    # A context word in more figures of one group than this links none (like claims' max_df).
    context_max_df: int = 40


def article_figures(article: Article, settings: None = None) -> list[dict]:
    """The figures of the article's body sentences (a cached per-article task).

    Each: sentence_index, start, end (in the sentence), text, kind, low, high
    (None: no upper bound), unit, value, noun (as written, "" when unclear),
    stem (the noun's), file (its WordNet lexicographer file), context (stems
    of the words around the figure), complement (stems of the noun's "of"
    phrase: "extension of tax cuts").
    """
    del settings  # one way to read figures; the parameter is Runner.map's shape
    out = []
    for sentence in article.sentences:
        if not sentence.is_body:
            continue
        for figure in parse_figures(sentence.text):
            noun = measured_noun(sentence.text, figure.start, figure.end, figure.kind)
            out.append({
                "sentence_index": sentence.index, "start": figure.start, "end": figure.end, "text": figure.text,
                "kind": figure.kind, "low": figure.low, "high": None if math.isinf(figure.high) else figure.high,
                "unit": figure.unit, "value": figure.value, "noun": noun, "stem": noun_stem(noun) if noun else "",
                "file": noun_file(noun) if noun else "",
                "context": figure_context(sentence.text, figure.start, figure.end, noun),
                "complement": noun_complement(sentence.text, figure.start, figure.end, figure.kind),
            })
    return out


def figure_table(corpus: Corpus | Sequence[Article], settings: FigureSettings = FigureSettings(), *,
                 runner: Runner | None = None, stories: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per figure an article gives for a fact, the facts where articles disagree first.

    Columns: fact ("F1", ... disagreements first, then by how many articles
    give the fact, then where it first appears), article (path), figure (as
    written), sentence_index, sentence, kind, value (as a reader says it),
    low, high (the interval it stands for, in the unit; high may be inf),
    unit, measures (the noun as written, "" when unclear), fact_label
    ("duration of call / conversation / talks"), disagree (some two articles
    give no compatible figures for the fact), articles (how many give it),
    start, end (the figure's span in the sentence).

    ``stories``: each article's story, in order; a fact then spans two stories only where their
    sentences say one thing around the figures (:func:`~analysis.story.fact_grouping.within_stories`).
    """
    articles = list(corpus.articles if isinstance(corpus, Corpus) else corpus)
    runner = runner or Runner()
    found = runner.map(article_figures, articles, None) if articles else []
    flat = [(i, r) for i, records in enumerate(found) for r in records]
    if not flat:
        return _frame(articles, [])

    def line_up() -> pd.DataFrame:
        figs = [Fig(n, i, r, articles[i].sentences[r["sentence_index"]].text) for n, (i, r) in enumerate(flat)]
        facts = group_facts(figs, settings)
        return _frame(articles, within_stories(facts, list(stories), settings) if stories is not None else facts)

    # Kept whole, as a story's claims are: lining figures up needs the WordNet table,
    # seconds to read in every fresh process (each CLI run, each report).
    digest = hashlib.sha256("\n".join(f"{a.path}\0{a.id}" for a in articles).encode()
                            + repr(None if stories is None else list(stories)).encode()).hexdigest()[:24]
    return runner.corpus_wide(task_key("analysis.story.figures.table"), settings, digest, line_up,
                              frame_to_json, frame_from_json)


# The numeric columns' types, which a table without figures cannot infer.
_TYPES = {"sentence_index": "int64", "low": float, "high": float, "disagree": bool, "articles": "int64",
          "start": "int64", "end": "int64"}


def _disagree(fact: list[Fig]) -> bool:
    """Some two articles give no compatible figures for the fact."""
    if fact[0].record["kind"] == DATE:
        return False
    figures = [f.figure for f in fact]
    if max(f.low for f in figures) <= min(f.high for f in figures):
        return False  # every figure overlaps every other: the common case, no pairs needed
    held: dict[int, list[Figure]] = defaultdict(list)
    for fig, figure in zip(fact, figures):
        held[fig.article].append(figure)
    articles = list(held.values())
    return any(not any(compatible(x, y) for x in a for y in b)
               for i, a in enumerate(articles) for b in articles[i + 1:])


def _label(fact: list[Fig]) -> str:
    """ "duration of call / conversation / talks", or "date: Wednesday" for a fact without a noun."""
    kind = fact[0].record["kind"]
    nouns: Counter[str] = Counter()
    written: dict[str, str] = {}
    for fig in fact:
        word = fig.record["stem"]
        if word and kind != DATE:
            nouns[word] += 1
            written.setdefault(word, fig.record["noun"].lower())
    if not nouns:
        return f"{_KIND_WORDS[kind]}: {fact[0].record['value']}"
    order = sorted(nouns, key=lambda w: (-nouns[w], written[w]))
    return f"{_KIND_WORDS[kind]} of " + " / ".join(written[w] for w in order)


def _frame(articles: list[Article], facts: list[list[Fig]]) -> pd.DataFrame:
    described = []
    for fact in facts:
        fact.sort(key=lambda f: f.number)
        described.append((not _disagree(fact), -len({f.article for f in fact}), fact[0].number, fact))
    described.sort(key=lambda d: d[:3])
    rows = []
    for number, (agree, size, _, fact) in enumerate(described, start=1):
        label = _label(fact)
        for fig in fact:
            r = fig.record
            rows.append({
                "fact": f"F{number}", "article": articles[fig.article].path, "figure": r["text"],
                "sentence_index": r["sentence_index"], "sentence": fig.sentence, "kind": r["kind"],
                "value": r["value"], "low": float(r["low"]), "high": float(fig.figure.high), "unit": r["unit"],
                "measures": r["noun"], "fact_label": label, "disagree": not agree, "articles": -size,
                "start": r["start"], "end": r["end"],
            })
    return pd.DataFrame(rows, columns=FIGURE_TABLE_COLUMNS).astype(_TYPES)


def figures_by_event(corpus: Corpus, events: pd.DataFrame, *, runner: Runner | None = None) -> pd.DataFrame:
    """`storylens figures`: :func:`figure_table` plus the ``event`` (story) each figure's article is in.

    ``events`` is :func:`analysis.story.events.find_events`' frame (article, event at least).
    """
    story = events.set_index("article")["event"]
    # A fact spans two stories only where their sentences say one thing; the event column says which.
    table = figure_table(corpus, runner=runner, stories=[str(story.get(a.path, "")) for a in corpus.articles])
    table["event"] = table["article"].map(story)
    return table


def fact_summary(table: pd.DataFrame) -> pd.DataFrame:
    """One row per fact: fact, fact_label, kind, articles, disagree, then one column per article.

    An article's column holds the values it gives for the fact ("75 minutes";
    several joined by "; "), "" when it gives none. Facts keep the table's order.
    """
    base = ["fact", "fact_label", "kind", "articles", "disagree"]
    if table.empty:
        return pd.DataFrame(columns=base)
    facts = table.drop_duplicates("fact").set_index("fact")[base[1:]]
    values = (table.groupby(["fact", "article"], sort=False)["value"]
              .agg(lambda v: "; ".join(dict.fromkeys(v))).unstack("article"))
    paths = list(dict.fromkeys(table["article"]))
    values = values.reindex(index=facts.index, columns=paths).fillna("")
    return pd.concat([facts, values], axis=1).rename_axis("fact").reset_index()


def figures_apart(table: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The figures article ``a`` gives that ``b`` does not, and those ``b`` gives that ``a`` does not.

    A figure is one the other does not give when the other article has no
    compatible figure for the same fact. Columns: article, figure,
    sentence_index, sentence (as Compare's old unique figures), fact,
    fact_label, value, start, end; rows A's first, each in sentence order.
    """
    rows = []
    for mine, other in ((a, b), (b, a)):
        theirs = table[table["article"] == other]
        for row in table[table["article"] == mine].sort_values(["sentence_index", "start"]).itertuples(index=False):
            same = theirs[theirs["fact"] == row.fact]
            if not any(_row_compatible(row, other_row) for other_row in same.itertuples(index=False)):
                rows.append({column: getattr(row, column) for column in APART_COLUMNS})
    return pd.DataFrame(rows, columns=APART_COLUMNS)


def pair_figures_apart(a: Article, b: Article, *, runner: Runner | None = None) -> pd.DataFrame:
    """:func:`figures_apart` of two articles, their figures lined up between the two alone (the Compare page)."""
    return figures_apart(figure_table([a, b], runner=runner), a.path, b.path)


def _row_compatible(x, y) -> bool:
    a, b = (Figure(r.start, r.end, r.figure, r.kind, r.low, r.high, r.unit, r.value) for r in (x, y))
    return compatible(a, b)
