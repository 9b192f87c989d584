"""The corpus-wide results the app's pages open on, computed once by `storylens index`.

Two pages open on results that join every article of the folder:
- Topics, on the suggested themes of a folder without a topics.toml (NMF
  fits that choose their count: on BBC's 2,225 articles about 7.5 s of CPU);
- Actors, on the names joined across articles (:func:`analysis.actors.actor_layer`)
  and how each article treats each actor (:func:`analysis.actors.treatment`):
  about 3.9 s of CPU on BBC.
Every fresh server paid for them on its first visit. The index computes them
from the per-article results it has just cached and keeps them in the cache,
where the pages, `storylens topics`, `storylens actors` and the report read
them back. The folder is loaded from the cache once for both: on a warm index
that load is most of the time this step takes.
"""

from __future__ import annotations

import os

from analysis import actors
from analysis.engine.batch import Runner
from analysis.engine.cache import AnalysisCache
from analysis.corpus import load_corpus
from analysis.corpus.files import is_url
from analysis.lexicon import LexiconError
from analysis.topics import suggest_topics

# Past this many articles the index leaves both to the pages: computing them here would hold the whole
# folder and their inputs in the client's memory (370 MB at BBC's 2,225 articles), and the index keeps its
# client's memory bounded however large the folder (bench/cluster_bench.py, 50,000 articles).
MAX_ARTICLES = 5_000


def index_corpus_wide(root: str | os.PathLike[str], cache: AnalysisCache | None, articles: int) -> list[str]:
    """Compute into ``cache`` what the pages open on for the folder ``root`` (``articles`` articles).

    Only where the app would show them: a local folder (the app opens no
    other) of at most :data:`MAX_ARTICLES`; themes only without a
    topics.toml. Returns what it computed ("themes", "actors").
    """
    if cache is None or is_url(root) or not 1 <= articles <= MAX_ARTICLES:
        return []
    corpus = load_corpus(root, cache=cache)  # the parsed articles are in the cache: no file is parsed again
    runner = Runner(cache=cache)
    done = []
    if not corpus.topics_toml and articles >= 2:  # five articles on one story hold themes; one does not
        suggest_topics(corpus, runner=runner)
        done.append("themes")
    try:
        lexicon = actors.parse_actors(corpus.actors_toml) if corpus.actors_toml else None
    except LexiconError:
        lexicon = None  # the page falls back to discovery too, and says why
    actors.treatment(actors.actor_layer(corpus, lexicon, runner=runner), corpus, runner=runner)
    done.append("actors")
    return done
