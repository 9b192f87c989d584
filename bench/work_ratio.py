"""How much work the index does per article against plain YAKE, counted in instructions.

    python bench/work_ratio.py [--corpus DIR] [--articles N] [--each]

Timings on a shared machine drift by 10-20 % within a minute, which hides
changes of a few per cent. Instruction counts from valgrind's callgrind do
not drift: the same code on the same input counts the same whatever else the
machine does. Each measurement is a separate process under callgrind; the
setup (imports, reading the files, one warm-up article) is counted alone and
subtracted. Instructions are not seconds (cache misses differ), so this
complements bench/index_bench.py, it does not replace it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from analysis.engine.indexing import INDEX_TASKS  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc_news"
ANALYSES = tuple(name for name, _, _ in INDEX_TASKS)


def child(corpus: Path, count: int, mode: str) -> None:
    """Run inside callgrind: set up, then do the work named by ``mode`` (or none)."""
    import yake

    from analysis.engine import batch
    from analysis.corpus import article_from_bytes

    files = sorted(corpus.rglob("*.txt"))
    files = files[:: max(1, len(files) // count)][:count]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    articles = [article_from_bytes(p.name, p.read_bytes()) for p in files]
    extractor = yake.KeywordExtractor()
    jobs = [(func, settings) for _name, func, settings in INDEX_TASKS]
    # Lazy set-up (stopword lists, VADER's lexicon) happens here, outside the difference.
    extractor.extract_keywords(texts[0])
    batch._run_jobs(jobs, [(articles[0], tuple(range(len(jobs))))])
    if mode == "baseline":
        for text in texts:
            extractor.extract_keywords(text)
    elif mode == "index":
        batch._run_jobs(jobs, [(a, tuple(range(len(jobs)))) for a in articles])
    elif mode in ANALYSES:
        batch._run_jobs(jobs, [(a, (ANALYSES.index(mode),)) for a in articles])


def instructions(corpus: Path, count: int, mode: str, scratch: Path) -> int:
    out = scratch / f"callgrind.{mode}"
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__,
         "--child", mode, "--corpus", str(corpus), "--articles", str(count)],
        capture_output=True, text=True, cwd=ROOT,
    )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or not found:
        raise SystemExit(f"callgrind run {mode!r} failed:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--each", action="store_true", help="also count each analysis alone")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.corpus, args.articles, args.child)
        return 0
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (the research corpora live in ../shared/corpora)")
        return 0
    if not shutil.which("valgrind"):
        print("valgrind not found (Debian: apt-get install valgrind); nothing measured")
        return 0
    modes = ["setup", "baseline", "index", *(ANALYSES if args.each else ())]
    scratch = Path(tempfile.mkdtemp(prefix="storylens-callgrind-"))
    try:
        with ThreadPoolExecutor() as pool:  # one valgrind per core; each is single-threaded
            counts = dict(zip(modes, pool.map(lambda m: instructions(args.corpus, args.articles, m, scratch), modes)))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    base = counts["baseline"] - counts["setup"]
    print(f"corpus: {args.corpus}, {args.articles} articles, instructions under callgrind")
    print(f"plain YAKE (baseline):       {base / 1e6:9.0f} M")
    for mode in modes[2:]:
        work = counts[mode] - counts["setup"]
        label = "every analysis (the index)" if mode == "index" else f"  {mode} alone"
        print(f"{label + ':':28s} {work / 1e6:9.0f} M  ratio {work / base:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
