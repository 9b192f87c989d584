"""The suggested themes, started in the background once a page has run, so Topics opens on them.

The index fills the per-article results every page starts from. The suggested
themes are corpus-wide (NMF fits that choose their number: most of Topics'
first visit on BBC's 2,225 articles), and computing them in the index would
cost it about a tenth of plain YAKE more, cold. So when a page of a large
folder without topics.toml has run, and the themes' per-article inputs are
cached, the app computes them in a background thread. The Topics page asks for
them as before: :meth:`analysis.batch.Runner.corpus_wide` hands back the
finished result from the cache, or waits for the one computation in flight.
"""

from __future__ import annotations

import threading

from analysis.batch import Runner, settings_key, task_name
from analysis.corpus import Corpus, CorpusNotFound
from ui import compute, source

# Below this many articles the themes take about a second: the page computes them itself.
WARM_FROM_ARTICLES = 300

_started: set[str] = set()
_guard = threading.Lock()


def start() -> threading.Thread | None:
    """Start the themes of the folder in play in the background, once per folder and process; the thread, if started.

    Nothing heavy is imported here: the first page stays as light as it is
    (tests/test_first_screen.py), and the thread imports what the themes need.
    """
    try:
        corpus = source.full_corpus()
    except CorpusNotFound:
        return None
    if corpus.topics_toml or len(corpus.articles) < WARM_FROM_ARTICLES:
        return None
    with _guard:
        if corpus.key in _started:
            return None
        _started.add(corpus.key)
    thread = threading.Thread(target=_warm, args=(corpus, compute.runner()), name="storylens-themes-warmup",
                              daemon=True)
    thread.start()
    return thread


def _warm(corpus: Corpus, runner: Runner) -> None:
    from analysis import topics

    if inputs_cached(corpus, runner):  # else the page computes them with its progress bar: no hidden minutes here
        topics.suggest_topics(corpus, runner=runner)


def inputs_cached(corpus: Corpus, runner: Runner) -> bool:
    """Whether the cache holds, for every article, the per-article results the themes read."""
    from analysis.keywords import KeywordSettings, article_keywords
    from analysis.story.events import article_sentence_stems

    if runner.cache is None:
        return False
    ids = list({a.id for a in corpus.articles})
    return all(len(runner.cache.has_many(task_name(func), settings_key(settings), ids)) == len(ids)
               for func, settings in ((article_sentence_stems, None), (article_keywords, KeywordSettings())))
