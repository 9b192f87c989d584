"""Things and places of nature, not actors: acronyms of made things, formats, weapons, capes and seas.

The name finder reads any capitalised run as a person or an organisation;
"ICBM" is a ballistic missile. An acronym WordNet knows (written in
capitals) whose kinds (direct hypernyms) are all made things (WordNet's
noun.artifact: ICBM, IED, DVD) is no actor; NATO, the FBI and the ICC are
organisations and agencies, so they stay. Only made things: WordNet's
acronyms of substances and phenomena clash with organisations' (PBS is also
a buffer solution, WBC a white blood cell). An acronym WordNet does not know
is a made thing where the article spells it out in lowercase words whose head
WordNet files so: "unmanned aerial vehicles (UAVs)"; bodies are spelt out in
capitals ("Federal Reserve System (FRS)").

A name whose head noun is a place of nature ("Philippine Sea", "Cape
Fiolent", "Gulf of Aden") is a place; so are the planets and the Moon ("on
Earth") and a name written after a body's class noun ("Saturn's moon Titan"); a name an article writes before a
weapon's head noun at least half the times it writes it ("an Oreshnik
ballistic missile", "Storm Shadow missiles") is that weapon ("Hamas rockets"
once in ten mentions of Hamas is Hamas). The head-noun lists are the
language layer's (analysis.text.name_heads). A currency's code before an
amount ("Rs 300") is money.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.actors.names import is_acronym
from analysis.text.name_heads import (CURRENCY_CODES, DOCUMENT_HEADS, FORMAT_NAMES, PLACE_HEADS, PLACE_OF,
                                      PLACE_PREFIXES, SKY_BODIES, SKY_CLASSES, WEAPON_CLASSES, WEAPON_HEADS)
from analysis.text.words import CALENDAR_NAMES
from analysis.text.wordnet import MADE_THINGS, key_of, noun_table, proper_nouns

__all__ = ["is_thing", "is_document", "is_natural_place", "is_currency", "weapon_names", "defined_things", "sky_names"]



def is_thing(name: str) -> bool:
    """Whether an acronym (or its plural) names a kind of made thing in WordNet (ICBM), not a body (NATO), or
    is a format or a technology's short name (DVD, 3G, Wi-Fi: name_heads.FORMAT_NAMES)."""
    single = name[:-1] if name.endswith("s") else name  # "ICBMs"
    if name in FORMAT_NAMES or single in FORMAT_NAMES:
        return True
    if not is_acronym(single):
        return False
    return key_of(single.replace(".", "")) in proper_nouns().made  # "ICBM": every kind of it has a made thing's head


def is_document(name: str) -> bool:
    """Whether a name is a law's or a document's by its last word ("Patriot Act", "White Paper"), or a
    plural acronym ("MPs", "GCSEs", "PACs"): a class of people or things, no one actor."""
    words = name.split()
    if len(words) == 1:
        return bool(_PLURAL_ACRONYM.fullmatch(name))
    return words[-1].lower() in DOCUMENT_HEADS and all(w[:1].isupper() or w.lower() in ("of", "the") for w in words)


_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")


def is_natural_place(name: str, person: bool = False) -> bool:
    """Whether a name is a place of nature by its head noun: "Black Sea", "Cape Horn", "Strait of Hormuz".

    A name read as a person's keeps a head noun as surname ("Mike Lake", "Dennis Hills"): only
    the words before a place's own name count then ("Cape Bojeador").
    """
    words = name.replace("’", "'").split()
    if name in SKY_BODIES and not person:
        return True  # "Earth", "the Moon"; a person read so is a surname ("Moon said", of Moon Jae-in)
    if len(words) < 2 or not all(w[:1].isupper() or w.lower() in ("of", "the") for w in words):
        return False
    first, last = words[0].lower(), words[-1].lower()
    return ((last in PLACE_HEADS and not person) or (len(words) == 2 and first in PLACE_PREFIXES)
            or (first in PLACE_OF and words[1].lower() == "of"))


# An amount after a currency's code: "Rs 300", "Rs. 24 lakh", "KSh2,000".
_AMOUNT = re.compile(r"\.?\s?\d")


def is_currency(name: str, after: str) -> bool:
    """Whether ``name`` is a currency's code written before an amount (``after``: the text that follows it)."""
    return name in CURRENCY_CODES and bool(_AMOUNT.match(after))


# After a weapon's name: up to two class words, then the head ("cruise missile", "missiles").
_WEAPON_AFTER = re.compile(r"\s+(?:(?:%s)\s+){0,2}(?:%s)\b" % (
    "|".join(map(re.escape, sorted(WEAPON_CLASSES, key=len, reverse=True))),
    "|".join(map(re.escape, sorted(WEAPON_HEADS, key=len, reverse=True)))), re.IGNORECASE)
