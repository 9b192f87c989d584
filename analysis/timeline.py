"""Time: how many articles each outlet (story, actor, topic) had per day, week or month, and who came first.

Periods are read from ``Article.published`` in its normal form
(:mod:`analysis.corpus.dates`): a day, or an instant in the offset its
source wrote, so a period is the day the outlet printed (23:37 in New York on
6 December is of the 6th), an ISO week (``2025-W01`` holds 2024-12-30) or a
calendar month of those days; who came first is the instants' order. Articles without a date are never dropped: they are
counted apart, in a period of their own (``undated``).

Who carries what (the groups) comes from the analyses that already know it:
the outlet from the article, the story from :func:`find_events`, the actors
from the actor layer, the topics from the coverage matrix. Nothing here reads
article text.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from analysis.engine.batch import Runner, task_name
from analysis.corpus import Article, Corpus
from analysis.corpus.tables import NO_OUTLET, outlet_of
from analysis.corpus.dates import earliest_first, published_day, published_order, published_utc
from analysis.lexicon import Lexicon
from analysis.story.events import find_events
from analysis.engine.versions import task_key
from analysis.frame_json import frame_from_json, frame_to_json

if TYPE_CHECKING:
    from analysis.actors import ActorLayer

__all__ = [
    "EVERY", "BY", "UNDATED", "ALL", "NO_OUTLET", "NO_DATES", "NoDates", "BadPeriod", "choose_every", "period_of",
    "outlet_of", "periods_between", "article_periods", "timeline", "actor_attention", "timeline_grid",
    "first_appearances", "first_appearance_summary", "copy_lag", "describe_delay",
]

EVERY = ("day", "week", "month")
BY = ("outlet", "event", "actor", "topic", "none")
UNDATED = "undated"  # the period of an article with no date
ALL = "all articles"  # the one group of by="none"
# Span (first to last dated article) up to which a finer period is chosen: three
# weeks read well day by day; half a year week by week; longer, month by month.
DAY_SPAN_DAYS = 21
WEEK_SPAN_DAYS = 183
TIMELINE_COLUMNS = ["period", "group", "articles"]
NO_DATES = ("no article has a publication date: add a `published` column to metadata.csv, "
            "or use saved pages (.html), which carry their dates")


class NoDates(Exception):
    """No article in play has a publication date."""


class BadPeriod(ValueError):
    """A period other than day, week or month."""


def _check_every(every: str) -> None:
    if every not in EVERY:
        raise BadPeriod(f"no period {every!r}: choose one of {', '.join(EVERY)}")


def _days(source: Corpus | Iterable[str]) -> list[date]:
    values = [a.published for a in source.articles] if isinstance(source, Corpus) else list(source)
    return [d for d in map(published_day, values) if d is not None]


def choose_every(source: Corpus | Iterable[str]) -> str:
    """The period that suits the span of the dates (a corpus, or normalised ``published`` values).

    Raises NoDates when none is dated.
    """
    days = _days(source)
    if not days:
        raise NoDates(NO_DATES)
    span = (max(days) - min(days)).days
    return "day" if span <= DAY_SPAN_DAYS else "week" if span <= WEEK_SPAN_DAYS else "month"


def period_of(published: str, every: str) -> str | None:
    """The period label of a normalised ``published`` value, None when it holds no date.

    >>> period_of("2024-12-30", "week")
    '2025-W01'
    >>> period_of("2025-06-30T23:30:00-05:00", "month")
    '2025-06'
    """
    _check_every(every)
    day = published_day(published)
    if day is None:
        return None
    if every == "day":
        return day.isoformat()
    if every == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def periods_between(first: str, last: str, every: str) -> list[str]:
    """Every period label from ``first``'s to ``last``'s, in order, empty ones included (both dates normalised)."""
    start, end = published_day(first), published_day(last)
    if start is None or end is None:
        return []
    labels, day = [], start
    while day <= end:
        label = period_of(day.isoformat(), every)
        if not labels or labels[-1] != label:
            labels.append(label)
        if every == "day":
            day += timedelta(days=1)
        elif every == "week":
            day += timedelta(days=7 - day.weekday())  # the next Monday
        else:
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    last_label = period_of(end.isoformat(), every)
    if labels[-1] != last_label:
        labels.append(last_label)
    return labels


def article_periods(corpus: Corpus, every: str) -> pd.DataFrame:
    """One row per article with its period, the way every timeline counts it.

    Columns: article (path), title, outlet (:func:`outlet_of`), published,
    period (``undated`` when the article has no date).
    """
    _check_every(every)
    rows = [{"article": a.path, "title": a.title, "outlet": outlet_of(a), "published": a.published,
             "period": period_of(a.published, every) or UNDATED} for a in corpus.articles]
    return pd.DataFrame(rows, columns=["article", "title", "outlet", "published", "period"])


def _own_lexicon(given: Lexicon | None, toml: str | None, parse) -> Lexicon | None:
    if given is not None:
        return given
    return parse(toml) if toml else None


def _actor_members(mentions: pd.DataFrame) -> pd.DataFrame:
    # `mentions` as the actors command counts it: the sentences naming the actor.
    named = mentions.drop_duplicates(["article", "actor", "sentence_index"])
    counts = named.groupby(["article", "actor"], sort=False).size().rename("mentions").reset_index()
    return counts.rename(columns={"actor": "group"})


def _memberships(corpus: Corpus, by: str, runner: Runner, actors: Lexicon | None,
                 topics: Lexicon | None) -> pd.DataFrame:
    """Which group(s) each article counts under: article, group (+ mentions or sentences)."""
    if by == "outlet":
        return pd.DataFrame({"article": [a.path for a in corpus.articles],
                             "group": [outlet_of(a) for a in corpus.articles]})
    if by == "none":
        return pd.DataFrame({"article": [a.path for a in corpus.articles], "group": ALL})
    if by == "event":
        events = find_events(corpus, runner=runner)
        return pd.DataFrame({"article": events["article"], "group": events["event"]})
    # Imported here: actors and topics bring yake and the name finder, which the Overview's
    # timeline by outlet (the app's first page) does not need.
    if by == "actor":
        from analysis import actors as actor_analysis

        lexicon = _own_lexicon(actors, corpus.actors_toml, actor_analysis.parse_actors)
        return _kept_whole(runner, corpus, by, lexicon, task_name(actor_analysis.article_mentions),
                           lambda: _actor_members(actor_analysis.actor_layer(corpus, lexicon, runner=runner).mentions))
    if by == "topic":
        from analysis import topics as topic_analysis
        from analysis.keywords import article_keywords

        lexicon = _own_lexicon(topics, corpus.topics_toml, topic_analysis.parse_topics)

        def covered() -> pd.DataFrame:
            named = lexicon if lexicon is not None else topic_analysis.suggest_topics(corpus, runner=runner)
            coverage = topic_analysis.coverage_matrix(corpus, named)
            coverage = coverage[coverage["sentences"] > 0]
            return coverage[["article", "topic", "sentences"]].rename(columns={"topic": "group"})

        return _kept_whole(runner, corpus, by, lexicon, task_name(article_keywords), covered)
    raise ValueError(f"no grouping {by!r}: choose one of {', '.join(BY)}")


def _kept_whole(runner: Runner, corpus: Corpus, by: str, lexicon: Lexicon | None, reads: str,
                compute) -> pd.DataFrame:
    """``compute()``'s memberships, kept whole per corpus: resolving thousands of articles' names, or
    suggesting their topics, takes seconds even with every article's part cached (as events do).
    ``reads`` names the per-article task it is built from, so a new version of that recomputes it."""
    task = f"{task_key('analysis.timeline.memberships')}+{reads}"
    return runner.corpus_wide(task, (by, lexicon), corpus.key, compute, frame_to_json, frame_from_json)


def _period_order(period: str) -> tuple[bool, str]:
    return period == UNDATED, period


def timeline(corpus: Corpus, by: str = "outlet", every: str = "week", *, runner: Runner | None = None,
             actors: Lexicon | None = None, topics: Lexicon | None = None) -> pd.DataFrame:
    """Articles per period and group, one row per period and group that has any.

    Columns: period (``YYYY-MM-DD``, ``YYYY-Www`` or ``YYYY-MM``; ``undated``
    for the articles with no date, last), group (outlet, event id, actor,
    topic, or ``all articles``), articles; ``mentions`` (sentences naming the
    actor) for by="actor"; ``sentences`` (sentences covering the topic) for
    by="topic". Sorted by period, then group. ``actors`` / ``topics``:
    the lexicon to use, else the corpus's own, else discovered / suggested.
    Raises BadPeriod for an unknown ``every``, NoDates when no article is dated.
    """
    _check_every(every)
    if by not in BY:
        raise ValueError(f"no grouping {by!r}: choose one of {', '.join(BY)}")
    periods = _dated_periods(corpus, every)
    return _count(_memberships(corpus, by, runner or Runner(), actors, topics), periods)


def actor_attention(layer: ActorLayer, corpus: Corpus, every: str,
                    chosen: Iterable[str] | None = None) -> pd.DataFrame:
    """Articles naming each actor per period, from an actor layer already built: :func:`timeline` by="actor".

    ``chosen``: only these actors. Raises NoDates when no article is dated.
    """
    periods = _dated_periods(corpus, every)
    mentions = layer.mentions
    if chosen is not None:  # before counting: on thousands of articles most mentions are of others
        mentions = mentions[mentions["actor"].isin(set(chosen))]
    return _count(_actor_members(mentions), periods)


def _dated_periods(corpus: Corpus, every: str) -> pd.DataFrame:
    periods = article_periods(corpus, every)
    if not (periods["period"] != UNDATED).any():
        raise NoDates(NO_DATES)
    return periods


def _count(members: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    extra = [c for c in ("mentions", "sentences") if c in members.columns]
    joined = members.merge(periods[["article", "period"]], on="article", how="inner")
    columns = TIMELINE_COLUMNS + extra
    if joined.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("period", "group") else "int64") for c in columns})
    aggregations = {"articles": ("article", "nunique"), **{c: (c, "sum") for c in extra}}
    table = joined.groupby(["period", "group"], sort=False).agg(**aggregations).reset_index()
    table["_order"] = table["period"].map(_period_order)
    table = table.sort_values(["_order", "group"], kind="stable").drop(columns="_order")
    return table[columns].astype({c: "int64" for c in columns[2:]}).reset_index(drop=True)


def timeline_grid(table: pd.DataFrame, every: str, value: str = "articles") -> pd.DataFrame:
    """A :func:`timeline` table as periods x groups, every period of the span (zeros where none), undated last."""
    dated = table[table["period"] != UNDATED]
    if dated.empty:
        return pd.DataFrame()
    grid = table.pivot_table(index="period", columns="group", values=value, aggfunc="sum", fill_value=0)
    span = periods_between(_start_of(dated["period"].min(), every), _start_of(dated["period"].max(), every), every)
    order = span + ([UNDATED] if UNDATED in grid.index else [])
    return grid.reindex(order, fill_value=0).astype("int64")


def _start_of(period: str, every: str) -> str:
    """The first day of a period label, as a normalised date."""
    if every == "week":
        year, week = period.split("-W")
        return date.fromisocalendar(int(year), int(week), 1).isoformat()
    return period if every == "day" else f"{period}-01"


# --- who came first -----------------------------------------------------------


def _hours_between(earlier: str, later: str) -> float | None:
    first, then = published_utc(earlier), published_utc(later)
    if first is None or then is None:
        return None
    return (then - first).total_seconds() / 3600


def describe_delay(hours: float | None, earlier: str = "", later: str = "") -> str:
    """How much later, in words: hours when both dates carry a time, else days ("same day", "2 days later")."""
    if hours is None or pd.isna(hours):
        return "undated"
    precise = len(earlier) > 10 and len(later) > 10
    if precise and abs(hours) < 48:
        if round(hours) == 0:
            return "at the same time" if hours * 60 < 1 else f"{round(hours * 60)} min later"
        return f"{round(hours)} h later"
    first, then = published_day(earlier), published_day(later)
    days = (then - first).days if first and then else round(hours / 24)
    return "same day" if days == 0 else "1 day later" if days == 1 else f"{days} days later"


FIRST_COLUMNS = ["claim", "article", "outlet", "published", "sentence_index", "sentence", "order", "first",
                 "first_article", "first_outlet", "first_published", "delay_hours", "later"]


def first_appearances(claims: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """Every article carrying each claim, in order of publication: who said it first, who followed, how much later.

    ``claims`` is :func:`analysis.story.claims.find_claims`' table. One row per
    claim and article. Columns: claim, article, outlet, published,
    sentence_index and sentence (the article's first sentence stating the
    claim), order (1 for the first), first (bool), first_article,
    first_outlet, first_published, delay_hours (after the first; NaN when
    either is undated), later (the delay in words). Undated articles follow
    the dated ones and are never taken as first while any is dated.
    """
    if claims.empty:
        return pd.DataFrame(columns=FIRST_COLUMNS)
    known = {a.path: (a, i) for i, a in enumerate(corpus.articles)}
    rows = claims[claims["article"].isin(known)]
    claim_order = {c: i for i, c in enumerate(dict.fromkeys(rows["claim"]))}
    rows = rows.assign(_claim=rows["claim"].map(claim_order)).sort_values(["_claim", "sentence_index"], kind="stable")
    rows = rows.drop_duplicates(["claim", "article"])
    out = []
    for claim, group in rows.groupby("claim", sort=False):
        ordered = sorted(zip(group["article"], group["sentence_index"], group["sentence"]),
                         key=lambda r: earliest_first(known[r[0]][0].published, known[r[0]][1]))
        first = known[ordered[0][0]][0]
        for order, (path, index, sentence) in enumerate(ordered, start=1):
            article = known[path][0]
            hours = _hours_between(first.published, article.published)
            out.append({"claim": claim, "article": path, "outlet": outlet_of(article),
                        "published": article.published, "sentence_index": int(index), "sentence": sentence,
                        "order": order, "first": order == 1, "first_article": first.path,
                        "first_outlet": outlet_of(first), "first_published": first.published,
                        "delay_hours": float("nan") if hours is None else hours,
                        "later": "first" if order == 1 else describe_delay(hours, first.published,
                                                                            article.published)})
    return pd.DataFrame(out, columns=FIRST_COLUMNS)


def first_appearance_summary(firsts: pd.DataFrame) -> pd.DataFrame:
    """One row per claim, earliest first appearance first (undated claims last).

    Columns: claim, first_published, first_article, first_outlet, articles,
    followers (the outlets that followed, with how much later, in order),
    last_hours (from the first to the last dated article).
    """
    columns = ["claim", "first_published", "first_article", "first_outlet", "articles", "followers", "last_hours"]
    if firsts.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for claim, group in firsts.groupby("claim", sort=False):
        head = group.iloc[0]
        rest = group.iloc[1:]
        rows.append({"claim": claim, "first_published": head["first_published"], "first_article": head["first_article"],
                     "first_outlet": head["first_outlet"], "articles": len(group),
                     "followers": "; ".join(f"{o} ({t})" for o, t in zip(rest["outlet"], rest["later"])),
                     "last_hours": group["delay_hours"].max()})
    summary = pd.DataFrame(rows, columns=columns)
    summary = summary.sort_values("first_published", key=lambda s: s.map(published_order), kind="stable")
    return summary.reset_index(drop=True)


def copy_lag(pairs: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """:func:`analysis.story.copies.find_copies`' pairs with when each came out and how much later the copy did.

    Adds columns published_a, published_b, lag_hours (NaN when either is
    undated), later (in words). Copies already put the earlier article first.
    """
    published = {a.path: a.published for a in corpus.articles}
    a_dates = pairs["article_a"].map(published).fillna("")
    b_dates = pairs["article_b"].map(published).fillna("")
    hours = [_hours_between(a, b) for a, b in zip(a_dates, b_dates)]
    return pairs.assign(published_a=a_dates, published_b=b_dates,
                        lag_hours=[float("nan") if h is None else h for h in hours],
                        later=[describe_delay(h, a, b) for h, a, b in zip(hours, a_dates, b_dates)])
