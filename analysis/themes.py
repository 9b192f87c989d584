"""Suggested themes for a corpus nobody wrote a topics.toml for: NMF over the words it already stems.

The articles (or, in a small corpus, passages of a few sentences) become a
TF-IDF matrix over the content-word stems the index caches per sentence;
scikit-learn's NMF factors it into themes. How many themes is read from the
data: the count whose themes' terms co-occur most in sentences (NPMI
coherence) while covering most sentences, the fewest of those near the best.

A theme's terms are the words whose sentences fall, mostly, in the units that
theme dominates, taken while the sentences they add do (see :func:`_themes`),
so that coverage, which counts the sentences holding any term, sides with the
factorisation. Which words may be terms, and the labels, are in
:mod:`analysis.theme_words`. Every choice is deterministic (sorted inputs,
nndsvd start), so the same folder gives the same themes.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from analysis import nmf
from analysis.engine.batch import Runner, default_workers, task_name
from analysis.corpus import Article, Corpus
from analysis.keywords import KeywordSettings, article_keywords
from analysis.lexicon import Lexicon, make_lexicon
from analysis.text.tfidf import Weighting, weigh_counts
from analysis.theme_words import FURNITURE, GENERIC, ThemeWords, name_themes, term_word
from analysis.story.events import article_sentence_stems

__all__ = ["ThemeSettings", "suggest_themes", "themes_cached"]

# The terms of a theme whose co-occurrence is its coherence: enough to hold both halves of a
# theme that merges two subjects (ten most used terms can all come from the larger one).
_COHERENCE_TOP = 20
_SELECTION_ITERATIONS = 100  # fits that only choose the count: their top words settle early
# The article similarity's weighting without its pseudo-documents: units here are many (passages or
# articles), and themes were tuned on plain log-tf TF-IDF (bench/topics_bench.py).
_WEIGHTING = Weighting(log_tf=True, prior_documents=0)


@dataclass(frozen=True)
class ThemeSettings:
    """How themes are suggested. ``ThemeSettings(max_themes=10)`` caps the count the data may choose."""

    min_themes: int = 5
    max_themes: int = 20
    # At most this many term stems per theme: coverage needs many (a sentence counts
    # when it holds any), and the greedy choice (see _themes) stops by itself before
    # this on BBC (~90-190). On half A of BBC (bench/topics_bench.py's tuning half),
    # NMI with the sections: a cap of 60 stems 0.79, 100 0.81, 150 0.82, none 0.83.
    terms_per_theme: int = 300
    # A word joins a theme when at least this share of the sentences it holds,
    # and of those it would newly cover, lie in units that theme dominates
    # (tuned on BASIL dev and half A of BBC).
    precision: float = 0.6
    # Below this many articles a corpus is read in passages of this many sentences:
    # five articles on one story hold themes, but NMF needs more than five rows.
    passages_below: int = 60
    passage_sentences: int = 3
    # The theme count is chosen on at most this many units (picked by a hash of
    # their text, so one more article changes the sample by at most one unit).
    selection_sample: int = 600
    # A larger theme count must beat a smaller one's score by this much (see _theme_count).
    coherence_margin: float = 0.03


@dataclass
class _Units:
    """The rows NMF factors: per unit, the stems of each of its sentences, and which article it is from."""

    sentences: list[list[tuple[str, ...]]]
    article: list[int]
    order: list[str]  # a stable hash per unit, for sampling

    def sentence_unit(self) -> np.ndarray:
        """Per sentence, in order, the unit it belongs to."""
        return np.repeat(np.arange(len(self.sentences)), [len(rows) for rows in self.sentences])


def suggest_themes(corpus: Corpus, settings: ThemeSettings = ThemeSettings(), *,
                   runner: Runner | None = None) -> Lexicon:
    """Themes for ``corpus``, each named by its two or three most telling lower-case words or phrases.

    A lexicon (name -> terms) in topics.toml's format, largest theme first;
    kept per corpus in the runner's cache, so a second call reads it back.
    """
    runner = runner or Runner()
    if not corpus.articles:
        return ()
    return runner.corpus_wide(task_name(suggest_themes), settings, corpus.key,
                              lambda: _suggest(corpus.articles, settings, runner), _encode, _decode)


def themes_cached(corpus: Corpus, settings: ThemeSettings = ThemeSettings(), *, runner: Runner) -> bool:
    """Whether ``runner``'s cache holds what :func:`suggest_themes` gives ``corpus``: then it computes nothing."""
    return runner.holds(task_name(suggest_themes), settings, corpus.key)


def _encode(lexicon: Lexicon) -> list:
    return [[name, list(terms)] for name, terms in lexicon]


def _decode(data: list) -> Lexicon:
    return make_lexicon((name, terms) for name, terms in data)


