"""The `storylens` command: every analysis the app shows, for scripts and notebooks.

A thin layer: parse arguments, call the same analysis functions the pages
call, print a table. Errors from analysis/ become one line on stderr and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis import actors, compare, keywords, timeline, topics
from analysis.engine.batch import LocalPool, Runner
from analysis.engine.cache import AnalysisCache
from analysis.engine.cluster import ClusterUnavailable, DaskCluster, scheduler_address
from analysis.corpus import Corpus, CorpusNotFound, load_corpus
from analysis.corpus.tables import article_table, removal_table, sentence_table
from analysis.export import export_tables
from analysis.fetching import FetchSettings, fetch_links, links_from_sources
from analysis.engine.index_wide import index_corpus_wide
from analysis.engine.indexing import index_folder
from analysis.lexicon import Lexicon, LexiconError
from analysis.models.ner import ModelMissing
from analysis.models.target_sentiment import ModelUnavailable
from analysis.report import ReportError, default_out, report_file
from analysis.text.wordnet import StaleConceptTable
from analysis.story.claims import find_claims
from analysis.story.copies import find_copies
from analysis.story.events import find_events
from analysis.story.figures import figures_by_event

# Long sentences make a terminal table unreadable; files get the full text.
TABLE_CELL_CHARS = 70


class UsageError(Exception):
    """The command was given something it cannot work with."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except BrokenPipeError:
        # The reader (head, less) stopped early: not an error. Point stdout at
        # devnull so the interpreter's final flush does not complain.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (UsageError, ReportError, ClusterUnavailable, CorpusNotFound, LexiconError, ModelMissing, ModelUnavailable,
            StaleConceptTable, KeyError, ValueError, OSError, timeline.NoDates) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"storylens: error: {message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        kept = "pages saved so far are kept" if args.command == "fetch" else "finished results are kept in the cache"
        print(f"storylens: interrupted; {kept}", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storylens", description="Compare how different outlets cover the same news story."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, handler) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("corpus", metavar="CORPUS", help="folder of articles: .txt and saved pages (.html, .htm, .mhtml, .webarchive), any depth")
        sub.add_argument("--format", choices=("csv", "json", "table"), help="default: table on a terminal, else csv")
        sub.add_argument("--no-cache", action="store_true", help="compute everything afresh; keep nothing")
        sub.set_defaults(handler=handler)
        return sub

    command("load", "one row per article: title, outlet, date, size", _load)
    sub = command("keywords", "keywords of each article (YAKE)", _keywords)
    sub.add_argument("--top", type=int, default=keywords.DEFAULT_TOP, help="keywords per article")
    sub.add_argument("--mode", choices=("article", "distinctive"), default="article")
    sub = command("actors", "how each article treats each person or organisation", _actors)
    _actor_options(sub)
    sub.add_argument("--actor", metavar="NAME", action="append", help="only this actor (repeatable)")
    sub.add_argument("--method", choices=actors.METHODS, default="article",
                     help="article: the shipped treatment model (default); target: sentences confidently for or "
                          "against; vader: sentence tone")
    _actor_options(command("mentions", "every mention of a person or organisation", _mentions))
    _actor_options(command("names", "how each article names each actor: the forms and their counts", _names))
    _actor_options(command("quotes", "every direct quotation and its speaker", _quotes))
    sub = command("topics", "how many sentences of each article cover each topic", _topics)
    sub.add_argument("--topics", metavar="FILE", help="topics.toml (default: the corpus's own, else suggested)")
    sub.add_argument("--list", action="store_true", help="print the topics in use and their terms instead")
    sub = command("compare", "two articles aligned sentence by sentence", _compare)
    sub.add_argument("a", metavar="A", help="article path relative to CORPUS")
    sub.add_argument("b", metavar="B", help="article path relative to CORPUS")
    command("events", "which story (event) each article belongs to", _events)
    sub = command("claims", "the claims two or more articles of a story carry, sentence by sentence", _claims)
    sub.add_argument("--event", metavar="ID", help="only this story (an id from `storylens events`)")
    sub = command("figures", "the figures each article gives, lined up by the fact they measure", _figures)
    sub.add_argument("--event", metavar="ID", help="only this story (facts across stories mean little)")
    command("copies", "pairs of articles sharing a passage word for word", _copies)
    sub = command("index", "compute and cache every analysis of every article", _index)
    sub.add_argument("--scheduler", metavar="ADDRESS", help="run on this Dask scheduler (tcp://host:8786; "
                     "'local': a cluster started here); default $DASK_SCHEDULER_ADDRESS, else this machine's cores")
    sub = command("export", "every table (articles ... copies) as a typed Parquet file in DIR", _export)
    sub.add_argument("--out", metavar="DIR", required=True, help="folder for the .parquet files (made if needed)")
    _actor_options(sub)
    sub = command("timeline", "articles per period (day, ISO week, month) and outlet, story, actor or topic", _timeline)
    sub.add_argument("--by", default="outlet", help="outlet (default), event, actor, topic or none")
    sub.add_argument("--every", help="day, week or month (default: chosen from the span of the dates)")
    _actor_options(sub)
    sub.add_argument("--topics", metavar="FILE", help="topics.toml (default: the corpus's own, else suggested)")
    command("sentences", "every sentence exactly as the analyses see it", _sentences)
    command("removed", "what the loader took out of each article (crawl furniture), and why", _removed)
    # No CORPUS: fetch makes one.
    sub = commands.add_parser("fetch", help="save the pages of links and feeds as a corpus folder")
    sub.add_argument("source", metavar="SOURCE", nargs="+", help="a link, a file of links, or an RSS/Atom feed")
    sub.add_argument("--out", metavar="DIR", required=True, help="folder to save pages and metadata.csv in")
    sub.add_argument("--delay", type=float, default=FetchSettings.delay_s, help="seconds between requests to a host")
    sub.add_argument("--ignore-robots", action="store_true", help="for your own sites only")
    sub.add_argument("--format", choices=("csv", "json", "table"), help="default: table on a terminal, else csv")
    sub.set_defaults(handler=_fetch)
    sub = command("report", "one self-contained HTML file for a story: claims, figures, actors, keywords, copies", _report)
    sub.add_argument("--event", metavar="ID", help="the story (an id from `storylens events`); default: every article")
    sub.add_argument("--out", metavar="FILE", help="where to write it (default: storylens-FOLDER[-ID].html here)")
    return parser


def _runner(args: argparse.Namespace) -> Runner:
    cache = None if args.no_cache else AnalysisCache()
    if cache is not None and cache.disabled_reason:
        print(f"storylens: warning: {cache.disabled_reason}", file=sys.stderr)
        cache = None
    progress = _ProgressBar() if sys.stderr.isatty() else None
    return Runner(cache=cache, progress=progress)


def _corpus(args: argparse.Namespace, runner: Runner | None = None) -> Corpus:
    corpus = load_corpus(args.corpus, cache=runner.cache if runner else None)
    _set_aside(args, corpus.skipped, corpus.warnings, len(corpus.articles))
    return corpus


def _set_aside(args: argparse.Namespace, skipped, warnings, articles: int) -> None:
    """Say on stderr which files were skipped and why; no article at all is an error."""
    for item in skipped:
        print(f"storylens: skipped {item.path}: {item.reason}", file=sys.stderr)
    for warning in warnings:
        print(f"storylens: warning: {warning}", file=sys.stderr)
    if not articles:
        raise UsageError(f"no readable articles (*.txt, *.html, *.mhtml) in {args.corpus}")


def _emit(frame: pd.DataFrame, args: argparse.Namespace) -> int:
    fmt = args.format or ("table" if sys.stdout.isatty() else "csv")
    if fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    else:
        shown = frame.copy()
        for column in shown.columns:
            if pd.api.types.is_string_dtype(shown[column]) or shown[column].dtype == object:
                shown[column] = shown[column].map(_shorten)
        with pd.option_context("display.max_rows", None, "display.width", 200):
            print(shown.to_string(index=False))
    return 0


def _shorten(value: object) -> object:
    if isinstance(value, str) and len(value) > TABLE_CELL_CHARS:
        return value[: TABLE_CELL_CHARS - 1] + "…"
    return value


def _load(args: argparse.Namespace) -> int:
    # Parsed pages are cached: a warm load reads no HTML.
    return _emit(article_table(_corpus(args, _runner(args))), args)


def _keywords(args: argparse.Namespace) -> int:
    if args.top < 1:
        raise UsageError("--top must be at least 1")
    runner = _runner(args)
    corpus = _corpus(args, runner)
    table = keywords.keyword_table(corpus, keywords.KeywordSettings(), args.mode, top=args.top, runner=runner)
    return _emit(table, args)


def _lexicon(path: str | None, corpus_text: str | None, parse) -> Lexicon | None:
    if path:
        return parse(Path(path).read_text(encoding="utf-8"))
    if corpus_text:
        return parse(corpus_text)
    return None


def _actor_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--actors", metavar="FILE", help="actors.toml (default: the corpus's own, else discovered)")


def _actor_layer(args: argparse.Namespace):
    runner = _runner(args)
    corpus = _corpus(args, runner)
    lexicon = _lexicon(args.actors, corpus.actors_toml, actors.parse_actors)
    if note := actors.language_note(corpus):
        print(f"storylens: warning: {note}", file=sys.stderr)
    return corpus, actors.actor_layer(corpus, lexicon, runner=runner), runner


def _actors(args: argparse.Namespace) -> int:
    corpus, layer, runner = _actor_layer(args)
    if args.actor:
        known = {name.lower(): name for name, _ in layer.actors}
        if all(n.lower() in known for n in args.actor):
            wanted = {known[n.lower()] for n in args.actor}
            table = actors.treatment(layer, corpus, args.method, runner=runner)
            return _emit(table[table["actor"].isin(wanted)].reset_index(drop=True), args)
        # A name the actors do not include is looked up as written (surname included).
        aliases = dict(layer.actors)
        lexicon = tuple((known[n.lower()], aliases[known[n.lower()]]) if n.lower() in known else (n, ())
                        for n in args.actor)
        layer = actors.actor_layer(corpus, lexicon, runner=runner)
    return _emit(actors.treatment(layer, corpus, args.method, runner=runner), args)


def _mentions(args: argparse.Namespace) -> int:
    _, layer, _ = _actor_layer(args)
    return _emit(actors.mention_table(layer), args)


def _names(args: argparse.Namespace) -> int:
    _, layer, _ = _actor_layer(args)
    table = actors.names_table(layer)
    table["sentences"] = table["sentences"].map(lambda s: " ".join(map(str, s)))
    return _emit(table, args)


def _quotes(args: argparse.Namespace) -> int:
    _, layer, _ = _actor_layer(args)
    return _emit(actors.quote_table(layer), args)


def _topics(args: argparse.Namespace) -> int:
    runner = _runner(args)
    corpus = _corpus(args, runner)
    lexicon = _lexicon(args.topics, corpus.topics_toml, topics.parse_topics)
    if lexicon is None:
        lexicon = topics.suggest_topics(corpus, runner=runner)
    if args.list:
        return _emit(topics.lexicon_table(lexicon), args)
    return _emit(topics.coverage_matrix(corpus, lexicon), args)


def _compare(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    paths = [a.path for a in corpus.articles]
    for name in (args.a, args.b):
        if name not in paths:
            raise UsageError(f"no article {name!r} in {args.corpus} (see `storylens load {args.corpus}`)")
    alignment = compare.align(corpus.article(args.a), corpus.article(args.b))
    return _emit(alignment, args)


def _sentences(args: argparse.Namespace) -> int:
    return _emit(sentence_table(_corpus(args)), args)


def _removed(args: argparse.Namespace) -> int:
    return _emit(removal_table(_corpus(args)), args)


def _events(args: argparse.Namespace) -> int:
    runner = _runner(args)
    return _emit(find_events(_corpus(args, runner), runner=runner), args)


def _story(args: argparse.Namespace) -> tuple[Corpus, pd.DataFrame, Runner]:
    """The corpus (restricted to ``--event`` when given), its events, and a runner."""
    runner = _runner(args)
    corpus = _corpus(args, runner)
    events = find_events(corpus, runner=runner)
    if getattr(args, "event", None):
        if args.event not in set(events["event"]):
            raise UsageError(f"no event {args.event!r} in {args.corpus} (see `storylens events {args.corpus}`)")
        events = events[events["event"] == args.event]
        corpus = corpus.subset(list(events["article"]))
    return corpus, events, runner


def _claims(args: argparse.Namespace) -> int:
    corpus, events, runner = _story(args)
    return _emit(find_claims(corpus, runner=runner, events=events), args)


def _figures(args: argparse.Namespace) -> int:
    corpus, events, runner = _story(args)
    return _emit(figures_by_event(corpus, events, runner=runner), args)


def _copies(args: argparse.Namespace) -> int:
    runner = _runner(args)
    return _emit(find_copies(_corpus(args, runner), runner=runner), args)


def _timeline(args: argparse.Namespace) -> int:
    runner = _runner(args)
    corpus = _corpus(args, runner)
    table = timeline.timeline(corpus, args.by, args.every or timeline.choose_every(corpus), runner=runner,
                              actors=_lexicon(args.actors, None, actors.parse_actors),
                              topics=_lexicon(args.topics, None, topics.parse_topics))
    if undated := sum(not a.published for a in corpus.articles):
        print(f"storylens: {undated} of {len(corpus.articles)} articles have no date: period 'undated'",
              file=sys.stderr)
    return _emit(table, args)


def _fetch(args: argparse.Namespace) -> int:
    links, problems = links_from_sources(args.source)
    for problem in problems:
        print(f"storylens: {problem}", file=sys.stderr)
    if not links:
        raise UsageError("no links to fetch")
    bar = _ProgressBar("links") if sys.stderr.isatty() else None
    clear = "\r\x1b[K" if bar else ""  # a line printed over the bar starts by wiping it

    def tell(o) -> None:
        if o.outcome in ("failed", "not tried"):
            print(f"{clear}storylens: {o.outcome} {o.url}: {o.reason}", file=sys.stderr)

    settings = FetchSettings(delay_s=max(0.0, args.delay), respect_robots=not args.ignore_robots)
    report = fetch_links(links, args.out, settings, progress=bar, on_outcome=tell)
    _emit(pd.DataFrame(report.rows(), columns=["url", "outcome", "file", "status", "reason"])
          .astype({"status": "Int64"}), args)
    if not report.pages:
        raise UsageError(f"nothing saved in {args.out}: none of the {len(report.outcomes)} link(s) gave a page")
    return 0


def _report(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else default_out(args.corpus, args.event)
    runner = _runner(args)
    corpus = _corpus(args, runner)
    summary = report_file(corpus, find_events(corpus, runner=runner), out, event=args.event, runner=runner,
                          source=Path(args.corpus).resolve().name)
    return _emit(pd.DataFrame([summary]), args)


def _index(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    runner = _runner(args)
    address = scheduler_address(args.scheduler)
    with DaskCluster(address) if address else LocalPool(runner.workers) as executor:
        report = index_folder(args.corpus, runner.cache, executor, runner.progress)
    index_corpus_wide(args.corpus, runner.cache, report.summary["articles"])  # what Topics and Actors open on
    _set_aside(args, report.skipped, report.warnings, report.summary["articles"])
    summary = {**report.summary, "seconds": round(time.perf_counter() - started, 2)}
    return _emit(pd.DataFrame([summary]), args)


def _export(args: argparse.Namespace) -> int:
    runner = _runner(args)
    corpus = _corpus(args, runner)
    lexicon = _lexicon(args.actors, corpus.actors_toml, actors.parse_actors)
    progress = _ProgressBar("tables") if runner.progress else None
    return _emit(export_tables(corpus, args.out, runner=runner, actor_lexicon=lexicon, progress=progress), args)


class _ProgressBar:
    """A one-line progress bar on stderr, redrawn in place."""

    WIDTH = 30

    def __init__(self, unit: str = "articles") -> None:
        self.unit = unit

    def __call__(self, done: int, total: int) -> None:
        filled = int(self.WIDTH * done / total)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r[{bar}] {done}/{total} {self.unit}{end}")
        sys.stderr.flush()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
