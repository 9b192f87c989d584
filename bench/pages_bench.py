"""Saved pages: main text, title, date, outlet and author as read by StoryLens, and the time it takes.

    python bench/pages_bench.py [--split held-out|tune] [--runs 3] [--tune] [--mirrors DIR]

Data (read from git clones of the three repositories below, under ``--mirrors`` as
``owner+name/repo``; unpacked into a temporary folder, never into this repository):

- main text: the ScrapingHub article-extraction benchmark (181 pages with their articleBody),
  scored by its own ``evaluate.py`` (4-gram shingles, precision and recall averaged over pages);
- title, author, site name: trafilatura's ``tests/evaldata.json`` pages, where the gold value is
  not empty; publication day: the same pages plus htmldate's ``eval_default.json`` and
  ``eval_mediacloud_2020.json`` pages.

Every page is in one of two halves by the SHA-256 of its name: ``tune`` (first hex digit 0-7)
was used to choose the settings, ``held-out`` (8-f) was not looked at while tuning and is what
the figures quote. "Ours" is ``load_corpus`` over a folder of the pages, the article's text
after our clean-up (headline paragraph left out, as articleBody has none). "trafilatura alone"
is ``trafilatura.extract(html)`` with its defaults; for metadata, trafilatura's ``bare_extraction``
and, for the day, htmldate's ``find_date`` (original date, extensive search) on the same pages,
so that a target is seen against what those tools reach on this gold. Authors are compared as
lists of people (the gold writes "X und Y", "X, Y", "X/Y"), the gold's byline word in front of the
names left out ("Von X und Y": :func:`gold_author`); pages we skip as "no article text"
count as wrong, and the ``@read`` rows leave them out.

Time: a cold ``load_corpus`` of the ScrapingHub pages (fresh cache) in a child process, and
the same again warm, against trafilatura alone extracting the same files in one process; both
children import their libraries before the clock starts. Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MIRRORS = Path("/work/.mirror")
SCRAPINGHUB = TRAFILATURA = HTMLDATE = Path()  # set by main() from --mirrors


def _set_mirrors(root: Path) -> None:
    global SCRAPINGHUB, TRAFILATURA, HTMLDATE
    SCRAPINGHUB = root / "scrapinghub+article-extraction-benchmark" / "repo"
    TRAFILATURA = root / "adbar+trafilatura" / "repo"
    HTMLDATE = root / "adbar+htmldate" / "repo"
TARGETS = {"f1": 0.95, "title": 0.90, "day": 0.92, "outlet": 0.90, "author": 0.80, "cold": 1.5, "warm": 0.1}


def half(name: str) -> str:
    """Which half a page belongs to, fixed by its name."""
    return "tune" if hashlib.sha256(name.encode()).hexdigest()[0] in "01234567" else "held-out"


def git_show(git_dir: Path, path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"], check=True,
                          capture_output=True).stdout


def git_files(git_dir: Path, folder: str) -> list[str]:
    out = subprocess.run(["git", "--git-dir", str(git_dir), "ls-tree", "--name-only", "HEAD", f"{folder}/"],
                         check=True, capture_output=True, text=True).stdout
    return out.split()


def unpack(git_dir: Path, dest: Path, *folders: str) -> None:
    """Write the repository's ``folders`` below ``dest`` (git archive: one process for all files)."""
    archive = subprocess.run(["git", "--git-dir", str(git_dir), "archive", "HEAD", *folders], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "x", "-C", str(dest)], input=archive, check=True)


# --- main text -----------------------------------------------------------------------------------


def scrapinghub_pages(scratch: Path, split: str) -> tuple[Path, dict[str, str], object]:
    """The split's pages as <id>.html in a folder, their articleBody, and the benchmark's evaluate module."""
    truth = json.loads(git_show(SCRAPINGHUB, "ground-truth.json"))
    (scratch / "evaluate.py").write_bytes(git_show(SCRAPINGHUB, "evaluate.py"))
    spec = importlib.util.spec_from_file_location("sh_evaluate", scratch / "evaluate.py")
    evaluate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(evaluate)
    folder = scratch / f"scrapinghub-{split}"
    folder.mkdir()
    unpack(SCRAPINGHUB, scratch, "html")
    bodies = {}
    for key, item in truth.items():
        if half(key) != split:
            continue
        (folder / f"{key}.html").write_bytes(gzip.decompress((scratch / "html" / f"{key}.html.gz").read_bytes()))
        bodies[key] = item.get("articleBody", "")
    return folder, bodies, evaluate


