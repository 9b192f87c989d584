"""Build the WordNet concept table (wordnet_concepts.tsv.gz) that analysis.text.similarity reads.

Run ``python -m analysis.resources.build_wordnet [WORDNET_DIR]`` (default
/usr/share/wordnet, Debian's ``wordnet-base``: WordNet 3.0). It writes
wordnet_concepts.tsv.gz beside this file. WordNet 3.0 is Princeton's, under the
licence in WORDNET_LICENSE.txt, which must travel with the table.

The table maps a *key* (the stems of a word or phrase, as analysis.text.words
makes them, one space apart; a leading "^" for a proper noun) to the WordNet
concepts that word is likely to mean, in three columns:

- synsets: the word's frequent senses (synonyms share one),
- related: the direct hypernyms of those senses (a detainee is a prisoner)
  and the synsets they are derivationally related to (a response, respond),
- bridges: the other words of those senses (dissuade and discourage both
  list "deter").

Concepts are small integers, comma-separated, in base 36. Polysemy is the
danger: only the first senses of a word count, and of those only the ones its
SemCor tag counts (cntlist.rev) say are in real use.

It also writes wordnet_nouns.tsv.gz, which analysis.story.measured reads: for
each one-word key, the lexicographer file of its first common noun sense
("communication" for call and conversation alike) and how often it is used as
a noun ("think": 2% of its SemCor tags).
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from analysis.text.wordnet import NOUNS_FORMAT, NOUNS_PATH, TABLE_FORMAT, TABLE_PATH, key_of, stem_probe

WORDNET_DIR = Path("/usr/share/wordnet")
_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
_SS_TYPE = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}  # 5: adjective satellite
_SPECIES_FILES = (5, 20)  # noun.animal, noun.plant
_MARKER = re.compile(r"\((?:a|p|ip)\)$")  # adjective position markers: "galore(ip)"


@dataclass(frozen=True)
class TableSettings:
    """Which senses of a word make its concepts."""

    # The first three senses of a lemma (per part of speech) hold most uses:
    # "fire" as dismissing is its 4th verb sense, so fire/sack stay apart.
    max_senses: int = 3
    # A sense after the first needs this share of the lemma's SemCor tags
    # ("lead" = result: 35 of 234 verb tags, 15%; "sack" = dismiss: none).
    min_share: float = 0.1
    # A lemma with no tagged sense keeps this many: WordNet lists the most
    # common first, but with no evidence a second sense is a guess.
    untagged_senses: int = 1
    # Phrases longer than this are names and species, not news wording.
    max_phrase_words: int = 3
    # Proper nouns of several words ("^new york"): names the text spells out anyway.
    proper_phrases: bool = True
    # Senses of animals and plants (WordNet's noun.animal, noun.plant): species' names, a fifth
    # of the keys, which news rarely writes. On MRPC train (bench/wordnet_table_bench.py) AUC
    # 0.7737 without them, 0.7736 with; the table shrinks from 1.46 to 1.16 MB.
    species: bool = False
    hypernyms: bool = True
    derived: bool = True
    # Derived forms of any word of a sense, not only the word's own:
    # WordNet links reaction (not response) to react/respond.
    derived_by_synset: bool = True
    similar_adjectives: bool = True  # an adjective's cluster head: lengthy -> long
    # A key several lemmas stem to means what its most tagged lemma means:
    # "stat" is state, not stately; "emphasiz" is emphasize, not the noun emphasizing.
    dominant_lemma: bool = True
    # A hypernym with more direct hyponyms than this is too general to link
    # two words: "state" (71 direct hyponyms), "act, move" (73; above act,
    # respond, retaliate...). "prisoner" has 6, "admit" 8, "exchange" 8.
    # On MRPC train 50 and 100 tie (AUC 0.7722).
    max_hyponyms: int = 50
    # Bridges come from the first sense only: on MRPC train the others added
    # nothing (AUC 0.7714 either way) and a tenth of every sentence's concepts.
    bridge_senses: int = 1
    # A bridge word must itself be this unambiguous (senses, all parts of
    # speech): "deter" (2) bridges dissuade and discourage; "fire" (18)
    # would bridge dismiss and discharge.
    max_bridge_senses: int = 3
    # A verb sense's verb group ("$": WordNet's similar senses of verbs, as "&" is for
    # adjectives) counts as related. Off: on MRPC train it moved AUC by under 0.0002 either way
    # (bench/wordnet_table_bench.py); dissuade and discourage already meet on a bridge (deter).
    verb_groups: bool = False
    # Two verbs whose senses share a hypernym with at most this many direct hyponyms are
    # siblings, linked as a bridge is (0: no sibling links). Off, as verb groups: 8 and 20 moved
    # MRPC train AUC by under 0.0002. Retaliate and respond meet only at "act, move" (73).
    sibling_hyponyms: int = 0
    # How many hypernym steps up a verb's related concepts reach (each step a hypernym with at
    # most max_hyponyms direct hyponyms): 2 links forewarn to inform through warn. 1: at 2 MRPC
    # train AUC moved by +0.0003, test by -0.0003 (bench/wordnet_table_bench.py): noise.
    verb_hypernym_depth: int = 1


@dataclass
class _WordNet:
    lemmas: dict[str, list[str]] = field(default_factory=dict)  # synset -> lemmas as written
    hypernyms: dict[str, list[str]] = field(default_factory=dict)
    similar: dict[str, list[str]] = field(default_factory=dict)  # adjective synset -> "&" targets
    groups: dict[str, list[str]] = field(default_factory=dict)  # verb synset -> "$" targets (verb group)
    hyponyms: dict[str, int] = field(default_factory=dict)  # synset -> its direct hyponyms
    derived: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (synset, lemma) -> synsets
    senses: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (lemma, pos) -> synsets
    tags: dict[tuple[str, str, int], int] = field(default_factory=dict)  # (lemma, pos, sense no.) -> count
    exceptions: list[tuple[str, str, str]] = field(default_factory=list)  # (form, lemma, pos)
    sense_counts: dict[str, int] = field(default_factory=dict)  # lemma -> senses, all parts of speech
    lexfiles: dict[str, int] = field(default_factory=dict)  # synset -> lexicographer file number


def read_wordnet(folder: Path = WORDNET_DIR) -> _WordNet:
    """Parse WordNet's data.*, index.*, cntlist.rev and *.exc files."""
    wn = _WordNet()
    for pos, name in _FILES.items():
        for line in _lines(folder / f"data.{name}"):
            _read_synset(wn, pos, line)
        for line in _lines(folder / f"index.{name}"):
            fields = line.split()
            count = int(fields[2])
            wn.senses[(fields[0], pos)] = [pos + offset for offset in fields[-count:]]
        for line in _lines(folder / f"{name}.exc"):
            form, *bases = line.split()
            wn.exceptions.extend((form, base, pos) for base in bases)
    for (lemma, _), synsets in wn.senses.items():
        wn.sense_counts[lemma] = wn.sense_counts.get(lemma, 0) + len(synsets)
    for line in _lines(folder / "cntlist.rev"):
        key, number, count = line.split()
        lemma, _, rest = key.partition("%")
        wn.tags[(lemma, _SS_TYPE[rest[0]], int(number))] = int(count)
    return wn


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="latin-1")  # WordNet 3.0 is ASCII; latin-1 cannot fail
    return [line for line in text.splitlines() if line and not line.startswith("  ")]


