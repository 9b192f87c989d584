"""What a figure measures or counts, read from the words around it.

"500 prisoners of war" counts prisoners; "a 75-minute conversation" and "an
hour of talks" measure the conversation and the talks; "the ceasefire of 30
to 60 days" the ceasefire; "the dialogue, which spanned more than two hours"
the dialogue; "three calls, with one lasting 50 minutes" the calls; "a
168-member committee" counts members; "$2 million in legal fees" is fees.
No parser is at hand, so these are word-order rules: the head of the noun
phrase right after the figure, else the noun it hangs on through "of", else
the subject of the "lasted / spanned / lasting" verb before it. WordNet's
part-of-speech counts (analysis/resources/wordnet_nouns.tsv.gz) keep verbs
and adjectives ("think", "tall", "legal") from passing for nouns.
"""

from __future__ import annotations

import re

from analysis.text.words import STOPWORDS, stem, word_spans
from analysis.text.wordnet import noun_table

__all__ = ["measured_noun", "noun_complement", "figure_context", "noun_stem", "noun_file", "CONTEXT_WORDS"]

# Verbs that put a figure after what it measures: "the call lasted two hours".
_MEASURE_VERBS = frozenset("""lasted lasting lasts last spanned spanning spans took taking takes ran running runs
    went going continued continuing stretched stretching totalled totaled totalling totaling numbered numbering
    reached reaching stood standing amounted amounting worth valued valuing cost costing costs was were
    is are been being of at to""".split())
# Words that can stand between a figure and its noun without being the noun.
_MODIFIERS = frozenset("""more other additional separate new further former current total estimated reported
    partially fully largely mostly nearly roughly some such several many few extra""".split())
# Nouns that say nothing of what is counted ("two of them", "three times", "15 years ago").
_EMPTY_NOUNS = frozenset("""one ones them times time people's way ways part parts per cent percent each side sides
    kind kinds sort sorts lot lots number numbers ago old later earlier straight left remaining ahead away""".split())
