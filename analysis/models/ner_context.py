"""Features of the name finder that read more than a window: the sentence and the whole document.

A word's type often shows only elsewhere in the article: "Rotor" alone reads as
a surname, but "Rotor Volgograd" two sentences earlier, or "Rotor 2 Alania 1"
in the results, say it is a club. So every capitalised token also sees, as
features, the words around the other occurrences of the same word in the
document (Ratinov & Roth 2009's context aggregation: no first-stage tagger, so
no cross-fitting, and one decode), whether the document writes that word in
lower case too, whether its sentence holds a score ("2-1"), and the first and
last words of the run of capitalised words it belongs to ("Test and County
Cricket Board": "Test" sees "board").

Training (``train_ner``) and inference (``ner``) both call
``context_features`` on one document's tokens, so what the weights mean is
the same on both sides. Only tokens holding a capital letter get features:
the decoder tags everything far from one O anyway.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from analysis.models.ner_features import (
    BOS, EOS, TITLES, FeatureSettings, Lexicons, cluster_ids, normalise_token, tag_spans,
)

__all__ = ["PREFIX", "capitalised", "context_features", "opens_name", "stacked_features"]

PREFIX = "x:"  # every feature here starts so: the decoder reads them apart from the per-word ones


def context_features(doc: Sequence[Sequence[str]], settings: FeatureSettings,
                     lex: Lexicons) -> dict[tuple[int, int], list[str]]:
    """(sentence, position) -> features, for the capitalised tokens of one document given as token lists.

    The reference form, which training reads; ``ner.NameFinder`` adds the same
    features' weights from its word cache without building the strings (tests
    check the two agree).
    """
    out: dict[tuple[int, int], list[str]] = {}
    if not settings.doc_context:
        return out
    lowered = [[normalise_token(w).lower() for w in words] for words in doc]
    caps = [[i for i, w in enumerate(words) if capitalised(w)] for words in doc]
    contexts: dict[str, Counter] = {}
    for words, low, where in zip(doc, lowered, caps):
        for i in where:
            contexts.setdefault(low[i], Counter()).update(_contexts(words, low, i, settings, lex))
    lower_words = {lw for words, low in zip(doc, lowered) for w, lw in zip(words, low) if w.islower()}
    for s, (words, low, where) in enumerate(zip(doc, lowered, caps)):
        for i in where:
            if settings.doc_run_start and not opens_name(words, i):
                continue
            own = _contexts(words, low, i, settings, lex)
            feats = [PREFIX + "d" + f for f, n in contexts[low[i]].items() if n > (f in own)]
            if low[i] in lower_words:
                feats.append(PREFIX + "lower")
            if feats:
                out[(s, i)] = feats
    return out


def opens_name(words: Sequence[str], i: int) -> bool:
    """Whether token i may open a name: no capitalised word before it but a title ("President", "Mr.").

    With ``doc_run_start``, only such tokens take document features: "Harlow" alone later in the
    article says "a surname, a name of its own", which inside "Tom Harlow" would cut the name.
    """
    return i == 0 or not capitalised(words[i - 1]) or normalise_token(words[i - 1]).lower() in TITLES


def capitalised(word: str) -> bool:
    """Whether a token holds a capital letter: the tokens these features are for."""
    return any(ch.isupper() for ch in word)


def _contexts(words: Sequence[str], low: Sequence[str], i: int, settings: FeatureSettings,
              lex: Lexicons) -> set[str]:
    """What one occurrence tells the others: the words either side, and their mid-level clusters."""
    own = {"p=" + (low[i - 1] if i else BOS), "n=" + (low[i + 1] if i + 1 < len(low) else EOS)}
    if settings.doc_clusters:
        for side, j in (("pc=", i - 1), ("nc=", i + 1)):
            ids = cluster_ids(normalise_token(words[j]), lex) if 0 <= j < len(words) else ()
            if len(ids) > 1:
                own.add(side + ids[1])
    return own


_ORDER = ("PER", "ORG", "LOC", "MISC", "O")


def _majority(counts: Counter, minus: str | None = None) -> list[str]:
    """The most frequent types once one own vote is taken out (several on a tie; none when no vote is left)."""
    best_n, best = 0, []
    for kind in _ORDER:
        n = counts.get(kind, 0) - (kind == minus)
        if n > best_n:
            best_n, best = n, [kind]
        elif n == best_n and n:
            best.append(kind)
    return best


def stacked_features(doc: Sequence[Sequence[str]], tags: Sequence[Sequence[str]],
                     caps: Sequence[Sequence[int]] | None = None) -> dict[tuple[int, int], list[str]]:
    """(sentence, position) -> features saying how a first pass typed the same word and name elsewhere.

    Krishnan & Manning (2006): for each capitalised token, the majority type the
    first pass gave the same word elsewhere in the document (O counts), the
    majority type of the same name elsewhere, and the majority type of longer
    names elsewhere that hold this word ("Rotor" in "Rotor Volgograd"). The
    token's own vote is always left out, so the features say only what the rest
    of the document says. ``caps``: the capitalised positions per sentence, when
    the caller knows them.
    """
    if caps is None:
        caps = [[i for i, w in enumerate(words) if capitalised(w)] for words in doc]
    token_types: dict[str, Counter] = {}
    name_types: dict[str, Counter] = {}
    within: dict[str, Counter] = {}  # word -> types of the multi-word names holding it
    seen: list[tuple[int, int, str, str, str, bool]] = []  # sentence, position, word, type, name, multi-word
    for s, (words, sentence_tags, where) in enumerate(zip(doc, tags, caps)):
        if not where:
            continue
        here: dict[int, tuple[str, str, bool]] = {}
        for a, b, kind in tag_spans(sentence_tags):
            low = [normalise_token(w).lower() for w in words[a:b]]
            name = " ".join(low)
            name_types.setdefault(name, Counter())[kind] += 1
            for i, word in enumerate(low, a):
                here[i] = (kind, name, b - a > 1)
                if b - a > 1:
                    within.setdefault(word, Counter())[kind] += 1
        for i in where:
            word = normalise_token(words[i]).lower()
            kind, name, multi = here.get(i, ("O", "", False))
            token_types.setdefault(word, Counter())[kind] += 1
            seen.append((s, i, word, kind, name, multi))
    out: dict[tuple[int, int], list[str]] = {}
    for s, i, word, kind, name, multi in seen:
        feats = [PREFIX + "st=" + k for k in _majority(token_types[word], kind)]
        if name:
            feats.extend(PREFIX + "sn=" + k for k in _majority(name_types[name], kind))
        longer = within.get(word)
        if longer is not None:
            feats.extend(PREFIX + "sl=" + k for k in _majority(longer, kind if multi else None))
        if feats:
            out[(s, i)] = feats
    return out