def _read_synset(wn: _WordNet, pos: str, line: str) -> None:
    fields = line.partition(" | ")[0].split()
    synset = pos + fields[0]
    count = int(fields[3], 16)
    lemmas = [_MARKER.sub("", fields[4 + 2 * i]) for i in range(count)]
    wn.lemmas[synset] = lemmas
    wn.lexfiles[synset] = int(fields[1])
    at = 4 + 2 * count
    hypernyms, similar, groups = [], [], []
    for i in range(int(fields[at])):
        symbol, offset, target_pos, source_target = fields[at + 1 + 4 * i: at + 5 + 4 * i]
        target = ("a" if target_pos == "s" else target_pos) + offset
        if symbol == "@":
            hypernyms.append(target)
        elif symbol == "&":
            similar.append(target)
        elif symbol == "$":
            groups.append(target)
        elif symbol in ("~", "~i"):
            wn.hyponyms[synset] = wn.hyponyms.get(synset, 0) + 1
        elif symbol == "+":
            source = int(source_target[:2], 16)
            wn.derived.setdefault((synset, lemmas[source - 1].lower()), []).append(target)
    wn.hypernyms[synset] = hypernyms
    wn.similar[synset] = similar
    wn.groups[synset] = groups


def _kept_senses(wn: _WordNet, lemma: str, pos: str,
                 settings: TableSettings) -> tuple[list[tuple[str, bool, int]], dict[bool, int]]:
    """(synset, proper noun?, rank) for the senses of ``lemma`` that count, most frequent first,
    and the lemma's SemCor tags as a common and as a proper noun.

    Proper and common senses are ranked apart: the text's capital letter
    already tells them apart ("Bush" the president, "bush" the shrub).
    """
    kept = []
    tags = {}
    for proper in (False, True):
        ranked = [(number, synset) for number, synset in enumerate(wn.senses[(lemma, pos)], 1)
                  if _is_proper(wn.lemmas[synset], lemma) == proper]
        counts = [wn.tags.get((lemma, pos, number), 0) for number, _ in ranked]
        total = tags[proper] = sum(counts)
        for rank, ((_, synset), count) in enumerate(zip(ranked, counts)):
            if total == 0:
                keep = rank < settings.untagged_senses
            else:
                keep = rank == 0 or (rank < settings.max_senses and count / total >= settings.min_share)
            if keep:
                kept.append((synset, proper, rank))
    return kept, tags


