"""Suggested themes for a corpus nobody wrote a topics.toml for: NMF over the words it already stems.

The articles (or, in a small corpus, passages of a few sentences) become a
TF-IDF matrix over the content-word stems the index caches per sentence;
scikit-learn's NMF factors it into themes. How many themes is read from the
data: the count whose themes' terms co-occur most in sentences (NPMI
coherence) while covering most sentences, the fewest of those near the best.

A theme's terms are the words whose sentences fall, mostly, in the units that
theme dominates (sentence precision), so that coverage, which counts the
sentences holding any term, sides with the factorisation. Terms and labels are
words the corpus writes in lower case (from the cached keyword pools): names
of people, bodies and places are capitalised, so they never label a theme, and
crawl furniture ("IMAGE") is capitalised too. Every choice is deterministic
(sorted inputs, nndsvd start), so the same folder gives the same themes.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis import nmf
from analysis.text.words import STOPWORDS, WORD_RUN, stem, tokens
from analysis.batch import Runner, task_name
from analysis.corpus import Article, Corpus
from analysis.keywords import KeywordSettings, article_keywords
from analysis.lexicon import Lexicon, make_lexicon
from analysis.story.events import article_sentence_stems

__all__ = ["ThemeSettings", "suggest_themes"]

# Words every kind of news uses: as a label they say nothing ("people", "year"),
# and as terms they make every theme cover every article.
_GENERIC = frozenset("""
people year years time times day days week weeks month months thing things way ways number numbers part
world country countries state states place places lot lots group groups end side news report reports
percent cent per told asked added called think thought want wanted know known going come coming get got
""".split())
# Crawl furniture that can be written in lower case ("photo", "caption"); the
# capitalised kind ("IMAGE", "Getty Images") never passes the lower-case test.
_FURNITURE = frozenset("image images photo photos caption captions copyright getty advertisement subscribe "
                       "newsletter click http https www com html".split())
# A stem is written in lower case when its lower-case uses outnumber capitalised ones this many
# times: "Bush", "Labour" and a sentence-opening "Shares" stay out, "shares" mid-sentence is in.
_LOWER_FACTOR = 4
# A form of a stem becomes a term when it is at least this share of the stem's lower-case uses.
_FORM_SHARE = 0.15
# The terms of a theme whose co-occurrence is its coherence: enough to hold both halves of a
# theme that merges two subjects (ten most used terms can all come from the larger one).
_COHERENCE_TOP = 20
_SELECTION_ITERATIONS = 100  # fits that only choose the count: their top words settle early
# A label's phrase: a lower-case keyphrase of this many articles' pools, of the theme's top words only.
_PHRASE_ARTICLES = 3
_PHRASE_WORDS = 5


@dataclass(frozen=True)
class ThemeSettings:
    """How themes are suggested. ``ThemeSettings(max_themes=10)`` caps the count the data may choose."""

    min_themes: int = 5
    max_themes: int = 20
    # Terms kept per theme: coverage needs many (a sentence counts when it holds any).
    # On half A of BBC (bench/topics_bench.py's tuning half), NMI with the sections:
    # 60 terms 0.80, 150 0.82, 400 0.81.
    terms_per_theme: int = 150
    # A word joins a theme when at least this share of the sentences holding it
    # lie in units that theme dominates (tuned on BASIL dev and half of BBC).
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


def _encode(lexicon: Lexicon) -> list:
    return [[name, list(terms)] for name, terms in lexicon]


def _decode(data: list) -> Lexicon:
    return make_lexicon((name, terms) for name, terms in data)


def _suggest(articles: Sequence[Article], settings: ThemeSettings, runner: Runner) -> Lexicon:
    sentence_stems = runner.map(article_sentence_stems, articles, None)
    pools = runner.map(article_keywords, articles, KeywordSettings())
    words = _Vocabulary(pools)
    units = _units(articles, sentence_stems, settings)
    vocab = _eligible(units, len(articles))
    if len(vocab) < 2 or len(units.article) < 2:
        return ()
    counts, held = _counts(units, vocab)
    term_ok = np.array([_term_word(s, words) for s in vocab])
    k = _theme_count(counts, held, units, term_ok, settings)
    weights, components = nmf.factor(_tfidf(counts), k)
    themes = _themes(weights, counts, term_ok, settings)
    return _lexicon([[vocab[i] for i in theme] for theme in themes], components, vocab, words)


class _Vocabulary:
    """What the keyword pools say of each stem: how often written in lower case, in which forms."""

    def __init__(self, pools: list[list[dict]]) -> None:
        self.lower: Counter[str] = Counter()
        self.capital: Counter[str] = Counter()
        self.forms: dict[str, Counter[str]] = defaultdict(Counter)
        self.phrases: Counter[str] = Counter()  # lower-case phrase -> articles whose pool holds it
        self.alone: Counter[str] = Counter()  # lower-case word -> articles whose pool holds it as a keyword
        for pool in pools:
            seen = set()
            for item in pool:
                weight = len(item.get("sentences") or (0,))
                keyword = item["keyword"]
                for word in WORD_RUN.findall(keyword):
                    token = word.lower().replace("’", "'")
                    if token in STOPWORDS or "'" in token:
                        continue
                    key = stem(token)
                    if word.islower():
                        self.lower[key] += weight
                        self.forms[key][token] += weight
                    else:
                        self.capital[key] += weight
                if keyword.islower() and keyword not in seen:
                    seen.add(keyword)
                    (self.phrases if " " in keyword else self.alone)[keyword] += 1

    def shown(self, key: str) -> str:
        """The stem as a label shows it: its form, or the two-word phrase it mostly stands in.

        "prime" is written alone in lower case only inside "prime minister".
        """
        form = self.form(key)
        phrases = [(n, p) for p, n in self.phrases.items()
                   if len(p.split()) == 2 and form in p.split() and n >= max(_PHRASE_ARTICLES, self.alone[form])]
        return max(phrases, key=lambda e: (e[0], [-ord(c) for c in e[1]]))[1] if phrases else form

    def is_lower(self, key: str) -> bool:
        return self.lower[key] > 0 and self.lower[key] >= _LOWER_FACTOR * self.capital[key]

    def form(self, key: str) -> str:
        """The stem's commonest lower-case form (ties: the shorter, then alphabetical)."""
        return min(self.forms[key].items(), key=lambda f: (-f[1], len(f[0]), f[0]))[0]

    def terms(self, key: str) -> list[str]:
        """The lower-case forms a lexicon needs to match the stem's uses: plurals match their singular."""
        forms = sorted(self.forms[key].items(), key=lambda f: (-f[1], len(f[0]), f[0]))
        total = sum(count for _, count in forms)
        kept: list[str] = []
        for form, count in forms:
            if count < _FORM_SHARE * total:
                break  # a rare form is often another word the light stem joins ("site", "sitting")
            if not any(form in (k + "s", k + "es") or (k.endswith("y") and form == k[:-1] + "ies") for k in kept):
                kept.append(form)
        return kept


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
                  and len(s) > 2 and not s.isdigit() and s not in _GENERIC and s not in _FURNITURE)


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


