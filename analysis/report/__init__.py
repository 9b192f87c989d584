"""The report: one self-contained HTML file for a story, for an editor, a client or a paper.

:func:`build_report` gathers what the Overview's timeline and the Story,
Actors and Keywords pages show for the articles in play, from the same
analysis functions and the same cache (it computes nothing of its own), and renders ``templates/report.html.j2``
with Jinja2, autoescape on: every piece of article text is escaped by the
template. plotly.js is inlined once and the charts travel as escaped JSON
(:mod:`analysis.report.charts`). The file makes no network request: its
Content-Security-Policy allows no source outside the file, and lets only the
report's own two scripts run (by their SHA-256), so a script in an article
could not run even if it slipped past the escaping.

Which articles: ``storylens report CORPUS`` covers every article of the
folder while a claim matrix of them stays readable (up to
:data:`~analysis.story.claims.STORY_MAX_ARTICLES`, the Story page's own limit),
whatever the number of stories the grouping finds in it; past that, one
story must be chosen (``--event``), as on the Story page, and the error lists
the largest.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from analysis import actors
from analysis.actors.agreement import agreement_note
from analysis.engine.batch import Runner
from analysis.corpus import Corpus
from analysis.keywords import KeywordSettings, keyword_table
from analysis.report import charts, sections
from analysis.story.claims import STORY_MAX_ARTICLES, ClaimSettings, find_claims
from analysis.story.copies import find_copies
from analysis.story.events import EventSettings, event_summary
from analysis.story.figures import FigureSettings, figures_by_event
from analysis.story.in_play import stories_in_play
from analysis.text import tfidf

__all__ = ["ReportError", "ReportSettings", "report_scope", "build_report", "check_writable", "write_report"]

# Stories named in the error that asks for one.
STORIES_LISTED = 10
_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("analysis.report", "templates"),
    autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
)
# Reads the charts' JSON block and draws each chart; plotly.js is the only other script.
_DRAW_CHARTS = (
    '(function(){var specs=JSON.parse(document.getElementById("storylens-charts").textContent);'
    'var config={displaylogo:false,responsive:true,showLink:false,typesetMath:false};'
    'Object.keys(specs).forEach(function(id){Plotly.newPlot(id,specs[id].data,specs[id].layout,config);});})();'
)


class ReportError(Exception):
    """The report cannot be made from these articles, or written to that file."""


@dataclass(frozen=True)
class ReportSettings:
    """What the report computes with: the pages' own defaults; ``ReportSettings(keywords_top=5)``."""

    claims: ClaimSettings = field(default_factory=ClaimSettings)
    keywords: KeywordSettings = field(default_factory=KeywordSettings)
    keywords_top: int = 8  # distinctive keywords listed per article
    method: str = "article"  # how treatment is read: the Actors page's default


def report_scope(corpus: Corpus, events: pd.DataFrame, event: str | None = None) -> Corpus:
    """The articles a report covers: story ``event``, else every article of ``corpus``.

    ``events`` is :func:`~analysis.story.events.find_events`' frame (over the
    whole folder, so ids are the sidebar's). Raises :class:`ReportError` for
    an unknown event, fewer than two articles, or, with no event, more
    articles than a claim matrix can show spread over several stories.
    """
    if event:
        if event not in set(events["event"]):
            raise ReportError(f"no story {event!r} in this folder; stories: {_stories(events)}")
        corpus = corpus.subset(list(events.loc[events["event"] == event, "article"]))
        if len(corpus.articles) < 2:
            raise ReportError(f"story {event} holds one article; a report compares two or more "
                              f"(stories of two or more: {_stories(events)})")
        return corpus
    if len(corpus.articles) < 2:
        raise ReportError(f"{len(corpus.articles)} article(s): a report compares two or more")
    held = events[events["article"].isin({a.path for a in corpus.articles})]
    if len(corpus.articles) > STORY_MAX_ARTICLES and held["event"].nunique() > 1:
        raise ReportError(f"{len(corpus.articles)} articles in {held['event'].nunique()} stories: choose one "
                          f"with --event ({_stories(held)})")
    return corpus


def _stories(events: pd.DataFrame) -> str:
    """The largest stories, for a message: those of two or more articles (any, when none is)."""
    summary = event_summary(events)
    if (summary["size"] >= 2).any():
        summary = summary[summary["size"] >= 2]
    if summary.empty:
        return "none"
    listed = ", ".join(f"{r.event} ({r.size} article{'s' if r.size > 1 else ''})"
                       for r in summary.head(STORIES_LISTED).itertuples())
    more = len(summary) - STORIES_LISTED
    return listed + (f" and {more} more (see `storylens events`)" if more > 0 else "")


