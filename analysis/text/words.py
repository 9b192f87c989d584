"""Words: the one word pattern, tokens, light stems, stopwords and content words.

No language model is available offline, so similarity rests on which content
words two texts share. This module is the one place that decides what a
content word is, so the topic suggester and the article diff agree. Words
that mean the same (synonyms) are the business of :mod:`analysis.text.similarity`,
which reads WordNet; a stem here is morphology only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from analysis.text.roles import FORMS_OF_ADDRESS
from analysis.text.speech import SAY

# The calendar's names, lowercase and in order: words that date a text, never what it is about or who is in it.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
# The same as written in running text: a capitalised word that is a day or a month ("Friday", "May").
CALENDAR_NAMES = frozenset(w.capitalize() for w in WEEKDAYS + MONTHS)
# Feasts and holidays written as one word: a time of year, no one's name ("sales before Christmas").
HOLIDAYS = ("christmas", "easter", "thanksgiving", "halloween", "ramadan", "hanukkah", "hanukah", "chanukah",
            "passover", "diwali", "eid")

# Function words, reporting filler (the commonest verbs of saying) and forms of address: they say nothing about what a sentence is about.
STOPWORDS = frozenset("""
a about above after again against all almost also although am among an and any are around as at
be because been before being below between both but by can could did do does doing down during
each either else even ever every few for from further had has have having he her here hers him
his how however i if in into is it its itself just least less like made make many may me might
more most much must my near nearly neither no nor not now of off often on once one only or other
others our out over own per quite rather same she should since so some still such than that the
their theirs them then there these they this those though through thus to too toward towards
under until up upon us very via was we were what when where whether which while who whom whose
why will with within without would yet you your
according president former
""".split()) | SAY | FORMS_OF_ADDRESS

# "U.S." (and "U.S.A.") is one word, "usa"; tried before the plain word.
_WORD = re.compile(r"(?P<us>\bU\.S\.(?:A\.)?)|[^\W_]+(?:['’][^\W_]+)*")
_DOUBLE = re.compile(r"([^aeiouylsz])\1$")


# A word: letters and digits, inner apostrophes kept ("don't", "Xi’s"). Copies read text by it too.
WORD_RUN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_US = re.compile(r"\bU\.S\.(?:A\.)?")


def tokens(text: str) -> list[str]:
    """Lowercase word tokens, possessives removed, hyphenated words split.

    The tokens of :func:`word_spans`, found without their places: the keyword
    clean-up tokenises every candidate of every article, and building spans
    there cost a tenth of the index.
    """
    if "U.S." in text:
        text = _US.sub(" usa ", text)
    out = []
    # Lowercased token by token, not the text at once: "İ" lowers to two characters, and the
    # second one (a combining dot) would split "İstanbul".
    for token in WORD_RUN.findall(text):
        token = token.lower().replace("’", "'")
        if token.endswith("'s"):
            token = token[:-2]
        out.append(token.replace("'", ""))
    return out


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) for each of :func:`tokens`, with its place in ``text``.

    ``text[start:end]`` is the word as written (case kept, possessive included).
    """
    out = []
    for m in _WORD.finditer(text):
        if m.group("us"):
            out.append(("usa", m.start(), m.end()))
            continue
        token = m.group().lower().replace("’", "'")
        if token.endswith("'s"):
            token = token[:-2]
        out.append((token.replace("'", ""), m.start(), m.end()))
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stem: plural, -ed, -ing, -ly and a final e off."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            word = _DOUBLE.sub(r"\1", word)
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def content_words(text: str) -> list[str]:
    """The content words of ``text`` as tokens: no stopwords, no single letters; in order."""
    return [t for t in tokens(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]


def content_stems(text: str) -> list[str]:
    """Stems of the content words of ``text``, in order (repeats kept)."""
    return [stem(t) for t in content_words(text)]


def fold_accents(text: str) -> str:
    """``text`` without accents (Erdoğan -> Erdogan), as many outlets spell names."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8)
def _sentence_stems(article_id: str, texts: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    del article_id  # the cache key with the texts; an article's texts are hashed once
    return tuple(tuple(content_stems(text)) for text in texts)


def sentence_stems(article) -> tuple[tuple[str, ...], ...]:
    """:func:`content_stems` of each sentence of an article (analysis.corpus.Article), in order.

    Several per-article analyses read the same stems, one after another in
    one worker: the last few articles' are kept, so each is stemmed once.
    """
    return _sentence_stems(article.id, tuple(s.text for s in article.sentences))