def _tfidf(counts):
    from scipy import sparse

    matrix = counts.copy().astype(float)
    n = matrix.shape[0]
    df = np.asarray((matrix > 0).sum(axis=0)).ravel()
    matrix.data = 1.0 + np.log(matrix.data)  # sublinear: a word's tenth use says less than its first
    matrix = matrix @ sparse.diags(np.log(n / np.maximum(df, 1)) + 1.0)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def _theme_count(counts, held, units: _Units, term_ok, settings: ThemeSettings) -> int:
    """The theme count whose themes' terms are most coherent; the smallest of those near the best.

    Coherence is read on the terms a theme would get, not on the factors'
    top words: two subjects merged in one factor give it terms that never
    meet in a sentence. The margin keeps the choice from following noise
    (one article more moves a count's coherence by up to ~0.03 on BBC).
    """
    n = counts.shape[0]
    sample = sorted(sorted(range(n), key=lambda i: units.order[i])[: settings.selection_sample])
    fitted = counts[sample]
    high = min(settings.max_themes, len(sample) - 1, counts.shape[1] - 1)
    low = min(settings.min_themes, high)
    if high <= 1:
        return max(high, 1)
    matrix = _tfidf(fitted)
    svd = nmf.truncated_svd(matrix, high)
    scores = {}
    for k in range(low, high + 1):
        weights, _ = nmf.factor(matrix, k, svd, _SELECTION_ITERATIONS)
        themes = _themes(weights, fitted, term_ok, settings)
        coherence = float(np.mean([nmf.npmi(held, theme[:_COHERENCE_TOP]) for theme in themes]))
        terms = sorted({i for theme in themes for i in theme})
        covered = float((held[:, terms].sum(axis=1) > 0).mean()) if terms else 0.0
        scores[k] = coherence + covered
    best = max(scores.values())
    return min(k for k, score in scores.items() if score >= best - settings.coherence_margin)


