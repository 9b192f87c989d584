"""What two sentences share beyond names and verbs of saying: the claims' test that a pair states one thing.

"Trump noted that Ukraine had not informed him" and "Trump noted that he
pressed on Ukraine's strikes" share a name, a verb of saying and a loose
link (attacks, strikes): enough similarity to pass as a rewording, nothing
of what either says. Claims therefore ask a pair for a share of its weight
earned by the other words (:func:`content_score`). A name here is what the
articles in play write capitalised inside a sentence more often than not
(actors, and places with them: telling the two apart needs the actor
layer, which claims do not wait for); verbs of saying are
:mod:`analysis.text.speech`'s, as written (a stem cannot tell "noted" from
"not").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from analysis.text.similarity import SentenceRep, SimilaritySettings, matched_words
from analysis.text.speech import SPEECH_VERBS, SPEECH_VERBS_ING
from analysis.text.words import STOPWORDS, stem, word_spans

__all__ = ["name_stems", "aside_stems", "content_score"]

_SAYING = SPEECH_VERBS | SPEECH_VERBS_ING


def name_stems(texts: Iterable[str]) -> frozenset[str]:
    """Stems written capitalised more often than not where case tells.

    Case tells inside a sentence, and first in it when the next word, with
    nothing between, is capitalised too: a name runs on ("Senator Alvarez").
    """
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for text in texts:
        spans = word_spans(text)
        for n, (token, start, _) in enumerate(spans):
            if token in STOPWORDS or not text[start].isalpha():
                continue
            if n == 0 and not (len(spans) > 1 and text[spans[1][1]].isupper() and not text[spans[0][2]:spans[1][1]].strip()):
                continue  # first, and not running on into a capitalised word ("Meanwhile, Russian ...")
            (upper if text[start].isupper() else lower)[stem(token)] += 1
    return frozenset(s for s, n in upper.items() if n > lower[s])


def aside_stems(text: str, names: frozenset[str]) -> frozenset[str]:
    """The stems of ``text`` that say who spoke or acted, not what: every use of them is a name or a verb of saying."""
    aside: set[str] = set()
    other: set[str] = set()
    for token, start, _ in word_spans(text):
        if token in STOPWORDS:
            continue
        s = stem(token)
        named = s in names and text[start].isupper()
        (aside if named or token in _SAYING else other).add(s)
    return frozenset(aside - other)


def content_score(a: SentenceRep, b: SentenceRep, aside_a: frozenset[str], aside_b: frozenset[str],
                  settings: SimilaritySettings = SimilaritySettings()) -> tuple[float, int]:
    """The part of :func:`~analysis.text.similarity.score` earned by words outside ``aside_a`` / ``aside_b``,
    and how many words, names included, each side matched (the fewer of the two).

    The part is in [0, score(a, b)]: the credited IDF weight of each side's
    other words over the pair's whole weight, so names and verbs still weigh
    in the denominator (a pair that is mostly names earns little). The count
    tells a pair that shares what it says from one that shares a word: "The
    answer is YES!" and "Yes, that's it." score high on "yes" alone, while
    "Russian and Ukrainian officials met in Istanbul" and "the Istanbul meeting
    between Russian and Ukrainian delegations" share three names and a verb.
    """
    if not a.total or not b.total:
        return 0.0, 0
    credit_a, credit_b = matched_words(a, b, settings)
    own_a = [t for t in credit_a if t not in aside_a]
    own_b = [t for t in credit_b if t not in aside_b]
    got = math.fsum([a.weights[t] * credit_a[t] for t in own_a] + [b.weights[t] * credit_b[t] for t in own_b])
    return min(1.0, got / (a.total + b.total)), min(len(credit_a), len(credit_b))
