"""Saved pages: main text, title, date, outlet and author as read by StoryLens, and the time it takes.

    python bench/pages_bench.py [--split held-out|tune] [--runs 3] [--tune] [--metadata-only] [--mirrors DIR]

Data (read from git clones of the four repositories below, under ``--mirrors`` as
``owner+name/repo``; unpacked into a temporary folder, never into this repository):

- main text: the ScrapingHub article-extraction benchmark (181 pages with their articleBody),
  scored by its own ``evaluate.py`` (4-gram shingles, precision and recall averaged over pages);
- title, author, site name: trafilatura's ``tests/evaldata.json`` pages, where the gold value is
  not empty; publication day: the same pages plus htmldate's ``eval_default.json`` and
  ``eval_mediacloud_2020.json`` pages;
- the same fields on fundus's parser test pages (flairNLP/fundus: 257 news pages of 180 publishers
  in 41 countries; bench/pages_fundus.py), a set no rule was written on before Dec 7, printed as
  columns of their own beside the first set's and the two together. Its conventions, where a
  reader may dispute them: the title is the headline without the site's name, as ours; the
  authors are a list of names, at times the agency or the desk ("Associated Press") and at
  times in capitals as printed ("STEVE PEOPLES"; case does not count); the outlet is
  fundus's display name of the publisher, which for some sites is not the name they give
  themselves ("Österreichischer Rundfunk" for ORF, "Associated Press News" for AP News,
  "Euronews (DE)"), hence the looser "outlet~" that also takes the publisher's domain.

Every page is in one of two halves by the SHA-256 of its name: ``tune`` (first hex digit 0-7)
was used to choose the settings, ``held-out`` (8-f) was not looked at while tuning and is what
the figures quote. "Ours" is ``load_corpus`` over a folder of the pages, the article's text
after our clean-up (headline paragraph left out, as articleBody has none). "trafilatura alone"
is ``trafilatura.extract(html)`` with its defaults; for metadata, trafilatura's ``bare_extraction``
and, for the day, htmldate's ``find_date`` (original date, extensive search) on the same pages,
so that a target is seen against what those tools reach on this gold. Authors are compared as
lists of people (the gold writes "X und Y", "X, Y", "X/Y"), the gold's byline word in front of the
names left out ("Von X und Y": :func:`gold_author`); pages we skip as "no article text"
count as wrong, and the ``@read`` rows leave them out (bench/pages_scoring.py).

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
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages_fundus import PUBLISHERS, TEST_DATA, fundus_pages, same_outlet, same_outlet_or_domain  # noqa: E402
from bench.pages_scoring import (EvalSet, gold_author, gold_day, metadata_scores, same,  # noqa: E402,F401
                                 same_people)

MIRRORS = Path("/work/.mirror")
SCRAPINGHUB = TRAFILATURA = HTMLDATE = FUNDUS = Path()  # set by main() from --mirrors


def _set_mirrors(root: Path) -> None:
    global SCRAPINGHUB, TRAFILATURA, HTMLDATE, FUNDUS
    SCRAPINGHUB = root / "scrapinghub+article-extraction-benchmark" / "repo"
    TRAFILATURA = root / "adbar+trafilatura" / "repo"
    HTMLDATE = root / "adbar+htmldate" / "repo"
    FUNDUS = root / "flairNLP+fundus" / "repo"
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


def metadata_pages(scratch: Path, split: str) -> list[EvalSet]:
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
    sets.append(EvalSet(folder, gold))
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
        sets.append(EvalSet(folder, gold))
    return sets


def fundus_set(scratch: Path, split: str) -> EvalSet:
    """fundus's parser test pages of the split (bench/pages_fundus.py) in a folder, with their gold.

    The gold title, authors (a list) and publication instant, scored as the
    other sets' (the day: the one the gold instant is written in, in its
    own offset; "day~" also takes an instant on it in some time zone); the
    outlet: the publisher's display name, compared by :func:`same_outlet`
    ("outlet"), or that name or the publisher's domain
    (:func:`same_outlet_or_domain`, "outlet~"). A held-out page whose
    publisher has no page in the tune half is also counted in "@unseen":
    pages of one publisher share its template, so that scope is the figure
    for sites never tuned on.
    """
    if not (scratch / "fundus").is_dir():
        (scratch / "fundus").mkdir()
        unpack(FUNDUS, scratch / "fundus", PUBLISHERS, TEST_DATA)
    folder = scratch / f"fundus-{split}"
    folder.mkdir()
    every = fundus_pages(scratch / "fundus")
    tuned = {page.publisher for page in every if half(page.name) == "tune"}
    gold: dict[str, dict[str, object]] = {}
    scopes = {}
    for page in every:
        if half(page.name) != split:
            continue
        (folder / page.name).write_bytes(page.html)
        gold[page.name] = {"title": page.title, "author": gold_author(page.authors), "day": gold_day(page.published)[:10],
                           "outlet": page.outlet, "outlet~": (page.outlet, page.domain)}
        if page.publisher not in tuned:
            scopes[page.name] = ("@unseen",)
    return EvalSet(folder, gold, {"outlet": same_outlet, "outlet~": same_outlet_or_domain}, scopes)


def metadata_groups(scratch: Path, split: str) -> dict[str, dict[str, tuple[int, int]]]:
    """The split's metadata scores per gold set (trafilatura's and htmldate's; fundus's), then both together."""
    groups = {"trafilatura+htmldate": metadata_scores(metadata_pages(scratch, split))}
    tr = groups["trafilatura+htmldate"]
    for who in ("ours", "trafilatura"):  # both halves' site names together: 16 pages in all
        for scope in ("", "@articles"):
            mine_, other_ = (tr.get(f"{k}{scope}/{who}", (0, 0)) for k in ("outlet", "outlet (other half)"))
            tr[f"outlet, all 16{scope}/{who}"] = (mine_[0] + other_[0], mine_[1] + other_[1])
    if not FUNDUS.is_dir():
        print(f"(fundus's pages left out: {FUNDUS} is not here)")
        return groups
    groups["fundus"] = metadata_scores([fundus_set(scratch, split)])
    together: dict[str, tuple[int, int]] = {}
    for scores in groups.values():
        for key, (right, total) in scores.items():
            if not key.startswith(("outlet, all 16", "outlet~", "outlet (other half)")):
                together[key] = (together.get(key, (0, 0))[0] + right, together.get(key, (0, 0))[1] + total)
    return {**groups, "both": together}


_FIELDS = ("title", "day", "day~", "outlet", "outlet~", "outlet, all 16", "author")
_SCOPES = ("", "@articles", "@read", "@unseen")


def print_metadata(groups: dict[str, dict[str, tuple[int, int]]]) -> None:
    """One row per field and scope, one block of columns per gold set: pages, ours, trafilatura, htmldate."""
    print("\nmetadata, on the pages that carry each field, per gold set: trafilatura's and htmldate's evaluation "
          "pages; fundus's parser test pages; both")
    print("  (@articles: pages declaring themselves articles, og:type or JSON-LD; @read: pages we did not skip; "
          "@unseen: fundus's held-out pages\n   of publishers with no page in the tune half; day~: the instant on the "
          "gold day in the page's time zone; outlet: trafilatura's\n   gold site name (16 pages, the split's) or fundus's "
          "publisher name; outlet~: that name or the publisher's domain)")
    print(f"  {'':23}" + "".join(f" | {name:^27}" for name in groups) + " |")
    print(f"  {'field':23}" + f" | {'pages':>5} {'ours':>6} {'traf.':>6} {'htmld.':>6}" * len(groups) + f" | {'target':>6}")
    for field in _FIELDS:
        for scope in _SCOPES:
            cells, shown = [], False
            for scores in groups.values():
                right, total = scores.get(f"{field}{scope}/ours", (0, 0))
                if not total or (scope == "@read" and field.startswith("outlet")):
                    cells.append(" " * 26)
                    continue
                shown = True
                other = scores.get(f"{field}{scope}/trafilatura", (0, 0))[0]
                dated = scores.get(f"{field}{scope}/htmldate")
                cells.append(f"{total:5d} {right / total:6.3f} {other / total:6.3f} "
                             f"{f'{dated[0] / total:.3f}' if dated else '':>6}")
            if shown:
                target = TARGETS[field.split(",")[0].rstrip("~")]
                print(f"  {field + scope:23}" + "".join(f" | {c}" for c in cells) + f" | {target:6.2f}")
    for name, scores in groups.items():
        skipped, pages = scores.get("skipped/ours", (0, 0))
        print(f"  {name}: {skipped} of {pages} pages skipped by us as \"no article text\" (wrong above but in @read)")
    print("  (authors compared as lists of people, however joined, a byline word in front of the gold's names left out)")


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
    parser.add_argument("--mirrors", type=Path, default=MIRRORS, help="folder holding the four repositories")
    parser.add_argument("--metadata-only", action="store_true", help="the metadata tables alone: no text, no time")
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
        if args.metadata_only:
            print_metadata(metadata_groups(scratch, args.split))
            return 0
        folder, bodies, evaluate = scrapinghub_pages(scratch, args.split)
        mine = text_scores(evaluate, bodies, {k: body_text(a) for k, a in ours(folder).items()})
        theirs = text_scores(evaluate, bodies, trafilatura_alone(folder))
        print(f"\nmain text, ScrapingHub benchmark, {len(bodies)} pages (4-gram shingles, evaluate.py):")
        print(f"  {'':24} {'F1':>6} {'P':>6} {'R':>6}")
        for name, scores in (("trafilatura alone", theirs), ("ours, after clean-up", mine)):
            print(f"  {name:24} {scores['f1']:6.3f} {scores['precision']:6.3f} {scores['recall']:6.3f}")
        print(f"  target: F1 >= {TARGETS['f1']} and not below trafilatura alone")

        print_metadata(metadata_groups(scratch, args.split))

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
