"""Features of one sentence toward one mentioned target, shared by training and inference.

A sentence is read once (:func:`read_sentence`): tokens with their character
spans, VADER valences after its booster, negation and but rules, clause numbers
and which tokens sit inside a quotation. :func:`sentence_features` is the bag of
words with every mention masked (the same for every target of the sentence, so
inference computes it once); :func:`target_features` is what depends on where
the target is: the words beside it, valence weighted by distance, negation,
quotes and speech verbs, subject/object and possessive cues.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from analysis.engine._once import load_once
from analysis.text.quote_marks import (
    DOUBLE_MARKS, MARK_RULES, SINGLE_MARKS, inside_of, mask_probe, sentence_quotations,
)

__all__ = [
    "FeatureSettings", "SentenceReading", "read_sentence", "sentence_features", "target_features", "vader_lexicon",
    "vader_lexicon_path",
]

Span = tuple[int, int]
Features = list[tuple[str, float]]


@dataclass(frozen=True)
class FeatureSettings:
    """How features are built; stored with the weights so inference builds the same ones."""

    # Words within this many tokens of the target are features by side (lw=, rw=); at least 2.
    window: int = 4
    # Valences count exp(-distance / decay): news sentences are long, and a word
    # three tokens from the target is mostly about it, one twelve away rarely.
    decay: float = 4.0
    # Word pairs in the sentence bag as well as single words (no better on dev, three times the file).
    bigrams: bool = False
    # Commas end clauses too (appositives and lists), not only ; : — ( ) and but-like words.
    comma_clauses: bool = True
    # Words longer than this also count by their first ``stems`` letters (slammed, slamming -> slamm);
    # a crude stemmer, but 8,739 training rows see few forms of each word. 0 turns it off.
    stems: int = 5
    # The few dense cues (valence sums, quote and role flags) are multiplied by this so the L2
    # penalty, tuned for thousands of sparse word features, does not flatten them.
    cue_scale: float = 3.0
    # Valence summed by sign x side x distance (1-2, 3-5, 6+ tokens) x same clause x quoted.
    valence_buckets: bool = True


# VADER's own constants (vaderSentiment.vaderSentiment) for the rules we copy:
# a booster adds 0.293 to a valence's size, a negation within three tokens
# multiplies it by -0.74, and "but" halves what comes before and raises what
# follows by half.
_B_INCR = 0.293
_N_SCALAR = -0.74
_BUT_BEFORE, _BUT_AFTER = 0.5, 1.5
_NEGATION_REACH = 3

# The lists below are frozen with the shipped model (TRAINED_LISTS; analysis/models/frozen_lists.py):
# analysis/text/ has the runtime's own, which may grow without changing these features.
# Verbs of saying; a target next to one is (usually) the speaker.
_SPEECH_VERBS = frozenset(
    """say says said saying tell tells told telling add adds added state states stated write writes
    wrote argue argues argued claim claims claimed insist insists insisted warn warns warned note notes
    noted explain explains explained ask asks asked tweet tweets tweeted declare declares declared
    announce announces announced acknowledge acknowledges acknowledged admit admits admitted
    suggest suggests suggested contend contends contended charge charges charged allege alleges alleged
    complain complains complained counter counters countered reply replies replied respond responds
    responded conclude concludes concluded recall recalls recalled testify testifies testified
    predict predicts predicted promise promises promised vow vows vowed boast boasts boasted""".split()
)
# Words that may stand between a speaker and the verb: "Smith also said", "she has said".
_SPEECH_FILLERS = frozenset("also has had have later then once previously already".split())
_CLAUSE_WORDS = frozenset("but although though whereas however while yet".split())
_CLAUSE_MARKS = frozenset(";:—–()[]")
# What may stand before a clause's subject without making it an object.
_SUBJECT_PREFIX = frozenset("the a an former then current mr mrs ms dr sen rep gov president".split())
_CLAUSE_BREAKS = _CLAUSE_WORDS | _CLAUSE_MARKS
_CLAUSE_BREAKS_COMMA = _CLAUSE_BREAKS | {","}
# Digested into the data card; the loader refuses the model when these differ from what it was trained with.
# The quoted mask is the language layer's (analysis/text/quote_marks), frozen by its marks and rules.
TRAINED_LISTS = {"speech_verbs": _SPEECH_VERBS, "speech_fillers": _SPEECH_FILLERS, "clause_words": _CLAUSE_WORDS,
                 "clause_marks": _CLAUSE_MARKS, "subject_prefix": _SUBJECT_PREFIX, **MARK_RULES,
                 "quoted_mask_probe": mask_probe()}
_ANY_QUOTE = re.compile(f"[{DOUBLE_MARKS}{SINGLE_MARKS}]")
_POSSESSIVE = "'s"
# Stand-ins: another mention among the words beside the target; any mention in the word pairs.
OTHER, MENTION = "<o>", "<m>"

# Possessive 's and n't stay with their word ("don't"), apart from it ("Smith", "'s").
_TOKEN = re.compile(r"['’]s\b|\w+(?:['’](?!s\b)\w+)?|[^\w\s]")


def vader_lexicon_path() -> Path:
    """Where the installed vaderSentiment keeps its word list (the model was trained on one version of it)."""
    import vaderSentiment.vaderSentiment as vader

    return Path(vader.__file__).parent / "vader_lexicon.txt"


@load_once
def vader_lexicon() -> tuple[dict[str, float], frozenset[str], dict[str, float]]:
    """VADER's word valences, negation words and boosters, read once per process."""
    import vaderSentiment.vaderSentiment as vader

    valences: dict[str, float] = {}
    text = vader_lexicon_path().read_text(encoding="utf-8")
    for line in text.splitlines():
        word, _, rest = line.partition("\t")
        if rest:
            valences[word] = float(rest.partition("\t")[0])
    return valences, frozenset(vader.NEGATE), dict(vader.BOOSTER_DICT)


