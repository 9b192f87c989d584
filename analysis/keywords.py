"""Keywords: YAKE per article, cleaned up, and what sets each article apart.

YAKE scores candidate phrases of one text by statistics alone (position,
casing, spread, co-occurrence). Its raw list is noisy for news: clause
fragments ("Donald Trump held"), cut names ("President Vladimir"), the same
actor three times ("President Donald Trump", "Donald Trump", "Trump") and
title-case headlines read as proper names. The clean-up here removes those so
an analyst sees one line per idea, each traceable to the sentences holding it.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yake

from analysis._tokens import STOPWORDS, stem, tokens
from analysis.batch import Runner
from analysis.corpus import Article, Corpus
from analysis.lexicon import find_terms

__all__ = ["KeywordSettings", "MODES", "DEFAULT_TOP", "keyword_extractor", "article_keywords",
           "keyword_table", "keyword_matrix", "keyword_in_context"]

MODES = ("article", "distinctive")
_STOPWORD_DIR = Path(yake.__file__).parent / "core" / "StopwordsList"
# A line this short without a closing stop is a headline or subheading.
_HEADING_MAX_WORDS = 20
_ENDS_WITH_WORD = re.compile(r"\w$")
_WORD = re.compile(r"[^\W_](?:[\w'’-]|\.(?=\w))*")
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_PREV_WORD = re.compile(r"([^\W\d_][\w'’.-]*)\s+$")
_HAS_LETTER = re.compile(r"[^\W\d_]")

# Words YAKE's English list lacks that still make a poor first or last word.
_EXTRA_STOPWORDS = frozenset("amid amidst alongside despite including due mr mrs ms dr toward towards".split())
# Calendar words alone say when, not what.
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weekend "
    "january february march april may june july august september october november december".split()
)
# Finite verbs common in news copy that are rarely nouns (no POS tagger is available offline).
_VERBS = frozenset("""
is are was were be been has have had do does did said says told tells held holds met meets made makes took
takes gave gives came comes went goes left won lost sent saw sees spoke speaks knew found became began kept
stood brought sought fought caught taught wrote ran rose fell grew drew threw chose drove warns urges vows
rejects praises slams denies accuses agrees insists discuss discusses continues backs seeks announces
confirms admits stresses underscore underscores reiterates drawn taken given shown seen written spoken done
gone hit hits faces would could should will shall might must can cannot
""".split())
# Words ending in -ed / -ing that are nouns or adjectives, not verb forms.
_NOT_VERBS = frozenset("""
family ally rally supply reply assembly anomaly monopoly italy july hundred kindred sacred naked wicked
rugged beloved bed red fed shed need seed feed deed greed creed speed breed steed meeting briefing building
funding training bombing bombings shooting fighting killing warning hearing ruling spending housing opening
landing morning evening thing nothing something everything anything king ring wing spring string ceiling
wedding uprising sibling understanding offering gathering rating pricing shipping trading banking lending
marketing polling voting setting beginning reporting spelling wellbeing clothing offspring darling pudding
""".split())

# A name may start with a title though the article always puts more before it.
_TITLES = frozenset("president pope king queen prince prime minister chancellor secretary governor".split())
# Small words that do sit inside names: "Bank of England", "Ministry for Europe".
_NAME_LINKS = frozenset("of for de la del der van von al bin".split())
# Adjectives common in news copy that YAKE likes as single keywords.
_ADJECTIVES = frozenset("""
significant global potential broader broad recent ongoing various several key major critical international
political economic strategic important current possible likely direct additional further immediate
comprehensive successful lengthy new former high low main other many certain particular serious
unprecedented substantial notable diplomatic
""".split())
# Place endings and the matching people endings: Russia/Russian, China/Chinese, East/Eastern.
_PLACE_ENDINGS = ("", "a", "e", "y", "ia")
_DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "i", "ish", "ns", "ians", "ern")


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
        """What the cached per-article pool depends on (see analysis.batch.settings_key).

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


