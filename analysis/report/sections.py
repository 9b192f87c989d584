"""What each section of the report shows, as plain values for the template.

Each function takes the results the pages and the CLI compute (claims,
figures, the actor layer, keywords, copies) and shapes them into rows; none
computes an analysis of its own. Text from articles stays text here: the
template escapes it (a highlight is a list of (piece, marked) runs).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis import actors, timeline
from analysis.actors import charts as actor_charts
from analysis.engine.batch import Runner
from analysis.charts import fold_minor_groups, period_bars
from analysis.corpus import Corpus
from analysis.corpus.tables import outlet_groups
from analysis.corpus.dates import published_day
from analysis.labels import marked_parts
# By its full name: `from analysis.report import charts` would wait for the package's __init__, which
# imports this module (an import cycle, tests/test_import_cycles.py).
import analysis.report.charts as charts
from analysis.story import claims as story_claims
from analysis.story import figures as story_figures
from analysis.story.in_play import fellows, stories_in_play, story_of

SAID = {"shared": "said alike", "reworded": "reworded", "": "not said"}
# Rows of the claim x article chart; the list below it holds every claim.
MATRIX_ROWS = 100
# Actors whose naming the report details (most mentioned first).
NAMING_ACTORS = 12
# Pairs of articles with copied passages listed.
COPIES_SHOWN = 50
VOICE = {actors.AUTHOR: "author's voice", actors.QUOTED: "in a quotation", actors.SPEAKER: "the actor speaking"}


def _ints(values) -> list[int]:
    return [int(v) for v in values]


def in_play(corpus: Corpus, events: pd.DataFrame) -> dict:
    """Articles, outlets, span, stories, the files skipped and the loader's warnings (metadata.csv's problems)."""
    stories = story_of(events)
    days = sorted(d for d in (published_day(a.published) for a in corpus.articles) if d)
    articles = [{"path": a.path, "title": a.title, "outlet": a.outlet, "published": a.published,
                 "words": a.words, "sentences": len(a.sentences), "story": stories.get(a.path, "")}
                for a in corpus.articles]
    told = stories_in_play(events, corpus).drop_duplicates("event")
    return {
        "articles": articles,
        "outlets": sorted({a.outlet for a in corpus.articles if a.outlet}),
        "first": days[0].isoformat() if days else "", "last": days[-1].isoformat() if days else "",
        "undated": sum(not d for d in (published_day(a.published) for a in corpus.articles)),
        "stories": [{"event": r.event, "title": r.event_title,
                     "articles": int((events["event"] == r.event).sum())} for r in told.itertuples()],
        "skipped": [{"path": s.path, "reason": s.reason} for s in corpus.skipped],
        "duplicates": [{"path": p, "repeats": of} for p, of in corpus.duplicates],
        "warnings": list(corpus.warnings),
    }


def timeline_section(corpus: Corpus, runner: Runner) -> dict:
    """Articles per period and outlet (the Overview's chart), the period chosen from the span; or why there is none."""
    try:
        every = timeline.choose_every(corpus)
    except timeline.NoDates:
        return {"dated": False}
    table, _ = fold_minor_groups(timeline.timeline(corpus, "outlet", every, runner=runner))
    grid = timeline.timeline_grid(table, every)
    return {"dated": True, "every": every, "undated": sum(not a.published for a in corpus.articles),
            "chart": charts.figure_spec(period_bars(grid, "articles"))}


def claims(corpus: Corpus, found: pd.DataFrame, titles: dict[str, str]) -> dict:
    """The claim x article chart, and each claim with its sentences side by side, in order of publication."""
    summary = story_claims.claim_summary(found)
    if found.empty:
        return {"count": 0, "claims": [], "chart": None, "shown": 0}
    grid = story_claims.claim_matrix(found, list(titles))
    labels = summary.set_index("claim")["label"].to_dict()
    dated = any(a.published for a in corpus.articles)
    firsts = timeline.first_appearances(found, corpus)
    later = {(r.claim, r.article): r.later for r in firsts.itertuples()}
    order = {(r.claim, r.article): r.order for r in firsts.itertuples()}
    leads = timeline.first_appearance_summary(firsts).set_index("claim")
    listed = []
    by_claim = dict(tuple(found.groupby("claim", sort=False)))
    for row in summary.itertuples():
        members = by_claim[row.claim]
        members = members.assign(_order=[order.get((row.claim, a), 0) for a in members["article"]])
        lead = leads.loc[row.claim] if row.claim in leads.index else None
        listed.append({
            "claim": row.claim, "label": row.label, "articles": int(row.articles), "shared": int(row.shared),
            "reworded": int(row.reworded), "event": members["event"].iloc[0],
            "first": (f"{lead['first_outlet']}, {lead['first_published'] or 'undated'}"
                      if dated and lead is not None else ""),
            "followers": lead["followers"] if dated and lead is not None else "",
            "sentences": [{"title": titles.get(m.article, m.article), "article": m.article,
                           "said": SAID[m.status], "similarity": round(float(m.similarity), 2),
                           "index": int(m.sentence_index), "later": later.get((row.claim, m.article), "")
                           if dated else "",
                           "parts": marked_parts(m.sentence, [(m.part_start, m.part_end)])}
                          for m in members.sort_values("_order", kind="stable").itertuples()],
        })
    return {"count": len(summary), "claims": listed, "chart": charts.claim_matrix(grid.head(MATRIX_ROWS), titles, labels),
            "shown": min(MATRIX_ROWS, len(summary)), "shared": int(summary["shared"].sum()),
            "reworded": int(summary["reworded"].sum())}


def alone_and_missing(corpus: Corpus, found: pd.DataFrame, events: pd.DataFrame, titles: dict[str, str]) -> list:
    """Per article: what only it reports, and the claims most of its story carry that it leaves out."""
    out = []
    for path in titles:
        # What it leaves out is judged against the other articles of its own story, as the Story page does.
        told_with = fellows(events, path)
        alone = story_claims.only_in(corpus, found, path)
        missing = story_claims.missing_from(found, path, told_with) if not found.empty else pd.DataFrame(
            columns=["claim", "label", "articles"])
        out.append({"title": titles[path], "path": path, "others": len(told_with) - 1,
                    "alone": [{"index": int(r.sentence_index), "sentence": r.sentence} for r in alone.itertuples()],
                    "missing": [{"claim": r.claim, "label": r.label, "articles": int(r.articles)}
                                for r in missing.itertuples()]})
    return out


def figures(table: pd.DataFrame, events: pd.DataFrame, titles: dict[str, str]) -> dict:
    """The facts on which articles disagree, each with the sentences giving its figures; the others counted.

    ``table`` is :func:`~analysis.story.figures.figures_by_event`'s, the Story page's: its ``event`` column says
    each article's story; ``events`` holds the stories of the articles in play, figures or not.
    """
    if table.empty:
        return {"facts": 0, "disagree": [], "agree": []}
    summary = story_figures.fact_summary(table)
    disagree, agree = [], []
    by_fact = dict(tuple(table.groupby("fact", sort=False)))
    for fact in summary.itertuples():
        rows = by_fact[fact.fact]
        entry = {"fact": fact.fact, "label": fact.fact_label, "kind": fact.kind, "articles": int(fact.articles),
                 "given": "; ".join(dict.fromkeys(rows["value"])),
                 "sentences": [{"title": titles.get(r.article, r.article), "story": r.event,
                                "figure": r.figure, "value": r.value, "index": int(r.sentence_index),
                                "parts": marked_parts(r.sentence, [(r.start, r.end)])} for r in rows.itertuples()]}
        (disagree if fact.disagree else agree).append(entry)
    return {"facts": len(summary), "disagree": disagree, "agree": agree,
            "stories": events["event"].nunique()}


def actor_section(corpus: Corpus, layer: actors.ActorLayer, table: pd.DataFrame, titles: dict[str, str],
                  note: str, source: str) -> dict:
    """Treatment (chart and table, with the agreement note), naming of the leading actors, who is quoted."""
    groups = outlet_groups(corpus.articles)
    names = actors.names_table(layer)
    leading = list(table.groupby("actor")["mentions"].sum().sort_values(ascending=False).index) if len(table) else []
    naming = []
    for actor in leading[:NAMING_ACTORS]:
        grid = actors.naming_grid(names, actor)
        if grid.empty:
            continue
        naming.append({"actor": actor, "type": layer.types.get(actor, ""),
                       "columns": [titles.get(p, p) for p in grid.columns],
                       "rows": [{"form": form, "counts": _ints(grid.loc[form])} for form in grid.index]})
    voices = actors.voices_table(layer)
    quotes = actors.quote_table(layer)
    rows = [{"title": titles.get(r.article, r.article), "actor": r.actor, "type": r.type,
             "mentions": int(r.mentions), "positive": int(r.positive), "negative": int(r.negative),
             "quoted": int(r.quoted), "sentiment": round(float(r.sentiment), 2), "label": r.label}
            for r in table.itertuples()]
    return {
        "source": source, "note": note, "count": len(leading), "treatment": rows,
        "chart": charts.figure_spec(actor_charts.treatment(table, titles, groups)) if len(table) else None,
        "grouped": len(titles) > actor_charts.CHART_MAX_ARTICLES, "naming": naming,
        "naming_more": max(0, len(leading) - NAMING_ACTORS),
        "voices_chart": charts.figure_spec(actor_charts.voices(voices, titles)) if len(voices) else None,
        "voices": [{"title": titles.get(r.article, r.article), "speaker": r.speaker, "quotations": int(r.quotations),
                    "words": int(r.words), "share": round(float(r.share), 2)} for r in voices.itertuples()],
        "quotes": [{"title": titles.get(r.article, r.article), "speaker": r.speaker, "quote": r.quote,
                    "index": int(r.sentence_index)} for r in quotes.itertuples()],
    }


def keyword_section(table: pd.DataFrame, titles: dict[str, str]) -> list:
    """Per article, the keywords that set it apart from the others (distinctive mode)."""
    return [{"title": titles[path], "path": path,
             "keywords": [{"keyword": r.keyword, "score": round(float(r.score), 3), "sentences": int(r.sentences),
                           "others": int(r.other_articles)} for r in table[table["article"] == path].itertuples()]}
            for path in titles]


def copies(corpus: Corpus, pairs: pd.DataFrame, titles: dict[str, str], shown: int = COPIES_SHOWN) -> dict:
    """Pairs of articles sharing passages word for word, most shared first, with the longest passage and the lag."""
    pairs = timeline.copy_lag(pairs, corpus)
    rows = [{"a": titles.get(r.article_a, r.article_a), "b": titles.get(r.article_b, r.article_b),
             "words": int(r.words), "passages": int(r.passages), "share_a": round(float(r.share_a), 2),
             "share_b": round(float(r.share_b), 2), "passage": r.passage, "later": r.later}
            for r in pairs.head(shown).itertuples()]
    return {"pairs": len(pairs), "rows": rows, "dated": any(a.published for a in corpus.articles)}


def settings_rows(named: Sequence[tuple[str, object]]) -> list[dict]:
    """Each settings object as name and its fields, for the generated-by line."""
    return [{"name": name, "value": repr(value)} for name, value in named]
