"""Find persons, organisations, places and other names in news text: a CRF trained on CoNLL-2003.

The weights were trained by ``python -m analysis.models.train_ner`` and ship
beside this file; NER.md says on what data, and how accurate they are.
Inference needs only numpy: the emission score of a word seen from each
offset is summed once per distinct word and cached, and Viterbi runs, batched,
only over the stretches within one token of a capitalised word (everything
else is tagged O, which costs nothing on CoNLL dev; see NER.md). The
sentences of one call are one document: a capitalised word also scores what
the words around its other occurrences say (ner_context.py, ner_document.py).
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.engine._once import load_once
from analysis.models.frozen_lists import stale_lists
from analysis.models.ner_context import PREFIX as CONTEXT_PREFIX, capitalised
from analysis.models.ner_document import DocumentScores
from analysis.models.ner_features import (
    BOS, EOS, SHAPE_CLASSES, FeatureSettings, Lexicons, coarse_shape, gazetteer_marks, normalise_token,
    TRAINED_LISTS, offset_features, place_key, place_start_length, tag_spans, tokenize,
)

__all__ = [
    "Entity", "NameFinder", "ModelMissing", "MODEL_DIR", "tokenize", "tag", "entities", "entities_many",
    "is_place", "place_kind", "tag_spans", "load_lexicons", "name_finder",
]

MODEL_DIR = Path(__file__).resolve().parent
WEIGHTS_FILE = "ner_weights.npz"
CLUSTERS_FILE = "word_clusters.tsv.gz"
CAP_PRIOR_FILE = "cap_prior.tsv.gz"
PLACES_FILE = "places.tsv.gz"
CARD_FILE = "ner_card.json"
# Words kept per process before the per-word score cache starts afresh: the
# 2,225 BBC articles hold 37,635 distinct tokens; each costs 360 bytes at window 2
# (bench/ner_bench.py prints both).
_CACHE_WORDS = 150_000
_BOS_ID, _EOS_ID = 0, 1


class ModelMissing(Exception):
    """The name finder's shipped files are missing or unreadable."""


@dataclass(frozen=True)
class Entity:
    """One name found in a text: character span, the text, and its type."""

    start: int  # character offsets in the text given
    end: int
    text: str
    label: str  # "PER" | "ORG" | "LOC" | "MISC"