def _is_heading(text: str) -> bool:
    return bool(_ENDS_WITH_WORD.search(text)) and len(text.split()) <= _HEADING_MAX_WORDS


def _name_parts(word: str) -> list[str]:
    """The parts of a hyphenated word, possessive endings off: "Trump-Putin’s" -> Trump, Putin."""
    return [re.split(r"['’]", part)[0] for part in word.split("-")]


def _detitle(sentences: list[str]) -> list[str]:
    """Headings in Title Case, rewritten so only words capitalised in the body stay capitalised.

    YAKE reads capitals as proper nouns, so a headline like "Trump and Putin
    Discuss Ukraine Conflict" would rank "Discuss Ukraine Conflict" as a name.
    """
    proper: set[str] = set()
    for text in sentences:
        if _is_heading(text):
            continue
        for match in list(_WORD.finditer(text))[1:]:  # a sentence's first word is capitalised anyway
            word = match.group()
            if word[:1].isupper():
                proper.update(_name_parts(word))

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        # The first word stays: capitalised there anyway, and YAKE discounts it.
        if match.start() == 0 or not (word[:1].isupper() and word[1:2].islower()):
            return word  # the first word, a lowercase word or an acronym
        if any(p in proper for p in _name_parts(word)):
            return word  # a name the body capitalises too
        return word.lower()

    return [_WORD.sub(fix, t) if _is_heading(t) and _is_title_case(t) else t for t in sentences]


def _is_title_case(text: str) -> bool:
    """Most longer words capitalised: "Putin Praises Talks", not "Ad sales boost Time Warner profit"."""
    words = [w for w in text.split()[1:] if len(w) >= 4]
    return bool(words) and sum(w[:1].isupper() for w in words) / len(words) > 0.5


def _yake_text(sentences: list[str]) -> str:
    """One line per sentence, each closed by a stop, so no YAKE n-gram spans two sentences."""
    # YAKE glues a line starting in lowercase onto the previous one; the stop
    # is a punctuation token, which always ends its word blocks.
    return "\n".join(t + "." if _ENDS_WITH_WORD.search(t) else t for t in sentences)


def _is_verb(word: str) -> bool:
    """A lowercase word that reads as a verb form (hand-written list, -ed and -ing endings)."""
    if not word.islower() or word in _NOT_VERBS:
        return False
    if word in _VERBS:
        return True
    return (len(word) >= 5 and word.endswith("ed")) or (len(word) >= 6 and word.endswith("ing"))


def _is_fragment(words: list[str], stopwords: frozenset[str]) -> bool:
    """A piece of a clause, not a name or noun phrase: "Trump held", "Trump publicly", "evaluate Putin"."""
    first, last = words[0], words[-1]
    if _is_verb(last) or any(w in _VERBS for w in words):
        return True
    if last.islower() and (last in _ADJECTIVES or last.endswith(("ical", "ous", "ful"))
                           or (last.endswith("ly") and len(last) > 4 and last not in _NOT_VERBS)):
        return True  # ends in an adjective or an adverb
    if len(words) > 1 and first.islower() and last[:1].isupper():
        return True  # a verb or noun running into its object: "boost Time Warner", "gains on Greenspan"
    if len(words) > 2 and _is_verb(first) and any(w in stopwords for w in words[1:-1]):
        return True  # a verb heading a prepositional run: "exerted on Putin"
    if any(w == "to" and nxt.islower() for w, nxt in zip(words, words[1:])):
        return True  # an infinitive: "Trump to impose"
    for before, word, after in zip(words, words[1:], words[2:]):
        if before[:1].isupper() and after[:1].isupper() and word.islower() and word not in _NAME_LINKS:
            return True  # two names joined by a small word are two keywords: "Trump and Putin"
    # A subject or adverb then a verb form ("Putin briefed Trump"), or a verb form then its object.
    return any((_is_verb(w) and (b[:1].isupper() or b.endswith("ly"))) or (_is_verb(b) and w[:1].isupper())
               for b, w in zip(words, words[1:]))


