"""The suggested themes, computed by `storylens index`, so that the Topics page opens on them.

A folder without a topics.toml shows suggested themes on the Topics page.
They are corpus-wide (NMF fits that choose their count): on BBC's 2,225
articles about 7.5 s of CPU, most of the page's first visit. The index
computes them once, from the per-article results it has just cached
(keywords, sentence stems), and keeps them in the cache, where the page and
`storylens topics` read them back.
"""

from __future__ import annotations

import os

from analysis.batch import Runner
from analysis.cache import AnalysisCache
from analysis.corpus import load_corpus
from analysis.corpus.files import is_url
from analysis.topics import suggest_topics

# Past this many articles the index leaves the themes to the page: computing them here would hold the
# whole folder and the themes' inputs in the client's memory (370 MB at BBC's 2,225 articles), and the
# index keeps its client's memory bounded however large the folder (bench/cluster_bench.py, 50,000 articles).
THEMES_MAX_ARTICLES = 5_000


def index_themes(root: str | os.PathLike[str], cache: AnalysisCache | None, articles: int) -> bool:
    """Suggest the themes of the folder ``root`` (``articles`` articles) into ``cache``; whether it did.

    Only where the app would show them: a local folder (the app opens no
    other) without a topics.toml, of at most :data:`THEMES_MAX_ARTICLES`.
    """
    if cache is None or is_url(root) or not 2 <= articles <= THEMES_MAX_ARTICLES:
        return False
    corpus = load_corpus(root, cache=cache)  # the parsed articles are in the cache: no file is parsed again
    if corpus.topics_toml:
        return False
    suggest_topics(corpus, runner=Runner(cache=cache))
    return True
