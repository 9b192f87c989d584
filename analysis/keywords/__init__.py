"""Keywords: YAKE per article, cleaned up, and what sets each article apart.

YAKE scores candidate phrases of one text by statistics alone (position,
casing, spread, co-occurrence). Its raw list is noisy for news; the rules in
:mod:`analysis.keywords.cleanup` remove the noise so an analyst sees one line
per idea, each traceable to the sentences holding it.

Here: YAKE per article, distinctive ranking, keyword in context. Beside it:
:mod:`~analysis.keywords.yake_fast` (yake's own scoring without its
bookkeeping), :mod:`~analysis.keywords.cleanup` (the rules) and
:mod:`~analysis.keywords.phrase_index` (which articles hold a phrase).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yake

from analysis.keywords import yake_fast
from analysis.engine.batch import Runner
from analysis.corpus import Article, Corpus
from analysis.keywords.cleanup import _EXTRA_STOPWORDS, _clean, _detitle, _yake_text
from analysis.lexicon import find_terms
from analysis.keywords.phrase_index import PhraseIndex

__all__ = ["KeywordSettings", "MODES", "DEFAULT_TOP", "keyword_extractor", "article_keywords",
           "keyword_table", "keyword_matrix", "keyword_in_context"]

MODES = ("article", "distinctive")
_STOPWORD_DIR = Path(yake.__file__).parent / "core" / "StopwordsList"
@dataclass(frozen=True)
class KeywordSettings:
    """How keywords are picked: YAKE's own knobs plus how many to keep."""

    ngram_size: int = 3  # longest phrase, in words
    # YAKE drops a candidate this similar to a better one; 0.7 removes spelling
    # variants while keeping related but distinct phrases.
    dedup_lim: float = 0.7
    dedup_func: str = "seqm"  # "seqm", "jaro" or "levs"
    window_size: int = 1  # co-occurrence window YAKE uses for context
    # YAKE candidates kept before clean-up. A story only one outlet tells sits
    # low in YAKE's list (NATO at ~150th in one seed), so the pool is deep
    # enough for "distinctive" mode; YAKE's cost barely depends on it.
    candidates: int = 240

    @property
    def per_article(self) -> tuple[int, int, int]:
        """What the cached per-article pool depends on (see analysis.engine.batch.settings_key).

        Deduplication is applied to the short list a table shows, not to the
        pool, so changing it reuses every article's cached pool.
        """
        return (self.ngram_size, self.window_size, self.candidates)


# Keywords shown per article unless the caller asks for another number.
DEFAULT_TOP = 10


def _yake_language(language: str) -> str:
    """The article's language when YAKE has a stopword list for it, else English."""
    code = (language or "").lower()[:2]
    return code if (_STOPWORD_DIR / f"stopwords_{code}.txt").is_file() else "en"


@lru_cache(maxsize=32)
def keyword_extractor(settings: KeywordSettings, language: str = "en") -> yake.KeywordExtractor:
    """One YAKE extractor per (settings, language) per process; unknown languages use English.

    YAKE's own deduplication compares each candidate with every one kept so
    far: on a pool of hundreds it doubles YAKE's time. So YAKE runs with
    ``dedup_lim=1.0`` (its linear path) and :func:`_deduplicate` applies
    ``settings.dedup_lim`` with YAKE's own similarity to the short list shown.
    """
    # Explicit snake_case arguments: yake 0.7 silently ignores names it does not know.
    return yake.KeywordExtractor(
        lan=_yake_language(language),
        n=settings.ngram_size,
        dedup_lim=1.0,
        dedup_func=settings.dedup_func,
        window_size=settings.window_size,
        top=settings.candidates,
    )


def _deduplicate(items: list[dict], settings: KeywordSettings, language: str, top: int) -> list[dict]:
    """The first ``top`` items no more similar than ``settings.dedup_lim`` to a better one.

    YAKE's own rule and similarity function, run on the cleaned pool only.
    """
    if settings.dedup_lim >= 1.0:
        return items[:top]
    similar = keyword_extractor(settings, language).dedup_function
    chosen: list[dict] = []
    for item in items:
        text = item["keyword"].lower()
        if all(similar(text, other["keyword"].lower()) <= settings.dedup_lim for other in chosen):
            chosen.append(item)
            if len(chosen) == top:
                break
    return chosen