# Any weapon's head word: most articles hold none, and then no name needs looking for (the search
# below runs once per name over the whole text).
_ANY_WEAPON = re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, sorted(WEAPON_HEADS, key=len, reverse=True))),
                         re.IGNORECASE)
# Below half, the name is more often someone (an army, a group) whose weapons the article names.
_WEAPON_SHARE = 0.5


def weapon_names(text: str, names: Iterable[str]) -> set[str]:
    """The names ``text`` writes before a weapon's head noun at least half the times it writes them.

    Not a name WordNet knows as a proper noun: "IRA bombs" are the IRA's, "Hamas rockets" Hamas's.
    """
    if not _ANY_WEAPON.search(text):
        return set()
    proper = proper_nouns().keys
    out = set()
    for name in set(names):
        if key_of(name.removesuffix("s") if is_acronym(name.removesuffix("s")) else name) in proper:
            continue
        found = weapon = 0
        for end in _whole_word_ends(text, name):
            found += 1
            weapon += bool(_WEAPON_AFTER.match(text, end))
        if weapon and weapon >= _WEAPON_SHARE * found:
            out.add(name)
    return out


def _whole_word_ends(text: str, name: str):
    """Where each match of ``(?<![\\w’'-])name(?![\\w-])`` in ``text`` ends, as re.finditer finds them.

    str.find and the same boundary tests: a pattern compiled per name cost more than the search.
    """
    at = text.find(name) if name else -1
    while at != -1:
        end = at + len(name)
        before, after = text[at - 1:at] if at else "", text[end:end + 1]
        if not (before and (before.isalnum() or before in "_’'-")) and not (after and (after.isalnum() or after in "_-")):
            yield end
            at = text.find(name, end)  # matches do not overlap
        else:
            at = text.find(name, at + 1)


# A body's class noun, then a capitalised name: "Saturn's moon Titan", "the asteroid Bennu".
# A determiner or a possessive, a body's class noun, then one capitalised word: "Saturn's moon Titan", "the
# asteroid Bennu". Not a weekday or a month ("landed on the moon Friday").
_SKY_NAMED = re.compile(r"(?:\b(?:the|a|an|its|their)|['’]s)\s+(?:%s)\s+([A-Z][\w'’-]*)\b(?!\s+[A-Z])"
                        % "|".join(sorted(SKY_CLASSES, key=len, reverse=True)))


def sky_names(text: str) -> set[str]:
    """The names ``text`` writes right after a heavenly body's class noun ("Saturn's moon Titan")."""
    return {m.group(1) for m in _SKY_NAMED.finditer(text)} - CALENDAR_NAMES


# Lowercase words, then an acronym in brackets: "intercontinental ballistic missiles (ICBMs)".
_DEFINED = re.compile(r"((?:[a-z][a-z-]*\s+){0,7}[a-z][a-z-]*)\s+\(([A-Z][A-Z.&]{1,9})s?\)")
# The bracketed acronym alone: without one, the costly search above (tried at every lowercase word) is skipped.
_BRACKETED_ACRONYM = re.compile(r"\([A-Z][A-Z.&]{1,9}s?\)")


def defined_things(text: str) -> set[str]:
    """Acronyms ``text`` spells out as a made thing in lowercase words ("improvised explosive devices (IEDs)")."""
    if not _BRACKETED_ACRONYM.search(text):
        return set()
    nouns = noun_table()
    out = set()
    for m in _defined(text):
        words, acronym = m.group(1).split(), m.group(2)
        letters = acronym.replace(".", "").lower()
        # the long form starts at the nearest word before the head that begins with the acronym's first letter
        starts = [i for i in range(len(words) - 1, max(-1, len(words) - 1 - len(letters)), -1)
                  if words[i][0] == letters[0]]
        if not starts or words[-1][0] != letters[-1]:
            continue
        head = key_of(words[-1])
        if nouns.get(head, ("", 0.0))[0] == MADE_THINGS:
            out.add(acronym)
    return out


# What the long form before a bracket is made of: lowercase words, hyphens and spaces.
_LONG_FORM_RUN = re.compile(r"[a-z\s-]*")


def _defined(text: str):
    """The matches of ``_DEFINED.finditer(text)``, searched only before each bracketed acronym.

    A match is lowercase words, spaces and hyphens, then the bracket: it starts in the run of such
    characters that ends at the bracket. Searching the whole text tried every lowercase letter.
    """
    backwards = text[::-1]
    for bracket in _BRACKETED_ACRONYM.finditer(text):
        start = bracket.start()
        run = _LONG_FORM_RUN.match(backwards, len(text) - start).end() - (len(text) - start)
        found = _DEFINED.search(text, start - run, bracket.end())
        if found:
            yield found