def _suggest(articles: Sequence[Article], settings: ThemeSettings, runner: Runner) -> Lexicon:
    # Each input read where it is used and not kept: on BBC they are about 90 MB decoded, and the
    # index computes the themes beside the actors (analysis.engine.index_wide), at its peak memory.
    words = ThemeWords(runner.map(article_keywords, articles, KeywordSettings()))
    units = _units(articles, runner.map(article_sentence_stems, articles, None), settings)
    vocab = _eligible(units, len(articles))
    if len(vocab) < 2 or len(units.article) < 2:
        return ()
    counts, held = _counts(units, vocab)
    term_ok = np.array([term_word(s, words) for s in vocab])
    k = _theme_count(counts, held, units, term_ok, settings, runner.workers or default_workers())
    weights, components = nmf.factor(weigh_counts(counts, _WEIGHTING), k)
    themes = _themes(weights, counts, held, units.sentence_unit(), term_ok, settings)
    return name_themes([[vocab[i] for i in theme] for theme in themes], components, vocab, words)


def _units(articles: Sequence[Article], stems: list[list[list[str]]], settings: ThemeSettings) -> _Units:
    small = len(articles) < settings.passages_below
    sentences, owner, order = [], [], []
    for position, (article, per_sentence) in enumerate(zip(articles, stems)):
        rows = [tuple(s) for s in per_sentence]
        step = settings.passage_sentences if small else max(len(rows), 1)
        for start in range(0, len(rows), step):
            sentences.append(rows[start:start + step])
            owner.append(position)
            order.append(hashlib.sha1(f"{article.id}/{start}".encode()).hexdigest())
    return _Units(sentences, owner, order)


def _eligible(units: _Units, articles: int) -> list[str]:
    """Stems the factorisation reads: in two articles or more, not in half the units or more.

    Names are read too (who is in an article says much about what it is
    about), but only words written in lower case become terms (:func:`_themes`).
    """
    df: Counter[str] = Counter()
    in_articles: dict[str, set[int]] = defaultdict(set)
    for sentences, article in zip(units.sentences, units.article):
        held = {s for sentence in sentences for s in sentence}
        df.update(held)
        for s in held:
            in_articles[s].add(article)
    n = len(units.article)
    least = max(2, math.ceil(0.002 * n))
    return sorted(s for s, count in df.items()
                  if least <= count <= 0.5 * n and len(in_articles[s]) >= min(2, articles)
                  and len(s) > 2 and not s.isdigit() and s not in GENERIC and s not in FURNITURE)


def _counts(units: _Units, vocab: list[str]):
    """Per unit, the sentences holding each stem; and per sentence, the stems it holds (0/1)."""
    from scipy import sparse

    index = {s: i for i, s in enumerate(vocab)}
    unit_rows, sentence_rows, cols = [], [], []
    row = 0
    for unit, sentences in enumerate(units.sentences):
        for sentence in sentences:
            for s in sentence:  # distinct per sentence (article_sentence_stems)
                if s in index:
                    unit_rows.append(unit)
                    sentence_rows.append(row)
                    cols.append(index[s])
            row += 1
    ones = np.ones(len(cols))
    counts = sparse.csr_matrix((ones, (unit_rows, cols)), shape=(len(units.article), len(vocab)))
    held = sparse.csr_matrix((ones, (sentence_rows, cols)), shape=(max(row, 1), len(vocab)))
    return counts, held


def _theme_count(counts, held, units: _Units, term_ok, settings: ThemeSettings, workers: int = 1) -> int:
    """The theme count whose themes' terms are most coherent; the smallest of those near the best.

    Coherence is read on the words a theme draws its terms from
    (:func:`_theme_words`), not on the factors' top words: two subjects
    merged in one factor give it words that never meet in a sentence. The margin keeps the choice from following noise
    (one article more moves a count's coherence by up to ~0.03 on BBC).
    """
    n = counts.shape[0]
    sample = sorted(sorted(range(n), key=lambda i: units.order[i])[: settings.selection_sample])
    fitted = counts[sample]
    high = min(settings.max_themes, len(sample) - 1, counts.shape[1] - 1)
    low = min(settings.min_themes, high)
    if high <= 1:
        return max(high, 1)
    scores = _count_scores(fitted, held, term_ok, range(low, high + 1), settings, workers)
    best = max(scores.values())
    return min(k for k, score in scores.items() if score >= best - settings.coherence_margin)


