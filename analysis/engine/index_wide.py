"""The corpus-wide results the app's pages open on, computed once by `storylens index`.

Two pages open on results that join every article of the folder:
- Topics, on the suggested themes of a folder without a topics.toml (NMF
  fits that choose their count: on BBC's 2,225 articles about 7.5 s of CPU);
- Actors, on the names joined across articles (:func:`analysis.actors.actor_layer`)
  and how each article treats each actor (:func:`analysis.actors.treatment`):
  about 3.9 s of CPU on BBC, and about 2.5 s more since the treatment reads
  its paragraph word model (analysis/models/TREATMENT.md, fifth round).
Every fresh server paid for them on its first visit. The index computes them
from the per-article results it has just cached and keeps them in the cache,
where the pages, `storylens topics`, `storylens actors` and the report read
them back.

The two do not depend on each other, and each runs mostly on one core (the
themes but for their count's fits, the actors wholly), so the actors are
computed in a process of their own beside the themes; one after the other,
on BBC, they took about 7.8 s after the workers finished with one core
mostly idle. The process is forked once the folder is loaded (it shares
it), only when the cache lacks the actors, and ends as soon as they are in
it. A warm index finds both results in the cache and reads neither back.
"""

from __future__ import annotations

import os

from threadpoolctl import threadpool_limits

from analysis import actors, nmf
from analysis.engine.batch import Runner, fewer_collections, pool_context, start_worker
from analysis.engine.cache import AnalysisCache
from analysis.corpus import Corpus, load_corpus
from analysis.corpus.files import is_url
from analysis.lexicon import Lexicon, LexiconError
from analysis.themes import themes_cached
from analysis.topics import suggest_topics

# Past this many articles the index leaves both to the pages: computing them here holds the whole folder
# and their inputs in memory (at BBC's 2,225 articles, 320 MB in the client and 280 MB in the actors'
# process), and the index keeps its client's memory bounded however large the folder
# (bench/cluster_bench.py, 50,000 articles).
MAX_ARTICLES = 5_000


def index_corpus_wide(root: str | os.PathLike[str], cache: AnalysisCache | None, articles: int) -> list[str]:
    """Compute into ``cache`` what the pages open on for the folder ``root`` (``articles`` articles).

    Only where the app would show them: a local folder (the app opens no
    other) of at most :data:`MAX_ARTICLES`; themes only without a
    topics.toml. Returns what the cache now holds ("themes", "actors").
    """
    if cache is None or is_url(root) or not 1 <= articles <= MAX_ARTICLES:
        return []
    # The collector walked the folder's objects again and again: 1.3 s of the step's CPU on BBC, 0.3 s so.
    with fewer_collections():
        return _index_corpus_wide(root, cache, articles)


def _index_corpus_wide(root: str | os.PathLike[str], cache: AnalysisCache, articles: int) -> list[str]:
    corpus = load_corpus(root, cache=cache)  # the parsed articles are in the cache: no file is parsed again
    runner = Runner(cache=cache)
    themes = not corpus.topics_toml and articles >= 2  # five articles on one story hold themes; one does not
    try:
        lexicon = actors.parse_actors(corpus.actors_toml) if corpus.actors_toml else None
    except LexiconError:
        lexicon = None  # the page falls back to discovery too, and says why
    beside = None
    if not actors.treatment_cached(corpus, lexicon, runner=runner):  # a warm index has both: no process
        # A process, not a pool's worker: it ends, and lets go of its memory, as soon as the actors are done.
        # Forked, it has the folder already (else it gets it pickled).
        beside = pool_context().Process(target=_index_actors, args=(corpus, lexicon, cache),
                                         name="storylens-index-actors")
        beside.start()
    try:
        if themes and not themes_cached(corpus, runner=runner):
            _suggest_with_one_blas_thread(corpus, runner)
    finally:
        if beside is not None:
            beside.join()
    if beside is not None and beside.exitcode:
        raise RuntimeError(f"computing the actors failed (exit code {beside.exitcode}; its error is above)")
    return ["themes", "actors"] if themes else ["actors"]


def _suggest_with_one_blas_thread(corpus: Corpus, runner: Runner) -> None:
    """The suggested themes into the cache, with one BLAS thread per caller.

    The theme count's fits run on a thread per core and the actors' process
    takes a core too; OpenBLAS's own threads (one per core, on every call)
    only fought them for the cores and spun. On BBC, in the index (load 7-9,
    2 runs each): the themes' CPU 5.9-6.6 s -> 4.5-4.9 s; the same themes.
    The limit reaches only the libraries loaded, and scikit-learn brings
    scipy's, so it is imported first: only when the themes are computed (a
    warm index reads them back, and importing it would cost a second).
    The limit is set here, in the index's main thread, not with the fits:
    set from the threads of the app's sessions it does not always hold
    (OpenBLAS), and two sessions would restore each other's.
    """
    nmf.prepare_fits()
    with threadpool_limits(limits=1, user_api="blas"):
        suggest_topics(corpus, runner=runner)


def _index_actors(corpus: Corpus, lexicon: Lexicon | None, cache: AnalysisCache) -> None:
    """In a process of its own: the actor layer and its treatment, which the Actors page opens on, into ``cache``."""
    start_worker()  # a killed index takes it along; garbage collected as in the index's workers
    runner = Runner(cache=cache)
    actors.treatment(actors.actor_layer(corpus, lexicon, runner=runner), corpus, runner=runner)