class _Text:
    """An article's sentences joined once, lowercased once, for fast phrase lookups."""

    def __init__(self, sentences: list[str]) -> None:
        self.sentences = sentences
        self.joined = "\n".join(sentences)
        self.lowered = self.joined.lower()
        # Lowercasing a few letters (İ) changes lengths; then offsets would lie.
        self.exact = len(self.lowered) == len(self.joined)
        self.starts = list(itertools.accumulate((len(t) + 1 for t in sentences[:-1]), initial=0))


def _occurrences(phrase: str, text: _Text) -> list[tuple[int, int, int]]:
    """(sentence, start, end) of each whole-word occurrence of ``phrase``, any case.

    Plain substring search over the whole article: a regex per candidate
    would be compiled hundreds of times per article. A plural "s" may follow,
    as lexicon matching allows. Matches never cross a sentence (the joint is
    a line break, which no phrase holds).
    """
    if not text.exact:
        return [(i, a, b) for i, t in enumerate(text.sentences) for a, b in find_terms((phrase,), t)]
    needle, low = phrase.lower(), text.lowered
    size = len(needle)
    found = []
    start = low.find(needle)
    while start != -1:
        end = start + size
        before = low[start - 1] if start else " "
        after = low[end:end + 1]
        if after == "s" and not low[end + 1:end + 2].isalnum():
            after = low[end + 1:end + 2]
        if not before.isalnum() and not after.isalnum():
            i = bisect.bisect_right(text.starts, start) - 1
            found.append((i, start - text.starts[i], end - text.starts[i]))
        start = low.find(needle, start + 1)
    return found


def _is_cut_name(keyword: str, sentences: list[str]) -> bool:
    """Part of a longer name: always followed ("President Vladimir") or preceded ("Leo XIV") by more."""
    return _is_cut_at(keyword, sentences, _occurrences(keyword, _Text(sentences)))


def _is_cut_at(keyword: str, texts: list[str], places: list[tuple[int, int, int]]) -> bool:
    words = keyword.split()
    check_end = words[-1][:1].isupper()
    check_start = words[0][:1].isupper() and words[0].lower() not in _TITLES
    if not (check_end or check_start) or not places:
        return False
    cut_end, cut_start = [], []
    for i, start, end in places:
        text = texts[i]
        nxt = _NEXT_WORD.match(text, end)
        cut_end.append(bool(nxt) and nxt.group(1)[:1].isupper())
        prev = _PREV_WORD.search(text[:start])
        cut_start.append(bool(prev) and prev.start() > 0 and prev.group(1)[:1].isupper())
    return (check_end and all(cut_end)) or (check_start and all(cut_start))


def _key_stems(keyword: str, stopwords: frozenset[str]) -> frozenset[str]:
    """Content stems of a keyword: equal up to case, plural and possessive."""
    return frozenset(stem(t) for t in tokens(keyword) if t not in stopwords)


def _same_place(a: str, b: str) -> bool:
    """A country and its people: "russia" / "russian", "china" / "chinese"."""
    for place, people in ((a, b), (b, a)):
        for cut in range(4, min(len(place), len(people)) + 1):
            if place[:cut] != people[:cut]:
                break
            if place[cut:] in _PLACE_ENDINGS and people[cut:] in _DEMONYM_ENDINGS:
                return True
    return False


def _near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    """One phrase's words inside the other's, or half their words shared (a place and its people alike)."""
    if not a or not b:
        return False
    # The prefix test is a cheap guard: a place and its people share their first letters.
    shared = sum(1 for x in a if any(x == y or (x[:4] == y[:4] and _same_place(x, y)) for y in b))
    return shared == min(len(a), len(b)) or shared / (len(a) + len(b) - shared) >= 0.5


