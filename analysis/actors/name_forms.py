"""The words an article uses to name an actor: the title chain before a name, an apposition after it.

"former U.S. President Donald Trump", "Yuri Ushakov, Putin's close aide":
:func:`name_form` gives the span of a sentence that names the actor at a
mention, which :mod:`analysis.actors.mentions` caches as the mention's form.
"""

from __future__ import annotations

import re

from analysis.models import ner
from analysis.text.roles import QUALIFIERS, ROLE_WORDS, is_role_word

__all__ = ["name_form"]

# A title chain before a name is this many words at most ("former U.S. Deputy Secretary of State").
FORM_MAX_WORDS = 7
# An apposition ("Yuri Ushakov, Putin's close aide,") is this many words at most.
APPOSITION_MAX_WORDS = 6
_WORD = re.compile(r"[\w.'’\-]+")


def _tokens_before(text: str, end: int) -> list[tuple[str, int]]:
    """The words of ``text`` before ``end``, nearest first, with their start offsets."""
    return [(m.group(), m.start()) for m in reversed(list(_WORD.finditer(text, 0, end)))]


def _covered(entities, start: int, end: int, labels: tuple[str, ...]) -> bool:
    return any(e.start <= start and end <= e.end and e.label in labels for e in entities)


def _title_word(word: str, start: int, entities) -> bool:
    """A word that can stand in the title chain before a name ("former", "U.S.", "Russian", "President")."""
    low = word.lower().replace("’", "'")
    if low.endswith("'s"):
        # "Turkey's President", "Putin's close aide": a possessive owner belongs to the title.
        return True
    if is_role_word(low) or any(is_role_word(part) for part in low.split("-") if part):
        return True
    return _covered(entities, start, start + len(word), ("LOC", "MISC", "ORG")) or ner.is_place(word)


def name_form(text: str, start: int, end: int, entities=()) -> tuple[int, int]:
    """The span of ``text`` naming the actor at [start, end): titles before it, an apposition after.

    "former U.S. President Donald Trump", "Chief Executive Officer Hock Tan",
    "Yuri Ushakov, Putin's close aide", "Putin's close aide, Yuri Ushakov".
    The chain must hold a title or role word; places alone do not make one.
    """
    form_start = start
    chain: list[tuple[str, int]] = []
    for word, at in _tokens_before(text, start):
        if text[at + len(word):form_start].strip() not in ("", "-"):
            break  # punctuation between: the chain is over
        low = word.lower()
        if _title_word(word, at, entities) or (low == "of" and chain) or (low in ("and", "&") and chain):
            chain.append((word, at))
            form_start = at
            if len(chain) >= FORM_MAX_WORDS:
                break
            continue
        break
    # A chain never ends on "of" or "and", and it must say a role, not only a place.
    while chain and chain[-1][0].lower() in ("of", "and", "&"):
        chain.pop()
    if chain and any(is_role_word(w) for w, _ in chain):
        form_start = chain[-1][1]
    else:
        form_start = start
    form_end = _apposition_end(text, end)
    if form_end == end and form_start == start:
        form_start = _apposition_start(text, start)
    return form_start, form_end


def _is_role_noun(word: str) -> bool:
    """"aide", "spokesman", "officials", "president's": a role, singular or plural, possessive or not."""
    low = re.sub(r"['’]s?$", "", word.lower().rstrip("."))
    return low in ROLE_WORDS or (low.endswith("s") and low[:-1] in ROLE_WORDS)


def _apposition_words_ok(words: list[str]) -> bool:
    return 0 < len(words) <= APPOSITION_MAX_WORDS and _is_role_noun(words[-1])


def _apposition_end(text: str, end: int) -> int:
    """Where ", the Kremlin spokesman," after a name ends (the name's end when there is none)."""
    match = re.match(r",\s+((?:the|a|an|his|her|its|their)\s+)?([^,;:()\"“”]{1,80}?)\s*(?=[,;.]|$)", text[end:])
    if not match:
        return end
    words = (match.group(2) or "").split()
    if not _apposition_words_ok(words) or words[0].lower() in QUALIFIERS and len(words) == 1:
        return end
    return end + match.end()


def _apposition_start(text: str, start: int) -> int:
    """Where "Putin's close aide, " before a name starts (the name's start when there is none)."""
    before = text[:start]
    match = re.search(r"(?:^|[,;:(]\s*)((?:the|a|an|his|her|its|their)\s+)?([^,;:()\"“”]{1,80}?),\s+$", before)
    if not match:
        return start
    words = match.group(2).split()
    first = words[0] if words else ""
    if not _apposition_words_ok(words) or (first[:1].islower() and first.lower() not in ROLE_WORDS
                                          and not first.lower().endswith(("'s", "’s"))):
        return start
    return match.start(1) if match.group(1) else match.start(2)
