"""How a name is written, and when two ways of writing it are the same name.

News writes one person many ways: "Kim Jong Un", "Kim Jong-un", "Kim Jong-Un",
"Mr. Kim", "Kim's"; "Zelensky", "Zelenskyy", "Zelenskiy"; "Erdoğan" and
"Erdogan". The keys here fold what does not change who is meant (case,
accents, hyphens, possessives, honorifics, romanisation doublets), and the
helpers say which word is a surname, which letters an acronym. The terms an
actors.toml entry matches (``actor_terms``) live here too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nicknames import NickNamer

from analysis.engine._once import load_once
from analysis.text.words import fold_accents
from analysis.text.name_heads import ORGANISATION_HEADS
from analysis.text.roles import HONORIFICS, NAME_PARTICLES, QUALIFIERS, REGNAL_TITLES, ROLE_WORDS, is_role_word
from analysis.lexicon import make_lexicon

__all__ = [
    "fold_accents", "clean_name", "name_key", "spelling_key", "surname", "initials", "is_acronym", "is_short_acronym",
    "acronym_of", "actor_terms", "is_personal_name", "is_organisation_name", "without_office_before", "nicknamer",
    "is_given_name",
]

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_ROMAN = re.compile(r"^(?=[MDCLXVI])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_SUFFIX_WORDS = frozenset(s.rstrip(".") for s in _SUFFIXES)
# Words that make a capitalised run an organisation, not a person: the heads that make a name one wherever it
# ends (name_heads.ORGANISATION_HEADS), and words that do so anywhere in a run but may end a person's name too
# ("Charlotte Church", "Emily Post", "Eddie House"), or are a body by themselves ("Senate", "Army").
_ORG_WORDS = ORGANISATION_HEADS | frozenset(
    """house court administration nations media news office fund endowment inc ltd corp assembly parliament
    congress senate army navy force forces guard police service campaign board alliance coalition movement church
    times post journal network government state states republic kingdom security""".split()
)
# Words an acronym's letters skip ("International Court of Justice" is ICJ).
_ACRONYM_SKIP = frozenset("of the and for de la le du des del on in at to".split())
# Romanisations of one name differ in these ways: a final -yy, -iy, -ii or -y for -i
# (Zelenskyy, Zelenskiy, Zelensky), a doubled letter (Gaddafi, Gadafi), "dh" for "d"
# (Gadhafi), "ph" for "f". Letters inside a word are left alone: Lynn is not Lin, Myers is
# not Miers, Khan is not Han.
_SPELLING_RULES = ((re.compile(r"(?:iy|yy|ii|y)\b"), "i"), (re.compile(r"dh"), "d"), (re.compile(r"ph"), "f"),
                   (re.compile(r"(\w)\1+"), r"\1"))


def clean_name(text: str) -> str:
    """The name as written, less a possessive, a leading "the", honorifics and titles ("Mr. Kim's" -> "Kim")."""
    words = " ".join(text.replace("’", "'").split()).split(" ")
    # A title goes only when a name follows it: "Republican Party" and "Prime Minister" stay whole, and so do
    # "Defense of Marriage Act" and "Queen of Rage" (a lowercase word after a title makes it a name's head)
    # and an organisation's name whose head is its last word ("Justice Department", "Security Council",
    # "Democratic National Committee": the words before it name which one).
    institution = _POSSESSIVE.sub("", words[-1]).lower().rstrip(".") in _ORG_WORDS
    while len(words) > 1 and (words[0].lower() in ("the",) or (
            not institution and _is_title(words[0], words[1:])
            and not (words[1][:1].islower() and not is_role_word(words[1]))
            and not all(is_role_word(w) for w in words[1:]))):
        words = words[1:]
    words = without_office_before(words) if not institution else words
    if len(words) > 2 and words[1] == "of" and _is_title(words[0], words[1:]):
        # "Secretary of State Hillary Clinton": a title "of" a portfolio, then the name.
        if len(words) > 3 and is_role_word(words[2]) and not all(is_role_word(w) for w in words[3:]):
            return clean_name(" ".join(words[3:]))
        # "CEO of World Wrestling Entertainment": a post at an organisation, which is the name.
        if words[0].lower() in _POSTS and words[2][:1].isupper() and not all(is_role_word(w) for w in words[2:]):
            return clean_name(" ".join(words[2:]))
    name = " ".join(words)
    return _POSSESSIVE.sub("", name).strip(" -,")


# Where a post is held, before the post and its holder's name: a chamber, a company, a party, in 1-3 words.
_OFFICE_PLACE_WORDS = 3
# Role words that qualify a post ("Minority Leader", "Foreign Minister") or name a portfolio or a party, not
# a post of their own: a run of them alone is no post ("National", "Democratic").
_POST_MODIFIERS = QUALIFIERS | frozenset("""deputy vice majority minority foreign defence defense finance interior
economy economic trade justice health education energy environment security intelligence national state federal
treasury transport labour labor agriculture culture sports foreign-affairs home affairs relations party union democrat
democratic republican conservative liberal socialist green independent crown field managing""".split())


def without_office_before(words: list[str]) -> list[str]:
    """The holder's name without the office written before it: "House Minority Leader Nancy Pelosi", "Apple
    CEO Tim Cook", "White House Press Secretary Jen Psaki" -> the name. Only a post only people hold (a person's
    title, not a monarch's: "Larry King Live" stays), after capitalised words that are no titles, and a name
    after it."""
    for at in range(1, min(_OFFICE_PLACE_WORDS, len(words) - 2) + 1):
        if not words[at - 1][:1].isupper() or is_role_word(words[at - 1]):
            return words
        end = at
        while end < len(words) and is_role_word(words[end]):
            end += 1
        posts = words[at:end]
        rest = words[end:]
        # A given name and a surname after the post: one word after it is the end of a name at times
        # ("English Premier League", "Star Trek Captain Kirk")
        if any(w.lower() not in _POST_MODIFIERS | REGNAL_TITLES for w in posts) and len(rest) >= 2 \
                and all(w[:1].isupper() for w in rest) \
                and sum(w.lower().rstrip(".") not in _SUFFIX_WORDS for w in rest) >= 2:
            return rest
    return words


# Posts held at an organisation, before "of" and its name.
_POSTS = frozenset("ceo chairman chairwoman president founder co-founder director head chief owner spokesman "
                   "spokeswoman spokesperson".split())


def _is_title(word: str, rest: list[str]) -> bool:
    low = word.lower()
    if low in QUALIFIERS and not (low in ROLE_WORDS or low in HONORIFICS):
        # "Former President Obama", but "New York Times", "New Media Investment Group": a qualifier only before a title
        return bool(rest) and is_role_word(rest[0])
    if low in REGNAL_TITLES and rest and (_ROMAN.match(rest[-1]) or len(rest) == 1):
        return False  # "Pope Leo XIV" keeps its title: it is the name
    return is_role_word(word)


def name_key(text: str) -> str:
    """What two spellings of one name share: case, accents, dots, hyphens and titles folded.

    "Kim Jong-Un", "Kim Jong Un" and "KIM JONG UN" give "kim jong un";
    "U.N." and "UN" give "un".
    """
    name = fold_accents(clean_name(text)).lower()
    name = name.replace(".", "").replace("-", " ").replace("'", "")
    return " ".join(name.split())


# Asked for every pair of a lone word and a full name of an article (mentions._full_name): four regex
# substitutions each were a tenth of the names' cost on BBC. Keys are words and short names.
@lru_cache(maxsize=16384)
def spelling_key(key: str) -> str:
    """A :func:`name_key` with romanisation doublets folded (zelenskyy, zelenskiy -> zelenski)."""
    for pattern, replacement in _SPELLING_RULES:
        key = pattern.sub(replacement, key)
    return key


def surname(words: list[str]) -> str:
    """The last name with its particles (von der Leyen); '' when the name ends in a regnal number."""
    while words and words[-1].lower().rstrip(".") in _SUFFIX_WORDS:
        words = words[:-1]
    if len(words) < 2 or _ROMAN.match(words[-1]) or len(words[-1].rstrip(".")) < 2:
        return ""
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in NAME_PARTICLES:
        start -= 1
    return " ".join(words[start:])


def initials(name: str) -> str:
    """The capitals an organisation's name abbreviates to ("International Criminal Court" -> "ICC")."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0].upper() for w in words if w[:1].isalpha())