def body_text(article) -> str:
    """The article's text without its headline paragraph (articleBody carries none), its dateline kept.

    The loader takes the dateline ("HONOLULU (AP) —") off the first paragraph into
    ``Article.dateline``: kept, not lost, so it counts as extracted.
    """
    text = article.text
    if article.sentences and article.sentences[0].kind == "headline":
        text = text.split("\n\n", 1)[1] if "\n\n" in text else ""
    return f"{article.dateline} {text}" if article.dateline else text


def ours(folder: Path) -> dict[str, object]:
    from analysis.corpus import load_corpus

    return {Path(a.path).stem: a for a in load_corpus(folder).articles}


def text_scores(evaluate, bodies: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    tp_fp_fns = [evaluate.string_shingle_matching(true=bodies[k], pred=predicted.get(k, "")) for k in bodies]
    return evaluate.metrics_from_tp_fp_fns(tp_fp_fns)


def trafilatura_alone(folder: Path) -> dict[str, str]:
    from trafilatura import extract

    return {p.stem: extract(p.read_bytes()) or "" for p in sorted(folder.glob("*.html"))}


# --- metadata ------------------------------------------------------------------------------------


def metadata_pages(scratch: Path, split: str) -> list[tuple[Path, dict[str, dict[str, str]]]]:
    """Folders of pages with their gold values (title, author, outlet = site name, day), one per source.

    One folder per evaluation set, as the two sets share some pages: in one
    folder the loader would set the second copy aside as a duplicate. Site
    names are gold on only 16 pages: those of the split score "outlet", the
    other half's "outlet (other half)", and the two are also printed together.
    """
    for name, mirror, parts in (("tr", TRAFILATURA, ("tests/eval", "tests/cache")),
                                ("hd", HTMLDATE, ("tests/test_set", "tests/cache", "tests/eval"))):
        if not (scratch / name).is_dir():
            (scratch / name).mkdir()
            unpack(mirror, scratch / name, *parts)
    sets = []
    folder = scratch / f"trafilatura-{split}"
    folder.mkdir()
    gold: dict[str, dict[str, str]] = {}
    for item in json.loads(git_show(TRAFILATURA, "tests/evaldata.json")).values():
        source = next((scratch / "tr" / "tests" / d / item["file"] for d in ("eval", "cache")
                       if (scratch / "tr" / "tests" / d / item["file"]).is_file()), None)
        if source is None:
            continue
        fields = {"title": item.get("title") or "", "author": gold_author(item.get("author")), "day": gold_day(item.get("date")),
                  "outlet": item.get("sitename") or ""}
        if half(item["file"]) != split:
            fields = {"outlet (other half)": fields["outlet"]}
        if any(fields.values()):
            (folder / item["file"]).write_bytes(source.read_bytes())
            gold[item["file"]] = fields
    sets.append((folder, gold))
    for table in ("eval_default.json", "eval_mediacloud_2020.json"):
        folder = scratch / f"htmldate-{Path(table).stem}-{split}"
        folder.mkdir()
        gold = {}
        for item in json.loads(git_show(HTMLDATE, f"tests/{table}")).values():
            if half(item["file"]) != split or not gold_day(item.get("date")):
                continue
            source = next((scratch / "hd" / "tests" / d / item["file"] for d in ("test_set", "cache", "eval")
                           if (scratch / "hd" / "tests" / d / item["file"]).is_file()), None)
            if source is not None:
                (folder / item["file"]).write_bytes(source.read_bytes())
                gold[item["file"]] = {"day": item["date"]}
        sets.append((folder, gold))
    return sets


def gold_day(value) -> str:
    """The gold publication day, "" where the gold gives none: eval_mediacloud_2020.json writes "nan" for
    five pages, which carry no day to find (counting them made every reader wrong on them)."""
    value = str(value or "")
    return value if re.match(r"\d{4}-\d{2}", value) else ""


# A byline word in front of a gold author ("Von Jane Doe und John Roe"): the printed byline copied whole.
_GOLD_BYLINE_WORD = re.compile(r"^(?i:by|von|par|por)\s+(?=[A-ZÀ-ÖØ-Þ])")


def gold_author(value) -> str:
    """The gold author, "; " between the people of a list, without a byline word in front: the gold copies
    "Von Jane Doe und John Roe" whole at times, and "Von" is nobody's name."""
    value = "; ".join(value) if isinstance(value, list) else str(value or "")
    return _GOLD_BYLINE_WORD.sub("", value.strip())


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(s or "")).casefold().split())


