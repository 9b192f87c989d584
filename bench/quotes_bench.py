"""How well find_quotes finds BASIL's direct quotations and names their speakers.

Run: ``python bench/quotes_bench.py [--corpora DIR] [--split dev|held-out|all]
[--mentions auto|layer|rules] [--show]`` (default: ../shared/corpora next to the
repository). The gold is tests/data/quotes_gold.csv: 12 BASIL articles (4 each
from Fox News, the New York Times and HuffPost) annotated by hand before the
extractor ran on them, 6 for development and 6 held out (never tuned on). Each
row: file, split, sentence_index (as load_corpus splits the article), speaker (a
canonical name or "unknown") and the first three words of the quotation.

Printed per split: precision, recall and F1 of quotations found, matched by
article and sentence index (several quotations in one sentence match one to
one, by first words); and speaker accuracy on the matched quotations. A speaker
matches when the names are equal, one's words contain the other's (Joe Arpaio,
Sheriff Joe Arpaio), or one is the other's surname alone (Clinton, Hillary Clinton).

Speakers can only be as good as the name mentions find_quotes is given:
``layer`` takes the actors layer's per-article names (the shipped name finder,
what the app uses); ``rules`` a stand-in kept here for when that model is absent:
capitalised runs, titles cut, a surname alone joined to the full name it ends.
``auto`` (the default) is ``layer`` when the name finder loads, else ``rules``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.actors.names import clean_name, is_acronym, is_personal_name, surname  # noqa: E402
from analysis.text.roles import is_role_word  # noqa: E402
from analysis.corpus import Article, load_corpus  # noqa: E402
from analysis.actors.quotes import Quote, find_quotes  # noqa: E402

GOLD = ROOT / "tests" / "data" / "quotes_gold.csv"
# A run of capitalised words (initials, particles and inner "of" allowed): a name candidate.
_RUN = re.compile(r"(?:[A-Z]\.)+[A-Z]?|[A-Z][\w'’\-]*\.?(?:\s+(?:(?:[A-Z]\.)+|[A-Z][\w'’\-]*\.?|of|de|van|von|bin|al))*")


@dataclass(frozen=True)
class Mention:
    """A name mention in article offsets, as analysis.quotes.NamedMention wants it."""

    start: int
    end: int
    actor: str
    type: str


def layer_mentions(article: Article) -> list[Mention]:
    """The actors layer's names of ``article`` (its local keys as actors), in article offsets."""
    from analysis.actors.mentions import article_mentions
    from analysis.actors.records import mentions_of

    result = article_mentions(article)
    return [Mention(m.start, m.end, result["keys"][m.key], m.type) for m in mentions_of(result)]


def rule_mentions(article: Article) -> list[Mention]:
    """Capitalised name runs of the body sentences, all up to the last title cut; a lone surname joins its full name."""
    lowercase = set(re.findall(r"(?<![\w'’])[a-z][\w'’\-]*", article.text))
    runs = []
    for sentence in (s for s in article.sentences if s.is_body):
        for m in _RUN.finditer(sentence.text):
            text, start = m.group(), sentence.start + m.start()
            first = text.split()[0]
            if m.start() == 0 and (first.lower() in lowercase or first.lower().rstrip(".") in lowercase):
                text, start = text[len(first):].lstrip(), start + len(text) - len(text[len(first):].lstrip())
            words = re.sub(r"(?:\s+(?:of|de|van|von|bin|al))+$", "", text).rstrip(".").split()
            titled = [i for i, w in enumerate(words[:-1]) if is_role_word(w)]  # "House Speaker John Boehner"
            name = clean_name(" ".join(words[titled[-1] + 1:] if titled else words))
            at = text.find(name.split()[0]) if name else -1
            if at >= 0:
                runs.append((start + at, start + at + len(name), name))
    people = {surname(n.split()): n for _, _, n in runs if is_personal_name(n) and surname(n.split())}
    out = []
    for start, end, name in runs:
        if is_personal_name(name):
            out.append(Mention(start, end, name, "person"))
        elif " " not in name and name in people:
            out.append(Mention(start, end, people[name], "person"))
        elif " " in name or is_acronym(name):
            out.append(Mention(start, end, name, "organisation"))
    return out


def mention_source(choice: str):
    """The mention finder ``choice`` names, and what it is called; ``auto`` tries the name finder first."""
    if choice in ("auto", "layer"):
        try:
            from analysis.models import ner

            ner.name_finder()
            return layer_mentions, "the actors layer (shipped name finder)"
        except Exception as error:  # the model files are missing or unreadable
            if choice == "layer":
                raise SystemExit(f"the name finder is not available: {error}")
    return rule_mentions, "the rules stand-in (name finder not available)"