def _version() -> str:
    try:
        return metadata.version("storylens")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def _script_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def build_report(corpus: Corpus, events: pd.DataFrame, *, runner: Runner | None = None,
                 settings: ReportSettings = ReportSettings(), source: str = "", scope: str = "") -> str:
    """The report on ``corpus``'s articles (see :func:`report_scope`) as one HTML document.

    ``events`` tells which story each article belongs to; ``source`` names the
    folder and ``scope`` what was chosen ("story E1"), both for the
    generated-by line. Raises :class:`ReportError` for fewer than two articles.
    """
    if len(corpus.articles) < 2:
        raise ReportError(f"{len(corpus.articles)} article(s): a report compares two or more")
    runner = runner or Runner()
    events = stories_in_play(events, corpus)
    titles = {a.path: a.title or a.path for a in corpus.articles}
    found = find_claims(corpus, settings.claims, runner=runner, events=events)
    lexicon = actors.parse_actors(corpus.actors_toml) if corpus.actors_toml else None
    layer = actors.actor_layer(corpus, lexicon, runner=runner)
    treatment = actors.treatment(layer, corpus, settings.method, runner=runner)
    keywords = keyword_table(corpus, settings.keywords, "distinctive", top=settings.keywords_top, runner=runner)
    claim_part = sections.claims(corpus, found, titles)
    actor_part = sections.actor_section(
        corpus, layer, treatment, titles, agreement_note(settings.method),
        "the folder's actors.toml" if lexicon is not None else "names found in the articles")
    timeline_part = sections.timeline_section(corpus, runner)
    chart_specs = {name: spec for name, spec in (("chart-timeline", timeline_part.get("chart")),
                                                 ("chart-claims", claim_part["chart"]),
                                                 ("chart-treatment", actor_part["chart"]),
                                                 ("chart-voices", actor_part["voices_chart"])) if spec}
    plotly_js = get_plotlyjs()
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return _TEMPLATES.get_template("report.html.j2").render(
        title=_report_title(events), source=source, scope=scope or "the articles given",
        version=_version(), when=when,
        settings=sections.settings_rows([("claims", settings.claims), ("stories", EventSettings()),
                                         ("article similarity", tfidf.WEIGHTING),
                                         ("figures", FigureSettings()), ("keywords", settings.keywords),
                                         ("keywords per article", settings.keywords_top),
                                         ("treatment", settings.method)]),
        in_play=sections.in_play(corpus, events), claims=claim_part,
        timeline=timeline_part,
        alone=sections.alone_and_missing(corpus, found, events, titles),
        figures=sections.figures(figures_by_event(corpus, events, runner=runner), events, titles),
        actors=actor_part, keywords=sections.keyword_section(keywords, titles),
        copies=sections.copies(corpus, find_copies(corpus, runner=runner), titles),
        # Our own code and data, escaped for a <script> element: the only values marked safe.
        plotly_js=Markup(plotly_js), draw_charts=Markup(_DRAW_CHARTS),
        chart_json=Markup(charts.script_json(chart_specs)),
        script_hashes=" ".join(_script_hash(s) for s in (plotly_js, _DRAW_CHARTS)),
    )


def _report_title(events: pd.DataFrame) -> str:
    """The title of the story the report covers; with several, the largest one's and how many more."""
    stories = event_summary(events)
    if stories.empty:
        return "StoryLens report"
    more = len(stories) - 1
    return str(stories["event_title"].iloc[0]) + (f" (and {more} more {'story' if more == 1 else 'stories'})"
                                                   if more else "")


def check_writable(out: Path) -> None:
    """Raise :class:`ReportError` unless a report can be written at ``out`` (checked before the work)."""
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise ReportError(f"cannot write the report to {out}: it is a folder")
    if not folder.is_dir():
        raise ReportError(f"cannot write the report to {out}: no folder {folder}")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise ReportError(f"cannot write the report to {out}: permission denied")


def write_report(html: str, out: Path) -> None:
    """Write ``html`` to ``out`` whole or not at all (a temporary file beside it, then renamed)."""
    check_writable(out)
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".report-", suffix=".html", dir=out.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as sink:
            sink.write(html)
        # mkstemp makes the file private; a report is for sending, so it gets the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, out)
    except OSError as exc:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise ReportError(f"cannot write the report to {out}: {exc.strerror or exc}") from exc


def default_out(corpus_dir: str | Path, event: str | None) -> Path:
    """Where ``storylens report`` writes when no --out is given: named for the folder and the story."""
    name = Path(corpus_dir).resolve().name or "corpus"
    return Path(f"storylens-{name}{'-' + event if event else ''}.html")


def report_file(corpus: Corpus, events: pd.DataFrame, out: Path, *, event: str | None = None,
                runner: Runner | None = None, source: str = "") -> dict:
    """Choose the articles (:func:`report_scope`), build the report and write it to ``out``.

    ``out`` is checked before any work. Returns a summary: report (the
    path), articles, bytes.
    """
    check_writable(out)
    chosen = report_scope(corpus, events, event)
    html = build_report(chosen, events, runner=runner, source=source,
                        scope=f"story {event}" if event else "every article of the folder")
    write_report(html, out)
    return {"report": str(out), "articles": len(chosen.articles), "bytes": len(html.encode("utf-8"))}
