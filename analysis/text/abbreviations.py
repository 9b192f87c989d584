"""Abbreviations: words after which a full stop does not end a sentence ("Mr.", "Gen.", "Sept.").

Lowercase, without their stop. The name finder's tokeniser keeps its own list,
frozen with the model it was trained with (analysis/models/ner_features.py).
"""

from __future__ import annotations

__all__ = ["ABBREVIATIONS", "US_STATES_AP", "US_STATES_POSTAL"]

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st mt gen col lt sgt capt rev gov sen rep del pres "
    "inc ltd co corp dept univ vs etc no fig jan feb mar apr jun jul aug sep sept "
    "oct nov dec approx est".split()
)

# The United States' states as news writes them after a city: AP style, with a stop ("Newtown, Conn.",
# "Austin, Tex."; lowercase, without the stop, the states AP writes in full left out), and the postal codes
# ("Newtown, CT").
US_STATES_AP = frozenset(
    "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nebr nev "
    "okla ore oreg pa penn tenn tex vt va wash wis wisc wyo".split()
)
US_STATES_POSTAL = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)