@dataclass(frozen=True)
class SentenceReading:
    """One sentence, tokenised: lowercased tokens with character spans, valence, negation, clause, quote per token."""

    tokens: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    valences: tuple[float, ...]
    negated: tuple[bool, ...]
    clauses: tuple[int, ...]
    quoted: tuple[bool, ...]
    valenced: tuple[int, ...]  # indices of the tokens with a valence, in order


def read_sentence(sentence: str, settings: FeatureSettings) -> SentenceReading:
    """Tokens of ``sentence`` with what every target's features need."""
    lexicon, negations, boosters = vader_lexicon()
    folded = sentence.lower().replace("’", "'")
    if len(folded) != len(sentence):
        # A few characters lowercase to two ("İ"); keep offsets by folding token by token.
        matches = list(_TOKEN.finditer(sentence))
        tokens = [m.group().lower().replace("’", "'") for m in matches]
    else:
        matches = list(_TOKEN.finditer(folded))
        tokens = [m.group() for m in matches]
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    count = len(tokens)
    valences = [0.0] * count
    negated = [False] * count
    clauses = [0] * count
    valenced = []
    breaks = _CLAUSE_BREAKS_COMMA if settings.comma_clauses else _CLAUSE_BREAKS
    but_at = tokens.index("but") if "but" in tokens else -1
    last_negation = -_NEGATION_REACH - 1
    clause = 0
    for i, token in enumerate(tokens):
        if token in breaks:
            clause += 1
        clauses[i] = clause
        negated[i] = i - last_negation <= _NEGATION_REACH
        if token in negations or token.endswith("n't"):
            last_negation = i
        valence = lexicon.get(token)
        if not valence:
            continue
        if i and tokens[i - 1] in boosters:
            valence += math.copysign(_B_INCR, valence) * (1 if boosters[tokens[i - 1]] > 0 else -1)
        if negated[i]:
            valence *= _N_SCALAR
        if but_at >= 0:
            valence *= _BUT_BEFORE if i < but_at else _BUT_AFTER if i > but_at else 1.0
        valences[i] = valence
        valenced.append(i)
    quoted = _quoted(sentence, starts, ends) if _ANY_QUOTE.search(sentence) else (False,) * count
    return SentenceReading(
        tuple(tokens), tuple(starts), tuple(ends), tuple(valences), tuple(negated), tuple(clauses), quoted,
        tuple(valenced),
    )