def article_keywords(article: Article, settings: KeywordSettings) -> list[dict]:
    """The article's whole cleaned YAKE pool, best first (tables cut it to their top N).

    Each item: {"keyword": str, "yake_score": float (raw YAKE, lower is
    better), "sentences": [indexes of the sentences holding it]}.
    """
    texts = _detitle([s.text for s in article.sentences])
    if not texts:
        return []
    extractor = keyword_extractor(settings, article.language)
    raw = yake_fast.candidates(extractor, _yake_text(texts))
    stopwords = _clean_stopwords(settings, article.language)
    english = _yake_language(article.language) == "en"
    cleaned = _clean([(k, float(s)) for k, s in raw], texts, stopwords, english)
    return [{"keyword": k, "yake_score": s, "sentences": held} for k, s, held in cleaned]


@lru_cache(maxsize=32)
def _clean_stopwords(settings: KeywordSettings, language: str) -> frozenset[str]:
    """The clean-up's stopwords: the extractor's and a few more, made once per extractor, not per article."""
    return frozenset(keyword_extractor(settings, language).stopword_set) | _EXTRA_STOPWORDS


def _relevance(yake_score: float, best: float) -> float:
    """1.0 for the article's best keyword, 1 / (1 + k) for one 2**k times worse in YAKE."""
    ratio = max(yake_score, 1e-12) / max(best, 1e-12)
    return 1.0 / (1.0 + math.log2(max(ratio, 1.0)))


def _distinctive(corpus: Corpus, chosen: list[int], pools: list[list[dict]], settings: KeywordSettings,
                 top: int) -> list[list[dict]]:
    """The keywords of the articles at ``chosen``, reweighted by how rarely the other articles use them.

    A keyword's score is its YAKE relevance x its words' rarity x the
    phrase's rarity. The first two are cheap and bound the score from above,
    so candidates are taken in order of that bound and the costly phrase
    count (a substring search in the articles holding every word) stops as
    soon as no remaining candidate can enter the list: a few dozen per
    article instead of the whole pool, which is what makes thousands of
    articles workable.
    """
    index = PhraseIndex.of(corpus)
    df, rarity = index.word_df, index.rarity
    # Scored more than shown: deduplication may still drop some.
    wanted = 2 * top
    out = []
    for i, pool in zip(chosen, pools):
        own = index.vocab[i]
        best = min((k["yake_score"] for k in pool), default=1.0)
        bounded = []
        for item in pool:
            phrase_stems, stems = index.stems(item["keyword"])
            # A word's df counts this article too when it holds the word; take it out.
            word_rarity = sum(rarity[df[s] - (s in own)] for s in stems) / max(len(stems), 1)
            bound = _relevance(item["yake_score"], best) * word_rarity
            if len(phrase_stems) == 1 and item["keyword"].islower():
                # One common word used once is the writer's vocabulary, not a theme.
                bound *= min(1.0, len(item["sentences"]) / 2)
            if bound > 0 and phrase_stems:
                bounded.append((bound, item, phrase_stems))
        bounded.sort(key=lambda b: -b[0])
        scored: list[dict] = []
        floor: list[float] = []  # min-heap of the best `wanted` scores so far
        for bound, item, phrase_stems in bounded:
            if len(floor) == wanted and floor[0] >= bound:
                break  # nothing left can beat what is already kept
            score = bound * rarity[index.held_elsewhere(phrase_stems, i)]
            if score <= 0:
                continue
            scored.append({**item, "score": score})
            if len(floor) < wanted:
                heapq.heappush(floor, score)
            elif score > floor[0]:
                heapq.heapreplace(floor, score)
        scored.sort(key=lambda k: -k["score"])
        shown = _deduplicate(scored, settings, corpus.articles[i].language, top)
        # Rarity counts inflected forms ("house market" for "housing market"); the
        # count shown is of the articles whose sentences Keyword in context lists.
        for item in shown:
            item["other_articles"] = index.others(item["keyword"], i)
        out.append(shown)
    return out


_COLUMNS = {
    "article": ["article", "rank", "keyword", "score", "sentences", "yake_score"],
    "distinctive": ["article", "rank", "keyword", "score", "sentences", "other_articles"],
}


