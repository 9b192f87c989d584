"""Acronyms of things, not actors: what WordNet says an acronym is a kind of.

The name finder reads any capitalised run as a person or an organisation;
"ICBM" is a ballistic missile. An acronym WordNet knows (written in
capitals) whose kinds (direct hypernyms) are all made things (WordNet's
noun.artifact: ICBM, IED, DVD) is no actor; NATO, the FBI and the ICC are
organisations and agencies, so they stay. Only made things: WordNet's
acronyms of substances and phenomena clash with organisations' (PBS is also
a buffer solution, WBC a white blood cell).
"""

from __future__ import annotations

from analysis._once import load_once
from analysis.actors.names import is_acronym
from analysis.text.wordnet import key_of, load_noun_table, load_table

__all__ = ["is_thing"]

_MADE = "artifact"  # WordNet's noun file of made things: weapons, devices, vehicles


@load_once
def _wordnet() -> tuple[dict, dict, dict[int, list[str]]]:
    """The noun table, the concept table's words, and synset id -> the keys holding it as a sense."""
    nouns, concepts = load_noun_table(), load_table().words
    holders: dict[int, list[str]] = {}
    for key, (senses, _, _) in concepts.items():
        for sense in senses:
            holders.setdefault(sense, []).append(key)
    return nouns, concepts, holders


def is_thing(name: str) -> bool:
    """Whether an acronym (or its plural) names a kind of made thing in WordNet (ICBM), not a body (NATO)."""
    single = name[:-1] if name.endswith("s") else name  # "ICBMs"
    if not is_acronym(single):
        return False
    nouns, concepts, holders = _wordnet()
    entry = concepts.get("^" + key_of(single.replace(".", "")))
    if not entry:
        return False
    # the noun file of each kind's head word: "ballist missil" -> missil -> artifact
    files = {nouns.get(k.lstrip("^").split()[-1], ("", 0.0))[0] for sense in entry[1] for k in holders.get(sense, ())}
    return files == {_MADE}
