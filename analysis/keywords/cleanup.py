"""What a keyword must not be: the clean-up rules applied to YAKE's candidates.

YAKE's raw list is noisy for news: clause fragments ("Donald Trump held"),
cut names ("President Vladimir"), the same actor three times ("President
Donald Trump", "Donald Trump", "Trump"), phrases across a line break, and
title-case headlines read as proper names. No part-of-speech tagger is
available offline, so the rules are hand-written word lists and patterns.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from functools import lru_cache

from analysis.text.roles import FORMS_OF_ADDRESS, NAME_LINKS, OFFICE_TITLES
from analysis.text.speech import SPEECH_VERBS
from analysis.text.words import MONTHS, WEEKDAYS, stem, tokens
from analysis.lexicon import find_terms

# A line this short without a closing stop is a headline or subheading.
_HEADING_MAX_WORDS = 20
_ENDS_WITH_WORD = re.compile(r"\w$")
_WORD = re.compile(r"[^\W_](?:[\w'’-]|\.(?=\w))*")
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_PREV_WORD = re.compile(r"([^\W\d_][\w'’.-]*)\s+$")
# How far back the word before a phrase is looked for: longer than any word,
# and it keeps that search from rescanning the sentence for every phrase.
_PREV_WORD_REACH = 80
_HAS_LETTER = re.compile(r"[^\W\d_]")
# The small word inside a name ("Secretary of State"): a name's head before it begins the name a keyword was
# cut from. Not "and" ("Trump and Putin" are two names), not after a person ("Dianne Feinstein of California"),
# and only before a keyword: after one, "of" gives where a person is from ("Harry Reid of Nevada").
_LINKS = frozenset({"of"})
# The words a name runs on from through "of": offices and institutions ("Secretary of State", "Chief of Staff",
# "Hall of Fame", "Museum of African American History", "District of Columbia").
_HEADS_BEFORE_OF = OFFICE_TITLES | frozenset("""chief head director commissioner secretary attorney bank university
college school institute museum hall house court department ministry office bureau board council committee
commission association federation league union conference coalition society foundation church academy
chamber district republic kingdom state states city county province advancement""".split())
# A closing single quotation mark YAKE's tokeniser kept on the last word ("The Medium is the Message’"): not an
# apostrophe unless after an s ("the doctors’"), which stays as a plural's possessive.
_CLOSING_MARK = re.compile(r"(?<=[^\W\d_sS])[’']$")

# Words YAKE's English list lacks that still make a poor first or last word.
_EXTRA_STOPWORDS = frozenset("amid amidst alongside despite including due dr toward towards".split()) | FORMS_OF_ADDRESS
# Calendar words alone say when, not what.
_CALENDAR = frozenset(WEEKDAYS + MONTHS) | frozenset("today yesterday tomorrow week weekend".split())
# Finite verbs common in news copy that are rarely nouns (no POS tagger is available offline).
_VERBS = frozenset("""
is are was were be been has have had do does did held holds met meets made makes took
takes gave gives came comes went goes left won lost sent saw sees spoke speaks knew found became began kept
stood brought sought fought caught taught ran rose fell grew drew threw chose drove urges vows
rejects praises slams accuses agrees discuss discusses backs seeks announces
confirms stresses underscore underscores reiterates drawn taken given shown seen written spoken done
gone hit hits faces would could should will shall might must can cannot
""".split()) | SPEECH_VERBS
# Words ending in -ed / -ing that are nouns or adjectives, not verb forms.
_NOT_VERBS = frozenset("""
family ally rally supply reply assembly anomaly monopoly italy july hundred kindred sacred naked wicked
rugged beloved bed red fed shed need seed feed deed greed creed speed breed steed meeting briefing building
funding training bombing bombings shooting fighting killing warning hearing ruling spending housing opening
landing morning evening thing nothing something everything anything king ring wing spring string ceiling
wedding uprising sibling understanding offering gathering rating pricing shipping trading banking lending
marketing polling voting setting beginning reporting spelling wellbeing clothing offspring darling pudding
""".split())

# Adjectives common in news copy that YAKE likes as single keywords.
_ADJECTIVES = frozenset("""
significant global potential broader broad recent ongoing various several key major critical international
political economic strategic important current possible likely direct additional further immediate
comprehensive successful lengthy new former high low main other many certain particular serious
unprecedented substantial notable diplomatic
""".split())
# Place endings and the matching people endings: Russia/Russian, China/Chinese, East/Eastern.
_PLACE_ENDINGS = ("", "a", "e", "y", "ia")
_DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "i", "ish", "ns", "ians", "ern")


def _is_heading(text: str) -> bool:
    return bool(_ENDS_WITH_WORD.search(text)) and len(text.split()) <= _HEADING_MAX_WORDS


def _name_parts(word: str) -> list[str]:
    """The parts of a hyphenated word, possessive endings off: "Trump-Putin’s" -> Trump, Putin."""
    return [part.split("'", 1)[0].split("’", 1)[0] for part in word.split("-")]


def _detitle(sentences: list[str]) -> list[str]:
    """Headings in Title Case, rewritten so only words capitalised in the body stay capitalised.

    YAKE reads capitals as proper nouns, so a headline like "Trump and Putin
    Discuss Ukraine Conflict" would rank "Discuss Ukraine Conflict" as a name.
    """
    headings = [_is_heading(text) and _is_title_case(text) for text in sentences]
    if not any(headings):
        return list(sentences)  # most articles: no heading in Title Case, nothing to rewrite
    proper: set[str] = set()
    for text in sentences:
        if _is_heading(text):
            continue
        for word in _WORD.findall(text)[1:]:  # a sentence's first word is capitalised anyway
            if word[:1].isupper():
                proper.update(_name_parts(word))

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        # The first word stays: capitalised there anyway, and YAKE discounts it.
        if match.start() == 0 or not (word[:1].isupper() and word[1:2].islower()):
            return word  # the first word, a lowercase word or an acronym
        if any(p in proper for p in _name_parts(word)):
            return word  # a name the body capitalises too
        return word.lower()

    return [_WORD.sub(fix, t) if heading else t for t, heading in zip(sentences, headings)]


def _is_title_case(text: str) -> bool:
    """Most longer words capitalised: "Putin Praises Talks", not "Ad sales boost Time Warner profit"."""
    words = [w for w in text.split()[1:] if len(w) >= 4]
    return bool(words) and sum(w[:1].isupper() for w in words) / len(words) > 0.5


def _yake_text(sentences: list[str]) -> str:
    """One line per sentence, each closed by a stop, so no YAKE n-gram spans two sentences."""
    # YAKE glues a line starting in lowercase onto the previous one; the stop
    # is a punctuation token, which always ends its word blocks.
    return "\n".join(t + "." if _ENDS_WITH_WORD.search(t) else t for t in sentences)


def _is_verb(word: str) -> bool:
    """A lowercase word that reads as a verb form (hand-written list, -ed and -ing endings)."""
    if not word.islower() or word in _NOT_VERBS:
        return False
    if word in _VERBS:
        return True
    return (len(word) >= 5 and word.endswith("ed")) or (len(word) >= 6 and word.endswith("ing"))


def _is_fragment(words: list[str], stopwords: frozenset[str]) -> bool:
    """A piece of a clause, not a name or noun phrase: "Trump held", "Trump publicly", "evaluate Putin"."""
    first, last = words[0], words[-1]
    verb = [_is_verb(w) for w in words]
    if verb[-1] or any(w in _VERBS for w in words):
        return True
    if last.islower() and (last in _ADJECTIVES or last.endswith(("ical", "ous", "ful"))
                           or (last.endswith("ly") and len(last) > 4 and last not in _NOT_VERBS)):
        return True  # ends in an adjective or an adverb
    if len(words) > 1 and first.islower() and last[:1].isupper():
        return True  # a verb or noun running into its object: "boost Time Warner", "gains on Greenspan"
    if len(words) > 2 and verb[0] and any(w in stopwords for w in words[1:-1]):
        return True  # a verb heading a prepositional run: "exerted on Putin"
    if any(w == "to" and nxt.islower() for w, nxt in zip(words, words[1:])):
        return True  # an infinitive: "Trump to impose"
    for before, word, after in zip(words, words[1:], words[2:]):
        if before[:1].isupper() and after[:1].isupper() and word.islower() and word not in NAME_LINKS:
            return True  # two names joined by a small word are two keywords: "Trump and Putin"
    # A subject or adverb then a verb form ("Putin briefed Trump"), or a verb form then its object.
    return any((verb[k + 1] and (b[:1].isupper() or b.endswith("ly"))) or (verb[k] and w[:1].isupper())
               for k, (b, w) in enumerate(zip(words, words[1:])))


class _Text:
    """An article's sentences joined once, lowercased once, for fast phrase lookups."""

    def __init__(self, sentences: list[str]) -> None:
        self.sentences = sentences
        self.joined = "\n".join(sentences)
        self.lowered = self.joined.lower()
        # Lowercasing a few letters (İ) changes lengths; then offsets would lie.
        self.exact = len(self.lowered) == len(self.joined)
        self.starts = list(itertools.accumulate((len(t) + 1 for t in sentences[:-1]), initial=0))