def _is_proper(lemmas: list[str], lemma: str) -> bool:
    written = next((w for w in lemmas if w.lower() == lemma), lemma)
    return written[:1].isupper()


def build_table(wn: _WordNet, settings: TableSettings = TableSettings()) -> dict[str, dict[str, set]]:
    """key -> {"synsets", "related", "bridges"} -> concept names (synsets, bridge keys)."""
    # key -> lemma -> (SemCor tags, [(synset, rank, lemma, lemma's key)]): several lemmas
    # may share a key (state, stated, stately -> "stat"; fire, fir -> "fir").
    offers: dict[str, dict[str, list]] = defaultdict(dict)
    common_senses: dict[tuple[str, str], tuple[int, list]] = {}
    for (lemma, pos), _ in wn.senses.items():
        kept, tags = _kept_senses(wn, lemma, pos, settings)
        if not settings.species:
            kept = [k for k in kept if not (k[0][0] == "n" and wn.lexfiles[k[0]] in _SPECIES_FILES)]
        common_senses[(lemma, pos)] = (tags[False], [(s, r) for s, proper, r in kept if not proper])
        for key in _keys(lemma, settings):
            for proper in (False, True):
                senses = [(synset, rank, lemma, key) for synset, p, rank in kept if p == proper]
                if senses and not (proper and " " in key and not settings.proper_phrases):
                    _offer(offers["^" + key if proper else key], lemma, tags[proper], senses)
    for form, lemma, pos in wn.exceptions:  # took -> take, led -> lead
        tags, senses = common_senses.get((lemma, pos), (0, []))
        for key in _keys(form, settings):
            if senses:
                _offer(offers[key], lemma, tags, [(s, r, lemma, key_of(lemma)) for s, r in senses])
    table: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for key, lemmas in offers.items():
        for synset, rank, lemma, own_key in _dominant(lemmas, settings):
            _add_sense(table[key], wn, synset, rank, lemma, own_key, settings)
    return _prune(table)


def _dominant(lemmas: dict[str, list], settings: TableSettings) -> list[tuple]:
    """The senses of the key's most tagged lemma, and of its plural ("talks": negotiations)."""
    if not settings.dominant_lemma:
        return [sense for _, senses in lemmas.values() for sense in senses]
    most = max(tags for tags, _ in lemmas.values())
    top = {lemma for lemma, (tags, _) in lemmas.items() if tags == most}
    plurals = {lemma for lemma in lemmas if lemma.removesuffix("s") in top or lemma.removesuffix("es") in top}
    return [sense for lemma in sorted(top | plurals) for sense in lemmas[lemma][1]]


