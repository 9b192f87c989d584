"""Names on the product path: CoNLL-2003 dev rebuilt into articles, scored from the mentions table.

    python bench/ner_product_bench.py [--corpora DIR] [--slice tune|held-out|all] [--losses N]

Each dev document (from a headline before its "PLACE date" line) becomes one .txt article in a
scratch folder under /tmp (never kept): one paragraph per CoNLL sentence,
detokenised (no space before punctuation, quotes attached to what they quote;
a name ending in "Corp", "Inc" and the like before the closing full stop owns
that stop, as the original "Lear Corp." did).
The folder goes through ``load_corpus`` and ``actor_layer`` and the
``mention_table`` that ``storylens mentions`` prints; each mention row is
mapped back to article offsets and scored against the gold PER and ORG spans
(exact span and type), on prose articles and over all of them.

Prose: a document where at least half of its lines after the first (the
headline) are sentences, i.e. hold at least 6 tokens and end with . ? ! or a
closing quote after one. Tables, results and scoreboards are not prose.

Slices: the held-out slice is every document whose SHA-1 (of its tokens
joined by spaces) ends in a hex digit below 4 (a quarter of the documents).
It was fixed before any figure was looked at; nothing was tuned on it.

Losses: every gold PER/ORG span the mentions table does not give exactly is
put down to the first stage that loses it: the loader and furniture (its line
is not in the article's text), sentence splitting (it crosses a sentence
boundary), a headline or heading (only body sentences are read; all-capital
ones counted apart), the model (the model on the product's sentence misses the
span or type; how often the model on the CoNLL sentence found it is printed
too), the discovery filters (the model found it, no mention row has that
span), a mention with another span (a name cut or fused), type (the mention
row types it otherwise: the vote across the article's mentions). False
mentions are split the same way.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.actors import actor_layer, mention_table  # noqa: E402
from analysis.engine.batch import Runner  # noqa: E402
from analysis.corpus import load_corpus  # noqa: E402
from analysis.models import ner  # noqa: E402
from analysis.models.train_ner import documents, read_conll  # noqa: E402

DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
TARGETS = {"prose PER+ORG": 0.86, "prose PER": 0.80, "prose ORG": 0.80}
_KIND = {"person": "PER", "organisation": "ORG"}
_NO_SPACE_BEFORE = frozenset(", . ; : ! ? ) ] } % 's 'S n't 'm 're 've 'd 'll ...".split())
_NO_SPACE_AFTER = frozenset("( [ { $".split())
HELD_OUT_DIGITS = "0123"


def read_documents(path: Path) -> list[list[tuple[list[str], list[str]]]]:
    """The documents of a CoNLL file, each a list of (tokens, tags) sentences.

    Our copy has no -DOCSTART- lines: a document starts at the headline before
    a "PLACE 1996-08-22" dateline (``document_starts``, as training cut it).
    """
    return documents(read_conll(path))


def detokenise(tokens: list[str], quote_open: bool = False) -> tuple[str, list[tuple[int, int]], bool]:
    """The line, each token's (start, end) in it, and whether a quotation is open at its end.

    A quotation runs across sentences ('"We hope ... peace.' then 'It's our
    only dream," said ...'): the caller carries ``quote_open`` from line to line.
    """
    out, spans, glue = "", [], True
    for token in tokens:
        attach = glue or token in _NO_SPACE_BEFORE or (token == '"' and quote_open)
        if not attach:
            out += " "
        spans.append((len(out), len(out) + len(token)))
        out += token
        glue = token in _NO_SPACE_AFTER
        if token == '"':
            glue = not quote_open  # an opening quote holds on to the next word
            quote_open = not quote_open
    return out, spans, quote_open


def is_prose(doc) -> bool:
    lines = [words for words, _ in doc[1:]] or [doc[0][0]]
    sentences = sum(len(w) >= 6 and (w[-1] in ".?!" or (w[-1] in ('"', "'") and w[-2] in ".?!")) for w in lines)
    return sentences >= 0.5 * len(lines)


def held_out(doc) -> bool:
    return hashlib.sha1(" ".join(w for words, _ in doc for w in words).encode()).hexdigest()[-1] in HELD_OUT_DIGITS


# Reuters wrote "Lear Corp." at a sentence's end, one full stop for both; CoNLL split it off ("Corp", ".").
_ABBREVIATED = frozenset("Corp Inc Co Ltd Bros Jr Sr Plc Cos".split())


def _shared_stop(words: list[str], end: int) -> int:
    """1 when the name ending before token ``end`` owns the sentence's closing full stop ("Lear Corp.")."""
    return int(end == len(words) - 1 and words[end] == "." and words[end - 1] in _ABBREVIATED)


def build(docs, folder: Path) -> list[dict]:
    """Write one article per document; returns per document its file, lines and gold spans per line."""
    built = []
    for number, doc in enumerate(docs):
        lines, gold, quote_open = [], [], False
        for words, tags in doc:
            line, spans, quote_open = detokenise(words, quote_open)
            lines.append(line)
            gold.append([(spans[s][0], spans[e - 1][1] + _shared_stop(words, e), kind)
                         for s, e, kind in ner.tag_spans(tags) if kind in ("PER", "ORG")])
        name = f"doc{number:03d}.txt"
        (folder / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        built.append({"path": name, "lines": lines, "gold": gold, "doc": doc})
    return built


def _line_offsets(text: str, lines: list[str]) -> list[int | None]:
    """Where each written line sits in the article's clean text (None: gone); a cut prefix is allowed.

    Each line is looked for just after the previous one (a window of a few
    hundred characters), so that a line repeated later in the text (a
    "That's it." or a cut line's tail) never pulls the rest out of place.
    """
    out, cursor, slack = [], 0, 400
    for line in lines:
        window = cursor + len(line) + slack
        at, shift = text.find(line, cursor, window), 0
        while at > 0 and text[at - 1] != "\n":  # a whole paragraph, not "." inside another
            at = text.find(line, at + 1, window)
        if at < 0:  # a dateline or furniture cut from its start: find the longest tail
            for m in re.finditer(r" ", line):
                tail = line[m.end():]
                if len(tail) < 12:
                    break
                at = text.find(tail, cursor, window)
                if at >= 0:
                    shift = m.end()
                    break
        if at < 0:
            out.append(None)
            slack += len(line) + 2  # the lines after a lost one may sit that much further on
            continue
        out.append(at - shift)
        cursor, slack = at + len(line) - shift, 400
    return out


def evaluate(built, corpus, table, counts: dict[str, Counter], losses: dict[str, Counter], examples) -> None:
    """Count gold, predicted and correct per slice and type; put each loss down to a stage."""
    articles = {a.path: a for a in corpus.articles}
    rows_by_article: dict[str, list] = {}
    for row in table.itertuples(index=False):
        rows_by_article.setdefault(row.article, []).append(row)
    for item in built:
        slices = ["all", "prose" if is_prose(item["doc"]) else "other"]
        part = "held-out" if held_out(item["doc"]) else "tune"
        slices = [f"{part}:{s}" for s in slices]
        article = articles.get(item["path"])
        text = article.text if article else ""
        offsets = _line_offsets(text, item["lines"])
        gold = set()
        line_of = {}
        for number, (at, spans) in enumerate(zip(offsets, item["gold"])):
            for start, end, kind in spans:
                span = (number, start, end, kind)
                if at is None or text[at + start:at + end] != item["lines"][number][start:end]:
                    _lose(losses, slices, "loader and furniture", kind, examples, item["lines"][number][start:end])
                    continue
                gold.add((at + start, at + end, kind))
                line_of[(at + start, at + end, kind)] = span
        predicted = set()
        sentences = article.sentences if article else ()
        for row in rows_by_article.get(item["path"], []):
            base = sentences[row.sentence_index].start
            predicted.add((base + row.start, base + row.end, _KIND[row.type]))
        for s in slices:
            for kind in ("PER", "ORG"):
                g = {x for x in gold if x[2] == kind}
                p = {x for x in predicted if x[2] == kind}
                counts[s][f"{kind} gold"] += len(g)
                counts[s][f"{kind} predicted"] += len(p)
                counts[s][f"{kind} correct"] += len(g & p)
        if article is None:
            continue
        _explain(article, gold - predicted, predicted - gold, predicted, slices, losses, examples)


def _lose(losses, slices, stage, kind, examples, text) -> None:
    for s in slices:
        losses[s][(stage, kind)] += 1
    examples.setdefault((stage, kind), []).append(text)


def _explain(article, missed, false, predicted, slices, losses, examples) -> None:
    sentences = article.sentences
    body = [s for s in sentences if s.is_body]
    found = dict(zip((s.index for s in body), ner.entities_many([s.text for s in body])))

    def where(start: int, end: int):
        return next((s for s in sentences if s.start <= start < s.end + 1), None)

    for start, end, kind in sorted(missed):
        sentence = where(start, end)
        name = article.text[start:end]
        if sentence is None or end > sentence.end:
            stage = "sentence splitting"
        elif not sentence.is_body:
            stage = "all-capital headline" if sentence.text.upper() == sentence.text else "headline or heading"
        else:
            s, e = start - sentence.start, end - sentence.start
            model = {(x.start, x.end): x.label for x in found[sentence.index]}
            overlapping = [(ps, pe, pk) for ps, pe, pk in predicted if ps < end and start < pe]
            if (s, e) not in model:
                stage = "model (span)"
            elif model[(s, e)] != kind:
                stage = "model (type)"
            elif (start, end) in {(ps, pe) for ps, pe, _ in overlapping}:
                stage = "type vote"
            elif overlapping:
                stage = "mention cut or fused"
            else:
                stage = "discovery filters"
        _lose(losses, slices, stage, kind, examples, name)
    for start, end, kind in sorted(false):
        sentence = where(start, end)
        s, e = start - sentence.start, end - sentence.start
        model = {(x.start, x.end): x.label for x in found.get(sentence.index, ())}
        label = model.get((s, e))
        stage = ("false: model's own" if label == kind else "false: model typed otherwise" if label
                 else "false: not the model's span")
        _lose(losses, slices, stage, kind, examples, article.text[start:end])


def _f1(c: Counter, kinds) -> tuple[float, float, float, int]:
    g = sum(c[f"{k} gold"] for k in kinds)
    p = sum(c[f"{k} predicted"] for k in kinds)
    ok = sum(c[f"{k} correct"] for k in kinds)
    precision, recall = ok / p if p else 0.0, ok / g if g else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if ok else 0.0, g


def model_alone(docs) -> Counter:
    """PER and ORG counts of the model alone on the CoNLL sentences (as bench/ner_bench.py scores it)."""
    c = Counter()
    sentences = [s for doc in docs for s in doc]
    predicted = [tags for doc in ner.name_finder().tag_documents([[w for w, _ in d] for d in docs]) for tags in doc]
    for (_, tags), pred in zip(sentences, predicted):
        g = {x for x in ner.tag_spans(tags) if x[2] in ("PER", "ORG")}
        p = {x for x in ner.tag_spans(pred) if x[2] in ("PER", "ORG")}
        for kind in ("PER", "ORG"):
            c[f"{kind} gold"] += sum(x[2] == kind for x in g)
            c[f"{kind} predicted"] += sum(x[2] == kind for x in p)
            c[f"{kind} correct"] += sum(x[2] == kind for x in g & p)
    return c


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--slice", choices=("tune", "held-out", "all"), default="tune",
                        help="which documents to report (held-out: report only, never tune on it)")
    parser.add_argument("--losses", type=int, default=6, help="examples printed per loss stage")
    args = parser.parse_args()
    path = args.corpora / "conll2003" / "valid.txt"
    if not path.is_file():
        print(f"CoNLL-2003 dev not found under {args.corpora}: nothing to measure")
        return 0
    docs = read_documents(path)
    if args.slice != "all":
        docs = [d for d in docs if held_out(d) == (args.slice == "held-out")]
    counts: dict[str, Counter] = {}
    losses: dict[str, Counter] = {}
    examples: dict = {}
    with tempfile.TemporaryDirectory(prefix="ner_product_") as scratch:
        folder = Path(scratch) / "articles"
        folder.mkdir()
        built = build(docs, folder)
        corpus = load_corpus(folder)
        table = mention_table(actor_layer(corpus, runner=Runner(workers=1)))
        for name in ("held-out:all", "held-out:prose", "held-out:other", "tune:all", "tune:prose", "tune:other"):
            counts[name], losses[name] = Counter(), Counter()
        evaluate(built, corpus, table, counts, losses, examples)
    part = args.slice
    if args.slice == "all":
        for name in ("all", "prose", "other"):
            counts[f"all:{name}"] = counts[f"tune:{name}"] + counts[f"held-out:{name}"]
            losses[f"all:{name}"] = losses[f"tune:{name}"] + losses[f"held-out:{name}"]
    prose_docs = sum(map(is_prose, docs))
    print(f"CoNLL-2003 dev, slice {args.slice}: {len(docs)} documents, {prose_docs} prose "
          f"({len(corpus.articles)} articles loaded)")
    print(f"{'scope':22s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>6s}")
    alone, alone_prose = model_alone(docs), model_alone([d for d in docs if is_prose(d)])
    for label, c in ((f"{part} prose", counts[f"{part}:prose"]), ("model alone, prose", alone_prose),
                     (f"{part} all", counts[f"{part}:all"]), ("model alone, all", alone)):
        for kinds in (("PER",), ("ORG",), ("PER", "ORG")):
            p, r, f, g = _f1(c, kinds)
            print(f"{label + ' ' + '+'.join(kinds):30s} {p:6.3f} {r:6.3f} {f:6.3f} {g:6d}")
    print("\nwhere names are lost or made (all documents of the slice; prose in brackets):")
    every = losses[f"{part}:all"]
    for (stage, kind), n in sorted(every.items(), key=lambda kv: -kv[1]):
        shown = ", ".join(repr(x) for x in examples[(stage, kind)][: args.losses])
        print(f"  {stage:28s} {kind} {n:5d} ({losses[f'{part}:prose'][(stage, kind)]:4d})  e.g. {shown}")
    print(f"\ntargets (prose): PER+ORG F1 >= {TARGETS['prose PER+ORG']}, PER and ORG each >= {TARGETS['prose PER']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