def _clean(raw: list[tuple[str, float]], sentences: list[str], stopwords: frozenset[str], english: bool):
    """YAKE's candidates without noise and near-duplicates, best first, as written in the text.

    Returns (keyword, yake score, indexes of the sentences holding it).
    """
    kept: list[tuple[str, float, list[int]]] = []
    kept_stems: list[frozenset[str]] = []
    # Kept phrases by the first letters of their stems: a near-duplicate shares
    # a stem, or a place/people prefix, so only those need comparing.
    by_prefix: dict[str, list[int]] = {}
    text = _Text(sentences)
    for candidate, score in raw:
        candidate = " ".join(candidate.split())
        if not candidate or not _HAS_LETTER.search(candidate):
            continue
        edges = candidate.lower().split()
        if edges[0] in stopwords or edges[-1] in stopwords or any(w in _CALENDAR for w in edges):
            continue  # decided before the (costlier) lookup in the text
        places = _occurrences(candidate, text)
        if not places:
            continue  # no sentence holds it: it spanned a boundary, or YAKE rewrote it
        i, start, end = places[0]
        keyword = " ".join(sentences[i][start:end].split())  # as the article writes it
        words = keyword.split()
        if words[0].lower() in stopwords or words[-1].lower() in stopwords:
            continue
        if any(w.lower() in _CALENDAR for w in words):
            continue
        if english and _is_fragment(words, stopwords):
            continue
        if _is_cut_at(keyword, sentences, places):
            continue
        key = _key_stems(keyword, stopwords)
        near = {j for x in key for j in by_prefix.get(x[:4], ())}
        # The first of a near-duplicate group wins: YAKE scores best the form
        # the article uses most as a unit ("Trump" over "President Donald Trump").
        if any(_near_duplicate(key, kept_stems[j]) for j in near):
            continue
        for x in key:
            by_prefix.setdefault(x[:4], []).append(len(kept))
        kept.append((keyword, score, sorted({p[0] for p in places})))
        kept_stems.append(key)
    return kept


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
    raw = extractor.extract_keywords(_yake_text(texts))
    stopwords = frozenset(extractor.stopword_set) | _EXTRA_STOPWORDS
    english = _yake_language(article.language) == "en"
    cleaned = _clean([(k, float(s)) for k, s in raw], texts, stopwords, english)
    return [{"keyword": k, "yake_score": s, "sentences": held} for k, s, held in cleaned]


article_keywords.result_version = 3  # bump when the output changes for the same input


def _relevance(yake_score: float, best: float) -> float:
    """1.0 for the article's best keyword, 1 / (1 + k) for one 2**k times worse in YAKE."""
    ratio = max(yake_score, 1e-12) / max(best, 1e-12)
    return 1.0 / (1.0 + math.log2(max(ratio, 1.0)))


def _stem_sequence(article: Article) -> str:
    """The article's stems, one space apart, sentences fenced so phrases cannot span them."""
    return " | ".join(" ".join(stem(t) for t in tokens(s.text)) for s in article.sentences)


def _rarity(df: int, others: int) -> float:
    """1.0 when no other article uses it, 0.0 when all do (idf scaled to [0, 1])."""
    if others == 0:
        return 1.0
    return math.log((others + 1) / (df + 1)) / math.log(others + 1)


