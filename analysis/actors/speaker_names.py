"""The name a text gives a speaker when the name finder found none there.

A quotation's speaker is whoever the text names: "Mr. Kovner added", "said psychologist Nancy
Molitor", "Russia insisted that …", a transcript's "WALLACE: …". The name finder misses some of
these (a surname after a title, an all-capital label, a place speaking as a state), so the
quote finder falls back on the words themselves: a run of capitalised words, titles, roles and
sentence openers cut ("Ms. Kovner" -> Kovner, "Charlotte Mayor Jennifer Roberts" -> Jennifer
Roberts). A surname alone becomes the one person the article names in full with it ("Kovner"
-> the article's "Ruth Kovner"). Only descriptions ("the senators", "officials") stay unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from analysis.actors.names import is_organisation_name, is_personal_name, spelling_key
from analysis.text.roles import HONORIFICS, NAME_LINKS, QUALIFIERS, ROLE_WORDS, SENTENCE_OPENERS
from analysis.text.words import MONTHS, WEEKDAYS

__all__ = ["WrittenName", "written_name", "transcript_label", "full_name"]

# A capitalised run: words and initials, with the particles and linking words names hold inside
# ("Ursula von der Leyen", "Bank of America").
_RUN = re.compile(r"(?:[A-Z][\w'’\-]*\.?|(?:[A-Z]\.)+)"
                  rf"(?:\s+(?:(?:{'|'.join(sorted(NAME_LINKS))})\s+)*(?:[A-Z][\w'’\-]*\.?|(?:[A-Z]\.)+))*")
# Capitalised words that open a sentence or date it and name no one.
# Not "may": "May said" is Theresa May as often as not.
_NOT_NAMES = SENTENCE_OPENERS | frozenset(WEEKDAYS + MONTHS) - {"may"}
# "WALLACE: …": a speaker's label opening a transcript line, in capitals.
_LABEL = re.compile(r"\s*([A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,2}):\s")


class WrittenName(NamedTuple):
    """A speaker's name as the text writes it: where the words are, the name they give, its type."""

    start: int
    end: int
    name: str  # titles cut: "Ms. Kovner" -> "Kovner"
    type: str  # "person" when the words say so (a full personal name, an honorific), else ""


def _is_title(word: str) -> bool:
    """A title, role or group word ("Ms.", "Psychologist", "Democrats"), never a name by itself."""
    low = word.lower().rstrip(".")
    return word.lower() in HONORIFICS or low in ROLE_WORDS or (low.endswith("s") and low[:-1] in ROLE_WORDS) \
        or len(low) > 6 and low.endswith("ist")  # psychologist, activist, economist: professions by their ending


def _named_run(text: str, start: int, end: int) -> WrittenName | None:
    """The run text[start:end] as a name: openers and titles before it cut; None when nothing is left.

    After an honorific the next word is a name whatever it means ("Mr. King"); inside a run, the
    titles before a full personal name go ("Charlotte Mayor Jennifer Roberts" -> Jennifer Roberts).
    """
    words = [(start + m.start(), m.group()) for m in re.finditer(r"\S+", text[start:end])]
    while words and words[0][1].lower() in _NOT_NAMES:
        words = words[1:]
    honorific = False
    # An organisation's name keeps its words: "Justice Department", "New York Post".
    organisation = is_organisation_name(" ".join(w for _, w in words))
    while len(words) > 1 and _is_title(words[0][1]) and not honorific and not organisation:
        honorific = words[0][1].lower() in HONORIFICS
        words = words[1:]
    titles = [k for k, (_, w) in enumerate(words[:-1]) if _is_title(w) or w.lower() in QUALIFIERS]
    if titles and is_personal_name(" ".join(w for _, w in words[titles[-1] + 1:])):
        words = words[titles[-1] + 1:]
    place = next((k for k, (_, w) in enumerate(words) if w == "of"), 0)
    if place >= 2 and is_personal_name(" ".join(w for _, w in words[:place])) and not organisation:
        words = words[:place]  # "Gov. Earl Tomblin of West Virginia": where a person is from is no part of the name
    if not words or words[-1][1].endswith(("'s", "’s", "'", "’")):
        return None  # a possessor ("Obama's aides") is not the speaker
    if len(words[-1][1]) > 4 and words[-1][1].endswith("."):  # a full stop, not "Jr." or "Del."
        words[-1] = (words[-1][0], words[-1][1][:-1])
    name = " ".join(w for _, w in words)
    if not honorific and (_is_title(words[-1][1]) or all(w.lower() in _NOT_NAMES for _, w in words)):
        return None  # a description: "the Arizona Republican", "the President"
    if name.isupper() and len(name) > 4 and " " not in name:
        name = name.title()  # a label in capitals ("PENCE"), not an acronym
    kind = "person" if honorific or is_personal_name(name) else ""
    return WrittenName(words[0][0], words[-1][0] + len(words[-1][1]), name, kind)


def written_name(text: str, start: int, end: int, *, last: bool = False) -> WrittenName | None:
    """The first (or ``last``) capitalised run between ``start`` and ``end`` that names someone."""
    runs = list(_RUN.finditer(text, start, end))
    for run in reversed(runs) if last else runs:
        found = _named_run(text, run.start(), run.end())
        if found is not None:
            return found
    return None


def transcript_label(quoted: str) -> str | None:
    """The speaker a transcript line opens with ("WALLACE: Let's start …" -> Wallace), else None."""
    label = _LABEL.match(quoted)
    if label is None or not re.search(r"[a-z]", quoted[label.end():]):
        return None
    found = _named_run(label.group(1), 0, len(label.group(1)))
    return found.name if found is not None else None


def full_name(name: str, known: Iterable[tuple[str, str]]) -> str:
    """A surname alone as the one person of ``known`` (actor, type) whose name ends with it, else ``name``."""
    if " " in name:
        return name
    key = spelling_key(name.lower())
    matches = {actor for actor, kind in known
               if kind == "person" and " " in actor and spelling_key(actor.split()[-1].lower()) == key}
    return matches.pop() if len(matches) == 1 else name
