"""Tokens and features of the name finder, shared by training and inference.

Every feature of a position is either a property of one token seen from an
offset (``-1|w=the``: the word before is "the"), a conjunction of the coarse
shapes of two neighbours, or a gazetteer match that starts or continues at
the position. The first kind depends on the word alone, so inference adds up
its weights once per distinct word and caches the sum.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from analysis.text.words import fold_accents

__all__ = [
    "FeatureSettings", "Lexicons", "BOS", "EOS", "tokenize", "normalise_token", "place_key",
    "cluster_ids", "token_features", "offset_features", "word_attributes", "place_start_length", "coarse_shape", "gazetteer_marks", "position_attributes", "tag_spans", "SHAPE_CLASSES",
]

BOS, EOS = "<S>", "</S>"


@dataclass(frozen=True)
class FeatureSettings:
    """Which features the model sees; ``FeatureSettings(window=1)`` for a narrower context."""

    window: int = 2  # tokens either side whose word, shape and cluster are features
    affix_len: int = 4  # prefixes and suffixes of the token itself up to this length
    clusters: bool = True
    cap_prior: bool = True  # how often the word is capitalised mid-sentence in unlabelled news
    gazetteer: bool = True
    shape_pairs: bool = True
    bigrams: bool = False  # the word before and this word, lowercased, as one feature
    # Sentence and document features of capitalised tokens (ner_context.py):
    doc_context: bool = False  # the words around the same word elsewhere in the document
    doc_clusters: bool = False  # ... and those words' clusters (mid level)
    doc_run_start: bool = False  # ... given only to a token that may open a name (ner_context.opens_name)
    stacked: bool = False  # a second pass reads how the first typed the same word and name elsewhere

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Lexicons:
    """Word lists the features read: clusters, capitalisation prior, places."""

    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> coarse..fine ids
    cap_prior: dict[str, str] = field(default_factory=dict)  # lowercase word -> bucket
    places: dict[str, str] = field(default_factory=dict)  # place_key -> category
    place_lengths: dict[str, int] = field(default_factory=dict)  # first word key -> longest name

    def index_places(self) -> None:
        # Only multi-word names need the look-ahead; one-word names are a plain look-up.
        lengths: dict[str, int] = {}
        for key in self.places:
            if " " in key:
                words = key.split(" ")
                lengths[words[0]] = max(lengths.get(words[0], 0), len(words))
        self.place_lengths = lengths


# The abbreviations and TITLES here are frozen with the shipped model (TRAINED_LISTS below;
# analysis/models/frozen_lists.py): analysis/text/ has the runtime's own lists.
# CoNLL-style tokens. Order matters: dotted abbreviations (U.S., a.m.), the
# stem before n't, clitics ('s, ’re), numbers, words (hyphens and inner
# apostrophes kept: Jong-un, O'Brien), then one punctuation mark at a time.
_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Gov|Sen|Rep|Prof|Rev|Hon|Inc|Corp|Co|Ltd|"
    "Bros|Mt|Ft|vs|No|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Ave|Blvd|Calif|Fla|Mass|Penn|Wash"
)
_TOKEN_RE = re.compile(
    r"https?://\S+"
    r"|(?:[^\W\d_]\.){2,}"
    rf"|(?:{_ABBREVIATIONS})\.(?=\s|$)"
    r"|[A-Z]\.(?=\s+[A-Z])"
    r"|[^\W\d_]+(?=[nN]['’][tT]\b)"
    r"|[nN]['’][tT]\b"
    r"|['’](?:[sSdDmM]|re|ve|ll|RE|VE|LL)\b"
    r"|\d+(?:[.,:/-]\d+)*(?:[^\W\d_]+)?"
    r"|[A-Z]+&[A-Z]+"
    r"|[^\W_]+(?:[-‐][^\W_]+|['’](?!(?:[sSdDmM]|re|ve|ll|RE|VE|LL)\b)[^\W_]+)*"
    r"|--+|\.\.\.|[^\w\s]"
)
# Modern typography to the plain forms CoNLL's Reuters text uses.
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "‐": "-", "–": "-", "—": "--", "…": "..."})


_CHUNK_RE = re.compile(r"\S+")
# Marks _TOKEN_RE always splits off as one token when a plain word follows or precedes them.
# Not apostrophes (clitics: 's), hyphens or dots before a word; a dot after one only when the
# word is no abbreviation (Mr.) or initial (J.).
_LEAD = frozenset('"(“‘[')
_TRAIL = frozenset(',;:!?)"”].')
_ABBREVIATION_SET = frozenset(_ABBREVIATIONS.split("|"))


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split text into CoNLL-style tokens; returns (token, start, end) with offsets into text."""
    out: list[tuple[str, int, int]] = []
    match = _TOKEN_RE.match
    for chunk in _CHUNK_RE.finditer(text):
        word = chunk.group()
        start, end = chunk.span()
        if word.isalpha() or word.isdecimal():  # most chunks: one token, no regex needed
            out.append((word, start, end))
            continue
        # The next most: a word with one mark before or after ("said,", "(Reuters", "Paris.").
        lead = word[0] in _LEAD
        trail = word[-1] in _TRAIL
        stem = word[lead:len(word) - trail]
        if (lead or trail) and stem.isalpha() and (
                word[-1] != "." or (len(stem) > 1 and stem not in _ABBREVIATION_SET)):
            if lead:
                out.append((word[0], start, start + 1))
            out.append((stem, start + lead, end - trail))
            if trail:
                out.append((word[-1], end - 1, end))
            continue
        at = start
        while at < end:  # matching in the whole text lets lookaheads see the next chunk (J. K. Rowling)
            found = match(text, at)
            if found is None:
                at += 1
                continue
            out.append((found.group(), at, found.end()))
            at = found.end()
    return out


