"""The words that attribute a quotation: speaking verbs, cue phrases, and the words around a speaker.

Read by the quote finder (:mod:`analysis.actors.quotes`). Each list says what a word does there:
a verb before or after a quotation that says who spoke it ("said", "told"), one that quotes only
through "as" ("dismissed the talks as “a farce”"), words that end the search for a speaker.
"""

from __future__ import annotations

import re

from analysis.text.speech import SPEECH_VERBS, SPEECH_VERBS_ING

# The verbs of saying (analysis.text.speech); "reports" is a noun elsewhere, a verb beside a quotation, and
# "spoke" says who speaks the quotation after it ("Lund spoke to reporters. “…”").
# The present a feature writes around a quotation ("“…,” notes Jane Smith"): verbs there, but nouns as often
# elsewhere ("public comments", "sticky notes"), so cues only, not speech verbs to the keywords or the claims.
PRESENT_CUES = frozenset("notes comments remarks observes concludes laments jokes quips muses recounts cautions".split())
SAY, SAY_ING = SPEECH_VERBS | PRESENT_CUES | {"reports", "spoke", "speaks"}, SPEECH_VERBS_ING
CALL = frozenset("call calls called calling described describes describing".split())
# These quote only through "as" or "a", or with the quotation their object: "dismissed the talks as
# “a farce”", "branded it a “farce”", "attacked “the hateful ideology …”".
CALL_AS = frozenset("""characterized characterised characterizing painted portrayed dismissed dismissing branded
    labeled labelled termed dubbed hailed praised denounced slammed blasted derided framed condemned
    condemning rated attacked""".split())
# A cue before a quotation; a word after one that ends the search for its speaker.
CUE_VERBS = SAY | SAY_ING | CALL
NOT_AFTER = SAY_ING | CALL | CALL_AS
# With no speaker these name a thing and quote no one: "a holding ground called “Tent City”".
NAMING = frozenset("called calling dubbed termed".split())
SPEECH_NOUNS = ("comment|comments|remark|remarks|statement|words|post|tweet|letter|release|speech|ad|interview|"
                 "testimony|message|memo|email|response|op-ed|answer")
# Owners first: "his comment" is a cue where "his" alone is just a word.
CUE = re.compile(rf"(?P<owner>\b(?:his|her|its|their)|['’]s)\s+(?:[a-z]+\s+){{0,2}}(?:{SPEECH_NOUNS})\b"
                  r"|\b[Aa]ccording to\b|\b(?P<verb>went on|[a-z]+)\b")
FILLER = frozenset("also later then again even still just further once has had have would will was is not never".split())
PREPOSITIONS = frozenset("""of for to at from with in on by about against into over toward towards than between among
    like under via""".split())
PRONOUNS = {"he": "person", "she": "person", "his": "person", "her": "person", "it": "organisation",
             "its": "organisation"}
GROUP_PRONOUNS = frozenset("they we i you".split())
BOUNDARY = re.compile(r"[,;:—–]|--|\b(?:that|which|who|and|but|when|after|while|because|if|as|since|before)\b")
# Where "said the legislator, Representative Carl Seel" stops naming the speaker.
CIRCUMSTANCE = re.compile(r"\s(?:on|in|at|during|after|before|while|when|to|from|about|last|this)\b"
                           r"|,\s*(?:adding|who|which|according|saying)\b")
# "He relayed Putin’s firm stance, indicating that …": the words are reported as the possessor's.
RELAY = re.compile(r"\b(?:relayed|conveyed|quoted|echoed|cited|summarized|summarised)\s+")
TITLE_SMALL_WORDS = frozenset("of the a an and in on for to at by or".split())
# A quotation with no cue before one of these names the thing: the "don't ask, don't tell" policy.
NAMED_THING = re.compile(r"[,.]?\s+(?:policy|law|bill|act|rule|program|programme|campaign|slogan|phrase|label|"
                          r"term|doctrine|strategy|movement|agenda|plan|provision|amendment)\b")
WORD = re.compile(r"[^\W_][\w'’.\-]*")