def _quoted(sentence: str, starts: list[int], ends: list[int]) -> tuple[bool, ...]:
    """Which tokens lie inside a quotation, by the language layer's mask of the sentence read alone."""
    inside = inside_of(sentence_quotations(sentence))
    return tuple(inside(start) and inside(end - 1) for start, end in zip(starts, ends))


def _covered(reading: SentenceReading, span: Span) -> range:
    """Token indices overlapping ``span``; an empty range at the insertion point when none do."""
    start, end = span
    first = bisect_right(reading.ends, start)  # the first token ending after the span starts
    return range(first, max(first, bisect_left(reading.starts, end)))


def _mention_mask(reading: SentenceReading, spans: list[Span]) -> list[bool]:
    """True for tokens inside any of ``spans``."""
    mask = [False] * len(reading.tokens)
    for span in spans:
        for i in _covered(reading, span):
            mask[i] = True
    return mask


def sentence_features(reading: SentenceReading, spans: list[Span], settings: FeatureSettings) -> Features:
    """Bag of words (and word pairs) with every mention in ``spans`` masked, plus VADER's sentence tone."""
    mask = _mention_mask(reading, spans)
    # Ordered, not a set: the logits then sum in the same order in every process.
    unique = dict.fromkeys(t for t, masked in zip(reading.tokens, mask) if not masked)
    features: Features = [("w=" + word, 1.0) for word in unique]
    if settings.stems:
        cut = settings.stems
        features += [("s=" + stem, 1.0) for stem in dict.fromkeys(w[:cut] for w in unique if len(w) > cut)]
    if settings.bigrams:
        words: list[str] = []
        for token, masked in zip(reading.tokens, mask):
            if not masked:
                words.append(token)
            elif not words or words[-1] != MENTION:
                words.append(MENTION)
        features += [("b=" + pair, 1.0) for pair in dict.fromkeys(a + " " + b for a, b in zip(words, words[1:]))]
    positive = sum(v for v, masked in zip(reading.valences, mask) if v > 0 and not masked)
    negative = sum(v for v, masked in zip(reading.valences, mask) if v < 0 and not masked)
    features += [
        ("v_sentence", _squash(positive + negative, 15.0) * settings.cue_scale),
        ("v_sentence_pos", _squash(positive, 4.0) * settings.cue_scale),
        ("v_sentence_neg", _squash(negative, 4.0) * settings.cue_scale),
    ]
    return features


def _squash(value: float, alpha: float) -> float:
    """VADER's normalisation into (-1, 1): value / sqrt(value² + alpha)."""
    return value / math.sqrt(value * value + alpha)


