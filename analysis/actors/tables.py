"""The tables the Actors page and the CLI show, shaped from one :class:`ActorLayer`."""

from __future__ import annotations

import pandas as pd

from analysis.actors.evidence import ActorLayer
from analysis.actors.sentiment import sentence_scores
from analysis.engine.batch import Runner
from analysis.corpus import Corpus

__all__ = ["mention_table", "names_table", "naming_grid", "quote_table", "voices_table", "actor_evidence",
           "widest_first"]


def mention_table(layer: ActorLayer) -> pd.DataFrame:
    """One row per mention of a person or organisation.

    Columns: article, sentence_index, start, end (character offsets in the
    sentence), text, actor, type, form, voice.
    """
    return layer.mentions[["article", "sentence_index", "start", "end", "text", "actor", "type", "form",
                           "voice"]].reset_index(drop=True)


def names_table(layer: ActorLayer) -> pd.DataFrame:
    """How each article names each actor: one row per article, actor and form, most used first.

    Columns: article, actor, form (the words naming the actor, titles and
    appositions included, "former U.S. President Donald Trump"), count,
    sentences (the sentence indices, for the evidence).
    """
    mentions = layer.mentions
    columns = ["article", "actor", "form", "count", "sentences"]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    # Plain dicts over the columns: a pandas aggregation with a Python function per group cost
    # half a second on the 27,000 (article, actor, form) groups of the BBC articles, on every page run.
    groups: dict[tuple[str, str, str], list] = {}
    for key in zip(mentions["article"].tolist(), mentions["actor"].tolist(), mentions["form"].tolist(),
                   mentions["sentence_index"].tolist()):
        entry = groups.setdefault(key[:3], [0, set()])
        entry[0] += 1
        entry[1].add(key[3])
    order = {path: i for i, path in enumerate(dict.fromkeys(mentions["article"].tolist()))}
    rows = sorted(((*key, count, sorted(indices)) for key, (count, indices) in groups.items()),
                  key=lambda row: (order[row[0]], row[1], -row[3], row[2]))
    return pd.DataFrame(rows, columns=columns)


def naming_grid(names: pd.DataFrame, actor: str) -> pd.DataFrame:
    """One actor's forms by article: rows are forms, columns articles, cells the count (0 when unused)."""
    mine = names[names["actor"] == actor]
    if mine.empty:
        return pd.DataFrame()
    grid = mine.pivot_table(index="form", columns="article", values="count", aggfunc="sum", fill_value=0)
    return grid.loc[grid.sum(axis=1).sort_values(ascending=False).index]


def quote_table(layer: ActorLayer) -> pd.DataFrame:
    """One row per direct quotation: article, sentence_index, speaker (actor or unknown), quote, words, cue."""
    return layer.quotes[["article", "sentence_index", "speaker", "quote", "words", "cue"]].reset_index(drop=True)


def voices_table(layer: ActorLayer) -> pd.DataFrame:
    """Who each article quotes and how much: one row per article and speaker, most words first.

    Columns: article, speaker, type, quotations, words, share (of the
    article's quoted words).
    """
    quotes = layer.quotes
    if quotes.empty:
        return pd.DataFrame(columns=["article", "speaker", "type", "quotations", "words", "share"])
    table = quotes.groupby(["article", "speaker"], sort=False).agg(quotations=("quote", "size"),
                                                                  words=("words", "sum")).reset_index()
    totals = table.groupby("article")["words"].transform("sum")
    table["share"] = table["words"] / totals.where(totals > 0, 1)
    table["type"] = [layer.types.get(speaker, "") for speaker in table["speaker"]]
    table = table.sort_values(["article", "words"], ascending=[True, False], kind="stable")
    return table[["article", "speaker", "type", "quotations", "words", "share"]].reset_index(drop=True)


def widest_first(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`~analysis.actors.treatment`'s table, the actors named in the most articles first.

    Then by name, and within an actor the articles naming them in the most
    sentences first (ties in the table's order): the rows worth reading first
    when a page can draw only the first few hundred.
    """
    if table.empty:
        return table
    reach = table.groupby("actor", sort=False)["article"].transform("size")
    ordered = table.assign(_reach=reach).sort_values(["_reach", "actor", "mentions"], ascending=[False, True, False],
                                                     kind="stable")
    return ordered.drop(columns="_reach").reset_index(drop=True)


def actor_evidence(layer: ActorLayer, corpus: Corpus, actor: str, article: str | None = None,
                   method: str = "article", *, runner: Runner | None = None) -> pd.DataFrame:
    """Every sentence naming ``actor`` (in one article, or all): the evidence under each number.

    Columns: article, actor, sentence_index, sentence, voice (author, quoted,
    speaker), quote_speaker, score, verdict (positive, negative or neutral:
    whether the sentence counts as confidently one or the other), spans (the
    mentions' (start, end) in the sentence). Raises KeyError for an actor the
    layer does not hold.
    """
    if actor not in layer.types:
        raise KeyError(f"no actor {actor!r}")
    mentions = layer.mentions[layer.mentions["actor"] == actor]
    if article is not None:
        mentions = mentions[mentions["article"] == article]
    columns = ["article", "actor", "sentence_index", "sentence", "voice", "quote_speaker", "score", "verdict",
               "spans"]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    sub = ActorLayer(layer.actors, layer.types, mentions, layer.quotes)
    scores = sentence_scores(sub, corpus, method, runner=runner)
    spans = mentions.groupby(["article", "sentence_index"])[["start", "end"]].apply(
        lambda f: [tuple(map(int, p)) for p in zip(f["start"], f["end"])])
    texts = {a.path: a for a in corpus.articles}
    scores["sentence"] = [texts[a].sentences[i].text for a, i in zip(scores["article"], scores["sentence_index"])]
    scores["spans"] = [spans.get((a, i), []) for a, i in zip(scores["article"], scores["sentence_index"])]
    scores["verdict"] = ["positive" if p else "negative" if n else "neutral"
                         for p, n in zip(scores["positive"], scores["negative"])]
    return scores[columns]