def _themes(weights, counts, term_ok, settings: ThemeSettings) -> list[list[int]]:
    """Per theme, the term stems (indexes) whose sentences lie mostly in the units it dominates, most used first."""
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
        out.append([int(i) for i in kept[order][: settings.terms_per_theme]])
    return out


def _term_word(key: str, words: _Vocabulary) -> bool:
    """Whether a stem may be a term: written in lower case, neither generic nor furniture."""
    if not words.is_lower(key):
        return False
    form = words.form(key)
    return form not in _GENERIC and form not in _FURNITURE


def _lexicon(themes: list[list[str]], components, vocab: list[str], words: _Vocabulary) -> Lexicon:
    from analysis.models.ner import is_place

    index = {s: i for i, s in enumerate(vocab)}
    totals = components.sum(axis=0) + 1e-12
    entries = []
    used: set[str] = set()
    for theme, stems in enumerate(themes):
        if not stems:
            continue
        # Most telling: heavy in this theme and light in the others.
        weight = {s: components[theme, index[s]] ** 2 / totals[index[s]] for s in stems}
        telling = sorted((s for s in stems if not is_place(words.form(s))), key=lambda s: (-weight[s], s))
        if not telling:
            continue
        label = _label(telling, weight, words, used)
        used.add(label)
        # The label's words first, then the rest in alphabetical order: an order that one more
        # article cannot shuffle, and easy to scan in the editor.
        terms = sorted((t for s in stems for t in words.terms(s)), key=lambda t: (t not in label.split(", "), t))
        phrases = [p for p in label.split(", ") if " " in p]
        entries.append((len(stems), label, phrases + terms))
    entries.sort(key=lambda e: (-e[0], e[1]))
    return make_lexicon((label, terms) for _, label, terms in entries)


def _label(telling: list[str], weight: dict[str, float], words: _Vocabulary, used: set[str]) -> str:
    """Two or three of the theme's most telling words, a recurring phrase of them first when there is one."""
    top = telling[:_PHRASE_WORDS]
    best, best_score = None, 0.0
    for phrase, articles in words.phrases.items():
        if articles < _PHRASE_ARTICLES:
            continue
        keys = [stem(t) for t in phrase.split() if t not in STOPWORDS]
        if len(keys) >= 2 and all(k in top for k in keys):
            score = sum(weight[k] for k in keys) * math.log1p(articles)
            if score > best_score or (score == best_score and best is not None and phrase < best):
                best, best_score = phrase, score
    items = [best] if best else []
    covered = {stem(t) for t in tokens(best)} if best else set()
    for s in telling:
        if len(items) >= (2 if best else 3):
            break
        if s not in covered:
            shown = words.shown(s)
            items.append(shown)
            covered |= {stem(t) for t in tokens(shown)}
    label = ", ".join(items)
    for s in telling[len(items):]:
        if label not in used:
            break
        label += ", " + words.shown(s)
    return label