def _offer(lemmas: dict[str, list], lemma: str, tags: int, senses: list[tuple]) -> None:
    held = lemmas.setdefault(lemma, [0, []])
    held[0] += tags
    held[1].extend(senses)


def _keys(lemma: str, settings: TableSettings) -> list[str]:
    key = key_of(lemma)
    if not key or key.count(" ") >= settings.max_phrase_words:
        return []
    # "cease-fire" is also written "ceasefire"; the tokens of "cease-fire" make the phrase key.
    joined = key_of(lemma.replace("-", "")) if "-" in lemma else None
    return [key] + ([joined] if joined and joined != key else [])


def _add_sense(entry: dict[str, set], wn: _WordNet, synset: str, rank: int, lemma: str, own_key: str,
               settings: TableSettings) -> None:
    entry["synsets"].add(synset)
    if settings.hypernyms and synset[0] in "nv":
        level = [synset]
        for _ in range(settings.verb_hypernym_depth if synset[0] == "v" else 1):
            level = [h for s in level for h in wn.hypernyms[s] if wn.hyponyms.get(h, 0) <= settings.max_hyponyms]
            entry["related"].update(level)
    if settings.similar_adjectives and synset[0] == "a":
        entry["related"].update(wn.similar[synset])
    if synset[0] == "v":
        if settings.verb_groups:
            entry["related"].update(wn.groups[synset])
        if settings.sibling_hyponyms:
            # "hyp:" keeps a shared hypernym apart from a bridge word in the one id space
            entry["bridges"].update("hyp:" + h for h in wn.hypernyms[synset]
                                    if wn.hyponyms.get(h, 0) <= settings.sibling_hyponyms)
    if settings.derived:
        words = wn.lemmas[synset] if settings.derived_by_synset else [lemma]
        for word in words:
            entry["related"].update(wn.derived.get((synset, word.lower()), []))
    if rank < settings.bridge_senses:
        others = {key_of(w) for w in wn.lemmas[synset]
                  if wn.sense_counts.get(w.lower(), 0) <= settings.max_bridge_senses} - {own_key, ""}
        entry["bridges"].update(k for k in others if " " not in k)


def _prune(table: dict[str, dict[str, set]]) -> dict[str, dict[str, set]]:
    """Drop concepts no two keys can meet on; then keys left without concepts."""
    as_synset: dict[str, int] = defaultdict(int)
    as_other: dict[str, int] = defaultdict(int)
    bridges: dict[str, int] = defaultdict(int)
    for entry in table.values():
        for s in entry["synsets"]:
            as_synset[s] += 1
        for s in entry["related"]:
            as_other[s] += 1
        for b in entry["bridges"]:
            bridges[b] += 1
    # Synsets meet synsets and related synsets; two related synsets never meet
    # (Monday and Tuesday share the hypernym "weekday").
    useful = {s for s, n in as_synset.items() if n >= 2 or as_other.get(s, 0) >= 1}
    out = {}
    for key, entry in table.items():
        kept = {"synsets": entry["synsets"] & useful,
                "related": (entry["related"] - entry["synsets"]) & useful,
                "bridges": {b for b in entry["bridges"] if bridges[b] >= 2}}
        if any(kept.values()):
            out[key] = kept
    return out


def write_table(table: dict[str, dict[str, set]], settings: TableSettings, path: Path = TABLE_PATH) -> None:
    """Write the table as gzipped TSV: a header, then key, synsets, related, bridges."""
    synsets = sorted({s for e in table.values() for col in ("synsets", "related") for s in e[col]})
    bridges = sorted({b for e in table.values() for b in e["bridges"]})
    # One id space: synsets first, then bridge words, so a concept id names one thing.
    ids = {name: i for i, name in enumerate(synsets + [f"bridge:{b}" for b in bridges])}
    lines = [
        f"# {TABLE_FORMAT}: WordNet 3.0 concepts by word stem (analysis/resources/build_wordnet.py)",
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. "
        "Licence: WORDNET_LICENSE.txt",
        "# settings: " + " ".join(f"{k}={v}" for k, v in asdict(settings).items()),
        stem_probe(),
        "# key\tsynsets\trelated\tbridges",
    ]
    for key in sorted(table):
        entry = table[key]
        columns = [sorted(ids[s] for s in entry[c]) for c in ("synsets", "related")]
        columns.append(sorted(ids[f"bridge:{b}"] for b in entry["bridges"]))
        lines.append("\t".join([key] + [",".join(_base36(i) for i in col) for col in columns]))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    # mtime=0: the same WordNet and settings give the same bytes.
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if number == 0:
            return out


