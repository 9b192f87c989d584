"""Which stories (events) a folder of articles holds: articles grouped by what they report.

An event is who + what + when. Two articles are scored on the content words
they share (the one article similarity, :mod:`analysis.text.tfidf`, which
the Overview shows too) and on the facts they share: sentences of one that
restate a sentence of the other. When both are dated, a pair that shares
words but no fact (two reports on different phone calls between the same
two leaders, or a commentary on several) counts for less; from text alone
shared facts did not help on dev data, so words decide. Titles and dates,
when known, refine the score. Articles are then grouped by average linkage,
which unlike single linkage does not chain unrelated stories through one
article that touches both.

Settings were chosen on the BASIL events of 2010-2012 and PolNeAR (not on
the samples); bench/events_tune.py chooses them and prints the held-out
figures, bench/events_bench.py the time on BBC too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.text.idf import smoothed_idf
from analysis.text.tfidf import article_vectors, cosine_matrix, normalise_rows
from analysis.text.words import content_stems, sentence_stems
from analysis.engine.batch import Runner, task_name
from analysis.article_similarity import article_stems
from analysis.corpus import Article, Corpus
from analysis.corpus.dates import published_day, published_order
from analysis.frame_json import frame_from_json, frame_to_json
from analysis.story.linkage import average_linkage_clusters

if TYPE_CHECKING:
    import scipy.sparse as sp

# scipy is imported where a grouping is computed, not with the module: the sidebar of every
# page reads the events, and a kept grouping (the cache's) needs no scipy at all.

__all__ = ["EventSettings", "find_events", "event_labels", "event_summary", "article_sentence_stems",
           "EVENT_COLUMNS", "SUMMARY_COLUMNS"]

EVENT_COLUMNS = ["article", "event", "event_title", "size", "similarity", "central", "title", "published"]
SUMMARY_COLUMNS = ["event", "event_title", "size", "first", "last", "articles"]
# A title drawn from an article's first sentence stops after this many words.
_TITLE_WORDS = 12


@dataclass(frozen=True)
class EventSettings:
    """How alike two articles must be to report one event, and what counts as alike.

    ``EventSettings(threshold=0.25)`` splits more finely; ``no_fact_weight=1.0``
    ignores shared facts and groups by shared words alone.
    """

    # The cut and no_fact_weight were chosen together on the tune years only
    # (bench/events_tune.py): many mixtures of BASIL 2010-12 events (random
    # ones of 2-30 events, each event with its three most alike, each alone),
    # scored text only (headline kept and dropped) and dated (with BASIL's
    # metadata), the mean of the two; each by mean and 10th-percentile ARI
    # and events alone kept whole, averaged over the cut moved 0.025 either
    # way (margin); PolNeAR tune false merges no more than before. It kept
    # 0.225 and 1.0 (tune 0.990; 0.2 and 0.7 score 0.986). The choice made on
    # two tune years and scored on the third is no better than keeping them
    # (0.986 vs 0.992). A dated pair close in time now never counts less than
    # an undated one (see no_fact_weight); before, it took 0.85 under 1.0.
    # Held out, read once: BASIL 2013-14 text only ARI 0.878 (unchanged), one
    # event alone whole 18 of 20; with dates ARI 0.955 -> 0.973, alone whole
    # 16 -> 18 of 20 (0.982 and 19 with 0.2 and 0.7); PolNeAR's held-out
    # outlets 0 false merges. The samples are still one story from text
    # alone (tests/test_events.py records it).
    # Average-linkage cut on the combined similarity.
    threshold: float = 0.225
    # Sentences of two articles at this cosine or more state the same fact
    # (sentence words weighted by how few of its own article's sentences use them).
    fact_similarity: float = 0.3
    # A sentence needs this many content words to carry a fact: shorter ones
    # ("Trump said no.") match by chance.
    min_fact_words: int = 3
    # Shared facts that make a pair count in full; fewer count in proportion.
    # Same-event pairs of BASIL 2010-2012 share 2 or more in 65 of 90 cases,
    # one or more in 81 (at fact_similarity 0.35).
    facts_for_full_weight: int = 2
    # What a pair sharing words but no fact is worth when the dates do not
    # say (see threshold). 1.0 ignores facts. A pair both dated within
    # same_event_days counts as if it shared one fact (the dates vouch for
    # the "when" a fact would), so never less than an undated pair: 0.85 at
    # 0.7, 1.0 at 1.0 (see _dated_no_fact_weight).
    no_fact_weight: float = 1.0
    # For a pair both dated further apart than same_event_days: the dates say
    # the "when" differs, so words alone count for little, whatever undated
    # pairs are allowed (BASIL 2010-12 with dates: ARI 1.000 at 0.3).
    far_no_fact_weight: float = 0.3
    # Share of the word similarity taken from titles when both are known.
    # Neutral on BASIL 2010-2012 at 0.1 (its headlines are in the text too);
    # 0.2 and 0.3 do worse: titles of different stories share their protagonist.
    title_weight: float = 0.1
    # Dated articles further apart than this are rarely one event...
    same_event_days: int = 7
    # ...so their similarity is scaled by this. BASIL events span 0-4 days;
    # its different events are too unlike for 0.5 and 1.0 to differ there.
    far_apart_weight: float = 0.5
    # Facts are checked for at most this many of an article's most similar
    # partners; pairs beyond them keep their word similarity. A guard for
    # folders where every article is like every other (one story told 2,000
    # times); no BBC article has more than 88 partners over the cut.
    max_fact_partners: int = 100


def article_sentence_stems(article: Article, settings: None = None) -> list[list[str]]:
    """The distinct content-word stems of each body sentence, in order (a cached per-article task)."""
    del settings  # one way to read sentences; the parameter is Runner.map's shape
    return [sorted(set(stems)) for s, stems in zip(article.sentences, sentence_stems(article)) if s.is_body]


def find_events(corpus: Corpus, settings: EventSettings = EventSettings(), *,
                runner: Runner | None = None) -> pd.DataFrame:
    """Group the corpus's articles into events (stories), one row per article.

    Columns: article (path), event ("E1", "E2"... largest first, then
    earliest, then first in the corpus), event_title, size (articles in the
    event), similarity (mean combined similarity to the event's other
    articles, NaN for a lone article), central (the article the event is
    named after), title, published. Rows follow event order, the central
    article first.
    """
    articles = list(corpus.articles)
    if not articles:
        return pd.DataFrame(columns=EVENT_COLUMNS).astype(_COLUMN_TYPES)
    runner = runner or Runner()

    def group() -> pd.DataFrame:
        counts, sentences = _per_article(articles, runner)
        return _event_rows(articles, *event_labels(articles, counts, sentences, settings))

    # Kept whole: on thousands of articles the grouping takes seconds even with every
    # article's stems cached, and the sidebar of every fresh server asks for it first.
    return runner.corpus_wide(task_name(find_events), settings, corpus.key, group, frame_to_json, frame_from_json)

# Text columns stay object, as they were kept before pandas 3 inferred str (the cache keeps dtypes by name).
_COLUMN_TYPES = {**dict.fromkeys(EVENT_COLUMNS, object), "size": "int64", "similarity": "float64", "central": "bool"}


def event_labels(articles: list[Article], counts: list[dict[str, int]], sentences: list[list[list[str]]],
                 settings: EventSettings = EventSettings()) -> tuple[np.ndarray, np.ndarray]:
    """(combined similarity, cluster label per article) from each article's stem counts and sentence stems.

    What :func:`find_events` groups by, for callers that hold the per-article
    parts already (bench/events_tune.py scores thousands of sub-folders).
    """
    matrix = _combined_similarity(articles, counts, sentences, settings)
    return matrix, _average_linkage(matrix, settings.threshold)


def _per_article(articles: list[Article], runner: Runner) -> tuple[list[dict[str, int]], list[list[list[str]]]]:
    """Stem counts and sentence stems of every article, in one pass when a cache can hold them.

    Both are read before any article-by-article matrix exists, so the
    workers a pool forks do not start with copies of it.
    """
    if runner.cache is not None:
        runner.ensure_all([(article_stems, None), (article_sentence_stems, None)], articles)
    return runner.map(article_stems, articles, None), runner.map(article_sentence_stems, articles, None)


def _combined_similarity(articles: list[Article], counts: list[dict[str, int]],
                         sentences: list[list[list[str]]], settings: EventSettings) -> np.ndarray:
    """Article-by-article similarity in [0, 1] (float32): shared words, titles, dates, then shared facts."""
    words, idf, vocabulary = article_vectors(counts)
    similarity = cosine_matrix(words)
    titles, titled = _title_vectors(articles, idf, vocabulary)
    if settings.title_weight and titled.sum() >= 2:
        block = np.ix_(titled, titled)
        shown = titles[titled]
        similarity[block] = ((1 - settings.title_weight) * similarity[block]
                             + settings.title_weight * (shown @ shown.T).toarray())
    no_fact: float | np.ndarray = settings.no_fact_weight
    days = np.array([_day(a.published) for a in articles])
    dated = ~np.isnan(days)
    if dated.sum() >= 2:
        block = np.ix_(dated, dated)
        close = np.abs(days[dated][:, None] - days[dated][None, :]) <= settings.same_event_days
        similarity[block] = np.where(close, similarity[block], similarity[block] * settings.far_apart_weight)
        no_fact = np.full(similarity.shape, settings.no_fact_weight, dtype=np.float32)
        no_fact[block] = np.where(close, _dated_no_fact_weight(settings), settings.far_no_fact_weight)
    if np.all(np.asarray(no_fact) >= 1.0):  # a pair without facts loses nothing: no facts to look for
        np.clip(similarity, 0.0, 1.0, out=similarity)
        np.fill_diagonal(similarity, 1.0)
        return similarity
    # Facts are looked for only where they could keep a pair over the cut:
    # every other pair takes the no-fact weight, which can only lower it.
    candidate = np.triu(similarity >= settings.threshold, k=1)
    checked = _nearest(similarity, candidate, settings.max_fact_partners)
    pairs, unchecked = np.argwhere(checked), np.argwhere(candidate & ~checked)
    words_alike = similarity[pairs[:, 0], pairs[:, 1]]
    kept = similarity[unchecked[:, 0], unchecked[:, 1]]
    similarity *= no_fact
    similarity[unchecked[:, 0], unchecked[:, 1]] = similarity[unchecked[:, 1], unchecked[:, 0]] = kept
    if len(pairs):
        facts = _shared_facts(sentences, pairs, settings)
        base = no_fact if np.isscalar(no_fact) else no_fact[pairs[:, 0], pairs[:, 1]]
        full = settings.facts_for_full_weight
        lifted = words_alike * (base + (1 - base) * np.minimum(facts, full) / full)
        similarity[pairs[:, 0], pairs[:, 1]] = lifted
        similarity[pairs[:, 1], pairs[:, 0]] = lifted
    np.clip(similarity, 0.0, 1.0, out=similarity)
    np.fill_diagonal(similarity, 1.0)
    return similarity


def _dated_no_fact_weight(settings: EventSettings) -> float:
    """A dated pair close in time with no shared fact: worth what one shared fact lifts an undated pair to."""
    base, full = settings.no_fact_weight, settings.facts_for_full_weight
    return base + (1 - base) * min(1, full) / full


def _nearest(similarity: np.ndarray, candidate: np.ndarray, most: int) -> np.ndarray:
    """The upper-triangle ``candidate`` pairs among either article's ``most`` most similar candidates."""
    both = candidate | candidate.T
    if both.sum(axis=1).max(initial=0) <= most:
        return candidate
    scores = np.where(both, similarity, -np.inf)
    top = np.argpartition(-scores, most - 1, axis=1)[:, :most]
    near = np.zeros_like(both)
    near[np.repeat(np.arange(len(scores)), most), top.ravel()] = True
    return candidate & (near | near.T)