def keyword_table(
    corpus: Corpus,
    settings: KeywordSettings = KeywordSettings(),
    mode: str = "article",
    *,
    top: int = DEFAULT_TOP,
    runner: Runner | None = None,
    articles: Collection[str] | None = None,
) -> pd.DataFrame:
    """Top keywords of each article (or of those whose paths are in ``articles``), one row per keyword.

    Columns: article (path), rank (1..top), keyword, score (higher is more
    important, in (0, 1]; see below), sentences (sentences of the article
    holding the keyword), then for mode "article" yake_score (raw YAKE, lower
    is better) and for mode "distinctive" other_articles (how many other
    articles have a sentence holding the keyword as written, plural and
    possessive forms too: the articles :func:`keyword_in_context` lists).

    Mode "article": score is 1.0 for the article's best keyword and
    1 / (1 + k) for one whose YAKE score is 2**k times worse. Mode
    "distinctive": that score times the phrase's rarity in the other articles
    times its words' mean rarity (rarity: idf scaled to 1.0 = no other article
    uses it, 0.0 = all do; counted on stems, so "unveiled plans" makes "unveil
    plans" less rare); phrases every other article uses drop out. With a
    one-article corpus there is nothing to contrast and it equals "article".
    Rarity is always counted over the whole corpus, so an article's rows are
    the same whichever ``articles`` are asked for.
    """
    if mode not in MODES:
        raise ValueError(f"unknown keyword mode {mode!r}; expected one of {', '.join(MODES)}")
    if isinstance(articles, str):
        raise TypeError("articles is a collection of paths, not one path")
    wanted = None if articles is None else set(articles)
    chosen = [i for i, a in enumerate(corpus.articles) if wanted is None or a.path in wanted]
    shown_articles = [corpus.articles[i] for i in chosen]
    pools = (runner or Runner()).map(article_keywords, shown_articles, settings)
    if mode == "article":
        ranked = []
        for article, items in zip(shown_articles, pools):
            best = min((k["yake_score"] for k in items), default=1.0)
            shown = _deduplicate(items, settings, article.language, top)
            ranked.append([{**k, "score": _relevance(k["yake_score"], best)} for k in shown])
    else:
        ranked = _distinctive(corpus, chosen, pools, settings, top)
    rows = []
    for article, items in zip(shown_articles, ranked):
        for rank, item in enumerate(items, start=1):
            row = {c: item[c] for c in _COLUMNS[mode][2:] if c != "sentences"}
            rows.append({"article": article.path, "rank": rank, **row, "sentences": len(item["sentences"])})
    return pd.DataFrame(rows, columns=_COLUMNS[mode])


def keyword_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """Keywords (index) by articles (columns), values the score, 0.0 where an article lacks it.

    Rows are ordered by how many articles hold the keyword, then by total score.
    """
    if table.empty:
        return pd.DataFrame(dtype=float)
    articles = list(dict.fromkeys(table["article"]))
    matrix = table.pivot_table(
        index="keyword", columns="article", values="score", aggfunc="max", fill_value=0.0
    )
    matrix = matrix.reindex(columns=articles, fill_value=0.0).astype(float)
    order = pd.DataFrame({"held": (matrix > 0).sum(axis=1), "total": matrix.sum(axis=1)})
    order = order.sort_values(["held", "total"], ascending=False, kind="stable")
    matrix = matrix.loc[order.index]
    matrix.columns.name = None
    return matrix


def keyword_in_context(corpus: Corpus, keyword: str) -> pd.DataFrame:
    """Every sentence of the corpus holding ``keyword``, one row each.

    Columns: article (path), sentence_index, sentence, spans (list of (start,
    end) character spans of the keyword in ``sentence``; case-insensitive,
    whole-word, plural and possessive forms too).
    """
    columns = ["article", "sentence_index", "sentence", "spans"]
    term = " ".join(keyword.split())
    rows = []
    if term:
        for article in corpus.articles:
            for sentence in article.sentences:
                spans = find_terms((term,), sentence.text)
                if spans:
                    rows.append([article.path, sentence.index, sentence.text, spans])
    return pd.DataFrame(rows, columns=columns)
