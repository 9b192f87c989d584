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

from analysis.text.speech import SAY

__all__ = ["HE", "SHE", "genders", "pronoun_gender"]

HE, SHE = "he", "she"
_PRONOUN = re.compile(r"(?:(he|him|his|himself)|(she|her|hers|herself))", re.IGNORECASE)
_HONORIFIC = re.compile(r"\b(?:(Mr)|(Mrs|Ms|Miss))\.?\s+$")  # before the name, or opening it
_HONORIFIC_OPENING = re.compile(r"(?:(Mr)|(Mrs|Ms|Miss))\.?\s")
# After a name: an apposition, "said" (not "urged that he …", which is someone else), "that", then the
# subject pronoun of what was said.
_SAID_PRONOUN = re.compile(r"(?:['’]s?)?(?:,[^,;:“”\"]{1,80},)?\s+(?:[a-z]+ly\s+)?(?:%s)\s+(?:that\s+)?(?:(he)|(she))\b"
                           % "|".join(sorted(SAY - {"told", "saying"}, key=len, reverse=True)))


class _Named(Protocol):
    start: int
    end: int
    actor: str


def pronoun_gender(word: str) -> str:
    """HE or SHE for a gendered pronoun ("his" -> HE), else ""."""
    found = _PRONOUN.fullmatch(word)
    return "" if found is None else HE if found.group(1) else SHE


def genders(text: str, mentions: Sequence[_Named]) -> dict[str, str]:
    """actor -> HE or SHE where what the text says of the actor's mentions agrees (ties and none: absent)."""
    votes: dict[str, Counter] = {}
    # A lone surname ("Mr Jackson") is a guess at whom it means when two people of the article share it
    # (a mother and her son): it votes only when one person does.
    bearers: dict[str, set[str]] = {}
    for m in mentions:
        if " " in m.actor.strip():  # full names only: a lone "DuVernay" is no second person
            bearers.setdefault(m.actor.split()[-1].lower(), set()).add(m.actor)
    for m in mentions:
        if " " not in text[m.start:m.end].strip() and len(bearers.get(m.actor.split()[-1].lower(), ())) > 1:
            continue
        honorific = _HONORIFIC.search(text, max(0, m.start - 6), m.start) or _HONORIFIC_OPENING.match(text, m.start, m.end)
        said = _SAID_PRONOUN.match(text, m.end)
        for found in (honorific, said):
            if found is not None:
                votes.setdefault(m.actor, Counter())[HE if found.group(1) else SHE] += 1
    return {actor: (HE if c[HE] > c[SHE] else SHE) for actor, c in votes.items() if c[HE] != c[SHE]}