def _title_vectors(articles: list[Article], idf: np.ndarray,
                   vocabulary: dict[str, int]) -> tuple[sp.csr_matrix, np.ndarray]:
    """Title rows weighted by the bodies' IDF (a title is too short to judge rarity), and which exist."""
    import scipy.sparse as sp

    rows, columns = [], []
    for i, article in enumerate(articles):
        for s in set(content_stems(_known_title(article))):
            if s in vocabulary:  # a word no body uses cannot make two articles alike
                rows.append(i)
                columns.append(vocabulary[s])
    values = idf[np.array(columns, dtype=np.int64)].astype(np.float32) if columns else np.zeros(0, np.float32)
    matrix = sp.csr_matrix((values, (rows, columns)), shape=(len(articles), len(vocabulary)))
    return normalise_rows(matrix), np.diff(matrix.indptr) > 0


def _known_title(article: Article) -> str:
    """The article's title, or "" when the loader only made one up from the file name."""
    from_path = PurePosixPath(article.path).stem.replace("_", " ").strip() or article.path
    return "" if article.title.strip() == from_path else article.title


def _day(published: str) -> float:
    day = published_day(published)
    return float(day.toordinal()) if day else float("nan")


def _shared_facts(sentences: list[list[list[str]]], pairs: np.ndarray, settings: EventSettings) -> np.ndarray:
    """For each pair (i, j) of ``pairs``: how many sentences of i restate one of j, one to one.

    A sentence's words are weighted by how few of its own article's sentences
    use them, so the subject every sentence names (the article's theme) does
    not make two sentences alike; what is left is the fact itself.
    """
    involved = np.unique(pairs)
    matrix, bounds = _sentence_rows({int(i): sentences[i] for i in involved}, settings.min_fact_words)
    found = np.zeros(len(pairs), dtype=np.int64)
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    firsts = pairs[order, 0]
    starts = np.flatnonzero(np.r_[True, firsts[1:] != firsts[:-1]])
    for start, end in zip(starts, np.r_[starts[1:], len(order)]):
        own = matrix[slice(*bounds[int(firsts[start])])]
        if own.shape[0] == 0:
            continue
        chosen = order[start:end]
        partners = [int(j) for j in pairs[chosen, 1]]
        # One product per article against all its candidate partners' sentences.
        rows = np.concatenate([np.arange(*bounds[j]) for j in partners])
        scores = (own @ matrix[rows].T).toarray()
        offset = 0
        for k, j in zip(chosen, partners):
            size = bounds[j][1] - bounds[j][0]
            found[k] = _one_to_one(scores[:, offset:offset + size], settings.fact_similarity)
            offset += size
    return found