def _occurrences(phrase: str, text: _Text) -> Iterator[tuple[int, int, int]]:
    """(sentence, start, end) of each whole-word occurrence of ``phrase``, any case, in order.

    Plain substring search over the whole article: a regex per candidate
    would be compiled hundreds of times per article. A plural "s" may follow,
    as lexicon matching allows. Matches never cross a sentence (the joint is
    a line break, which no phrase holds). Lazy: most candidates are rejected
    on their first occurrence.
    """
    if not text.exact:
        yield from ((i, a, b) for i, t in enumerate(text.sentences) for a, b in find_terms((phrase,), t))
        return
    needle, low = phrase.lower(), text.lowered
    size = len(needle)
    start = low.find(needle)
    while start != -1:
        end = start + size
        before = low[start - 1] if start else " "
        after = low[end:end + 1]
        if after == "s" and not low[end + 1:end + 2].isalnum():
            after = low[end + 1:end + 2]
        if not before.isalnum() and not after.isalnum():
            i = bisect.bisect_right(text.starts, start) - 1
            yield i, start - text.starts[i], end - text.starts[i]
        start = low.find(needle, start + 1)


def _is_cut_name(keyword: str, sentences: list[str]) -> bool:
    """Part of a longer name: always followed ("President Vladimir") or preceded ("Leo XIV") by more."""
    return _is_cut_at(keyword, sentences, list(_occurrences(keyword, _Text(sentences))))