def _count_scores(fitted, held, term_ok, tried: range, settings: ThemeSettings, workers: int) -> dict[int, float]:
    """Per theme count tried, coherence + coverage of the themes a quick fit to ``fitted`` gives, on ``workers`` threads.

    The fits are independent and spend most of their time in compiled code
    that lets go of the GIL (coordinate descent, sparse products), so threads
    run them on every core; each is the same arithmetic as alone, so are the
    scores. On BBC, 2 threads: 2.0-2.2 s against 3.1 s (16 fits, a quiet machine).
    """
    matrix = weigh_counts(fitted, _WEIGHTING)
    svd = nmf.truncated_svd(matrix, tried[-1])
    # The scores read columns (a theme's words): sliced by column, a CSC matrix reads only those,
    # a CSR one all of it (on BBC 0.06 s for every fit's score against 0.24 s; the same sums).
    columns = held.tocsc()

    def score(k: int) -> float:
        weights, _ = nmf.factor(matrix, k, svd, _SELECTION_ITERATIONS)
        themes = [words[: settings.terms_per_theme] for words in _theme_words(weights, fitted, term_ok, settings)]
        coherence = float(np.mean([nmf.npmi(columns, theme[:_COHERENCE_TOP]) for theme in themes]))
        terms = sorted({i for theme in themes for i in theme})
        covered = float((columns[:, terms].sum(axis=1) > 0).mean()) if terms else 0.0
        return coherence + covered

    largest_first = tried[::-1]  # the slowest first, for an even finish
    nmf.prepare_fits()
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(tried))),
                            thread_name_prefix="storylens-theme-count") as pool:
        return dict(sorted(zip(largest_first, pool.map(score, largest_first))))


def _theme_words(weights, counts, term_ok, settings: ThemeSettings) -> list[list[int]]:
    """Per theme, the stems (indexes) whose sentences lie mostly in the units it dominates, most used first."""
    from scipy import sparse

    k = weights.shape[1]
    units = np.flatnonzero(weights.max(axis=1) > 0)
    dominant = sparse.csr_matrix((np.ones(len(units)), (weights[units].argmax(axis=1), units)),
                                 shape=(k, weights.shape[0]))
    sentences = np.asarray((dominant @ counts).todense())  # theme x stem: sentences in its units
    share = sentences / np.maximum(sentences.sum(axis=0), 1e-12)
    owner = share.argmax(axis=0)
    out = []
    for theme in range(k):
        kept = np.flatnonzero((owner == theme) & (share[theme] >= settings.precision)
                              & (sentences[theme] >= 2) & term_ok)
        order = np.lexsort((kept, -sentences[theme, kept]))  # most sentences first, then alphabetical
        out.append([int(i) for i in kept[order]])
    return out


def _themes(weights, counts, held, sentence_unit, term_ok, settings: ThemeSettings) -> list[list[int]]:
    """Per theme, the term stems (indexes) that make coverage side with the units it dominates, most telling first.

    ``held``: per sentence (rows), the stems it holds; ``sentence_unit``: the
    row of ``weights`` and ``counts`` each sentence belongs to.

    Coverage counts the sentences holding *any* term, so a word's worth to a
    theme is in the sentences it adds: once the theme's common words cover
    most sentences of its own units, a further word adds mostly sentences of
    other units, and those make the theme win articles that are not its own.
    Of the theme's words (:func:`_theme_words`), terms are taken greedily, the
    largest gain first, while at least ``settings.precision`` of the sentences
    a word would newly cover lie in units the theme dominates. On BBC, NMI of
    an article's dominant theme with its section went from 0.82 to 0.83 on
    half A (tuning), 0.79 to 0.82 on half B, against taking every such word,
    most used first.
    """
    from scipy import sparse

    unit_theme = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1)
    sentence_theme = unit_theme[sentence_unit]
    columns = sparse.csc_matrix(held)
    cost = settings.precision / (1.0 - settings.precision)  # a sentence elsewhere weighs this many of its own
    return [_greedy_terms(columns, sentence_theme == theme, words, cost, settings.terms_per_theme)
            for theme, words in enumerate(_theme_words(weights, counts, term_ok, settings))]


def _greedy_terms(columns, own, candidates, cost: float, most: int) -> list[int]:
    """The candidates (columns of ``columns``) taken while their new sentences in ``own`` outweigh ``cost`` x the rest.

    Lazy greedy: a term's gain only shrinks as others cover its sentences, so
    a stale gain still at the top of the heap is recomputed, not all gains.
    Ties go to the lower index (alphabetical stem): deterministic.
    """
    covered = np.zeros(columns.shape[0], dtype=bool)

    def rows(term: int):
        return columns.indices[columns.indptr[term]:columns.indptr[term + 1]]

    def gain(term: int) -> float:
        new = rows(term)
        new = new[~covered[new]]
        mine = int(own[new].sum())
        return mine - cost * (len(new) - mine)

    heap = [(-gain(int(t)), int(t)) for t in candidates]
    heapq.heapify(heap)
    chosen: list[int] = []
    while heap and len(chosen) < most:
        _, term = heapq.heappop(heap)
        fresh = gain(term)
        if fresh <= 0:
            continue  # gains only shrink: it will never be worth taking
        if heap and (-fresh, term) > heap[0]:
            heapq.heappush(heap, (-fresh, term))  # another term now gains more
            continue
        chosen.append(term)
        covered[rows(term)] = True
    return chosen
