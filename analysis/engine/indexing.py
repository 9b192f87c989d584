"""Filling the analysis cache for a whole corpus: what `storylens index` runs.

The index streams, so the client's memory does not grow with the corpus. The
client (this process) lists the files and hands batches of file names to
workers (this machine's process pool, :class:`analysis.engine.batch.LocalPool`, or a
Dask cluster's, :class:`analysis.engine.cluster.DaskCluster`). The workers read the
files themselves and send back finished cache rows, which the client writes
as they arrive: it stays the cache's only writer. Three passes:

1. parse: workers parse the files the parsed-article cache lacks;
2. count: the client reads the parsed articles back from the cache a batch at
   a time, counting the short lines repeated across one outlet's articles
   (crawl furniture, which :func:`analysis.corpus.load_corpus` takes out);
3. analyse: for every article missing an analysis, the client reads its
   parsed text back from the cache as its batch is handed out (a few batches
   in flight: memory stays bounded), and a worker rebuilds the article from
   it, takes out the same lines, checks it has the article the client
   expects (same content hash), and runs the analyses. Rebuilding costs a
   thirtieth of parsing the file again (on BBC 0.06 s against 1.8 s of CPU),
   and gives the analyses the very article the app loads from the cache. A
   parsed text the cache no longer holds (pruned meanwhile) is parsed from
   its file again.

Whatever ran it, a cache row is the bytes :meth:`analysis.engine.batch.Runner.ensure_all` would write.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, NamedTuple, Protocol

from analysis import actors, keywords
from analysis.article_similarity import article_stems
from analysis.engine.batch import Progress, _run_jobs, fewer_collections, settings_key, task_name
from analysis.engine.cache import AnalysisCache
from analysis.corpus import (
    PARSED_TASK, Skipped, drop_lines, parse_file, parsed_from_json, parsed_to_json, with_metadata,
)
from analysis.corpus.files import corpus_address, corpus_metadata, list_files, read_file
from analysis.corpus.furniture import LineCounts, furniture_candidates
from analysis.corpus.pages import unified_outlets
from analysis.models.treatment_features import ToneSettings, article_tone
from analysis.story import copies, events

# The per-article work behind every page, with the settings the pages start
# from: once these are cached, every page opens without computing anything.
# Left out, computed (and cached) the first time they are asked for: VADER's
# sentence scores (the Actors page's vader method) and the figures (the Story
# page reads them for one story at a time, tens of articles, in well under a
# second). On the 2,225 BBC articles the cold index, the corpus-wide step
# included, costs 0.65 of plain YAKE (bench/index_bench.py, median of three
# runs at load 0.3-1.5, Dec 7 afternoon; 0.70-0.76 before that day's last
# cuts to the per-article work); the figures would add about 0.05.
INDEX_TASKS = (
    ("keywords", keywords.article_keywords, keywords.KeywordSettings()),
    ("mentions", actors.article_mentions, actors.MentionSettings()),
    ("stems", article_stems, None),
    ("sentence stems", events.article_sentence_stems, None),
    ("words", copies.article_words, None),
    # VADER over each sentence: the Actors page's default (article-level) treatment reads it for every
    # article in play, so it belongs with what every page starts from (about 1.5 s more on BBC, cold).
    ("tone", article_tone, ToneSettings()),
)
# Parsed articles the client reads back from the cache at once: bounded memory, few queries.
READ_BATCH = 500
CHANGED = "changed while it was being indexed; run the index again"


class Executor(Protocol):
    """Where batches run: :class:`analysis.engine.batch.LocalPool` or :class:`analysis.engine.cluster.DaskCluster`."""

    def batch_size(self, articles: int) -> int: ...

    def map_unordered(self, work: Callable[..., Any], batches: Sequence[tuple],
                      articles: int) -> Iterator[tuple[tuple, Any]]: ...


@dataclass(frozen=True)
class IndexReport:
    """What an index did (``summary``: the counts `storylens index` prints) and which files it set aside."""

    summary: dict[str, int]
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]


class _Entry(NamedTuple):
    rel: str
    key: str  # the parsed-article cache's key for the file
    id: str  # the article's content hash once repeated lines are out
    meta: dict[str, str] | None
    drops: tuple[str, ...]  # its paragraphs repeated across its outlet, to take out


def index_folder(root: str, cache: AnalysisCache | None, executor: Executor,
                 progress: Progress | None = None) -> IndexReport:
    """Run every per-article analysis over the corpus at ``root`` (a folder or fsspec URL), streaming."""
    root = corpus_address(root)
    if cache is None:  # nothing to keep, but the passes hand work over through a cache
        with tempfile.TemporaryDirectory(prefix="storylens-index-") as scratch:
            return index_folder(root, AnalysisCache(f"{scratch}/cache.sqlite3"), executor, progress)
    files, skipped = list_files(root)
    warnings: list[str] = []
    metadata = corpus_metadata(root, warnings)
    # Hundreds of reads and writes from this thread: one connection. Garbage collected as in the workers.
    with cache.held(), fewer_collections():
        failed = _parse_missing(root, files, cache, executor, progress)
        skipped += failed
        unread = {s.path for s in failed}
        entries = _count_pass(cache, [f for f in files if f[0] not in unread], metadata, skipped)
        for missing in sorted(metadata):
            warnings.append(f"metadata.csv names {missing!r}, which is not an article of this corpus")
        articles, todo, cached = _plan(cache, entries, skipped)
        computed = sum(len(wanted) for *_, wanted in todo)
        warnings += _analyse(root, cache, executor, todo, len(articles), progress)
    summary = {"articles": len(articles), "skipped": len(skipped), "analyses": len(INDEX_TASKS),
               "computed": computed, "cached": cached}
    return IndexReport(summary, tuple(sorted(skipped, key=lambda s: s.path)), tuple(warnings))


def _batches(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _parse_missing(root: str, files: list[tuple[str, str]], cache: AnalysisCache, executor: Executor,
                   progress: Progress | None) -> list[Skipped]:
    """Pass 1: parse the files the parsed cache lacks, on the workers; returns the unreadable ones."""
    present = cache.has_many(PARSED_TASK, "", [key for _, key in files])
    missing = [f for f in files if f[1] not in present]
    failed: list[Skipped] = []
    done = 0
    batches = [(root, batch) for batch in _batches(missing, executor.batch_size(len(missing)))]
    for (_, batch), rows in executor.map_unordered(_parse_batch, batches, len(missing)):
        cache.put_rows([(PARSED_TASK, "", key, text) for _, key, text in rows if key])
        failed += [Skipped(rel, text) for rel, key, text in rows if not key]
        done += len(batch)
        if progress:
            progress(done, len(missing))
    return failed


def _parse_batch(root: str, items: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """In a worker: (path, cache key, parsed article as JSON text), or (path, "", why it was skipped)."""
    out = []
    for rel, key in items:
        article = parse_file(rel, partial(read_file, root, rel))
        if isinstance(article, Skipped):
            out.append((rel, "", article.reason))
        else:
            out.append((rel, key, json.dumps(parsed_to_json(article), ensure_ascii=False)))
    return out


def _count_pass(cache: AnalysisCache, files: list[tuple[str, str]], metadata: dict[str, dict[str, str]],
                skipped: list[Skipped]) -> list[_Entry]:
    """Pass 2: every article's content hash, and the repeated lines to take out of it.

    As :func:`analysis.corpus.load_corpus` does: metadata first, then one name
    per site (which sets the groups), then the lines repeated within a group.
    """
    seen = []  # (path, key, id, meta, outlet, url, group when the outlet is empty, candidate lines)
    for batch in _batches(files, READ_BATCH):
        parsed = cache.get_many(PARSED_TASK, "", [key for _, key in batch])
        for rel, key in batch:
            if key not in parsed:  # the cache could not keep it (locked past its timeout, or pruned)
                skipped.append(Skipped(rel, "the cache could not keep its parsed text (a cache larger than "
                                            "STORYLENS_CACHE_MAX_MB needs?)"))
                continue
            meta = metadata.pop(rel, None)
            article = with_metadata(parsed_from_json(rel, parsed[key]), meta)
            seen.append((rel, key, article.id, meta, article.outlet, article.url,
                         replace(article, outlet="").group, furniture_candidates(article.text.split("\n\n"))))
    counts = LineCounts()
    outlets = unified_outlets((outlet, url) for *_, outlet, url, _, _ in seen)
    for (*_, fallback, candidates), outlet in zip(seen, outlets):
        counts.add(outlet or fallback, candidates)
    repeated = counts.repeated()
    entries = [_Entry(rel, key, id_, meta, tuple(sorted(c & repeated))) for rel, key, id_, meta, *_, c in seen]
    # Articles that lose lines get a new text, hence a new content hash: read those back once more.
    for batch in _batches([i for i, e in enumerate(entries) if e.drops], READ_BATCH):
        parsed = cache.get_many(PARSED_TASK, "", [entries[i].key for i in batch])
        for i in batch:
            e = entries[i]
            article = drop_lines(with_metadata(parsed_from_json(e.rel, parsed[e.key]), e.meta), frozenset(e.drops))
            entries[i] = e._replace(id=article.id)
    return entries


def _plan(cache: AnalysisCache, entries: list[_Entry], skipped: list[Skipped]):
    """Pass 3's work list: the articles (first of each text), and (entry, jobs wanted) where any is missing."""
    articles: list[_Entry] = []
    first: dict[str, str] = {}
    for entry in entries:
        if entry.id in first:
            skipped.append(Skipped(entry.rel, f"same text as {first[entry.id]}"))
        else:
            first[entry.id] = entry.rel
            articles.append(entry)
    keys = [(task_name(func), settings_key(settings)) for _, func, settings in INDEX_TASKS]
    todo: list[tuple[_Entry, tuple[int, ...]]] = []
    cached = 0
    for batch in _batches(articles, READ_BATCH):
        present = [cache.has_many(task, key, [e.id for e in batch]) for task, key in keys]
        cached += sum(len(p) for p in present)
        for entry in batch:
            wanted = tuple(j for j in range(len(keys)) if entry.id not in present[j])
            if wanted:
                todo.append((entry, wanted))
    return articles, todo, cached


