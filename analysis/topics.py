"""Topics: a named term lexicon (topics.toml), suggested topics, and who covers what.

A sentence covers a topic when it holds any of the topic's terms, matched the
one way the project matches terms (:func:`analysis.lexicon.find_terms`), found
quickly by :mod:`analysis.sentence_search`.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from analysis._tokens import content_words, stem
from analysis.batch import Runner
from analysis.corpus import Corpus
from analysis.keywords import KeywordSettings, article_keywords
from analysis.lexicon import Lexicon, dump_lexicon, find_terms, fold_case, make_lexicon, parse_lexicon
from analysis.sentence_search import WORD_RUN, ArticleText, TermPlan, sentence_hits, sentences_holding

__all__ = [
    "parse_topics", "dump_topics", "suggest_topics", "coverage_matrix", "topic_sentences",
    "single_article_topics", "group_phrases", "TOPICS_TABLE",
]

TOPICS_TABLE = "topics"
COVERAGE_COLUMNS = ["article", "topic", "sentences", "share", "total_sentences"]
SENTENCE_COLUMNS = ["article", "topic", "sentence_index", "sentence", "terms", "spans"]
SINGLE_COLUMNS = ["topic", "article", "sentences"]

# The default ten keywords per article are mostly the protagonists' names;
# thirty reach the secondary subjects (Iran, Kursk, China) that make topics.
SUGGEST_KEYWORDS_PER_ARTICLE = 30
# A keyword must occur in this many articles to be a topic: a topic is for comparing.
MIN_ARTICLES = 2
# A candidate found in every article and in more than this share of their
# sentences on average is the story itself (Trump, Putin, Ukraine): as a topic
# it paints a solid heatmap row and hides the contrasts, so it is dropped.
# Names every article shares but mentions rarely (a ceasefire, Zelenskyy) stay.
SWAMP_SHARE = 0.2
NAME_BONUS = 1.5
# Groups matched exactly: this many per topic asked for, or on a small corpus
# up to EXACT_BUDGET article scans (five articles: every group, so exact).
SHORTLIST_PER_TOPIC = 3
EXACT_BUDGET = 2000


def parse_topics(text: str) -> Lexicon:
    """Read the ``[topics]`` table of a topics.toml document."""
    return parse_lexicon(text, TOPICS_TABLE)


def dump_topics(lexicon: Lexicon) -> str:
    """The topics as a topics.toml document that :func:`parse_topics` reads back."""
    return dump_lexicon(lexicon, TOPICS_TABLE)


def suggest_topics(corpus: Corpus, *, max_topics: int = 12, runner: Runner | None = None) -> Lexicon:
    """Topics for a corpus without topics.toml, from keywords that recur across articles.

    Keywords sharing a head word (their last content word, stemmed) form one
    topic, named after the form found in most sentences; its terms are the
    grouped phrases. Topics are ranked by the sentences they cover, favouring
    those that set articles apart and named things (see _suggestion_score).

    Groups are first ranked from the keyword pools alone (see _rough_order);
    only the best ``max(SHORTLIST_PER_TOPIC * max_topics, EXACT_BUDGET //
    articles)`` are then matched exactly, so a small corpus is matched in full.
    """
    articles = corpus.articles
    if not articles or max_topics <= 0:
        return ()
    pools = (runner or Runner()).map(article_keywords, articles, KeywordSettings())
    phrases: dict[str, str] = {}
    for pool in pools:
        for item in pool[:SUGGEST_KEYWORDS_PER_ARTICLE]:
            phrases.setdefault(item["keyword"].lower(), item["keyword"])

    groups = group_phrases(phrases)
    views = [ArticleText(article) for article in articles]
    min_articles = min(MIN_ARTICLES, len(articles))
    shortlist = max(SHORTLIST_PER_TOPIC * max_topics, EXACT_BUDGET // len(articles))
    ranked = []
    exact: dict[str, dict[int, list[int]]] = {}  # phrase key -> article position -> sentences
    order = _rough_order(groups, pools, phrases, len(articles))
    postings = _Postings(views, [phrases[key] for members in order[: 2 * shortlist] for key in members])
    for members in order:
        for key in members:
            if key not in exact:
                exact[key] = _phrase_hits(phrases[key], views, postings, min_articles)
        kept = [key for key in members if len(exact[key]) >= min_articles]
        if not kept:
            continue
        terms = tuple(sorted((phrases[k] for k in kept),
                             key=lambda p: (-sum(map(len, exact[p.lower()].values())), len(p), p)))
        per_article = [0] * len(articles)
        for position in {i for key in kept for i in exact[key]}:
            per_article[position] = len({s for key in kept for s in exact[key].get(position, ())})
        shares = [n / max(len(a.sentences), 1) for n, a in zip(per_article, articles)]
        if len(articles) > 1 and all(per_article) and sum(shares) / len(shares) > SWAMP_SHARE:
            continue
        ranked.append((-_suggestion_score(per_article, terms[0]), terms[0].lower(), terms))
        if len(ranked) >= shortlist:
            break
    ranked.sort()
    return make_lexicon((terms[0], terms) for _, _, terms in ranked[:max_topics])


def group_phrases(phrases: dict[str, str]) -> dict[str, list[str]]:
    """Phrase keys grouped by head word: their last content word, stemmed.

    Stemming joins "sanctions" to "sanction", but also "Tim" to "time": a
    capitalised head joins lowercase ones only when it is the same word up to
    a plural ("Economy" opening a sentence joins "economies"); else it is a
    group of its own.
    """
    by_stem: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    for key, phrase in phrases.items():
        words = content_words(phrase)
        if words:
            by_stem[stem(words[-1])].append((key, words[-1], phrase.split()[-1][:1].isupper()))
    groups: dict[str, list[str]] = {}
    for head, members in by_stem.items():
        common = {_singular(word) for _key, word, capitalised in members if not capitalised}
        for key, word, capitalised in members:
            apart = capitalised and common and _singular(word) not in common
            groups.setdefault(f"{head} ({word})" if apart else head, []).append(key)
    return groups


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _phrase_hits(phrase: str, views: list[ArticleText], postings: _Postings, least: int) -> dict[int, list[int]]:
    """Article position -> sentences holding ``phrase``; empty when fewer than ``least`` articles can."""
    candidates = postings.candidates(phrase)
    if len(candidates) < least:
        return {}  # not worth compiling its pattern: it cannot recur enough
    plan = TermPlan((phrase,))
    out = {}
    for position in candidates:
        found = sentences_holding(views[position], plan)
        if found:
            out[position] = found
    return out


class _Postings:
    """Which articles can hold a phrase: those holding all its words, then its words in a row."""

    def __init__(self, views: list[ArticleText], likely: list[str]) -> None:
        self.views = views
        # Each text case-folded with its whitespace runs made single spaces: a
        # phrase's words joined by single spaces are in it wherever the phrase
        # matches (the pattern allows any whitespace between words).
        self.spaced = [" ".join(v.folded.split()) if v.folded is not None else None for v in views]
        # Texts without a word list (see ArticleText) are candidates for every phrase.
        self.unlisted = {i for i, text in enumerate(self.spaced) if text is None}
        needed = {w for phrase in likely for w in _phrase_words(phrase) or ()}
        needed |= {w + ending for w in needed for ending in ("s", "es")}
        self.words: dict[str, set[int]] = {w: set() for w in needed}
        for position, view in enumerate(views):
            for word in view.words & needed:
                self.words[word].add(position)

    def holding(self, word: str) -> set[int]:
        if word not in self.words:  # a word no likely phrase has: look it up once
            self.words[word] = {i for i, view in enumerate(self.views) if word in view.words}
        return self.words[word]

    def candidates(self, phrase: str) -> list[int] | range:
        words = _phrase_words(phrase)
        if words is None:
            return range(len(self.views))
        found: set[int] | None = None
        for word in words:
            holding = self.holding(word)
            if word is words[-1] and WORD_RUN.match(phrase[-1]):  # the plural ending joins the last word
                holding = holding | self.holding(word + "s") | self.holding(word + "es")
            found = holding if found is None else found & holding
            if not found:
                break
        together = " ".join(fold_case(phrase).split())
        return sorted({i for i in found or () if together in self.spaced[i]} | self.unlisted)


def _phrase_words(phrase: str) -> list[str] | None:
    """The case-folded words (runs of \\w) of a phrase; None if it has none."""
    return WORD_RUN.findall(fold_case(phrase)) or None


def _rough_order(
    groups: dict[str, list[str]], pools: list[list[dict]], phrases: dict[str, str], n: int
) -> list[list[str]]:
    """Groups of phrase keys, likeliest topics first, judged from the keyword pools alone.

    A pool lists the sentences its keyword is in, so the sentences a group
    covers in the articles whose pools hold its phrases estimate its score
    without matching any text; articles that use a phrase YAKE did not keep
    are missed, which is why the best groups are then matched exactly.
    """
    group_of = {key: head for head, members in groups.items() for key in members}
    sentences: dict[str, dict[int, int]] = defaultdict(dict)  # head -> article -> sentences (about)
    for position, pool in enumerate(pools):
        for item in pool:
            head = group_of.get(item["keyword"].lower())
            if head is not None:
                held = len(item.get("sentences") or (0,))  # no sentence list: count one
                per_article = sentences[head]
                per_article[position] = max(per_article.get(position, 0), held)
    min_articles = min(MIN_ARTICLES, n)
    estimates = []
    for head, members in groups.items():
        per_article = sentences.get(head, {})
        score = 0.0
        if len(per_article) >= min_articles:
            score = _suggestion_score(list(per_article.values()), phrases[members[0]], n)
        estimates.append((-score, head, members))
    estimates.sort(key=lambda e: (e[0], e[1]))
    return [members for _, _, members in estimates]


def _suggestion_score(per_article: list[int], name: str, n: int | None = None) -> float:
    """Sentences covered, scaled up for topics few articles share and for names.

    ``n``: the number of articles, when ``per_article`` leaves out those at zero.
    """
    n = len(per_article) if n is None else n
    covering = sum(1 for count in per_article if count)
    # A topic every article covers shows no contrast in the heatmap; one that
    # two of five cover is what the analyst is looking for.
    contrast = (n - covering + 1) / n
    # Capitalised keywords are places, people and bodies (Iran, Istanbul,
    # Middle East): concrete subjects, where lowercase ones are often generic
    # news vocabulary (efforts, issues).
    named = NAME_BONUS if any(word[:1].isupper() for word in name.split()) else 1.0
    return sum(per_article) * contrast * named


def coverage_matrix(corpus: Corpus, topics: Lexicon) -> pd.DataFrame:
    """How many sentences of each article touch each topic, zeros included.

    Columns: article (path), topic, sentences (sentences holding any of the
    topic's terms), share (sentences / total_sentences, 0..1), total_sentences.
    """
    plans = [(name, TermPlan(terms)) for name, terms in topics]
    columns: dict[str, list] = {name: [] for name in COVERAGE_COLUMNS}
    for article in corpus.articles:
        view = ArticleText(article)
        total = len(article.sentences)
        for name, plan in plans:
            count = len(sentences_holding(view, plan))
            columns["article"].append(article.path)
            columns["topic"].append(name)
            columns["sentences"].append(count)
            columns["share"].append(count / total if total else 0.0)
            columns["total_sentences"].append(total)
    frame = pd.DataFrame(columns, columns=COVERAGE_COLUMNS)
    return frame.astype({"sentences": int, "share": float, "total_sentences": int})


def topic_sentences(
    corpus: Corpus, topics: Lexicon, topic: str, article: str | None = None
) -> pd.DataFrame:
    """The sentences that cover ``topic``, with the terms found and where.

    Columns: article (path), topic, sentence_index, sentence, terms (matched
    text as written), spans ((start, end) in the sentence). Raises KeyError
    for a topic that is not in ``topics``.
    """
    lookup = dict(topics)
    if topic not in lookup:
        raise KeyError(f"no topic named {topic!r}")
    terms = lookup[topic]
    articles = corpus.articles if article is None else (corpus.article(article),)
    rows = []
    for art in articles:
        for index in sentence_hits(art, terms):
            text = art.sentences[index].text
            spans = find_terms(terms, text)
            rows.append({"article": art.path, "topic": topic, "sentence_index": index,
                         "sentence": text, "terms": [text[s:e] for s, e in spans],
                         "spans": spans})
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def single_article_topics(coverage: pd.DataFrame) -> pd.DataFrame:
    """Topics exactly one article covers: what only that outlet reports.

    Columns: topic, article (path), sentences.
    """
    covered = coverage[coverage["sentences"] > 0]
    per_topic = Counter(covered["topic"])
    only = covered[covered["topic"].map(per_topic) == 1]
    return only[SINGLE_COLUMNS].sort_values(["article", "topic"]).reset_index(drop=True)