def _norm(name: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in folded).split()


def same_speaker(gold: str, predicted: str) -> bool:
    """Whether a predicted canonical name names the gold speaker (see the module docstring)."""
    g, p = _norm(gold), _norm(predicted)
    if not g or not p:
        return False
    if g == p or (len(p) == 1 and p[0] == g[-1]) or (len(g) == 1 and g[0] == p[-1]):
        return True
    return set(g) <= set(p) or set(p) <= set(g) and len(p) > 1


def _first_words(text: str, n: int = 3) -> str:
    return " ".join(" ".join(_norm(text)).split()[:n])


def match(gold_rows: list[dict], quotes: list[Quote]) -> tuple[int, list[tuple[dict, Quote]]]:
    """(predicted count, matched (gold, quote) pairs) for one article: by sentence, then by first words."""
    by_sentence: dict[int, list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_sentence[quote.sentence_index].append(quote)
    pairs = []
    gold_by_sentence: dict[int, list[dict]] = defaultdict(list)
    for row in gold_rows:
        gold_by_sentence[int(row["sentence_index"])].append(row)
    for index, rows in gold_by_sentence.items():
        left = list(by_sentence.get(index, []))
        unmatched = []
        for row in rows:  # first words decide when a sentence holds several quotations
            hit = next((q for q in left if _first_words(q.text) == _first_words(row["first_words"])), None)
            if hit is None:
                unmatched.append(row)
            else:
                left.remove(hit)
                pairs.append((row, hit))
        pairs.extend(zip(unmatched, left))
    return len(quotes), pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--split", choices=("dev", "held-out", "all"), default="all")
    parser.add_argument("--mentions", choices=("auto", "layer", "rules"), default="auto")
    parser.add_argument("--show", action="store_true", help="print every miss, false alarm and wrong speaker")
    args = parser.parse_args(argv)
    folder = Path(args.corpora) / "basil_dev"
    if not folder.is_dir():
        print(f"BASIL corpus not found at {folder}; nothing to measure.")
        return 0
    with GOLD.open(encoding="utf-8", newline="") as handle:
        gold = list(csv.DictReader(handle))
    corpus = load_corpus(folder)
    mentions_of, source = mention_source(args.mentions)
    print(f"mentions from {source}")
    splits = ("dev", "held-out") if args.split == "all" else (args.split,)
    for split in splits:
        rows = [r for r in gold if r["split"] == split]
        files = sorted({r["file"] for r in rows})
        predicted = found = correct = 0
        for path in files:
            article = corpus.article(path)
            quotes = find_quotes(article, mentions_of(article))
            article_gold = [r for r in rows if r["file"] == path]
            count, pairs = match(article_gold, quotes)
            predicted += count
            found += len(pairs)
            correct += sum(same_speaker(g["speaker"], q.speaker) for g, q in pairs)
            if args.show:
                _show(path, article_gold, quotes, pairs)
        precision = found / predicted if predicted else 0.0
        recall = found / len(rows) if rows else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        accuracy = correct / found if found else 0.0
        print(f"{split:9} {len(files)} articles, {len(rows)} gold quotations, {predicted} found: "
              f"precision {precision:.2f}  recall {recall:.2f}  F1 {f1:.2f}  "
              f"speaker accuracy {accuracy:.2f} ({correct}/{found})")
    return 0


def _show(path: str, gold_rows: list[dict], quotes: list[Quote], pairs: list[tuple[dict, Quote]]) -> None:
    matched_gold = {id(g) for g, _ in pairs}
    matched_quotes = {id(q) for _, q in pairs}
    for row in gold_rows:
        if id(row) not in matched_gold:
            print(f"  MISS  {path} [{row['sentence_index']}] {row['speaker']}: {row['first_words']}")
    for quote in quotes:
        if id(quote) not in matched_quotes:
            print(f"  EXTRA {path} [{quote.sentence_index}] {quote.speaker} ({quote.cue}): {_first_words(quote.text)}")
    for row, quote in pairs:
        if not same_speaker(row["speaker"], quote.speaker):
            print(f"  WHO   {path} [{row['sentence_index']}] gold {row['speaker']}, got {quote.speaker} "
                  f"({quote.cue}): {row['first_words']}")


if __name__ == "__main__":
    sys.exit(main())
