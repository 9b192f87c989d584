"""Which pronoun an article uses for each name it gives, read from the article itself.

"“I love you,” he said." after a paragraph naming Ann and Tom means Tom when the article calls
Ann "she" elsewhere. No list of first names decides it, only what the text says outright: an
honorific before the name (Mr.; Ms., Mrs., Miss) and a speaking verb with the name its subject
and a pronoun the subject of what was said ("DuVernay said she felt …", "Mr. Lee, the mayor,
told reporters that he …"). Pronouns merely near a name vote for no one: in news they are as
often someone else's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from analysis.text.speech import SPEECH_VERBS

__all__ = ["HE", "SHE", "gender_at", "genders", "pronoun_gender", "surname_bearers"]

HE, SHE = "he", "she"
_PRONOUN = re.compile(r"(?:(he|him|his|himself)|(she|her|hers|herself))", re.IGNORECASE)
_HONORIFIC = re.compile(r"\b(?:(Mr)|(Mrs|Ms|Miss))\.?\s+$")  # before the name, or opening it
_HONORIFIC_OPENING = re.compile(r"(?:(Mr)|(Mrs|Ms|Miss))\.?\s")
# After a name: an apposition, a verb of saying ("said", "noted"; not "urged that he …" nor "told X
# that he …", where the pronoun is someone else), "that", then the subject pronoun of what was said.
_OTHERS_WORDS = frozenset("""tells told asked asks urged advised demanded reminded accused charged criticized
criticised criticizes mocked chided cautioned warned warns wondered suggested suggests""".split())
_SAID_PRONOUN = re.compile(r"(?:['’]s?)?(?:,[^,;:“”\"]{1,80},)?\s+(?:[a-z]+ly\s+)?(?:%s)\s+(?:that\s+)?(?:(he)|(she))\b"
                           % "|".join(sorted(SPEECH_VERBS - _OTHERS_WORDS - {"went on"}, key=len, reverse=True)))


class _Named(Protocol):
    start: int
    end: int
    actor: str


def pronoun_gender(word: str) -> str:
    """HE or SHE for a gendered pronoun ("his" -> HE), else ""."""
    found = _PRONOUN.fullmatch(word)
    return "" if found is None else HE if found.group(1) else SHE


def gender_at(text: str, start: int, end: int) -> str:
    """HE or SHE when the words at the name ``text[start:end]`` say so ("Mr. Lee", "Lee said she"), else ""."""
    found = _HONORIFIC.search(text, max(0, start - 6), start) or _HONORIFIC_OPENING.match(text, start, end) \
        or _SAID_PRONOUN.match(text, end)
    return "" if found is None else HE if found.group(1) else SHE


def surname_bearers(text: str, mentions: Sequence[_Named]) -> list[str]:
    """The actor of each mention, a lone surname two people share given to the one its gender names.

    "Tom Harlow … Ann Harlow spoke. “…,” Mr. Harlow said.": the latest named (what the name
    finder's keys chose) would be Ann; the honorific, or "Harlow said he", names Tom when the
    article calls Tom "he" and Ann not. With no such word the latest named stays.
    """
    out = [m.actor for m in mentions]
    bearers = _bearers(mentions)
    shared = [k for k, m in enumerate(mentions) if len(bearers.get(_written(text, m), ())) > 1]
    if not shared:
        return out
    said = genders(text, mentions)
    for k in shared:
        m = mentions[k]
        gender = gender_at(text, m.start, m.end)
        fitting = [a for a in bearers[_written(text, m)] if said.get(a) == gender]
        if gender and len(fitting) == 1:
            out[k] = fitting[0]
    return out


def genders(text: str, mentions: Sequence[_Named]) -> dict[str, str]:
    """actor -> HE or SHE where what the text says of the actor's mentions agrees (ties and none: absent)."""
    votes: dict[str, Counter] = {}
    # A lone surname ("Mr Jackson") is a guess at whom it means when two people of the article share it
    # (a mother and her son): it votes only when one person does. A lone first name votes.
    bearers = _bearers(mentions)
    for m in mentions:
        # Only the shared surname is the guess: a first name alone ("Ozzy said he …") says whom it means.
        if len(bearers.get(_written(text, m), ())) > 1:
            continue
        honorific = _HONORIFIC.search(text, max(0, m.start - 6), m.start) or _HONORIFIC_OPENING.match(text, m.start, m.end)
        said = _SAID_PRONOUN.match(text, m.end)
        for found in (honorific, said):
            if found is not None:
                votes.setdefault(m.actor, Counter())[HE if found.group(1) else SHE] += 1
    return {actor: (HE if c[HE] > c[SHE] else SHE) for actor, c in votes.items() if c[HE] != c[SHE]}


def _bearers(mentions: Sequence[_Named]) -> dict[str, set[str]]:
    """surname -> the full names ending with it (a lone "DuVernay" is no second person)."""
    out: dict[str, set[str]] = {}
    for m in mentions:
        if " " in m.actor.strip():
            out.setdefault(m.actor.split()[-1].lower(), set()).add(m.actor)
    return out


def _written(text: str, m: _Named) -> str:
    """The mention's words as a lowercase key, a possessive cut: "Harlow's" -> "harlow"."""
    return re.sub(r"['’]s?$", "", _HONORIFIC_OPENING.sub("", text[m.start:m.end].strip(), count=1)).lower()