def _sentence_rows(sentences: dict[int, list[list[str]]],
                   min_words: int) -> tuple[sp.csr_matrix, dict[int, tuple[int, int]]]:
    """L2-normalised rows, one per fact-bearing sentence, and each article's (first, end) row."""
    import scipy.sparse as sp

    kept = {i: [s for s in stems if len(s) >= min_words] for i, stems in sentences.items()}
    lengths = np.array([len(v) for v in kept.values()], dtype=np.int64)
    edges = np.r_[0, np.cumsum(lengths)]
    bounds = {i: (int(edges[k]), int(edges[k + 1])) for k, i in enumerate(kept)}
    flat = [sentence for v in kept.values() for sentence in v]
    sizes = np.fromiter(map(len, flat), dtype=np.int64, count=len(flat))
    column, vocabulary = pd.factorize(pd.Series([s for sentence in flat for s in sentence], dtype=object))
    row = np.repeat(np.arange(len(flat)), sizes)
    owner = np.repeat(np.arange(len(kept)), lengths)[row]
    # How many of its own article's sentences use each word.
    _, where, df = np.unique(owner * max(len(vocabulary), 1) + column, return_inverse=True, return_counts=True)
    weight = smoothed_idf(lengths[owner], df[where])
    norms = np.sqrt(np.bincount(row, weights=weight * weight, minlength=len(flat)))
    weight = weight / norms[row]
    matrix = sp.csr_matrix((weight, (row, column)), shape=(len(flat), len(vocabulary)))
    return matrix, bounds