def same(a: str, b: str) -> bool:
    return _norm(a) == _norm(b)


# How an author field lists several people: the gold writes "X und Y", "X, Y", "X/Y", "X; Y" and lists, we
# write "X; Y". A degree after a comma ("Jane Doe, PhD") is no person of its own.
_PEOPLE_JOIN = re.compile(r"\s*(?:[;,/&]|\b(?:and|und|et|y)\b)\s*", re.IGNORECASE)
_DEGREE = re.compile(r"(?:ph\.?d\.?|m\.?d\.?|msc|ms|ma|mba|rd|rn|dphil)", re.IGNORECASE)


def people(value: str) -> list[str]:
    """An author field as the list of people it names, in order, each normalised as :func:`same` does."""
    return [p for p in (_norm(piece) for piece in _PEOPLE_JOIN.split(str(value or ""))) if p and not _DEGREE.fullmatch(p)]


def same_people(a: str, b: str) -> bool:
    """One list of people, however each side joins the names (the same rule applied to both)."""
    return people(a) == people(b)


def declares_article(data: bytes) -> bool:
    """Whether a page says it is an article (og:type article, or a JSON-LD *Article): news pages, not shops."""
    from trafilatura import load_html

    from analysis.corpus.page_markup import _is_article
    from analysis.corpus.page_meta import _json_ld_items
    from analysis.corpus.pages import decode_page

    tree = load_html(decode_page(data))
    if tree is None:
        return False
    if any(v.strip().lower() == "article" for v in tree.xpath('//meta[@property="og:type"]/@content')):
        return True
    return any(_is_article(item) and item.get("@type") != "WebPage" for item in _json_ld_items(tree))


def right_day(published: str, gold: str) -> tuple[bool, bool]:
    """(the UTC day is the gold day, the instant falls on the gold day in some time zone)."""
    from datetime import date, timedelta

    from analysis.corpus.dates import published_day, published_utc

    day = published_day(published)
    try:
        wanted = date.fromisoformat(str(gold)[:10])
    except ValueError:
        return False, False
    if day == wanted or "T" not in published:
        return day == wanted, day == wanted
    moment = published_utc(published).replace(tzinfo=None)
    start = datetime_at(wanted)
    return False, start - timedelta(hours=14) <= moment < start + timedelta(hours=36)


def datetime_at(day):
    from datetime import datetime

    return datetime(day.year, day.month, day.day)


def metadata_scores(sets: list[tuple[Path, dict[str, dict[str, str]]]]) -> dict[str, tuple[int, int]]:
    """(right, pages carrying the field) per field, for our loader, trafilatura's bare_extraction and htmldate.

    A page our loader skips (no article text) counts as wrong for us; the
    "@read" scope leaves those pages out (for every reader), and "skipped"
    counts them. Fields ending in "@articles" count only the pages that
    declare themselves articles; "day~" counts an instant on the gold day in
    the page's own time zone (we store UTC, so 23:30 at UTC-5 is the next UTC
    day). Authors are compared as lists of people (:func:`same_people`).
    htmldate is ``find_date`` asked for the original date with its extensive
    search, on the day only.
    """
    from htmldate import find_date
    from trafilatura import bare_extraction

    from analysis.corpus import load_corpus

    scores: dict[str, list[int]] = {}
    for folder, gold in sets:
        corpus = load_corpus(folder)
        found = {a.path: a for a in corpus.articles}
        copies = dict(corpus.duplicates)  # a page with the same text as another: read as that one
        for name, fields in gold.items():
            data = (folder / name).read_bytes()
            article = found.get(name) or found.get(copies.get(name, ""))
            theirs = bare_extraction(data, with_metadata=True)
            nothing = dict.fromkeys(("title", "author", "outlet", "day"), "")
            mine = {"title": article.title, "author": article.author, "outlet": article.outlet,
                    "day": article.published[:10]} if article else nothing
            other = {"title": theirs.title or "", "author": theirs.author or "", "outlet": theirs.sitename or "",
                     "day": theirs.date or ""} if theirs else nothing
            readers = [("ours", mine), ("trafilatura", other)]
            if fields.get("day"):
                readers.append(("htmldate", {"day": find_date(data, original_date=True, extensive_search=True) or ""}))
            scopes = ("", "@articles") if declares_article(data) else ("",)
            scopes += ("@read",) if article else ()
            tally(scores, "skipped", "", "ours", article is None)
            for field, value in fields.items():
                if not value:
                    continue
                key = field.split(" (")[0]
                for who, got in readers:
                    if key not in got:
                        continue
                    hits = {field: (same_people if key == "author" else same)(got[key], value)}
                    if field == "day":
                        hits["day~"] = right_day(article.published, value)[1] if article and who == "ours" \
                            else hits["day"]
                    for name_, hit in hits.items():
                        for scope in scopes:
                            tally(scores, name_, scope, who, hit)
    return {k: (v[0], v[1]) for k, v in scores.items()}


