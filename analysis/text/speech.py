"""Verbs of saying: what makes a quotation someone's words and a keyword a clause.

Lowercase word forms, not lemmas: news writes "said" and "says", rarely "say",
and no stemmer here tells "claims" the verb from "claims" the noun. The
commonest few (:data:`SAY`) say nothing about what a sentence is about, so
they are stopwords too (:mod:`analysis.text.words`).
"""

from __future__ import annotations

__all__ = ["SAY", "SPEECH_VERBS", "SPEECH_VERBS_ING"]

# The commonest verbs of saying, all forms.
SAY = frozenset("say says said saying told".split())

# Finite forms (and "went on"): a cue before or after a quotation, a verb in a keyword.
SPEECH_VERBS = (SAY - {"saying"}) | frozenset("""tells added adds warned warns insisted insists wrote writes
    posted stated argued argues noted asked asks replied replies declared declares tweeted explained explains
    continued continues recalled recalls testified acknowledged acknowledges admitted admits conceded claimed
    responded responds announced urged suggested suggests stressed emphasized emphasised pledged pledges vowed
    promised complained countered joked predicted mentioned advised cautioned observed remarked reported yelled
    shouted concluded confirmed denied denies boasted contended maintained lamented demanded repeated
    reiterated wondered criticized criticised criticizes mocked charged quipped agreed scoffed chided indicated
    reminded accused commented recounted retorted answered exclaimed whispered""".split()) | {"went on"}

# -ing forms: "…," saying: a cue before a quotation, never a speaker's verb after one.
SPEECH_VERBS_ING = frozenset("""saying telling adding warning insisting writing posting stating arguing noting
    asking replying declaring tweeting explaining continuing recalling testifying acknowledging admitting
    conceding claiming responding announcing urging suggesting stressing emphasizing pledging vowing promising
    complaining predicting mentioning citing criticizing indicating accusing""".split())
