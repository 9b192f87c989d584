"""What an article says outright about whether a name is a person or an organisation.

The name model guesses a type from a name and the two words either side of it. Trained on 1996
Reuters news, it has never seen "Google" or "McClatchy", and it often reads an unknown single word
as a person: "Gannett reportedly laid off several hundred". The article usually says what the
name is, in words no model weighs:

- an organisation: a company's ending ("McClatchy Co.") or an organisation's ("Jeongdong
  Theater"); a class noun right before the name ("search giant Google", "record label Big
  Machine"); a plural one before a list ("companies such as Gannett, GateHouse and McClatchy");
  an apposition or a copula after it ("Gannett, the nation's largest newspaper chain,", "Ascom
  is a global solutions provider"); what only a company has, after it ("Tribune's largest
  shareholder", "Google's chief executive") or before it ("the chief executive of Tesla",
  "shares in Amazon", "director for games at Google"); its shares moving ("Amazon shares fell");
- a person: a title or honorific right before the name ("striker Lentini", "Mr. Duran") or inside
  its span ("Representative Nancy Pelosi"); an organisation's possessive before a given name and a
  surname ("NBC's Lester Holt"); or a person's role and a comma ("the House Democratic
  leader, Nancy Pelosi"); an age after it ("Smith, 45,"); a party and a state ("McCain, R-Ariz.,");
  an apposition or a copula whose head only a person is ("Labrador, a father of five,", "Labrador
  is a savvy politician"); what only a person is or has ("Labrador himself", "Obama's wife", "the
  Obama administration"); a pronoun that says what they said ("Noem said she").

:func:`type_cue` reads one mention. The article's type vote (``mentions._voted_types``) lets
cues pointing one way decide a name's type over the model's guesses.
"""

from __future__ import annotations

import re

from analysis.actors.names import is_given_name
from analysis.actors.pronoun_gender import gender_at
from analysis.actors.records import ORGANISATION, PERSON
from analysis.text.name_heads import (COMPANY_HEADS, ORGANISATION_CLASSES, ORGANISATION_HEADS, ORGANISATION_PLURALS,
                                      PERSON_CLASSES)
from analysis.text.roles import PARTY_AND_STATE, PERSON_TITLES

__all__ = ["type_cue", "COMPANY_ENDINGS"]

# The endings that make a name a company ("Salomon Bros.", "McClatchy Co.").
COMPANY_ENDINGS = frozenset("Inc Corp Co Ltd Plc PLC LLC LLP Bros GmbH AG SA NV SpA".split())


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _headed_by(classes, then: str, commas: bool = False) -> re.Pattern:
    """After a name, an apposition or a copula whose head is one of ``classes``, followed by a mark or one of
    the words ``then``: at most five words in (each may end in a comma when ``commas``), none a preposition."""
    word = r"[\w'’-]+,?\s+" if commas else r"[\w'’-]+\s+"
    return re.compile(r"(?:,|\s+(?:is|was)\s+)\s*(?:the|a|an)\s+(?:(?!(?:%s)\s)%s){0,5}?(?:%s)(?=\s*[,;.)]|\s+(?:%s)\b)"
                      % ("of|at|for|from|in|to|with|and|who|whose", word, _alternation(classes), then))


