"""Topics: a named term lexicon (topics.toml), suggested topics, and who covers what.

A sentence covers a topic when it holds any of the topic's terms, matched the
one way the project matches terms (:func:`analysis.lexicon.find_terms`).
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from analysis._tokens import content_stems
from analysis.batch import Runner
from analysis.corpus import Article, Corpus
from analysis.keywords import KeywordSettings, article_keywords
from analysis.lexicon import Lexicon, dump_lexicon, find_terms, make_lexicon, parse_lexicon

__all__ = [
    "parse_topics", "dump_topics", "suggest_topics", "coverage_matrix", "topic_sentences",
    "single_article_topics", "TOPICS_TABLE",
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


def parse_topics(text: str) -> Lexicon:
    """Read the ``[topics]`` table of a topics.toml document."""
    return parse_lexicon(text, TOPICS_TABLE)


def dump_topics(lexicon: Lexicon) -> str:
    """The topics as a topics.toml document that :func:`parse_topics` reads back."""
    return dump_lexicon(lexicon, TOPICS_TABLE)


def _sentence_hits(article: Article, terms: tuple[str, ...]) -> list[int]:
    """Indexes of the article's sentences holding any of ``terms``."""
    if not find_terms(terms, article.text):  # cheap pre-check on the whole text
        return []
    return [s.index for s in article.sentences if find_terms(terms, s.text)]


def suggest_topics(corpus: Corpus, *, max_topics: int = 12, runner: Runner | None = None) -> Lexicon:
    """Topics for a corpus without topics.toml, from keywords that recur across articles.

    Keywords sharing a head word (their last content word, stemmed) form one
    topic, named after the form found in most sentences; its terms are the
    grouped phrases. Topics are ranked by the sentences they cover, favouring
    those that set articles apart and named things (see _suggestion_score).
    """
    articles = corpus.articles
    if not articles:
        return ()
    pools = (runner or Runner()).map(article_keywords, articles, KeywordSettings())
    phrases: dict[str, str] = {}
    for pool in pools:
        for item in pool[:SUGGEST_KEYWORDS_PER_ARTICLE]:
            phrases.setdefault(item["keyword"].lower(), item["keyword"])

    # phrase -> sentences it hits in each article
    hits: dict[str, list[int]] = {}
    for key, phrase in phrases.items():
        counts = [len(_sentence_hits(article, (phrase,))) for article in articles]
        if sum(1 for c in counts if c) >= min(MIN_ARTICLES, len(articles)):
            hits[phrase] = counts

    groups: dict[str, list[str]] = defaultdict(list)
    for phrase in hits:
        stems = content_stems(phrase)
        if stems:
            groups[stems[-1]].append(phrase)

    ranked = []
    for members in groups.values():
        terms = tuple(sorted(members, key=lambda p: (-sum(hits[p]), len(p), p)))
        per_article = [len(_sentence_hits(article, terms)) for article in articles]
        shares = [n / max(len(a.sentences), 1) for n, a in zip(per_article, articles)]
        if len(articles) > 1 and all(per_article) and sum(shares) / len(shares) > SWAMP_SHARE:
            continue
        ranked.append((-_suggestion_score(per_article, terms[0]), terms[0].lower(), terms))
    ranked.sort()
    return make_lexicon((terms[0], terms) for _, _, terms in ranked[:max_topics])


def _suggestion_score(per_article: list[int], name: str) -> float:
    """Sentences covered, scaled up for topics few articles share and for names."""
    n = len(per_article)
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
    rows = []
    for article in corpus.articles:
        total = len(article.sentences)
        for name, terms in topics:
            count = len(_sentence_hits(article, terms))
            rows.append({"article": article.path, "topic": name, "sentences": count,
                         "share": count / total if total else 0.0, "total_sentences": total})
    frame = pd.DataFrame(rows, columns=COVERAGE_COLUMNS)
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
        for index in _sentence_hits(art, terms):
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
