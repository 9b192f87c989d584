"""Reading the shipped WordNet tables: what the similarity of sentences and the figures' nouns look up.

The tables are built by :mod:`analysis.resources.build_wordnet` from Debian's
wordnet-base (WordNet 3.0) into analysis/resources/, with its licence (WORDNET_LICENSE.txt). Their
keys are our own stems, so a table built with other stems than
analysis.text.words makes today is refused (StaleConceptTable), not misread.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from analysis.engine._once import load_once
from analysis.text.words import stem, tokens

_REBUILD = "python -m analysis.resources.build_wordnet"
__all__ = ["TABLE_PATH", "TABLE_FORMAT", "NOUNS_PATH", "NOUNS_FORMAT", "STEM_PROBE", "StaleConceptTable",
           "ConceptTable", "load_table", "load_noun_table", "concept_table", "noun_table", "ProperNouns",
           "proper_nouns", "MADE_THINGS", "stem_probe", "key_of"]

_RESOURCES = Path(__file__).resolve().parent.parent / "resources"  # the data stays with the other shipped tables
TABLE_PATH = _RESOURCES / "wordnet_concepts.tsv.gz"
TABLE_FORMAT = "storylens-wordnet-concepts 1"
NOUNS_PATH = _RESOURCES / "wordnet_nouns.tsv.gz"
NOUNS_FORMAT = "storylens-wordnet-nouns 1"
# Words whose stems the table's keys depend on: written into the header, so a
# loader can tell when analysis.text.words.stem has changed under a built table.
STEM_PROBE = ("retaliated", "ceasefires", "agreed", "conceding", "prisoners", "quickly", "stopped",
              "dies", "classes", "bus", "analysis", "made", "U.S.")
def stem_probe() -> str:
    """The header line recording how today's analysis.text.words stems the probe words."""
    return "# stems: " + " ".join(f"{w}={key_of(w)}" for w in STEM_PROBE)


def key_of(words: str) -> str:
    """The table key of a word or phrase: its tokens' stems, one space apart."""
    return " ".join(stem(t) for t in tokens(words.replace("_", " ")))


class StaleConceptTable(Exception):
    """The WordNet concept table was built with other stems than analysis.text.words makes now."""


@dataclass(frozen=True)
class ConceptTable:
    """A table as read: key -> (synsets, related, bridges) concept ids, and phrase starts."""

    words: dict[str, tuple[frozenset[int], ...]]
    phrases: dict[str, int]  # first stem of a phrase key -> words in its longest phrase


def _table_lines(path: Path) -> list[str]:
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    if not lines or TABLE_FORMAT not in lines[0]:
        raise StaleConceptTable(f"{path}: not a {TABLE_FORMAT} table")
    if next((line for line in lines if line.startswith("# stems: ")), "") != stem_probe():
        raise StaleConceptTable(f"{path}: its stems are not today's; rebuild it with {_REBUILD}")
    return lines


def load_table(path: Path = TABLE_PATH) -> ConceptTable:
    """Read a table :func:`write_table` wrote; refuses one whose stems are not today's."""
    lines = _table_lines(path)
    words: dict[str, tuple[frozenset[int], ...]] = {}
    phrases: dict[str, int] = {}
    for line in lines:
        if line.startswith("#"):
            continue
        key, *columns = line.split("\t")
        words[key] = tuple(frozenset(int(x, 36) for x in col.split(",")) if col else frozenset()
                           for col in columns)
        if " " in key:
            first = key.split(" ", 1)[0].lstrip("^")
            phrases[first] = max(phrases.get(first, 0), key.count(" ") + 1)
    return ConceptTable(words, phrases)


def load_noun_table(path: Path = NOUNS_PATH) -> dict[str, tuple[str, float]]:
    """Read a table :func:`write_noun_table` wrote: key -> (lexicographer file, noun share)."""
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    if not lines or NOUNS_FORMAT not in lines[0]:
        raise StaleConceptTable(f"{path}: not a {NOUNS_FORMAT} table")
    if stem_probe() not in lines:
        raise StaleConceptTable(f"{path}: its stems are not today's; rebuild it with {_REBUILD}")
    rows = (line.split("\t") for line in lines if not line.startswith("#"))
    return {key: (file, float(share)) for key, file, share in rows}


def concept_table(path: str | Path | None = None) -> ConceptTable:
    """The concept table (the shipped one unless ``path``), read once per process and shared by every reader.

    In memory it takes about 115 MB: the similarity, the fragments and the things of the actors
    read the same copy (one each had put the cold index's peak at 1 GB, for 585 MB before).
    """
    return _read_table(str(path or TABLE_PATH))


def noun_table() -> dict[str, tuple[str, float]]:
    """The shipped noun table, read once per process and shared by every reader."""
    return _read_nouns(str(NOUNS_PATH))


@load_once
def _read_table(path: str) -> ConceptTable:
    return load_table(Path(path))


@load_once
def _read_nouns(path: str) -> dict[str, tuple[str, float]]:
    return load_noun_table(Path(path))


# WordNet's noun file of made things: weapons, devices, vehicles.
MADE_THINGS = "artifact"


class ProperNouns(NamedTuple):
    """What the actors ask of WordNet's proper nouns: which keys are one, and which name a kind of made thing."""

    keys: frozenset[str]  # keys without their "^": "nato", "icbm", "united nation"
    made: frozenset[str]  # of those, the ones every kind of which has a made thing's head word ("icbm")


def proper_nouns() -> ProperNouns:
    """The shipped table's :class:`ProperNouns`, read once per process.

    Read straight from the file, without :func:`concept_table`: the index's workers ask only this,
    and the whole table would take 115 MB in each of them.
    """
    return _read_proper_nouns(str(TABLE_PATH))


@load_once
def _read_proper_nouns(path: str) -> ProperNouns:
    rows = [line.split("\t") for line in _table_lines(Path(path)) if not line.startswith("#")]
    related = {key[1:]: {int(x, 36) for x in columns[1].split(",") if x}
               for key, *columns in rows if key.startswith("^")}
    wanted = set().union(*related.values())
    nouns = noun_table()
    # sense -> the noun files of the head words of the keys holding it ("ballist missil" -> missil -> artifact)
    files: dict[int, set[str]] = {}
    for key, senses, *_ in rows:
        for sense in (int(x, 36) for x in senses.split(",") if x):
            if sense in wanted:
                files.setdefault(sense, set()).add(nouns.get(key.lstrip("^").split()[-1], ("", 0.0))[0])
    made = {key for key, senses in related.items()
            if set().union(*(files.get(sense, set()) for sense in senses)) == {MADE_THINGS}}
    return ProperNouns(frozenset(related), frozenset(made))