def _is_cut_at(keyword: str, texts: list[str], places: list[tuple[int, int, int]]) -> bool:
    words = keyword.split()
    check_end = words[-1][:1].isupper()
    check_start = words[0][:1].isupper() and words[0].lower() not in OFFICE_TITLES  # a name may start with one
    if not (check_end or check_start) or not places:
        return False
    # Lazily, each side stopping at its first occurrence that is not cut: most are not.
    return ((check_end and all(_capitalised_after(texts[i], end) for i, _, end in places))
            or (check_start and all(_capitalised_before(texts[i], start) for i, start, _ in places)))


def _capitalised_after(text: str, end: int) -> bool:
    """A capitalised word follows (not after "of": "Harry Reid of Nevada" is a name and where he is from)."""
    nxt = _NEXT_WORD.match(text, end)
    return bool(nxt) and nxt.group(1)[:1].isupper()


def _capitalised_before(text: str, start: int) -> bool:
    """A capitalised word stands before (not the sentence's first word, which any sentence capitalises), or a
    name's head and "of" ("State Hillary Clinton" of "Secretary of State Hillary Clinton", "Colored People" of
    "... Advancement of Colored People")."""
    prev = _prev_word(text, max(0, start - _PREV_WORD_REACH), start)
    if prev and prev.group(1) in _LINKS:
        head = _prev_word(text, max(0, prev.start() - _PREV_WORD_REACH), prev.start())
        # only after a name's head ("Secretary of", "Hall of"), not after a person ("Dianne Feinstein of
        # California": California is where she is from)
        return bool(head) and head.group(1)[:1].isupper() and head.group(1).lower().rstrip(".") in _HEADS_BEFORE_OF
    return bool(prev) and prev.start() > 0 and prev.group(1)[:1].isupper()