# Singular nouns that end in s: they do not end a noun phrase as a plural does ("two news briefings").
_SINGULAR_S = frozenset("news arms sports savings sales goods earnings species series means politics".split())
# A word whose WordNet uses are nouns less often than this is not taken for one ("think": 2%).
MIN_NOUN_SHARE = 0.05
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|[^\sA-Za-z]")
_NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    sixty seventy eighty ninety hundred thousand million billion trillion dozen hundreds thousands millions billions
    dozens""".split())
# Words of a figure's unit: no clue to which fact it states.
_UNIT_WORDS = frozenset("percent minute minutes hour hours day days week weeks month months year years".split())
# Words either side of a figure that tell apart the facts one noun names in one article.
CONTEXT_WORDS = 8
_CLAUSE_EDGE = re.compile(r"[,;:()\u2013\u2014]|\b(?:and|but|while|whereas|or)\b", re.IGNORECASE)


def noun_stem(word: str) -> str:
    """The stem two spellings of one measured noun share ("prisoners", "prisoner" -> "prisoner")."""
    return stem(word.lower().replace("’", "'").split("-")[-1])


def noun_file(word: str) -> str:
    """WordNet's lexicographer file for the word's first noun sense ("communication" for call), or ""."""
    return noun_table().get(noun_stem(word), ("", 0.0))[0]


def _not_a_noun(word: str) -> bool:
    """WordNet knows the word, and mostly as something else than a noun."""
    known = noun_table().get(noun_stem(word))
    return known is not None and (not known[0] or known[1] < MIN_NOUN_SHARE)


def _is_noun_like(word: str) -> bool:
    low = word.lower()
    if not low[:1].isalpha() or low.split("-")[0] in STOPWORDS or low in _EMPTY_NOUNS or low in _MEASURE_VERBS \
            or low in _NUMBER_WORDS:
        return False  # a number word is another figure's, never what this one counts ("$5.4 million to $200,000")
    return not low.endswith("ly") and len(low) > 1


def _is_number(word: str) -> bool:
    return word[:1].isdigit() or word.lower() in _NUMBER_WORDS


def _verbish(word: str, position: int) -> bool:
    """A participle or past tense ending a noun phrase ("talks concentrating", "aircraft impacted")."""
    low = word.lower()
    return position > 0 and (low.endswith("ing") or low.endswith("ed")) and len(low) > 4


def _plural(word: str) -> bool:
    low = word.lower()
    return low.endswith("s") and not low.endswith(("ss", "us", "is")) and low not in _SINGULAR_S


def _phrase_after(spans: list[tuple[str, int]]) -> tuple[str, int]:
    """The head noun of the phrase that starts ``spans`` ("Russian military aircraft were" -> aircraft), and where."""
    head, at = "", -1
    words = [w for w, _ in spans]
    for position, (word, offset) in enumerate(spans[:6]):
        low = word.lower()
        if not word[:1].isalpha() or _is_number(word):
            break
        if low in _MODIFIERS or (word[:1].isupper() and position == 0 and len(words) > 1 and words[1][:1].isalpha()):
            continue  # "Ukrainian children": a capitalised modifier before the head
        if head and (_verbish(word, position) or _not_a_noun(word)):
            break
        if not _is_noun_like(word):
            break
        if _not_a_noun(word):
            if low.endswith("ed") or position == 0:
                continue  # "abducted children", "adjacent buildings": a modifier before the head
            break
        head, at = word, offset
        if _plural(word):
            break  # a plural ends the phrase: "three buildings two blocks north", "15 stories tall"
    return head, at


def measured_noun(sentence: str, start: int, end: int, kind: str = "") -> str:
    """The word the figure at ``sentence[start:end]`` measures or counts, as written ("" when unclear).

    ``kind`` (figure_parse's) lets money read "$2 million in legal fees".
    """
    return _locate(sentence, start, end, kind)[0]


def noun_complement(sentence: str, start: int, end: int, kind: str = "") -> list[str]:
    """Stems of the "of" phrase after the measured noun: "extension of tax cuts" -> ["tax", "cut"].

    What tells two facts measured by one noun apart ("a two-year extension of
    tax cuts", "a 13-month extension of unemployment insurance"); [] when the
    noun has none, or is itself the figure's "of" phrase.
    """
    noun, at = _locate(sentence, start, end, kind)
    if not noun or at < 0:
        return []
    after = _spans(sentence, at + len(noun), at + len(noun) + 60)
    if not after or after[0][0].lower() != "of" or at + len(noun) <= start:
        return []
    out = []
    for word, offset in after[1:5]:
        low = word.lower()
        if not word[:1].isalpha() or _is_number(word) or (offset >= start and offset < end):
            break
        if low in STOPWORDS:
            if out:
                break
            continue  # "of the war"
        out.append(stem(low))
    return out


def _spans(sentence: str, lo: int, hi: int) -> list[tuple[str, int]]:
    return [(m.group(), m.start()) for m in _WORD.finditer(sentence, max(0, lo), min(len(sentence), hi))]


def _locate(sentence: str, start: int, end: int, kind: str) -> tuple[str, int]:
    """The measured noun and its offset in the sentence ("", -1 when unclear)."""
    noun, at = _locate_any(sentence, start, end, kind)
    if kind == "age" and noun and _verb_after_age(noun):
        return "", -1  # "The 49-year-old teaches at ...": the age is the subject, and no noun follows
    return noun, at


def _verb_after_age(word: str) -> bool:
    """A verb's -s form after an age used as a noun: not a person, and WordNet mostly reads it otherwise."""
    known = noun_table().get(noun_stem(word))
    return word.lower().endswith("s") and known is not None and known[0] != "person" and known[1] < 0.5


def _locate_any(sentence: str, start: int, end: int, kind: str) -> tuple[str, int]:
    rest = sentence[end:end + 80]
    after = _spans(sentence, end, end + 80)
    words = [w for w, _ in after]
    if rest[:1] == "-" and len(words) > 1 and _is_noun_like(words[1]) and not _not_a_noun(words[1]):
        return after[1]  # "a 168-member committee", "a 12-step program": the count is of members, steps
    if after and words[0] in ("-", "–"):
        after, words = after[1:], words[1:]
    if after and words[0].lower() == "of" or (kind == "money" and after and words[0].lower() == "in"):
        found = _phrase_after(after[1:])
        if found[0]:
            return found
    elif len(after) > 1 and words[0].lower() in ("a", "per") and _is_noun_like(words[1]):
        return after[1]  # "$82 a share", "$5 per barrel"
    elif after and words[0].lower() not in ("a", "an", "the"):
        found = _phrase_after(after)
        if found[0]:
            return found
    return _noun_before(sentence, start)


def _noun_before(sentence: str, start: int) -> tuple[str, int]:
    """The noun before the figure: "a ceasefire of 30 to 60 days", "the call lasted two hours"."""
    before = _spans(sentence, start - 100, start)
    at_start = start <= 100  # the words reach back to the sentence's first

    def usable(position: int) -> bool:
        word = before[position][0]
        # A name mid-sentence is not what is measured: "the White House for three months".
        proper = word[:1].isupper() and not (at_start and position == 0)
        return _is_noun_like(word) and not proper and not _not_a_noun(word)

    if len(before) >= 2 and before[-1][0].lower() == "of" and usable(len(before) - 2):
        return before[-2]
    words = list(before)
    last = words[-1][0].lower() if words else ""
    if last in _MEASURE_VERBS or last in ("for", "about", "over"):
        while words and (words[-1][0].lower() in _MEASURE_VERBS or words[-1][0].lower() in
                         ("for", "which", "that", "with", "one", ",", "about", "over", "and", "only", "just")):
            words.pop()
        if words and usable(len(words) - 1):
            return words[-1]
    return "", -1


def figure_context(sentence: str, start: int, end: int, noun: str = "") -> list[list]:
    """[stem, distance] for the content words of the figure's clause near it, its noun and numbers left out.

    What tells apart two figures one noun measures in one article: "12 people
    were killed and 50 people were injured". Distance counts words from the
    figure (1: next to it), up to CONTEXT_WORDS, and stops at the clause's
    edge (a comma, "and", "while"...); the nearest holding of a stem counts.
    """
    edges = [m.span() for m in _CLAUSE_EDGE.finditer(sentence)]
    left = max((e for s, e in edges if e <= start), default=0)
    right = min((s for s, e in edges if s >= end), default=len(sentence))
    own = noun_stem(noun) if noun else ""
    nearest: dict[str, int] = {}
    before = [t for t, s, e in word_spans(sentence[left:start])][::-1]
    after = [t for t, s, e in word_spans(sentence[end:right])]
    for side in (before, after):
        for distance, token in enumerate(side[:CONTEXT_WORDS], start=1):
            if token in STOPWORDS or token in _NUMBER_WORDS or token in _UNIT_WORDS or len(token) < 2 \
                    or token[:1].isdigit():
                continue
            word = stem(token)
            if word != own and distance < nearest.get(word, CONTEXT_WORDS + 1):
                nearest[word] = distance
    return [[word, distance] for word, distance in sorted(nearest.items())]