def tally(scores: dict[str, list[int]], field: str, scope: str, who: str, hit: bool) -> None:
    counts = scores.setdefault(f"{field}{scope}/{who}", [0, 0])
    counts[0] += hit
    counts[1] += 1


# --- time ----------------------------------------------------------------------------------------

_LOAD_CHILD = """
import os, sys, time
import trafilatura, htmldate, readability  # imported before the clock, as the baseline does
from analysis.engine.cache import AnalysisCache
from analysis.corpus import load_corpus
cache = AnalysisCache(sys.argv[2])
start, cpu = time.perf_counter(), os.times()
corpus = load_corpus(sys.argv[1], cache=cache)
end = os.times()  # the pool's workers have been waited for: their time is in children_*
used = sum(end[:4]) - sum(cpu[:4])
print(time.perf_counter() - start, used, len(corpus.articles))
"""
_BASELINE_CHILD = """
import sys, time
from pathlib import Path
from trafilatura import extract
paths = sorted(Path(sys.argv[1]).glob("*.html"))
start, cpu = time.perf_counter(), time.process_time()
for p in paths:
    extract(p.read_bytes())
print(time.perf_counter() - start, time.process_time() - cpu, len(paths))
"""


def child_seconds(code: str, *args: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its workers) the child reports."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, env=env)
    wall, cpu = out.stdout.split()[:2]
    return float(wall), float(cpu)


def timings(folder: Path, scratch: Path, runs: int) -> dict[str, float]:
    """Ratios to the baseline, wall clock and CPU time (work: what a shared, loaded machine cannot blur)."""
    ratios: dict[str, list[float]] = {}
    base_wall = []
    for run in range(runs):
        cache = scratch / f"cache-{run}" / "cache.sqlite"
        cache.parent.mkdir()
        base = child_seconds(_BASELINE_CHILD, str(folder))
        cold = child_seconds(_LOAD_CHILD, str(folder), str(cache))
        warm = child_seconds(_LOAD_CHILD, str(folder), str(cache))
        base_wall.append(base[0])
        for name, (wall, cpu) in (("cold", cold), ("warm", warm)):
            ratios.setdefault(f"{name}_wall", []).append(wall / base[0])
            ratios.setdefault(f"{name}_cpu", []).append(cpu / base[1])
    return {"baseline": statistics.median(base_wall), **{k: statistics.median(v) for k, v in ratios.items()}}


