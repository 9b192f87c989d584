"""One key per name in an article: the names of one actor there share it ("Kim Jong Un", "Mr. Kim", "Kim").

The name finder's mentions of one article come in as (type, text); a lone
surname, an acronym or an institution word takes the key of the full name it
stands for in that article (:func:`local_keys`). Across articles, actors are
resolved later (:mod:`analysis.actors.resolve`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from analysis.actors.fragments import fragment_owner, is_fragment
from analysis.actors.names import (acronym_of, clean_name, is_acronym, is_personal_name, is_short_acronym, name_key,
                                   spelling_key)
from analysis.actors.records import ORGANISATION, PERSON
from analysis.models.ner import place_kind

__all__ = ["local_keys"]


def local_keys(names: Sequence[tuple[str, str]]) -> list[str]:
    """One key per (type, text) mention, names of one actor in this article sharing it.

    A surname alone ("Kim", "Mr. Kim") takes the person's full name it ends
    (or, for names written family name first, starts) that was named last
    before it, else the one named most, whatever type the model gave the
    lone word (its type is then a vote); an acronym takes the organisation
    it abbreviates; a lone institution word ("Council") the organisation
    whose name holds it, or '' (:mod:`analysis.actors.fragments`), and an
    organisation's name headed by one ("Security Council") the longer name
    it ends ("United Nations Security Council"). Middle initials do not count
    ("Donald J. Trump").
    """
    keys = [_drop_initials(name_key(text)) if kind == PERSON else name_key(text) for kind, text in names]
    people = Counter(k for k, (kind, _) in zip(keys, names) if kind == PERSON and len(k.split()) > 1)
    organisations = Counter(k for k, (kind, _) in zip(keys, names) if kind == ORGANISATION and len(k.split()) > 1)
    # The model now and then types a person's full name as an organisation ("Representative
    # Nancy Pelosi"); a lone surname it reads as a person still finds that name.
    person_like = Counter(k for k, (kind, text) in zip(keys, names)
                          if kind == ORGANISATION and len(k.split()) > 1 and is_personal_name(clean_name(text)))
    out: list[str] = []
    shortened: dict[str, str] = {}  # an organisation's short name -> the full name it stands for here
    for number, (key, (kind, text)) in enumerate(zip(keys, names)):
        if len(key.split()) == 1:
            written = clean_name(text)
            longer = [k for k in organisations if acronym_of(written, k.title())] if is_acronym(written) else []
            if longer:
                key = max(longer, key=organisations.__getitem__)
            elif len(_THE.sub("", text).split()) == 1 and is_fragment(written):  # "Foreign Ministry" is a name
                key = fragment_owner(written, keys[:number], organisations)  # '' when it stands for no one
            elif is_short_acronym(written):
                pass  # "U.N.", "UN": no surname ("Kim Jong Un")
            else:
                key = (_full_name(key, keys[:number], people)
                       or (kind == PERSON and _full_name(key, keys[:number], person_like)) or key)
        elif kind == ORGANISATION and is_fragment(clean_name(text).split()[-1]):
            shortened[key] = _longer_name(key, keys[:number], names[:number]) or shortened.get(key, key)
        out.append(key)
    # after the loop: a lone word ("Committee") may have taken the short name's key before it was known short
    return [shortened.get(k, k) for k in out]


def _longer_name(key: str, before: Sequence[str], before_names: Sequence[tuple[str, str]]) -> str:
    """The organisation's full name named last before a shorter one it ends ("United Nations Security Council"
    before "Security Council"), or ''. Not a chapter's: "St. Louis Tea Party" and "Texas Democratic Party" are a
    city's or a state's branch of the "Tea Party" or the "Democratic Party" the article also names."""
    for longer, (kind, text) in zip(reversed(before), reversed(before_names)):
        if kind == ORGANISATION and longer.endswith(" " + key):
            extra = clean_name(text).split()[: -len(key.split())]
            return "" if place_kind(" ".join(extra)) in _LOCAL_PLACES else longer
    return ""


# Places whose branch of an organisation is named by putting the place before its name.
_LOCAL_PLACES = frozenset({"city", "state", "town", "region"})


_THE = re.compile(r"^the\s+", re.IGNORECASE)


def _full_name(word: str, before: Sequence[str], counts: Counter) -> str:
    """The multi-word name a lone ``word`` stands for in this article, or ''."""
    for side in (-1, 0):  # surname first; family-name-first names ("Kim Jong Un") second
        candidates = [k for k in counts if spelling_key(k.split()[side]) == spelling_key(word)]
        if candidates:
            recent = [k for k in reversed(before) if k in candidates]
            return recent[0] if recent else max(candidates, key=counts.__getitem__)
    return ""


def _drop_initials(key: str) -> str:
    """"donald j trump" -> "donald trump": a middle initial does not change who is meant."""
    words = key.split()
    if len(words) <= 2:
        return key
    return " ".join([words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]])