def is_acronym(word: str) -> bool:
    """Whether ``word`` is written as an acronym: NATO, ICC, U.N."""
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def is_short_acronym(word: str) -> bool:
    """Whether ``word`` is an acronym no name is: with stops ("U.N.") or of three letters or fewer ("UN",
    "MIT"). A longer all-capital word may be a surname written in capitals ("SMITH")."""
    return is_acronym(word) and ("." in word or len(word) <= 3)


def acronym_of(acronym: str, name: str) -> bool:
    """Whether ``acronym`` abbreviates ``name`` (ICC of International Criminal Court)."""
    letters = acronym.replace(".", "").upper()
    return len(name.split()) >= 2 and initials(name) == letters


@load_once
def nicknamer() -> NickNamer:
    """English given names and their familiar forms (the nicknames package's curated table, read once)."""
    return NickNamer()


def is_given_name(word: str) -> bool:
    """Whether the table knows ``word`` as a given name or a familiar form of one ("Lester", "Jake"). It lists
    English names that have familiar forms: not every given name ("Sean", "Satya" are not in it)."""
    table = nicknamer()
    return bool(table.nicknames_of(word) or table.canonicals_of(word))


def is_personal_name(name: str) -> bool:
    """Whether ``name`` reads as a person's full name (two or more capitalised words, no org word)."""
    words = name.split()
    if len(words) < 2:
        return False
    for word in words:
        low = word.lower()
        if low in NAME_PARTICLES:
            continue
        if low in _ORG_WORDS or not word[:1].isupper() or is_acronym(word):
            return False
    return True


def is_organisation_name(name: str) -> bool:
    """Whether ``name`` holds a word that makes it an organisation ("Justice Department", "New York Post")."""
    return any(word.lower() in _ORG_WORDS for word in name.split())


def actor_terms(name: str, aliases: tuple[str, ...] | list[str] = ()) -> tuple[str, ...]:
    """Every term that matches the actor: name, aliases, a person's surname, accent-free spellings.

    A surname is added only for personal names (``is_personal_name``): "White
    House" must not match every "House". A regnal name ("Pope Leo XIV") gets
    no surname, since "XIV" alone is no name, but its title form ("Pope Leo").
    """
    terms = [name, *aliases]
    words = name.split()
    if len(words) >= 2 and _ROMAN.match(words[-1]) and words[0].lower() in REGNAL_TITLES:
        terms.append(" ".join(words[:-1]))
    elif is_personal_name(name):
        last = surname(words)
        if last:
            terms.append(last)
    terms += [fold_accents(t) for t in terms]
    return tuple(t for t in make_lexicon([(name, terms)])[0][1]) if name.strip() else ()