def tune(scratch: Path) -> None:
    """Text F1 of our pipeline on the tune half under trafilatura's three trade-offs."""
    from analysis.corpus import pages

    folder, bodies, evaluate = scrapinghub_pages(scratch, "tune")
    print(f"tune half: {len(bodies)} ScrapingHub pages")
    for precision, recall in ((False, False), (True, False), (False, True)):
        pages.FAVOR_PRECISION, pages.FAVOR_RECALL = precision, recall
        found = ours(folder)
        scores = text_scores(evaluate, bodies, {k: body_text(a) for k, a in found.items()})
        print(f"favor_precision={precision!s:5} favor_recall={recall!s:5}  F1 {scores['f1']:.3f}  "
              f"P {scores['precision']:.3f}  R {scores['recall']:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("held-out", "tune"), default="held-out")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tune", action="store_true", help="compare trafilatura's settings on the tune half")
    parser.add_argument("--mirrors", type=Path, default=MIRRORS, help="folder holding the three repositories")
    args = parser.parse_args()
    _set_mirrors(args.mirrors)
    for mirror in (SCRAPINGHUB, TRAFILATURA, HTMLDATE):
        if not mirror.is_dir():
            print(f"pages_bench: skipped: {mirror} is not here")
            return 0
    with tempfile.TemporaryDirectory(prefix="pages-bench-") as tmp:
        scratch = Path(tmp)
        os.environ["STORYLENS_CACHE_DIR"] = str(scratch / "cache")
        if args.tune:
            tune(scratch)
            return 0
        print(f"split: {args.split} (pages by SHA-256 of their name; settings were chosen on 'tune')")
        folder, bodies, evaluate = scrapinghub_pages(scratch, args.split)
        mine = text_scores(evaluate, bodies, {k: body_text(a) for k, a in ours(folder).items()})
        theirs = text_scores(evaluate, bodies, trafilatura_alone(folder))
        print(f"\nmain text, ScrapingHub benchmark, {len(bodies)} pages (4-gram shingles, evaluate.py):")
        print(f"  {'':24} {'F1':>6} {'P':>6} {'R':>6}")
        for name, scores in (("trafilatura alone", theirs), ("ours, after clean-up", mine)):
            print(f"  {name:24} {scores['f1']:6.3f} {scores['precision']:6.3f} {scores['recall']:6.3f}")
        print(f"  target: F1 >= {TARGETS['f1']} and not below trafilatura alone")

        scores = metadata_scores(metadata_pages(scratch, args.split))
        print("\nmetadata, on the pages that carry each field (trafilatura's and htmldate's evaluation sets; "
              "outlet: the split's pages with a gold site name, then all 16):")
        print("  (@articles: pages declaring themselves articles, og:type or JSON-LD; day~: the instant on the "
              "gold day in the page's time zone)")
        for who in ("ours", "trafilatura"):  # both halves' site names together: 16 pages in all
            for scope in ("", "@articles"):
                mine_, other_ = (scores.get(f"{k}{scope}/{who}", (0, 0)) for k in ("outlet", "outlet (other half)"))
                scores[f"outlet, all 16{scope}/{who}"] = (mine_[0] + other_[0], mine_[1] + other_[1])
        print(f"  {'field':24} {'pages':>6} {'ours':>6} {'trafilatura':>12} {'htmldate':>9} {'target':>7}")
        for field in ("title", "day", "day~", "outlet", "outlet, all 16", "author"):
            for scope in ("", "@articles", "@read"):
                right, total = scores.get(f"{field}{scope}/ours", (0, 0))
                other, _ = scores.get(f"{field}{scope}/trafilatura", (0, 0))
                dated = scores.get(f"{field}{scope}/htmldate")
                if not total or (scope == "@read" and field.startswith("outlet")):
                    continue
                print(f"  {field + scope:24} {total:6d} {right / total:6.3f} {other / total:12.3f} "
                      f"{f'{dated[0] / total:.3f}' if dated else '':>9} {TARGETS[field.split(',')[0].rstrip('~')]:7.2f}")
        skipped, pages = scores.get("skipped/ours", (0, 0))
        print(f"  (authors compared as lists of people, however joined; {skipped} of {pages} pages skipped by us as "
              "\"no article text\", counted wrong above except in @read, which leaves them out for all)")

        times = timings(folder, scratch, args.runs)
        print(f"\ntime, {len(bodies)} ScrapingHub pages, median of {args.runs} runs (ratio to trafilatura alone, "
              f"single process, {times['baseline']:.2f} s):")
        print(f"  {'':18} {'wall':>6} {'CPU':>6} {'target':>7}")
        for name in ("cold", "warm"):
            print(f"  {name + ' load_corpus':18} {times[name + '_wall']:6.3f} {times[name + '_cpu']:6.3f} "
                  f"{TARGETS[name]:7.2f}")
        print("  (wall: what it takes here, the pool on 2 shared cores; CPU: the process and its workers together)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
