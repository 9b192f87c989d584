"""How well the product finds PolNeAR's direct quotations and names the speaker the text names.

Run: ``python bench/polnear_quotes_bench.py [--corpora DIR] [--split tune|held-out|all] [--show]``
(default ../shared/corpora next to the repository). Reads ``polnear_dev/`` (84 articles, brat
attributions) and runs what ``storylens quotes`` runs: the actors layer over the split's
articles (name finder, quote finder, actors merged across articles).

Split, fixed before anything was measured: within each outlet, files sorted by the SHA-256 of
their name; the first half (rounded up) is ``tune``, the rest ``held-out``. Patterns were
developed looking at ``tune`` only; ``held-out`` is reported apart and never read for tuning.

Definitions (printed with the figures):
- A gold direct quotation is a PolNeAR attribution whose Content span holds words between
  double quotation marks (paired by glyph within a paragraph, a quotation left open running on
  into a next paragraph that opens with a mark), at least MIN_WORDS words of them.
- Its source is named when the Source span names someone: split at commas, the first piece
  that holds a name is read; its name is the last run of capitalised words that ends the piece
  and is neither possessive nor after a preposition ("psychologist Nancy Molitor", "Clinton
  press secretary Brian Fallon" -> Brian Fallon; "Jeffrey Bewkes, the chief executive of Time
  Warner" -> Jeffrey Bewkes; "Ms. Kovner" -> Kovner); titles before it are cut. "X and Y" gives
  both. Pronouns ("he") and descriptions ("a source", "the Clinton campaign") are not named.
- found: a quotation the product outputs overlaps the gold quoted words.
- speaker right: the product quotation overlapping them most has a speaker that names the
  source (bench/quotes_bench.same_speaker: equal, one's words within the other's, or a surname).
- Pronoun sources ("he said") count for found only: PolNeAR has no coreference to say whom a
  pronoun means, and guessing the latest named source was wrong too often to score against.
Intervals: 95% bootstrap over articles (1,000 resamples, seed 17).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from quotes_bench import same_speaker  # noqa: E402

from analysis.actors.evidence import actor_layer  # noqa: E402
from analysis.actors.names import acronym_of  # noqa: E402
from analysis.text.roles import HONORIFICS, ROLE_WORDS  # noqa: E402
from analysis.engine.batch import Runner  # noqa: E402
from analysis.corpus import Corpus, load_corpus  # noqa: E402

MIN_WORDS = 4  # shorter quoted bits are terms and scare quotes more than quotations
RESAMPLES, SEED = 1000, 17
_PRONOUNS = frozenset("he she they it i we you him her them".split())
_NOT_NAME = frozenset("the a an his her their its this that these those some one two both many other another "
                      "he she they it i we you our my".split())
_MORE_TITLES = frozenset("del. delegate".split())  # US state legislators: "Del. Stacey Plaskett"
_RUN = re.compile(r"(?:[A-Z][\w'’.\-]*|\d+)(?:\s+(?:(?:of|for|de|van|von|bin|al|and|the)\s+)?[A-Z][\w'’.\-]*)*")


@dataclass
class Gold:
    """One PolNeAR attribution with quoted words: where, who, and how the text names them."""

    file: str
    passages: list[tuple[int, int]]  # quoted words, raw file offsets
    source: str  # the Source span as written
    source_start: int
    cue: str
    names: list[str] = field(default_factory=list)  # the named source's name(s), [] when not named
    kind: str = ""  # named, pronoun, description
    pattern: str = ""
    mapped: list[tuple[int, int]] = field(default_factory=list)  # passages in article.text


def split_of(files: list[str]) -> dict[str, str]:
    """tune / held-out for each file: per outlet, the first half by SHA-256 of the name is tune."""
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for name in files:
        by_outlet[name.split("_")[0]].append(name)
    out = {}
    for names in by_outlet.values():
        names.sort(key=lambda n: hashlib.sha256(n.encode()).hexdigest())
        for k, name in enumerate(names):
            out[name] = "tune" if k < (len(names) + 1) // 2 else "held-out"
    return out


def quoted_ranges(raw: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each double-quoted passage of the raw text, by glyph."""
    out, carried = [], None
    for para in re.finditer(r"[^\n]+", raw):
        marks = [m.start() for m in re.finditer(r"[“”\"]", para.group())]
        opened = None
        if carried is not None and marks and marks[0] == len(para.group()) - len(para.group().lstrip()) \
                and para.group()[marks[0]] != "”":
            out.append((carried, len(raw[:para.start()].rstrip())))
            opened, marks = para.start() + marks[0] + 1, marks[1:]
        for i in marks:
            glyph = para.group()[i]
            if opened is None and glyph != "”":
                opened = para.start() + i + 1
            elif opened is not None and glyph != "“":
                out.append((opened, para.start() + i))
                opened = None
            elif glyph == "“":
                opened = para.start() + i + 1
        carried = opened
    return out