def normalise_token(token: str) -> str:
    """The form features read: curly quotes and dashes as CoNLL writes them."""
    return token.translate(_TYPOGRAPHY) if not token.isascii() else token


_POSSESSIVE = re.compile(r"(?:'s|')$")


@lru_cache(maxsize=65536)
def place_key(name: str) -> str:
    """The lookup form of a place name: case, accents, possessive, 'the' and spacing folded.

    Kept: one new word asks it up to four times (features, gazetteer marks, is_place).
    """
    key = fold_accents(normalise_token(name)).casefold().strip()
    key = _POSSESSIVE.sub("", key).strip()
    if key.startswith("the "):
        key = key[4:]
    return " ".join(key.replace(" - ", "-").split())


# Words that stand before a name in news and are not part of it (CoNLL leaves titles out of PER).
TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. sir dame lord lady president vice prime minister chancellor premier
    secretary senator sen sen. rep rep. governor gov gov. mayor judge justice speaker ambassador envoy
    leader chairman chairwoman chair chief executive officer director spokesman spokeswoman spokesperson
    general gen gen. colonel col col. captain capt capt. lieutenant sergeant commander admiral
    professor prof prof. rev reverend father bishop archbishop cardinal king queen prince princess
    sheikh coach manager striker midfielder goalkeeper defender analyst economist founder""".split()
)


# Digested into the data card; the loader refuses the model when these differ from what it was trained with.
TRAINED_LISTS = {"abbreviations": _ABBREVIATIONS.split("|"), "titles": TITLES}


def _shape(token: str) -> str:
    out: list[str] = []
    for ch in token:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


SHAPE_CLASSES = (BOS, EOS, "X", "X1", "Xx", "m", "x", "d", "p")


def coarse_shape(token: str) -> str:
    """One of a few classes: Xx (capitalised), X (all caps), x, d (number), p (punctuation), m (mixed)."""
    if token == BOS or token == EOS:
        return token
    first = token[0]
    if first.isupper():
        if token.isupper():
            return "X" if len(token) > 1 else "X1"
        return "Xx" if token[1:].islower() else "m"
    if first.islower():
        return "x" if token.islower() else "m"
    if first.isdigit():
        return "d"
    return "p"


def cluster_ids(word: str, lex: Lexicons) -> tuple[str, ...]:
    # ALL-CAPS headlines and sentence starts fall back to the usual casing.
    for form in (word, word.title(), word.lower()):
        ids = lex.clusters.get(form)
        if ids is not None:
            return ids
    return ()


def token_features(token: str, lex: Lexicons, settings: FeatureSettings) -> tuple[list[str], list[str], list[str]]:
    """Features of one token: as the current word, as a neighbour (offset 1), and as a far neighbour."""
    if token == BOS or token == EOS:
        only = [f"w={token}"]
        return only, only, only
    word = normalise_token(token)
    lower = word.lower()
    shape = _shape(word)
    near = [f"w={lower}", f"sh={shape}"]
    far = [f"w={lower}", f"sh={coarse_shape(word)}"]
    own = [f"w={lower}", f"sh={shape}", f"cs={coarse_shape(word)}"]
    if word != lower and word != word.title():
        own.append(f"wc={word}")
    length = len(lower)
    for n in range(1, settings.affix_len + 1):
        if length > n:
            own.append(f"p{n}={lower[:n]}")
            own.append(f"s{n}={lower[-n:]}")
    if any(ch.isdigit() for ch in word):
        own.append("digit")
    if "-" in word and length > 1:
        own.append("hyphen")
    if lower in TITLES:
        own.append("title")
        near.append("title")
    if settings.clusters:
        ids = cluster_ids(word, lex)
        for level, cid in enumerate(ids):
            own.append(f"c{level}={cid}")
        if ids:
            near.append(f"c1={ids[1]}" if len(ids) > 1 else f"c0={ids[0]}")
            far.append(f"c0={ids[0]}")
    if settings.cap_prior:
        bucket = lex.cap_prior.get(lower, "unk")
        own.append(f"cp={bucket}")
        near.append(f"cp={bucket}")
    if settings.gazetteer:
        category = lex.places.get(place_key(word))
        if category is not None:
            own.append(f"gz={category}")
            near.append(f"gz={category}")
    return own, near, far


def offset_features(token: str, lex: Lexicons, settings: FeatureSettings) -> list[list[str]]:
    """The features one token gives the positions around it, unprefixed: index k + window for offset k."""
    own, near, far = token_features(token, lex, settings)
    return [own if k == 0 else near if abs(k) == 1 else far for k in range(-settings.window, settings.window + 1)]


def word_attributes(token: str, lex: Lexicons, settings: FeatureSettings) -> list[list[str]]:
    """The attributes one token gives the positions around it ("k|feature"): index k + window for offset k."""
    return [[f"{k}|{f}" for f in feats]
            for k, feats in enumerate(offset_features(token, lex, settings), -settings.window)]


def place_start_length(word: str, lex: Lexicons) -> int:
    """Word count of the longest place name a capitalised word may start (0 when none)."""
    return lex.place_lengths.get(place_key(word), 0) if word[:1].isupper() else 0


def gazetteer_marks(words: list[str], lex: Lexicons, starts: list[int] | None = None,
                    max_len: int = 5) -> list[str | None]:
    """Longest multi-word place match, left to right: 'B-city', 'I-city' or None per word.

    ``starts``: the positions worth trying (words that start a multi-word
    place name), when the caller already knows them.
    """
    n = len(words)
    marks: list[str | None] = [None] * n
    if starts is None:
        starts = [i for i, w in enumerate(words) if place_start_length(w, lex) >= 2]
    covered = 0
    for i in starts:
        if i < covered:
            continue
        for length in range(min(place_start_length(words[i], lex), max_len, n - i), 1, -1):
            category = lex.places.get(place_key(" ".join(words[i:i + length])))
            if category is not None:
                marks[i] = f"B-{category}"
                for j in range(i + 1, i + length):
                    marks[j] = f"I-{category}"
                covered = i + length
                break
    return marks


def position_attributes(words: list[str], lex: Lexicons, settings: FeatureSettings) -> list[list[str]]:
    """The features that depend on more than one token, per position of a sentence."""
    n = len(words)
    out: list[list[str]] = [[] for _ in range(n)]
    if settings.shape_pairs:
        shapes = [BOS] + [coarse_shape(normalise_token(w)) for w in words] + [EOS]
        for i in range(n):
            out[i].append(f"pp={shapes[i]}|{shapes[i + 1]}")
            out[i].append(f"pn={shapes[i + 1]}|{shapes[i + 2]}")
    if settings.bigrams:
        lowered = [BOS] + [normalise_token(w).lower() for w in words]
        for i in range(n):
            out[i].append(f"bg={lowered[i]}|{lowered[i + 1]}")
    if settings.gazetteer:
        for i, mark in enumerate(gazetteer_marks([normalise_token(w) for w in words], lex)):
            if mark is not None:
                out[i].append(f"g={mark}")
    return out


def tag_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity chunks of an IOB2 tag sequence, read as conlleval does; returns (start, end, type), end exclusive."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag_ in enumerate(tags):
        this = "" if tag_ == "O" else tag_[2:]
        if start >= 0 and (not this or tag_[0] == "B" or this != kind):
            spans.append((start, i, kind))
            start = -1
        if this and start < 0:
            start, kind = i, this
    if start >= 0:
        spans.append((start, len(tags), kind))
    return spans
