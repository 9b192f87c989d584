"""The actors of a folder, joined across its articles, computed by `storylens index` for the Actors page.

The Actors page opens on the actors of the whole folder (names joined across
articles, :func:`analysis.actors.actor_layer`) and on how each article treats
each (:func:`analysis.actors.treatment`, the default method). Both are
corpus-wide: on BBC's 2,225 articles about 3.9 s of CPU with every per-article
result cached, which the first visit of every fresh server paid. The index
computes them once, from the per-article results it has just cached (the
name finder's mentions, VADER's tones), and keeps them in the cache, where
the page, `storylens actors` and the report read them back. It holds the
folder in the client's memory, as the themes do (on BBC the step peaks at
330 MB, the articles included).
"""

from __future__ import annotations

import os

from analysis import actors
from analysis.batch import Runner
from analysis.cache import AnalysisCache
from analysis.corpus import load_corpus
from analysis.corpus.files import is_url
from analysis.index_themes import THEMES_MAX_ARTICLES
from analysis.lexicon import LexiconError

# The themes' bound, for the same reason: past it the index keeps its client's memory bounded and leaves
# the actors to the page.
ACTORS_MAX_ARTICLES = THEMES_MAX_ARTICLES


def index_actors(root: str | os.PathLike[str], cache: AnalysisCache | None, articles: int) -> bool:
    """Join the actors of the folder ``root`` (``articles`` articles) into ``cache``; whether it did.

    As the page starts: the folder's actors.toml when it reads, else the
    actors discovered; a local folder only (the app opens no other), of at
    most :data:`ACTORS_MAX_ARTICLES`.
    """
    if cache is None or is_url(root) or not 1 <= articles <= ACTORS_MAX_ARTICLES:
        return False
    corpus = load_corpus(root, cache=cache)  # the parsed articles are in the cache: no file is parsed again
    try:
        lexicon = actors.parse_actors(corpus.actors_toml) if corpus.actors_toml else None
    except LexiconError:
        lexicon = None  # the page falls back to discovery too, and says why
    runner = Runner(cache=cache)
    actors.treatment(actors.actor_layer(corpus, lexicon, runner=runner), corpus, runner=runner)
    return True