def _read_text(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def load_lexicons(directory: Path) -> Lexicons:
    """The word clusters, capitalisation prior and places shipped in a model folder."""
    # Files are TSV; the parsing below stays in C (split, zip, dict) because load time counts.
    cells = _read_text(directory / CLUSTERS_FILE).split()  # word, coarse, mid, fine cluster per row
    clusters = dict(zip(cells[0::4], zip(cells[1::4], cells[2::4], cells[3::4])))
    cells = _read_text(directory / CAP_PRIOR_FILE).split()  # lowercase word, bucket per row
    places: dict[str, str] = {}
    for line in _read_text(directory / PLACES_FILE).splitlines():  # category, then names joined by |
        category, _, names = line.partition("\t")
        places.update(dict.fromkeys(names.split("|"), category))
    lex = Lexicons(clusters=clusters, cap_prior=dict(zip(cells[0::2], cells[1::2])), places=places)
    lex.index_places()
    return lex


class NameFinder(DocumentScores):
    """A trained name finder: tags tokens, finds entities in sentences, answers place look-ups."""

    def __init__(self, labels: Sequence[str], transitions: np.ndarray, attributes: Sequence[str],
                 weights: np.ndarray, lexicons: Lexicons, settings: FeatureSettings) -> None:
        self.labels = tuple(labels)
        self.settings = settings
        self.lexicons = lexicons
        self._trans = np.asarray(transitions, dtype=np.float64)
        self._weights = np.asarray(weights, dtype=np.float64)
        self._attr = {a: i for i, a in enumerate(attributes)}
        # The per-word attributes ("k|feature") by offset k + window, keyed by the feature alone: a new
        # word's rows are looked up without formatting a string per feature and offset.
        window = settings.window
        self._attr_at: list[dict[str, int]] = [{} for _ in range(2 * window + 1)]
        for attr, row in self._attr.items():
            offset, bar, feature = attr.partition("|")
            if bar and offset.lstrip("-").isdigit() and abs(int(offset)) <= window:
                self._attr_at[int(offset) + window][feature] = row
        self._o = self.labels.index("O")
        n_labels = len(self.labels)
        self._kind = [label[2:] if label != "O" else "" for label in self.labels]
        classes = {c: i for i, c in enumerate(SHAPE_CLASSES)}
        self._pairs = np.zeros((2, len(classes), len(classes), n_labels))
        self._gaz: dict[str, np.ndarray] = {}
        self._bigrams: dict[str, np.ndarray] = {}
        self._context: dict[str, np.ndarray] = {}  # document features (ner_context)
        for attr, row in self._attr.items():
            if attr.startswith("bg="):
                self._bigrams[attr[3:]] = self._weights[row]
            elif attr.startswith(CONTEXT_PREFIX):
                self._context[attr] = self._weights[row]
            elif attr.startswith(("pp=", "pn=")):
                left, right = attr[3:].split("|")
                self._pairs[int(attr[1] == "n"), classes[left], classes[right]] = self._weights[row]
            elif attr.startswith("g="):
                self._gaz[attr[2:]] = self._weights[row]
        self._lower_row = self._attr.get(CONTEXT_PREFIX + "lower", -1)
        self._classes = classes
        self._lock = threading.RLock()  # _decode may reset the cache, which re-adds BOS and EOS
        self._reset_cache()

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, *, check_lists: bool = True) -> "NameFinder":
        """Read a model folder (weights and word lists); raises ModelMissing, also when its lists changed.

        The training script reads its fresh folder with ``check_lists=False``: the card comes after.
        """
        stale = check_lists and stale_lists(TRAINED_LISTS, directory / CARD_FILE, "python -m analysis.models.train_ner")
        if stale:
            raise ModelMissing(f"name finder in {directory}: {stale}")
        try:
            with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as data:
                labels = data["labels"].tolist()
                attributes = data["attributes"].tobytes().decode("utf-8").split("\n")
                weights, transitions = data["weights"], data["transitions"]
                settings = FeatureSettings(**json.loads(data["settings"].tobytes().decode("utf-8")))
            lexicons = load_lexicons(directory)
        except (OSError, KeyError, ValueError) as error:
            raise ModelMissing(f"name finder files unreadable in {directory}: {error}") from error
        return cls(labels, transitions, attributes, weights, lexicons, settings)

    # --- per-word cache -------------------------------------------------
    def _reset_cache(self) -> None:
        width = 2 * self.settings.window + 1
        self._ids: dict[str, int] = {}
        self._lower: list[str] = []  # the bigram feature's form of each cached word
        self._rows = np.zeros((1024, width, len(self.labels)))
        self._cls = np.zeros(1024, dtype=np.intp)
        self._cap = np.zeros(1024, dtype=bool)
        self._gaz_start = np.zeros(1024, dtype=np.int8)
        # What document context needs of each word (ner_context): its lowercase form as an int, whether
        # it is all lowercase, and the rows of the features it gives a word it stands before or after.
        self._keys: dict[str, int] = {}
        self._key = np.zeros(1024, dtype=np.intp)
        self._low_mark = np.zeros(1024, dtype=np.int64)  # by _key: the last decode that saw it in lower case
        self._stamp = 0
        self._islow = np.zeros(1024, dtype=bool)
        self._ctx_list: list[tuple[int, ...]] = []
        for token in (BOS, EOS):
            self._add(token)

    def _add(self, token: str) -> int:
        with self._lock:
            index = self._ids.get(token)
            if index is not None:
                return index
            index = len(self._ids)
            if index == len(self._cls):
                grow = 2 * index
                self._rows = np.concatenate([self._rows, np.zeros_like(self._rows)])[:grow]
                self._cls = np.concatenate([self._cls, np.zeros_like(self._cls)])[:grow]
                self._cap = np.concatenate([self._cap, np.zeros_like(self._cap)])[:grow]
                self._gaz_start = np.concatenate([self._gaz_start, np.zeros_like(self._gaz_start)])[:grow]
                self._islow = np.concatenate([self._islow, np.zeros_like(self._islow)])[:grow]
                self._key = np.concatenate([self._key, np.zeros_like(self._key)])[:grow]
                self._low_mark = np.concatenate([self._low_mark, np.zeros_like(self._low_mark)])[:grow]
            offsets, rows = [], []
            for k, (features, known) in enumerate(zip(offset_features(token, self.lexicons, self.settings),
                                                      self._attr_at)):
                for row in map(known.get, features):
                    if row is not None:
                        offsets.append(k)
                        rows.append(row)
            if rows:
                np.add.at(self._rows[index], offsets, self._weights[rows])
            if token in (BOS, EOS):
                self._lower.append(token)
                self._cls[index] = self._classes[token]
            else:
                word = normalise_token(token)
                self._lower.append(word.lower())
                self._cls[index] = self._classes[coarse_shape(word)]
                self._cap[index] = capitalised(word)
                self._gaz_start[index] = min(place_start_length(word, self.lexicons), 100)
                self._islow[index] = token.islower()
            if self._context:
                self._add_context_word(index, token)
            self._ids[token] = index
            return index

    # --- decoding ---------------------------------------------------------
    def _decode(self, sentences: Sequence[Sequence[str]], doc_sizes: Sequence[int] = ()) -> list[np.ndarray]:
        """Label indices per sentence; tokens farther than one from a capitalised token are O.

        ``doc_sizes``: how many sentences each document holds, in order (context
        features read one document); by default all the sentences are one.
        """
        # One decode at a time: the app's sessions share this finder, and a reset of the word
        # cache under another thread's decode would have it index new arrays with old ids.
        with self._lock:
            return self._decode_locked(sentences, doc_sizes or (len(sentences),))

    def _decode_locked(self, sentences: Sequence[Sequence[str]], doc_sizes: Sequence[int]) -> list[np.ndarray]:
        window = self.settings.window
        if len(self._ids) >= _CACHE_WORDS:
            self._reset_cache()
        ids_of, add = self._ids, self._add
        stream: list[int] = [_BOS_ID] * window
        get = ids_of.get
        for words in sentences:
            known = list(map(get, words))
            if None in known:
                known = [add(w) if i is None else i for i, w in zip(known, words)]
            stream.extend(known)
            stream.extend([_EOS_ID] * window + [_BOS_ID] * window)
        ids = np.asarray(stream, dtype=np.intp)
        real = ids > _EOS_ID
        labels = np.full(len(ids), self._o, dtype=np.intp)
        cap = self._cap[ids]
        near = cap.copy()
        near[1:] |= cap[:-1]
        near[:-1] |= cap[1:]
        near &= real
        if near.any():
            self._viterbi_stretches(ids, near, labels, sentences, doc_sizes)
        out, at = [], window
        for words in sentences:
            out.append(labels[at:at + len(words)])
            at += len(words) + 2 * window
        return out

    def _viterbi_stretches(self, ids: np.ndarray, near: np.ndarray, labels: np.ndarray,
                           sentences: Sequence[Sequence[str]], doc_sizes: Sequence[int]) -> None:
        window = self.settings.window
        pos = np.flatnonzero(near)
        rows = self._rows
        emit = rows[ids[pos], window].copy()
        for k in range(1, window + 1):
            emit += rows[ids[pos - k], window - k]
            emit += rows[ids[pos + k], window + k]
        cls = self._cls
        emit += self._pairs[0, cls[ids[pos - 1]], cls[ids[pos]]]
        emit += self._pairs[1, cls[ids[pos]], cls[ids[pos + 1]]]
        if self._bigrams:
            lower = self._lower
            found = [(row, weights) for row, weights in enumerate(map(
                self._bigrams.get, [f"{lower[left]}|{lower[right]}"
                                    for left, right in zip(ids[pos - 1].tolist(), ids[pos].tolist())]))
                     if weights is not None]
            if found:  # one pair per row: a plain fancy-index add
                emit[[row for row, _ in found]] += np.array([weights for _, weights in found])
        row_of = np.zeros(len(ids), dtype=np.intp)  # stream position -> its row in emit
        row_of[pos] = np.arange(len(pos))
        starts_at = self._sentence_starts(sentences)
        if self._gaz:
            self._add_gazetteer(ids, near, emit, row_of, starts_at, sentences)
        if self.settings.doc_context:
            self._add_doc_context(ids, pos, emit, row_of, starts_at, doc_sizes)
        edges = np.diff(np.concatenate(([0], near.view(np.int8), [0])))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        self._viterbi(ids, emit, row_of, starts, ends, labels)
        if self.settings.stacked:
            # Second pass: the same weights plus what the first pass said elsewhere in the document.
            # Only the stretches holding a token with such a feature can change; the rest keep their tags.
            touched = self._add_stacked(ids, emit, row_of, labels, starts_at, sentences, doc_sizes)
            if touched:
                which = np.unique(np.searchsorted(starts, np.asarray(touched), side="right") - 1)
                self._viterbi(ids, emit, row_of, starts[which], ends[which], labels)

    def _sentence_starts(self, sentences: Sequence[Sequence[str]]) -> list[int]:
        window = self.settings.window
        starts, at = [], window
        for words in sentences:
            starts.append(at)
            at += len(words) + 2 * window
        return starts

    def _viterbi(self, ids: np.ndarray, emit: np.ndarray, row_of: np.ndarray, starts: np.ndarray,
                 ends: np.ndarray, labels: np.ndarray) -> None:
        """Best labels of each stretch [start, end) of the stream, written into labels; all stretches batched."""
        lengths = ends - starts
        order = np.argsort(-lengths, kind="stable")
        starts, ends, lengths = starts[order], ends[order], lengths[order]
        trans, o = self._trans, self._o
        n_seg, longest = len(starts), int(lengths[0])
        score = emit[row_of[starts]].copy()
        score[ids[starts - 1] > _EOS_ID] += trans[o]  # a stretch inside a sentence follows an O
        back = np.zeros((n_seg, longest, len(self.labels)), dtype=np.intp)
        active = np.searchsorted(-lengths, -np.arange(longest), side="left")  # stretches longer than t
        for t in range(1, longest):
            n = active[t]
            cand = score[:n, :, None] + trans
            back[:n, t] = cand.argmax(axis=1)
            score[:n] = cand.max(axis=1) + emit[row_of[starts[:n] + t]]
        score[ids[ends] > _EOS_ID] += trans[:, o]  # ... and precedes one
        current = score.argmax(axis=1)
        for t in range(longest - 1, -1, -1):
            n = active[t]
            labels[starts[:n] + t] = current[:n]
            if t:
                current[:n] = back[np.arange(n), t, current[:n]]

    def _add_gazetteer(self, ids: np.ndarray, near: np.ndarray, emit: np.ndarray, row_of: np.ndarray,
                       starts_at: Sequence[int], sentences: Sequence[Sequence[str]]) -> None:
        hits = np.flatnonzero(self._gaz_start[ids] >= 2)  # words that may start a multi-word place
        if not len(hits):
            return
        sentence_of = np.searchsorted(np.asarray(starts_at), hits, side="right") - 1
        for s, group in groupby(zip(sentence_of.tolist(), hits.tolist()), key=itemgetter(0)):
            at, words = starts_at[s], sentences[s]
            normal = [normalise_token(w) for w in words]
            for i, mark in enumerate(gazetteer_marks(normal, self.lexicons, [h - at for _, h in group])):
                if mark is not None and near[at + i] and mark in self._gaz:
                    emit[row_of[at + i]] += self._gaz[mark]

    # --- public surface ---------------------------------------------------
    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB2 tags for each pre-tokenised sentence of one document (they inform each other)."""
        names = self.labels
        return [[names[i] for i in row] for row in self._decode(sentences)]

    def tag_documents(self, documents: Sequence[Sequence[Sequence[str]]]) -> list[list[list[str]]]:
        """IOB2 tags for each sentence of each document; documents do not inform each other."""
        flat = [words for doc in documents for words in doc]
        rows = iter(self._decode(flat, [len(doc) for doc in documents]))
        names = self.labels
        return [[[names[i] for i in next(rows)] for _ in doc] for doc in documents]

    def entities_many(self, texts: Sequence[str]) -> list[list[Entity]]:
        """Entities of each text (one sentence each, of one article), with character offsets into that text."""
        tokens = [tokenize(text) for text in texts]
        decoded = self._decode([[t[0] for t in toks] for toks in tokens])
        if not decoded:
            return []
        # The sentences holding a name, found in one pass over all the labels.
        ends = np.cumsum([len(row) for row in decoded])
        named = set(np.searchsorted(ends, np.flatnonzero(np.concatenate(decoded) != self._o), side="right").tolist())
        found: list[list[Entity]] = []
        for n, (text, toks, row) in enumerate(zip(texts, tokens, decoded)):
            if n not in named:
                found.append([])
                continue
            tags = [self.labels[i] for i in row]
            found.append([Entity(toks[s][1], toks[e - 1][2], text[toks[s][1]:toks[e - 1][2]], kind)
                          for s, e, kind in tag_spans(tags)])
        return found

    def is_place(self, name: str) -> bool:
        """Whether the name is a country, demonym, region, state, continent, sea or city (100k+) we list."""
        # Towns are model features only: many share a name with a person (see ner_build).
        return self.place_kind(name) not in ("", "town")

    def place_kind(self, name: str) -> str:
        """What the places list calls the name: country, demonym, region, state, continent, sea, city, town or ""."""
        return self.lexicons.places.get(place_key(name), "")


@load_once
def name_finder() -> NameFinder:
    """The shipped model, loaded once per process."""
    return NameFinder.load(MODEL_DIR)


def tag(tokens: Sequence[str]) -> list[str]:
    """IOB2 tags (B-PER, I-ORG, O, ...) for one pre-tokenised sentence."""
    return name_finder().tag_many([tokens])[0]


def entities(text: str) -> list[Entity]:
    """The names in one sentence, with character offsets into it."""
    return name_finder().entities_many([text])[0]


def entities_many(texts: Sequence[str]) -> list[list[Entity]]:
    """The names in each sentence of one article, read together (one decode; the article is the document)."""
    return name_finder().entities_many(texts)


def is_place(name: str) -> bool:
    """Whether a name is a place or a demonym ("Kyiv", "the Netherlands", "Russia’s", "Ukrainian")."""
    return name_finder().is_place(name)


def place_kind(name: str) -> str:
    """"country", "state", "city", "sea", ... for a listed place name ("Kent", "Newcastle"), else ""."""
    return name_finder().place_kind(name)