def _distinctive(corpus: Corpus, pools: list[list[dict]], settings: KeywordSettings, top: int) -> list[list[dict]]:
    """Each article's keywords reweighted by how rarely the other articles use them.

    A keyword's score is its YAKE relevance x its words' rarity x the
    phrase's rarity. The first two are cheap and bound the score from above,
    so candidates are taken in order of that bound and the costly phrase
    count (a substring search in the articles holding every word) stops as
    soon as no remaining candidate can enter the list: a few dozen per
    article instead of the whole pool, which is what makes thousands of
    articles workable.
    """
    sequences = [f" {_stem_sequence(a)} " for a in corpus.articles]
    vocab = [set(seq.split()) for seq in sequences]
    word_df = Counter(w for words in vocab for w in words)
    postings: dict[str, set[int]] = {}
    for j, words in enumerate(vocab):
        for w in words:
            postings.setdefault(w, set()).add(j)
    others = len(sequences) - 1
    # Scored more than shown: deduplication may still drop some.
    wanted = 2 * top
    out = []
    for i, (article, pool) in enumerate(zip(corpus.articles, pools)):
        best = min((k["yake_score"] for k in pool), default=1.0)
        bounded = []
        for item in pool:
            words = tokens(item["keyword"])
            phrase_stems = [stem(t) for t in words]
            stems = [stem(t) for t in words if t not in STOPWORDS] or phrase_stems
            # A word's df counts this article too when it holds the word; take it out.
            word_rarity = sum(_rarity(word_df[s] - (s in vocab[i]), others) for s in stems) / max(len(stems), 1)
            bound = _relevance(item["yake_score"], best) * word_rarity
            if item["keyword"].islower() and len(words) == 1:
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
            phrase_df = _phrase_df(phrase_stems, i, sequences, vocab, postings, word_df)
            score = bound * _rarity(phrase_df, others)
            if score <= 0:
                continue
            scored.append({**item, "score": score, "other_articles": phrase_df})
            if len(floor) < wanted:
                heapq.heappush(floor, score)
            elif score > floor[0]:
                heapq.heapreplace(floor, score)
        scored.sort(key=lambda k: -k["score"])
        out.append(_deduplicate(scored, settings, article.language, top))
    return out


def _phrase_df(phrase_stems: list[str], own: int, sequences: list[str], vocab: list[set[str]],
               postings: dict[str, set[int]], word_df: Counter) -> int:
    """How many articles other than ``own`` hold the phrase (as a run of stems)."""
    if len(phrase_stems) == 1:
        word = phrase_stems[0]
        return word_df[word] - (word in vocab[own])
    # Only articles holding every word can hold the phrase: look there alone.
    lists = sorted((postings.get(w, set()) for w in phrase_stems), key=len)
    maybe = lists[0].intersection(*lists[1:])
    phrase = f" {' '.join(phrase_stems)} "
    return sum(1 for j in maybe if j != own and phrase in sequences[j])


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
) -> pd.DataFrame:
    """Top keywords of each article, one row per keyword.

    Columns: article (path), rank (1..top), keyword, score (higher is more
    important, in (0, 1]; see below), sentences (sentences of the article
    holding the keyword), then for mode "article" yake_score (raw YAKE, lower
    is better) and for mode "distinctive" other_articles (how many other
    articles use the phrase).

    Mode "article": score is 1.0 for the article's best keyword and
    1 / (1 + k) for one whose YAKE score is 2**k times worse. Mode
    "distinctive": that score times the phrase's rarity in the other articles
    times its words' mean rarity (rarity: idf scaled to 1.0 = no other article
    uses it, 0.0 = all do); phrases every other article uses drop out. With a
    one-article corpus there is nothing to contrast and it equals "article".
    """
    if mode not in MODES:
        raise ValueError(f"unknown keyword mode {mode!r}; expected one of {', '.join(MODES)}")
    pools = (runner or Runner()).map(article_keywords, corpus.articles, settings)
    if mode == "article":
        ranked = []
        for article, items in zip(corpus.articles, pools):
            best = min((k["yake_score"] for k in items), default=1.0)
            shown = _deduplicate(items, settings, article.language, top)
            ranked.append([{**k, "score": _relevance(k["yake_score"], best)} for k in shown])
    else:
        ranked = _distinctive(corpus, pools, settings, top)
    rows = []
    for article, items in zip(corpus.articles, ranked):
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