def _analyse(root: str, cache: AnalysisCache, executor: Executor, todo: list[tuple[_Entry, tuple[int, ...]]],
             total: int, progress: Progress | None) -> list[str]:
    """Pass 3: the analyses of ``todo`` on the workers, stored as they finish; returns warnings."""
    jobs = [(func, settings) for _, func, settings in INDEX_TASKS]
    keys = [(task_name(func), settings_key(settings)) for func, settings in jobs]
    items = [(e.rel, e.key, e.meta, e.id, e.drops, wanted) for e, wanted in todo]
    done = total - len(items)
    if progress and total:
        progress(done, total)
    warnings = []
    batches = _WithParsedText(root, jobs, _batches(items, executor.batch_size(len(items))), cache)
    for (_, _, batch), (rows, problems) in executor.map_unordered(_analyse_batch, batches, len(items)):
        # One transaction per batch for every analysis: commits cost the client time.
        cache.put_rows([(*keys[job], article_id, text) for job, article_id, text in rows])
        warnings += [f"{rel}: {problem}" for rel, problem in problems]
        done += len(batch)
        if progress:
            progress(done, total)
    return warnings


class _WithParsedText(Sequence):
    """Pass 3's batches of work, each with its articles' parsed text read from the cache when it is handed out.

    An executor takes its batches one at a time as workers free up, so only
    the batches in flight hold text, however large the corpus.
    """

    def __init__(self, root: str, jobs: list, batches: list[list[tuple]], cache: AnalysisCache) -> None:
        self.root, self.jobs, self.batches, self.cache = root, jobs, batches, cache

    def __len__(self) -> int:
        return len(self.batches)

    def __getitem__(self, number):  # an int: the executors only step through the batches
        batch = self.batches[number]
        parsed = self.cache.get_texts(PARSED_TASK, "", [key for _, key, *_ in batch])
        return self.root, self.jobs, [(rel, parsed.get(key), *rest) for rel, key, *rest in batch]


def _analyse_batch(root: str, jobs, items) -> tuple[list[tuple[int, str, str]], list[tuple[str, str]]]:
    """In a worker: rebuild (or parse) and analyse each article; (cache rows, (path, problem) for any that changed)."""
    chunk, problems = [], []
    for rel, parsed, meta, expected, drops, wanted in items:
        if parsed is None:  # the cache let it go since the count pass: parse the file again
            article = parse_file(rel, partial(read_file, root, rel), meta)
            if isinstance(article, Skipped):
                problems.append((rel, article.reason))
                continue
        else:
            article = with_metadata(parsed_from_json(rel, json.loads(parsed)), meta)
        if drops:
            article = drop_lines(article, frozenset(drops))
        if article.id != expected:
            problems.append((rel, CHANGED))
            continue
        chunk.append((article, wanted))
    return _run_jobs(jobs, chunk), problems
