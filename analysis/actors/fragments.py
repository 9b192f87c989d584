"""A lone institution word ("Council", "Ministry") standing for the full name its article gives, or for nothing.

The name finder reads "the Council" after "the United Nations Security
Council" as an organisation of its own, and a corpus then ranks "Council"
among its actors. Such a word is a *fragment*: a common noun WordNet files
under groups (council, ministry, agency, commission, department) that
WordNet does not also know as a proper name (Congress, the Treasury, the
Army are actors by themselves). In its article it joins the organisation
whose full name holds it, the one named last before it (else the one named
most); with none, it names no one and goes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from analysis.text.wordnet import key_of, noun_table, proper_nouns

__all__ = ["is_fragment", "fragment_owner"]

# The WordNet noun file of a word that names a kind of body, not one body.
_GROUPS = "group"
# A word used as a noun at least this often (WordNet's SemCor counts): "party" yes, "general" no.
_NOUN_SHARE = 0.5


def is_fragment(word: str) -> bool:
    """Whether one written word is an institution's common noun rather than a name ("Council", not "Congress")."""
    if " " in word.strip() or not word[:1].isupper() or word.isupper():
        return False  # an acronym is a name ("NATO"), and so is anything of two words
    key = key_of(word)
    file, share = noun_table().get(key, ("", 0.0))
    return file == _GROUPS and share >= _NOUN_SHARE and key not in proper_nouns().keys


def fragment_owner(word: str, before: Sequence[str], organisations: Counter) -> str:
    """The key of the organisation whose full name holds ``word`` (keys named last first, else most), or ''."""
    candidates = [k for k in organisations if word.lower() in k.split()]
    if not candidates:
        return ""
    recent = [k for k in reversed(before) if k in candidates]
    return recent[0] if recent else max(candidates, key=organisations.__getitem__)