def _one_to_one(scores: np.ndarray, cut: float) -> int:
    """Pairs of sentences at ``cut`` or more, best first, each sentence used once."""
    rows, cols = np.nonzero(scores >= cut)
    if len(rows) == 0:
        return 0
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    for k in np.argsort(-scores[rows, cols], kind="stable"):
        r, c = int(rows[k]), int(cols[k])
        if r not in used_rows and c not in used_cols:
            used_rows.add(r)
            used_cols.add(c)
    return len(used_rows)


def _average_linkage(similarity: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster label per article: average linkage, cut where mean similarity falls below ``threshold``."""
    distance = np.clip(1.0 - similarity, 0.0, 1.0)  # float32, as the similarity
    return average_linkage_clusters(distance, 1.0 - threshold)


def _event_rows(articles: list[Article], similarity: np.ndarray, labels: np.ndarray) -> pd.DataFrame:
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        members.setdefault(int(label), []).append(i)

    def order(group: list[int]) -> tuple:
        dated = [published_order(articles[i].published) for i in group if not np.isnan(_day(articles[i].published))]
        return (-len(group), min(dated, default=np.inf), group[0])

    rows = []
    for number, group in enumerate(sorted(members.values(), key=order), start=1):
        tie = similarity[np.ix_(group, group)]
        mean = (tie.sum(axis=1) - 1.0) / (len(group) - 1) if len(group) > 1 else np.array([np.nan])
        central = group[int(np.nanargmax(mean))] if len(group) > 1 else group[0]
        title = _event_title(articles, group, central, mean)
        ranked = sorted(range(len(group)), key=lambda k: (group[k] != central, -np.nan_to_num(mean[k]), group[k]))
        for k in ranked:
            article = articles[group[k]]
            rows.append({"article": article.path, "event": f"E{number}", "event_title": title,
                         "size": len(group), "similarity": float(mean[k]), "central": group[k] == central,
                         "title": article.title, "published": article.published})
    return pd.DataFrame(rows, columns=EVENT_COLUMNS).astype(_COLUMN_TYPES)


def _event_title(articles: list[Article], group: list[int], central: int, mean: np.ndarray) -> str:
    """The most central article's own title; else the next most central one's; else its first words."""
    by_centrality = [central] + [group[k] for k in np.argsort(-np.nan_to_num(mean), kind="stable")
                                 if group[k] != central]
    for i in by_centrality:
        title = _known_title(articles[i]).strip()
        if title:
            return title
    article = articles[central]
    first = next((s.text for s in article.sentences if s.is_body), article.text)
    words = first.split()
    return " ".join(words[:_TITLE_WORDS]) + (" …" if len(words) > _TITLE_WORDS else "")


def event_summary(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event of a :func:`find_events` result, in event order.

    Columns: event, event_title, size, first and last (earliest and latest
    known publication date, "" when none is known), articles (paths, the
    central article first).
    """
    rows = []
    for event, group in events.groupby("event", sort=False):
        dates = sorted((d for d in group["published"] if d), key=published_order)
        rows.append({"event": event, "event_title": group["event_title"].iloc[0], "size": len(group),
                     "first": dates[0] if dates else "", "last": dates[-1] if dates else "",
                     "articles": list(group["article"])})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS).astype({"size": "int64"})