# WordNet's noun lexicographer files 03-28, in order: noun.Tops ... noun.time.
NOUN_FILES = ("Tops act animal artifact attribute body cognition communication event feeling food group location "
              "motive object person phenomenon plant possession process quantity relation shape state substance "
              "time").split()


def build_noun_table(wn: _WordNet) -> dict[str, tuple[str, float]]:
    """key (one word's stem) -> (lexicographer file of its first common noun sense or "", noun share).

    The noun share is the part of the word's SemCor tags that are noun uses
    (its share of senses when untagged): "think" is a noun far less often
    than a verb, "call" often both. Several lemmas on one key pool their tags;
    the file is that of the most tagged noun lemma's first sense.
    """
    uses: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))  # pos -> tags, senses
    files: dict[str, tuple[int, str]] = {}
    forms = defaultdict(list)
    for form, lemma, pos in wn.exceptions:  # children -> child, came -> come
        forms[(lemma, pos)].append(form)
    for (lemma, pos), synsets in wn.senses.items():
        tags = sum(wn.tags.get((lemma, pos, n), 0) for n in range(1, len(synsets) + 1))
        common = [s for s in synsets if not _is_proper(wn.lemmas[s], lemma)]
        for key in {k for word in [lemma, *forms[(lemma, pos)]] for k in _keys(word, TableSettings())}:
            if " " in key:
                continue
            uses[key][pos][0] += tags
            uses[key][pos][1] += len(synsets)
            if pos == "n" and common and (key not in files or tags > files[key][0]):
                files[key] = (tags, NOUN_FILES[wn.lexfiles[common[0]] - 3])
    table = {}
    for key, by_pos in uses.items():
        tagged = sum(t for t, _ in by_pos.values())
        noun_tags, noun_senses = by_pos.get("n", (0, 0))
        share = noun_tags / tagged if tagged else noun_senses / sum(n for _, n in by_pos.values())
        table[key] = (files.get(key, (0, ""))[1], round(share, 2))
    return table


def write_noun_table(table: dict[str, tuple[str, float]], path: Path = NOUNS_PATH) -> None:
    """Write the noun table as gzipped TSV: a header, then key, lexicographer file, noun share."""
    lines = [f"# {NOUNS_FORMAT}: WordNet 3.0 noun files by word stem (analysis/resources/build_wordnet.py)",
             "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. "
             "Licence: WORDNET_LICENSE.txt",
             stem_probe(), "# key\tfile\tnoun_share"]
    lines += [f"{key}\t{file}\t{share:g}" for key, (file, share) in sorted(table.items())]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wordnet_dir", nargs="?", type=Path, default=WORDNET_DIR)
    parser.add_argument("--out", type=Path, default=TABLE_PATH)
    parser.add_argument("--nouns-out", type=Path, default=NOUNS_PATH)
    args = parser.parse_args(argv)
    if not (args.wordnet_dir / "data.noun").is_file():
        print(f"no WordNet 3.0 in {args.wordnet_dir} (apt-get install wordnet-base)", file=sys.stderr)
        return 1
    settings = TableSettings()
    wordnet = read_wordnet(args.wordnet_dir)
    table = build_table(wordnet, settings)
    write_table(table, settings, args.out)
    print(f"{len(table)} keys, {args.out.stat().st_size / 1e6:.2f} MB -> {args.out}")
    nouns = build_noun_table(wordnet)
    write_noun_table(nouns, args.nouns_out)
    print(f"{len(nouns)} noun keys, {args.nouns_out.stat().st_size / 1e6:.2f} MB -> {args.nouns_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