def _prev_word(text: str, pos: int, end: int) -> re.Match[str] | None:
    """``_PREV_WORD.search(text, pos, end)``, the search started at the last run of non-spaces.

    A match is a word then spaces up to ``end``: it starts in that run, so
    the search need not try every place of the ``pos``..``end`` reach.
    """
    head = text[pos:end]
    body = head.rstrip()
    if not body or len(body) == len(head):
        return None  # no word, or no space before ``end``: no match
    return _PREV_WORD.search(text, pos + len(body) - len(body.rsplit(None, 1)[-1]), end)


@lru_cache(maxsize=65536)
def _key_stems(keyword: str, stopwords: frozenset[str]) -> frozenset[str]:
    """Content stems of a keyword: equal up to case, plural and possessive (articles share many keywords)."""
    return frozenset(stem(t) for t in tokens(keyword) if t not in stopwords)


def _same_place(a: str, b: str) -> bool:
    """A country and its people: "russia" / "russian", "china" / "chinese"."""
    for place, people in ((a, b), (b, a)):
        for cut in range(4, min(len(place), len(people)) + 1):
            if place[:cut] != people[:cut]:
                break
            if place[cut:] in _PLACE_ENDINGS and people[cut:] in _DEMONYM_ENDINGS:
                return True
    return False


def _near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    """One phrase's words inside the other's, or half their words shared (a place and its people alike)."""
    if not a or not b:
        return False
    # The prefix test is a cheap guard: a place and its people share their first letters.
    shared = sum(1 for x in a if x in b or any(x[:4] == y[:4] and _same_place(x, y) for y in b))
    return shared == min(len(a), len(b)) or shared / (len(a) + len(b) - shared) >= 0.5


def _clean(raw: list[tuple[str, float]], sentences: list[str], stopwords: frozenset[str], english: bool):
    """YAKE's candidates without noise and near-duplicates, best first, as written in the text.

    Returns (keyword, yake score, indexes of the sentences holding it).
    """
    kept: list[tuple[str, float, list[int]]] = []
    kept_stems: list[frozenset[str]] = []
    # Kept phrases by the first letters of their stems: a near-duplicate shares
    # a stem, or a place/people prefix, so only those need comparing.
    by_prefix: dict[str, list[int]] = {}
    text = _Text(sentences)
    for candidate, score in raw:
        candidate = " ".join(candidate.split())
        if candidate.endswith(("’", "'")):  # the only place the mark is taken from
            candidate = _CLOSING_MARK.sub("", candidate)
        if not candidate or not _HAS_LETTER.search(candidate):
            continue
        edges = candidate.lower().split()
        if edges[0] in stopwords or edges[-1] in stopwords or not _CALENDAR.isdisjoint(edges):
            continue  # decided before the (costlier) lookup in the text
        found = _occurrences(candidate, text)
        first = next(found, None)
        if first is None:
            continue  # no sentence holds it: it spanned a boundary, or YAKE rewrote it
        i, start, end = first
        keyword = " ".join(sentences[i][start:end].split())  # as the article writes it
        words = keyword.split()
        if not text.exact:  # then the text's form may differ from YAKE's beyond case
            lowered = [w.lower() for w in words]
            if lowered[0] in stopwords or lowered[-1] in stopwords or not _CALENDAR.isdisjoint(lowered):
                continue
        if english and _is_fragment(words, stopwords):
            continue
        places = [first, *found]
        if _is_cut_at(keyword, sentences, places):
            continue
        key = _key_stems(keyword, stopwords)
        near = {j for x in key for j in by_prefix.get(x[:4], ())}
        # The first of a near-duplicate group wins: YAKE scores best the form
        # the article uses most as a unit ("Trump" over "President Donald Trump").
        if any(_near_duplicate(key, kept_stems[j]) for j in near):
            continue
        for x in key:
            by_prefix.setdefault(x[:4], []).append(len(kept))
        kept.append((keyword, score, sorted({p[0] for p in places})))
        kept_stems.append(key)
    return kept