def parse_ann(path: Path) -> tuple[dict[str, tuple[str, list[tuple[int, int]], str]], list[dict[str, str]]]:
    spans, events = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, offsets = parts[1].partition(" ")
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
            spans[parts[0]] = (label, pieces, parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    return spans, events


def _is_title(word: str) -> bool:
    low = word.lower()
    return low in HONORIFICS or low.rstrip(".") in ROLE_WORDS or low in _MORE_TITLES


def names_source(name: str, speaker: str) -> bool:
    """Whether a predicted speaker names the gold name: same_speaker, or one abbreviates the other (IMF)."""
    return same_speaker(name, speaker) or acronym_of(name, speaker) or acronym_of(speaker, name)


def source_names(source: str) -> tuple[str, list[str]]:
    """(kind, names) of a Source span: see the module docstring."""
    text = re.sub(r"\([^)]*\)", " ", source).strip()
    if text.lower() in _PRONOUNS:
        return "pronoun", []
    for piece in text.split(","):
        piece = piece.strip().rstrip(".")
        runs = [m for m in _RUN.finditer(piece)]
        names = []
        for m in runs:
            words = [w for w in m.group().split() if w.lower() not in _NOT_NAME or w[:1].islower()]
            before = piece[:m.start()].split()
            possessive = m.group().endswith(("'s", "’s"))
            after_preposition = bool(before) and before[-1].lower() in ("of", "for", "at", "from", "with", "to", "in", "by", "on")
            ends_piece = not piece[m.end():].strip()
            if not words or possessive or after_preposition:
                continue
            titled = [i for i, w in enumerate(words[:-1]) if _is_title(w)]
            words = words[titled[-1] + 1:] if titled else words
            names.append((" ".join(words), ends_piece))
        if names:
            if not names[-1][1]:
                return "description", []  # "the Clinton campaign": a name owns the description
            joined = re.search(r"\band\b", piece)
            return "named", [n for n, _ in names] if joined else [names[-1][0]]
    return "description", []


def pattern_of(raw: str, gold: Gold, content: tuple[int, int]) -> str:
    """The way the text names the source: the patterns issue 17 lists, else plain."""
    src = gold.source
    if gold.cue.lower().startswith("according"):
        return "according to"
    if gold.source_start > content[1] and re.search(r"[.!?][\"”]?\s", raw[content[1] - 2:gold.source_start]):
        return "after a sentence break"
    if gold.source_start < content[0] and re.search(r"[.!?][\"”]?\s", raw[gold.source_start:content[0]]) \
            and re.search(r"[:]\s*$", raw[:content[0]].rstrip(" “\"")) is None:
        return "before, a sentence break"
    if "," in src:
        return "name + apposition"
    words = src.split()
    if len(words) >= 2 and words[-2].lower() in HONORIFICS:
        return "title + surname"
    if re.search(r"\b(?!the\b|a\b|an\b)[a-z][a-z\-]+\s+[A-Z]", src):
        return "role + name"
    return "name"


def gold_quotations(folder: Path, files: list[str]) -> list[Gold]:
    out = []
    for name in files:
        raw = (folder / name).read_text(encoding="utf-8")
        ranges = quoted_ranges(raw)
        spans, events = parse_ann(folder / "attributions" / (name[:-4] + ".ann"))
        for event in events:
            if "Content" not in event or "Source" not in event:
                continue
            _, pieces, _ = spans[event["Content"]]
            passages = []
            for a, b in pieces:
                for qa, qb in ranges:
                    lo, hi = max(a, qa), min(b, qb)
                    if hi > lo and re.search(r"\w", raw[lo:hi]):
                        passages.append((lo, hi))
            if sum(len(raw[a:b].split()) for a, b in passages) < MIN_WORDS:
                continue
            _, source_pieces, source = spans[event["Source"]]
            cue = spans[event["Cue"]][2] if "Cue" in event else ""
            gold = Gold(name, passages, source, source_pieces[0][0], cue)
            gold.kind, gold.names = source_names(source)
            gold.pattern = pattern_of(raw, gold, (pieces[0][0], pieces[-1][1]))
            out.append(gold)
    return out


def map_passages(raw: str, text: str, gold: Gold) -> None:
    """The gold passages found again in the loaded article text (cleaning shifts offsets)."""
    for a, b in gold.passages:
        pattern = re.compile(r"\s+".join(map(re.escape, raw[a:b].split())))
        hits = [(abs(m.start() - a), m.start(), m.end()) for m in pattern.finditer(text)]
        if hits:
            gold.mapped.append(min(hits)[1:])


def score(golds: list[Gold], quotes) -> list[dict]:
    """One row per gold quotation: file, found, speaker (predicted), right, cue."""
    by_file = defaultdict(list)
    for q in quotes.itertuples():
        by_file[q.article].append(q)
    rows = []
    for g in golds:
        best, overlap = None, 0
        for q in by_file[g.file]:
            o = sum(max(0, min(q.end, b) - max(q.start, a)) for a, b in g.mapped)
            if o > overlap:
                best, overlap = q, o
        speaker = best.speaker if best is not None else ""
        rows.append({"gold": g, "found": best is not None, "speaker": speaker,
                     "cue": best.cue if best is not None else "",
                     "right": best is not None and any(names_source(n, speaker) for n in g.names)})
    return rows


def interval(rows: list[dict], numerator, denominator) -> tuple[float, float, float, int, int]:
    """Ratio and 95% bootstrap interval, resampling articles."""
    per_file = defaultdict(lambda: [0, 0])
    for r in rows:
        if denominator(r):
            per_file[r["gold"].file][1] += 1
            per_file[r["gold"].file][0] += bool(numerator(r))
    files = sorted(per_file)
    n = sum(per_file[f][0] for f in files)
    d = sum(per_file[f][1] for f in files)
    rng, values = random.Random(SEED), []
    for _ in range(RESAMPLES):
        sample = [per_file[rng.choice(files)] for _ in files]
        total = sum(s[1] for s in sample)
        values.append(sum(s[0] for s in sample) / total if total else 0.0)
    values.sort()
    ratio = n / d if d else 0.0
    return ratio, values[int(0.025 * RESAMPLES)], values[int(0.975 * RESAMPLES) - 1], n, d


def report(split: str, articles: int, rows: list[dict], show: bool) -> None:
    named = [r for r in rows if r["gold"].kind == "named"]
    kinds = Counter(r["gold"].kind for r in rows)
    print(f"\n{split}: {articles} articles ({len({r['gold'].file for r in rows})} with quotations), "
          f"{len(rows)} quoted attributions "
          f"({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
    for label, num, den in (("found, named sources", lambda r: r["found"], lambda r: r["gold"].kind == "named"),
                            ("found, pronoun sources", lambda r: r["found"], lambda r: r["gold"].kind == "pronoun"),
                            ("found, all sources", lambda r: r["found"], lambda r: True),
                            ("speaker right, named sources", lambda r: r["right"], lambda r: r["gold"].kind == "named")):
        ratio, low, high, n, d = interval(rows, num, den)
        print(f"  {label:34} {ratio:.3f}  [{low:.3f}, {high:.3f}]  ({n}/{d})")
    print("  by pattern (named sources): found / speaker right / total")
    patterns = Counter(r["gold"].pattern for r in named)
    for pattern, total in patterns.most_common():
        mine = [r for r in named if r["gold"].pattern == pattern]
        print(f"    {pattern:26} {sum(r['found'] for r in mine):3} {sum(r['right'] for r in mine):3} {total:3}")
    misses = Counter()
    for r in named:
        if not r["gold"].mapped:
            misses["not in the loaded text"] += 1
        elif not r["found"]:
            misses["quotation not output"] += 1
        elif not r["right"]:
            misses[f"{r['gold'].pattern}: {'unknown' if r['speaker'] == 'unknown' else 'another name'}"] += 1
    print("  misses (named sources): " + (", ".join(f"{k} {v}" for k, v in misses.most_common()) or "none"))
    by_file = Counter(r["gold"].file for r in named if not r["right"])
    print("  articles with the most misses: " + (", ".join(f"{f} {n}/{sum(r['gold'].file == f for r in named)}"
                                                         for f, n in by_file.most_common(3)) or "none"))
    if show:
        for r in named:
            if not r["right"]:
                g = r["gold"]
                print(f"    {'MISS' if not r['found'] else 'WHO '} {g.file[:40]} [{g.pattern}] source {g.source!r} "
                      f"-> {g.names}; got {r['speaker'] or '-'} ({r['cue']})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--split", choices=("tune", "held-out", "all"), default="all")
    parser.add_argument("--show", action="store_true",
                        help="list every named-source miss of tune (of held-out only with --split held-out)")
    args = parser.parse_args(argv)
    folder = Path(args.corpora) / "polnear_dev"
    if not folder.is_dir():
        print(f"PolNeAR corpus not found at {folder}; nothing to measure.")
        return 0
    corpus = load_corpus(folder)
    splits = split_of([a.path for a in corpus.articles])
    print(__doc__.split("Definitions (printed with the figures):")[1].split("Intervals")[0].rstrip())
    print(f"Intervals: 95% bootstrap over articles ({RESAMPLES} resamples, seed {SEED}); min words {MIN_WORDS}.")
    for split in ("tune", "held-out") if args.split == "all" else (args.split,):
        articles = tuple(a for a in corpus.articles if splits[a.path] == split)
        sub = Corpus(corpus.root, articles)
        golds = gold_quotations(folder, [a.path for a in articles])
        for g in golds:
            map_passages((folder / g.file).read_text(encoding="utf-8"), sub.article(g.file).text, g)
        layer = actor_layer(sub, runner=Runner(cache=None, workers=1))
        # Misses listed for both splits at once would put held-out's in front of whoever tunes on tune.
        report(split, len(articles), score(golds, layer.quotes), args.show and (split == "tune" or args.split == split))
    return 0


if __name__ == "__main__":
    sys.exit(main())