# The word right before the name: a class noun ("giant Google") or a person's title ("striker Lentini").
_WORD = re.compile(r"[\w.-]+")
# A plural class noun, "such as" / "like" / "including", then a list the name ends: only names,
# commas, "and", "or", "also" between the list's start and the name.
_LIST_OPENING = re.compile(r"\b(?:%s)(?:,)?\s+(?:such\s+as|like|including)\s+" % _alternation(ORGANISATION_PLURALS))
# The same list with no "such as": the class noun right before it ("technology companies Dell, Samsung and").
_BARE_LIST_OPENING = re.compile(r"\b(?:%s)\s+(?=[A-Z])" % _alternation(ORGANISATION_PLURALS))
# After the list's first name: another name to come.
_LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|or\b)\s*[A-Z]")
# Each item and separator possessive: a capitalised run split at its inner capitals would backtrack
# exponentially when the fullmatch fails ("companies such as THE NEW YORK TIMES COMPANY HOLDINGS, said").
_LIST_SO_FAR = re.compile(r"(?:(?:[A-Z][\w&.'’-]*+|and|or|also)\s*+,?+\s*+)*+")
# After the name: an apposition or a copula whose head is a class noun ("Gannett, the nation's largest
# newspaper chain,", "Ascom is a solutions provider focused on"), at most five words in and not past a
# preposition ("Smith, the head of the network," is no network); an age ("Smith,
# 45,"); what only a company has ("Tribune's largest shareholder", "Google's chief executive"; not shares,
# stock, earnings, staff or employees, which people have too, nor "Trump's campaign chairman").
_APPOSITION = _headed_by(ORGANISATION_CLASSES, "that|which|based|with|in|of|[a-z]+ed|[a-z]+ing")
# The same with a class noun only a person is ("Raul Labrador, a 46-year-old Mormon father of five", "Labrador
# is an ambitious, sometimes savvy politician"): its words may end in a comma, as listed adjectives do.
_PERSON_APPOSITION = _headed_by(PERSON_CLASSES, "of|who|whose|from|in|at|with|and", commas=True)
# What only a person is or has, right after the name: "Labrador himself", "Obama's wife", "the Obama
# administration" (a president's; an organisation's name holds its own "Administration").
_PERSONAL = re.compile(r"(?:\s+(?:himself|herself)\b|['’]s?\s+(?:wife|husband|widow|son|daughter|sons|daughters|"
                       r"mother|father|parents|brother|sister|grandfather|grandmother)\b|\s+administration\b)")
_AGE = re.compile(r",\s+\d{1,3},")
# A party and state after the name, as American news marks its politicians: "Liz Cheney (R)", "Harry Reid
# (D-Nev.)", "John McCain, R-Ariz.,", "Arlen Specter (D-Penn)". Without the state only in brackets: ", D," is
# no mark.
_PARTY = re.compile(r"\s*(?:\(\s*(?:[RDI]|%s)\s*\)|,\s+%s,)" % (PARTY_AND_STATE, PARTY_AND_STATE))
# Before the name: a post or a holding only a company has, then "of", "in" or "at" ("Elon Musk, the chief
# executive of Tesla", "shares in Amazon", "a stake in Uber"). Not "head of", "president of", "spokesman
# for", which governments, countries and campaigns have too.
_HELD_IN = re.compile(r"\b(?:chief\s+executive(?:\s+officer)?|CEO|chairman|chairwoman|(?:co-)?founder|shareholders?|"
                      r"shares|stake|stock)\s+(?:of|in|at)\s+$")
# A job at a workplace, a few lowercase words between ("director for games at Google", "an economist at ING"): the
# place of work is an organisation ("angry at Trump" has no job before it).
_WORKS_AT = re.compile(r"\b(?:director|executive|engineer|analyst|researcher|economist|strategist|scientist|professor|"
                       r"employees?|workers?|staff(?:er)?s?|manager|vp|vice\s+president|partner|editor|reporter|"
                       r"spokes(?:man|woman|person))(?:\s+[a-z][\w-]*){0,3}\s+at\s+$")
_POSSESSIONS = re.compile(r"['’]s?\s+(?:(?:former|largest|biggest)\s+)?(?:shareholders?|headquarters|subsidiary|"
                          r"subsidiaries|chief\s+executive|CEO|chairman|chairwoman|board\s+of\s+directors)\b")


# After the name: its shares moving ("Amazon shares fell"), which only a listed company's do; "Trump shares
# the view" is a verb, never followed by one of these.
_SHARES_MOVED = re.compile(r"\s+(?:shares|stock)\s+(?:fell|rose|jumped|dropped|slid|climbed|gained|lost|closed|"
                           r"tumbled|soared|plunged|surged|sank|rallied|slumped|edged|were|have)\b")


# Titles a name may carry inside its own span ("Representative Nancy Pelosi", "Sen. John McCain"), when the
# model took them in: only a person is named after one. Not "Premier" or "Leader" ("Premier League", "Leader
# Price" are organisations).
_TITLES_IN_NAME = frozenset("""mr mr. mrs mrs. ms ms. dr dr. president senator sen sen. representative rep rep.
congressman congresswoman governor gov gov. mayor judge""".split())