def target_features(reading: SentenceReading, target: Span, others: list[Span], settings: FeatureSettings) -> Features:
    """Features of where the target stands: neighbours, nearby valence, negation, quotes, speech, roles."""
    tokens, valences, clauses = reading.tokens, reading.valences, reading.clauses
    count = len(tokens)
    covered = _covered(reading, target)
    first, last = covered.start, covered.stop  # target tokens are [first, last)
    other = _mention_mask(reading, [s for s in others if s[1] <= target[0] or s[0] >= target[1]])

    def word(i: int) -> str:
        if i < 0:
            return "<s>"
        if i >= count:
            return "</s>"
        return OTHER if other[i] else tokens[i]

    features: Features = []
    add = features.append
    scale = settings.cue_scale

    def cue(name: str, value: float) -> None:
        add((name, value * scale))

    left = [word(first - k) for k in range(1, settings.window + 1)]
    right = [word(last + k) for k in range(settings.window)]
    add(("l1=" + left[0], 1.0))
    add(("r1=" + right[0], 1.0))
    add(("l2=" + left[1] + " " + left[0], 1.0))
    add(("r2=" + right[0] + " " + right[1], 1.0))
    for w in dict.fromkeys(left):
        add(("lw=" + w, 1.0))
    for w in dict.fromkeys(right):
        add(("rw=" + w, 1.0))

    clause = clauses[first] if first < count else (clauses[-1] if count else 0)
    near_pos = near_neg = clause_pos = clause_neg = quote_val = 0.0
    first_right = first_left = 0.0
    for i in reading.valenced:
        if other[i] or first <= i < last:
            continue
        v = valences[i]
        side = "<" if i < first else ">"
        distance = first - i if i < first else i - last + 1
        weight = math.exp(-distance / settings.decay)
        if v > 0:
            near_pos += v * weight
        else:
            near_neg += v * weight
        same_clause = clauses[i] == clause
        if same_clause:
            if v > 0:
                clause_pos += v
            else:
                clause_neg += v
            if i >= last and not first_right:
                first_right = v
            if i < first:
                first_left = v  # the last one before the target is the nearest
            add(("vw" + side + tokens[i], 1.0))
        if settings.valence_buckets:
            bucket = "1" if distance <= 2 else "2" if distance <= 5 else "3"
            where = ("c" if same_clause else "o") + ("q" if reading.quoted[i] else "")
            cue("vb" + ("+" if v > 0 else "-") + side + bucket + where, abs(v) / 2)
        if reading.quoted[i]:
            quote_val += v
    cue("v_near_pos", _squash(near_pos, 2.0))
    cue("v_near_neg", _squash(near_neg, 2.0))
    cue("v_clause_pos", _squash(clause_pos, 4.0))
    cue("v_clause_neg", _squash(clause_neg, 4.0))

    # A clause-initial target is its subject (the first valenced word after it is
    # often its verb); a target after a valenced word of its clause, that word's object.
    subject = True
    i = first - 1
    while i >= 0 and clauses[i] == clause:
        if tokens[i] not in _SUBJECT_PREFIX and tokens[i][0].isalnum():
            subject = False
            break
        i -= 1
    if subject:
        cue("subject", 1.0)
        if first_right:
            cue("subject_verb_val", _squash(first_right, 4.0))
    elif first_left:
        cue("object_val", _squash(first_left, 4.0))
    if first_right:
        cue("right_first_val", _squash(first_right, 4.0))
    if last < count and tokens[last] == _POSSESSIVE:
        owned = sum(valences[last + 1:last + 4])
        cue("possessive", 1.0)
        if owned:
            cue("possessive_val", _squash(owned, 4.0))

    negations = vader_lexicon()[1]
    if any(reading.negated[i] for i in range(first, min(count, last + _NEGATION_REACH + 1))) or any(
        tokens[i] in negations for i in range(max(0, first - _NEGATION_REACH), first)
    ):
        cue("negation_near", 1.0)
    if any(reading.negated[i] and clauses[i] == clause for i in range(bisect_left(clauses, clause), count)):
        cue("negation_clause", 1.0)

    in_quote = first < count and reading.quoted[first]
    has_quote = any(reading.quoted)
    speaker = _is_speaker(tokens, first, last)
    if in_quote:
        cue("in_quote", 1.0)
    elif has_quote:
        cue("quote_elsewhere", 1.0)
    if speaker:
        cue("speaker", 1.0)
        if has_quote and not in_quote:
            cue("speaker_of_quote", 1.0)
            if quote_val:
                cue("speaker_quote_val", _squash(quote_val, 4.0))
    elif quote_val and not in_quote:
        cue("quote_val", _squash(quote_val, 4.0))
    if first == 0 or (first < count and reading.starts[first] == 0):
        cue("sentence_start", 1.0)
    return features


def _is_speaker(tokens: tuple[str, ...], first: int, last: int) -> bool:
    """Is the target the one speaking: "Smith said", "said Smith", "according to Smith"?"""
    i = last
    while i < len(tokens) and (tokens[i] in _SPEECH_FILLERS or tokens[i] == ","):
        i += 1
    if i < len(tokens) and tokens[i] in _SPEECH_VERBS:
        return True
    if first >= 1 and tokens[first - 1] in _SPEECH_VERBS:
        return True
    return first >= 2 and tokens[first - 2] == "according" and tokens[first - 1] == "to"