# A capitalised name's possessive, the word right before a name: "NBC's", "News'" of "Fox News'".
_OWNER = re.compile(r"[A-Z][\w.&-]*(?:['’]s|s['’])")
# A role only a person holds, then a comma, right before the name: "the House Democratic leader, Nancy Pelosi",
# "the president's spokesman, Jay Carney".
_PERSON_ROLES = frozenset(w for w in PERSON_TITLES | {c.lower() for c in PERSON_CLASSES} if not w.endswith("."))


def type_cue(text: str, start: int, end: int) -> str:
    """PERSON or ORGANISATION when the words at the name ``text[start:end]`` say which, else "".

    ``text`` is the sentence (or any text holding the name); both kinds of cue at once say nothing.
    """
    name = text[start:end]
    words = name.split()
    before, after = text[max(0, start - 160):start], text[end:end + 120]
    previous = _word_before(before)
    organisation = bool(
        (words and words[-1].rstrip(".") in COMPANY_ENDINGS)
        or (len(words) > 1 and (words[-1].lower() in ORGANISATION_HEADS or words[-1].lower() in COMPANY_HEADS))
        or previous in ORGANISATION_CLASSES
        or _list_member(before, after)
        or _HELD_IN.search(before[-60:])
        or _WORKS_AT.search(before[-80:])
        or _APPOSITION.match(after)
        or _POSSESSIONS.match(after)
        or _SHARES_MOVED.match(after))
    titled = len(words) > 1 and words[0].lower() in _TITLES_IN_NAME and words[1][:1].isupper()
    # an organisation's possessive before a given name and a surname: its anchor, its chief ("NBC's Lester Holt")
    employed = len(words) > 1 and _possessive_before(before) and is_given_name(words[0])
    person = bool(previous.lower() in PERSON_TITLES or titled or employed or _role_before(before)
                  or _AGE.match(after) or _PARTY.match(after)
                  or _PERSON_APPOSITION.match(after)
                  or _PERSONAL.match(after) or gender_at(text, start, end))
    if organisation == person:
        return ""
    return ORGANISATION if organisation else PERSON


def _word_before(before: str) -> str:
    """The word ``before`` ends with, after a space ("" when it ends inside a word or with a mark).

    Split off the end, not searched for: a regex anchored at the end tries every position first.
    """
    if not before[-1:].isspace():
        return ""
    last = before.rstrip().rsplit(None, 1)[-1:] or [""]
    return last[0] if _WORD.fullmatch(last[0]) else ""


def _possessive_before(before: str) -> bool:
    """Whether ``before`` ends in a capitalised name's possessive and a space ("NBC's ", "Fox News' ").

    Split off the end, as :func:`_word_before`: this is asked of every mention.
    """
    if not before[-1:].isspace():
        return False
    last = (before.rstrip().rsplit(None, 1)[-1:] or [""])[0]
    return bool(_OWNER.fullmatch(last))


def _role_before(before: str) -> bool:
    """Whether ``before`` ends in a role only a person holds, a comma and a space ("the House Democratic leader, ").

    Split off the end, as :func:`_word_before`: this is asked of every mention.
    """
    if not before[-1:].isspace():
        return False
    head = before.rstrip()
    if not head.endswith(","):
        return False
    token = (head[:-1].rsplit(None, 1)[-1:] or [""])[0]
    # the token, or what follows a mark in it ("(spokesman", "ex-spokesman"), as a word boundary would start
    return any(token[i:] in _PERSON_ROLES for i in range(len(token)) if i == 0 or not token[i - 1].isalnum())


def _list_member(before: str, after: str) -> bool:
    """Whether the name is one of a list of companies: ``before`` ends in "companies such as X, Y and", or in
    "technology companies X, Y and" with a list there or going on ``after`` it ("companies Dell, Samsung and
    Apple"; not "the companies Trump owns")."""
    if "such as" in before or "like" in before or "including" in before:
        for opening in _LIST_OPENING.finditer(before):
            if _LIST_SO_FAR.fullmatch(before, opening.end()):
                return True
    if _word_before(before).lower() in ORGANISATION_PLURALS:
        return bool(_LIST_GOES_ON.match(after))  # the first of the list
    if "," not in before and " and " not in before and " or " not in before:
        return False  # most names: no list to search for
    for opening in _BARE_LIST_OPENING.finditer(before):
        so_far = before[opening.end():]
        if so_far.strip() and _LIST_SO_FAR.fullmatch(so_far):
            return True
    return False
