"""Who each article names, how, whose words it quotes, and how each sentence treats each name.

One per-article task (:func:`article_mentions`, cached by the Runner) runs the
shipped name finder over the body sentences, ties the names of one person
inside the article together ("Kim Jong Un" ... "Kim" ... "Mr. Kim"), reads
the words around each name that say what the article calls them ("former
U.S. President"), finds the direct quotations and their speakers, and scores
each mention with the shipped target-sentiment model. Everything corpus-wide
(merging spellings across articles, counting) is done from these results.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

# By its full name: `from analysis.actors import quotes` would wait for the package's __init__, which
# imports this module (an import cycle, tests/test_import_cycles.py).
import analysis.actors.quotes as quote_finder
from analysis.actors.name_forms import name_form
from analysis.actors.pronoun_gender import surname_bearers
from analysis.actors.things import (defined_things, is_currency, is_document, is_natural_place, is_thing, sky_names,
                                    weapon_names)
from analysis.actors.article_keys import local_keys
from analysis.actors.records import ORGANISATION, PERSON, Mention, Quote
from analysis.actors.type_cues import type_cue
from analysis.actors.names import clean_name, is_organisation_name, without_office_before
from analysis.text.abbreviations import US_STATES_AP, US_STATES_POSTAL
from analysis.text.name_heads import SEATS_OF_POWER
from analysis.text.words import CALENDAR_NAMES, HOLIDAYS, MONTHS, WEEKDAYS
from analysis.text.roles import (HONORIFICS, NAME_JOINERS, PARTY_AND_STATE, ROLE_WORDS, SENTENCE_OPENERS,
                                 is_role_word)
from analysis.corpus import Article
from analysis.models import ner, target_sentiment

__all__ = ["PERSON", "ORGANISATION", "MentionSettings", "article_mentions", "ArticleMention"]

_TYPES = {"PER": PERSON, "ORG": ORGANISATION}


# The name finder (CoNLL-2003's English news) and the sentence models read English. In German, where every
# noun is capitalised, they find persons such as "Krankheit" and "Samstagfrüh". An article the loader finds
# in another language is not read for names; "und" (too short to tell) is.
READ_LANGUAGES = frozenset({"en", "und"})


def reads_language(article: Article) -> bool:
    """Whether names and quotes are looked for in ``article``: English, or too short to tell."""
    return article.language in READ_LANGUAGES


@dataclass(frozen=True)
class MentionSettings:
    """How names are found: one shipped model, so nothing to choose yet; the cache key of the task."""


@dataclass(frozen=True)
class ArticleMention:
    """A name in article text, as the quote finder reads it (offsets in ``article.text``)."""

    start: int
    end: int
    actor: str  # the article-local key of the name ("kim jong un")
    type: str


def article_mentions(article: Article, settings: MentionSettings | None = None) -> dict:
    """Names of persons and organisations in the body sentences, their forms, quotes and target scores.

    JSON-able, for the cache: ``keys`` (the article's names, local keys such
    as "kim jong un"), ``mentions`` (:class:`~analysis.actors.records.Mention`)
    and ``quotes`` (:class:`~analysis.actors.records.Quote`), every offset in
    ``article.text``; read them back with ``mentions_of`` and ``quotes_of``.
    """
    del settings  # one model, one way
    if not reads_language(article):
        return {"keys": [], "mentions": [], "quotes": []}
    body = [s for s in article.sentences if s.is_body]
    found = ner.entities_many([s.text for s in body])
    raw: list[_Found] = []
    for sentence, entities in zip(body, found):
        for start, end, kind in _names_in(sentence.text, entities):
            raw.append(_Found(sentence.index, start, end, kind, sentence.text[start:end], entities))
    own = {(m.sentence_index, m.start) for m in raw}
    raw = _without_common_words(article, _propagated(article, body, found, raw))
    # "an Oreshnik ballistic missile", "unmanned aerial vehicles (UAVs)", "Saturn's moon Titan"
    things = weapon_names(article.text, [m.text for m in raw]) | defined_things(article.text) | sky_names(article.text)
    raw = [m for m in raw if m.text not in things and m.text.removesuffix("s") not in things]
    keys = local_keys([(m.type, m.text) for m in raw])
    # "Mr. Harlow" after Ann Harlow is Tom Harlow when the article calls Tom "he" and Ann not.
    starts = [article.sentences[m.sentence_index].start for m in raw]
    keys = surname_bearers(article.text, [ArticleMention(a + m.start, a + m.end, k, m.type)
                                          for a, m, k in zip(starts, raw, keys)])
    raw, keys = [m for m, k in zip(raw, keys) if k], [k for k in keys if k]  # fragments that name no one go
    key_ids = {key: i for i, key in enumerate(dict.fromkeys(keys))}
    voted = _voted_types(raw, keys, own, article)
    mentions = []
    for m, key, score in zip(raw, keys, _scores(article, raw)):
        sentence = article.sentences[m.sentence_index]
        form_start, form_end = name_form(sentence.text, m.start, m.end, m.entities)
        base = sentence.start
        mentions.append(Mention(m.sentence_index, base + m.start, base + m.end, voted[key], key_ids[key],
                                base + form_start, base + form_end, round(score.negative, 4),
                                round(score.neutral, 4), round(score.positive, 4)))
    return {"keys": list(key_ids), "mentions": mentions, "quotes": _quotes(article, mentions, list(key_ids))}


class _Found(NamedTuple):
    """A name the model found (or :func:`_propagated` copied), offsets in its sentence."""

    sentence_index: int
    start: int
    end: int
    type: str
    text: str
    entities: Sequence = ()  # the sentence's entities, as the model gave them


def _voted_types(raw: list[_Found], keys: list[str], own: set[tuple[int, int]],
                 article: Article | None = None) -> dict[str, str]:
    """Each name's type in this article: what the article says it is, else what most of the model's mentions say.

    The model types one name differently from sentence to sentence ("Somerset
    got a solid start", read as a person, in a cricket report that calls it
    a club ten times; "Simmons" an organisation after "Phil Simmons"). Only
    the mentions the model found vote (``own``: sentence, start), not the
    copies :func:`_propagated` added; on a tie the type of the longest form wins. A full name the
    model reads as a person at most of its own mentions makes its surname alone one too.
    Where the ``article`` says outright what a name is at more of its mentions
    than it says the other thing (a company's ending, "search giant Google",
    "striker Lentini", "Noem said she": :func:`~analysis.actors.type_cues.type_cue`),
    that decides: the model has never seen most of today's companies.
    """
    votes: dict[str, Counter] = {}
    cues: dict[str, Counter] = {}
    longest: dict[str, tuple[int, str]] = {}
    full_votes: dict[str, Counter] = {}  # the model's types for a name's forms of two words or more
    surnames: dict[str, set[str]] = {}  # the last words (and initials) of those it typed a person
    single: dict[str, set[str]] = {}  # its one-word forms
    for m, key in zip(raw, keys):
        mine = (m.sentence_index, m.start) in own
        votes.setdefault(key, Counter())[m.type] += mine
        if " " not in m.text:
            single.setdefault(key, set()).add(m.text)
        elif mine:
            full_votes.setdefault(key, Counter())[m.type] += 1
            if m.type == PERSON:  # the surname, and the initials a person goes by ("Leon Cooperman", "LC")
                surnames.setdefault(key, set()).update(
                    (m.text.rsplit(" ", 1)[1], "".join(w[0] for w in m.text.split()).upper()))
        if article is not None:
            cue = type_cue(article.sentences[m.sentence_index].text, m.start, m.end)
            if cue:
                cues.setdefault(key, Counter())[cue] += 1
        words = len(m.text.split())
        if words > longest.get(key, (0, ""))[0]:
            longest[key] = (words, m.type)
    out = {}
    for key, counts in votes.items():
        said = cues.get(key, Counter())
        if said[PERSON] != said[ORGANISATION]:
            out[key] = PERSON if said[PERSON] > said[ORGANISATION] else ORGANISATION
            continue
        # "Michele Bachmann" read as a person, "Bachmann" alone as an organisation: the model knows a first
        # name and a surname together better than a surname alone, which is hers.
        full = full_votes.get(key, Counter())
        if full[PERSON] > full.total() - full[PERSON] and single.get(key, set()) <= surnames[key]:
            out[key] = PERSON
            continue
        ranked = counts.most_common()
        tied = not ranked[0][1] or (len(ranked) > 1 and ranked[0][1] == ranked[1][1])
        out[key] = longest[key][1] if tied else ranked[0][0]
    return out


_OPENER_WORD = re.compile(r"[A-Z][a-z]+ly$")
# Words that address someone at the head of a sentence or quotation ("Hey Twitter, the whole point ...",
# "Dear Mr. Smith"): the name is what follows them.
_ADDRESS_WORDS = frozenset("hey hi hello dear oh thanks".split())
# A table's cell separator, as the page extractor writes a row ("| Pos | Player | Plays |"): a name never
# spans two cells, and a run the model read across them is a row of headers.
_CELL = re.compile(r"(?:^|\s)\|(?:\s|$)")
# A capitalised word turned adjective by a participle after a hyphen: "Family-controlled", "Moscow-backed".
_DESCRIBED = re.compile(r"[\w.'’]+-(?:[a-z]+ed|born|run)$")


def _names_in(text: str, entities) -> list[tuple[int, int, str]]:
    """(start, end, type) of the persons and organisations among a sentence's entities, cleaned.

    The model sometimes runs two names into one across a lowercase word
    ("Zelenskyy alongside Trump"): such a span is split there. A capitalised
    adverb opening the sentence ("Additionally,") is no name.
    """
    out = []
    for entity in entities:
        kind = _TYPES.get(entity.label) or (
            ORGANISATION if entity.label == "LOC" and _place_is_organisation(text, entity) else None)
        if not kind or _CELL.search(entity.text):
            continue
        if kind == PERSON:
            entity = _with_month_surname(text, entity)
        pieces, piece_start = [], entity.start
        split_and = _two_names(entity.text, kind)
        for word in re.finditer(r"\S+", entity.text):
            low = word.group().lower()
            if word.start() and word.group()[:1].isupper() and low in _HEADLINE_WORDS and _title_case(text):
                # a headline's capitalised "On" or "Is" ("Clinton Breaks With Obama On 9/11 Lawsuit Bill"): the
                # name ends before it, and what follows is the headline's, not a name
                entity = replace(entity, end=entity.start + word.start() - 1)
                break
            # a lowercase word the name cannot hold splits it; so does "and" between two names
            if (word.group()[:1].islower() and low not in NAME_JOINERS) or (split_and and low in ("and", "&")):
                pieces.append((piece_start, entity.start + word.start()))
                piece_start = entity.start + word.end()
            elif _DESCRIBED.match(word.group()):
                # "Ontario-based Magna": the adjective is no name. "United Nations-sponsored talks":
                # the words before the hyphen end a name begun before the word.
                if piece_start < entity.start + word.start():
                    pieces.append((piece_start, entity.start + word.start() + word.group().rindex("-")))
                piece_start = entity.start + word.end()
        pieces.append((piece_start, entity.end))
        for start, end in pieces:
            while end > start and text[end - 1].isspace():
                end -= 1
            while start < end and text[start].isspace():
                start += 1
            name = text[start:end]
            opening = not text[:start].strip(" \"“‘'(")
            first = name.split(" ", 1)
            if opening and len(first) == 2 and first[0].lower() in _ADDRESS_WORDS:
                start, name = start + len(first[0]) + 1, first[1]  # "Hey Twitter": Twitter
            if is_currency(name, text[end:end + 3]):
                continue  # "Rs 300": money
            if opening and " " not in name and (_OPENER_WORD.match(name) or name.lower() in SENTENCE_OPENERS):
                continue
            if " " not in name and text[end:end + 1] == "." and f"{name.lower()}." in _DOTTED_TITLES:
                continue  # "Del." of "Del. Stacey Plaskett": a title with its stop ("del" alone is a particle)
            if _state_after_city(text, start, end, entities):
                continue  # "Newtown, Conn.", "Austin, TX": where, not who
            held = without_office_before(name.split())
            if len(held) < len(name.split()) and name.endswith(" ".join(held)):
                # "House Minority Leader Nancy Pelosi", "Apple CEO Tim Cook" read as one organisation: the office
                # is the model's reason, the name after it a person's
                start, name, kind = end - len(" ".join(held)), " ".join(held), PERSON
            located = _where_before(text, start)
            if end > start and _is_name(name, kind, located):
                out.append((start, end, kind))
    return out


# Verbs and prepositions a title-case headline capitalises, which a name does not hold ("Clinton Breaks With
# Obama On 9/11 Lawsuit Bill", "Trump Is Merely a Small Fry"). Not "of", "and", "the" or "for", which a name
# written in title case holds ("Bank Of Boston"), nor "May", "Will" or "Can", which are names too.
_HEADLINE_WORDS = frozenset("""on in is at to with as by from into over after before against about are was were has
have be says said""".split())


# A capitalised word and a comma right before a name: "Newtown, " of "Newtown, Conn.".
_CITY_COMMA = re.compile(r"[A-Z][\w.'’-]*, $")


def _state_after_city(text: str, start: int, end: int, entities) -> bool:
    """Whether ``text[start:end]`` is a US state after its city: AP's abbreviation with its stop after a
    capitalised word and a comma ("Newtown, Conn.", "NEWTOWN, Conn. —"), or a postal code after a place
    the model found ("Austin, TX"; "the VA" stays an agency)."""
    name = text[start:end]
    if not _CITY_COMMA.search(text, max(0, start - 40), start):
        return False
    if name.lower() in US_STATES_AP and text[end:end + 1] == ".":
        return True
    return name in US_STATES_POSTAL and any(e.label == "LOC" and e.end == start - 2 for e in entities)


def _title_case(text: str) -> bool:
    """Whether the sentence is written as a headline: its words of four letters or more nearly all capitalised."""
    words = re.findall(r"[^\W\d_]{4,}", text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _place_is_organisation(text: str, entity) -> bool:
    """Whether a name the model read as a place is an organisation in this sentence.

    "The Kremlin said": a building standing for the government in it. "The chief
    executive of Tesla", "shares in Amazon": a name we do not list as a place,
    where the sentence says it is a company (a model trained on 1996 news reads
    an unknown word after "of" or "in" as a place).
    """
    if entity.text in SEATS_OF_POWER:
        return True
    return not ner.place_kind(entity.text) and type_cue(text, entity.start, entity.end) == ORGANISATION


# A month right after a person's name, not a date ("Theresa May said", not "Smith May 5" or a headline's
# "Trump May Meet Putin"): the model, which has seen "May" as a month far more than as a name, stops before it.
_MONTH_AFTER = re.compile(r" (%s)\b(?![ ,]*\d)(?! [A-Z])" % "|".join(m.capitalize() for m in MONTHS))


def _with_month_surname(text: str, entity):
    """The person's entity with a month that is its surname ("Theresa May") joined to it."""
    month = _MONTH_AFTER.match(text, entity.end)
    if not month:
        return entity
    return replace(entity, end=month.end(), text=text[entity.start:month.end()])


def _two_names(text: str, kind: str) -> bool:
    """Whether "X and Y" the model read as one name is two ("Lech and Tychy", "Peres and Arafat").

    A person's name never holds "and" (CoNLL-2003 train and dev: 0 of 7,000;
    114 times two persons). An organisation's can: "Securities and Exchange
    Commission", "Guangdong Post and Telecommunications Administration",
    "Duff & Phelps". So an organisation splits at "and" (never "&") only
    when each side is one or two capitalised words and the right side holds
    no word that makes the whole an organisation ("Seat and Porsche").
    """
    words = text.split()
    joins = [i for i, w in enumerate(words) if w.lower() in ("and", "&")]
    if len(joins) != 1 or joins[0] in (0, len(words) - 1):
        return False
    if kind == PERSON:
        return True
    left, right = words[:joins[0]], words[joins[0] + 1:]
    if words[joins[0]] == "&" or len(left) > 2 or len(right) > 2:
        return False  # "State Law and Order Restoration Council"
    return not any(w[:1].islower() for w in left + right) and not is_organisation_name(" ".join(right))


def _propagated(article: Article, body, found, raw: list[_Found]) -> list[_Found]:
    """The mentions with every other occurrence of a name the article uses added, in sentence order.

    A name the model finds once in an article is the same name where it
    missed it ("Trump admitted ...", first in a sentence): each occurrence of
    a found name is a mention, as in document-level NER. A one-word name at
    the start of a sentence counts only if the article never writes it in
    lowercase ("May" may be a month or a verb).
    """
    kinds: dict[str, Counter] = {}
    for m in raw:
        kinds.setdefault(m.text, Counter())[m.type] += 1
    if not kinds:
        return raw
    taken = {(m.sentence_index, m.start) for m in raw}
    covered: dict[int, list[tuple[int, int]]] = {}
    for m in raw:
        covered.setdefault(m.sentence_index, []).append((m.start, m.end))
    def written_lowercase(word: str) -> bool:  # read only if a one-word name opens a sentence
        return word in _lowercase_words(article.text)

    names = sorted(kinds, key=len, reverse=True)  # longest first, as a regex alternation would
    kind_of = {name: counts.most_common(1)[0][0] for name, counts in kinds.items()}
    added = list(raw)
    for sentence, entities in zip(body, found):
        text = sentence.text
        spans = covered.setdefault(sentence.index, [])
        for name in names:
            # str.find, not one regex per article: compiling it cost more than the search.
            start = text.find(name)
            while start != -1:
                end = start + len(name)
                if _standalone(text, start, end) and (sentence.index, start) not in taken \
                        and not any(s < end and start < e for s, e in spans) \
                        and not any(e.start < end and start < e.end and not _yields(e, start, end, kind_of[name])
                                    for e in entities):
                    # (an overlap with another entity: the model read these words as another name, a place)
                    opening = not text[:start].strip(" \"“‘'(")
                    if not _inside_longer_name(text, start, end, article.text) and (
                            " " in name or not opening or not written_lowercase(name.lower())):
                        added.append(_Found(sentence.index, start, end, kind_of[name], name, entities))
                        spans.append((start, end))
                start = text.find(name, start + 1)
    return sorted(added, key=lambda m: (m.sentence_index, m.start))


def _yields(entity, start: int, end: int, kind: str) -> bool:
    """Whether the model's entity is the found name at ``start:end`` (of type ``kind``) read as a kind that yields.

    A thing (MISC) read on the very same words yields to the name the article uses. So does a place we
    do not list, to an organisation ("Tesla shares rose" after "the chief executive of Tesla"), but
    not to a person: an unknown town the model once reads as a person stays a town.
    """
    if (entity.start, entity.end) != (start, end):
        return False
    return entity.label == "MISC" or (entity.label == "LOC" and kind == ORGANISATION
                                      and not ner.place_kind(entity.text))


# A label opening a line of an interview or a list: "Q: Favorite apps?", "A: ...".
_LINE_LABEL = re.compile(r"^\s*[A-Z][\w.]{0,11}\s*:\s*")


def _without_common_words(article: Article, raw: list[_Found]) -> list[_Found]:
    """The mentions without one-word names that are common words capitalised only where every word is.

    "“Meth. We're on it.”" (a state's slogan), "Q: Favorite apps?": the model reads a capital at
    a sentence's or a quotation's start, or after an interview's "Q:", as a name's. A one-word
    name found only there, that the article also writes in lowercase and that is no part of a
    longer name it gives ("Theresa May" keeps "May said"), is the common word.
    """
    single = {m.text for m in raw if " " not in m.text}
    if not single:
        return raw
    opens = {(m.sentence_index, m.start): _opens(article.sentences[m.sentence_index].text, m.start)
             for m in raw if m.text in single}
    inside = {m.text for m in raw if m.text in single and not opens[(m.sentence_index, m.start)]}
    suspects = {w for w in single - inside
                if not any(w in m.text.split() for m in raw if " " in m.text)}
    if not suspects:
        return raw
    lowered = _lowercase_words(article.text)
    common = {w for w in suspects if w.lower() in lowered}
    return [m for m in raw if m.text not in common] if common else raw


def _opens(text: str, start: int) -> bool:
    """Whether only quotation marks, brackets or a line's label ("Q:") stand before ``start`` in its sentence."""
    return not _LINE_LABEL.sub("", text[:start], count=1).strip(" \"“‘'(")


_WORD_CHARS = re.compile(r"[\w’'-]")


# A capitalised word right before or after a name: with it the words are another, longer name.
_CAPITALISED_BEFORE = re.compile(r"(?:^|\s)([A-Z][\w'’.-]*)\s+$")
_CAPITALISED_AFTER = re.compile(r"\s+([A-Z][\w'’-]*)")


def _inside_longer_name(text: str, start: int, end: int, article_text: str) -> bool:
    """Whether a one-word name the model found elsewhere is here a word of a longer capitalised name
    ("Fallen Order" after "Order 66"; "Trump Tower"). A title before it ("President Trump"), the sentence's
    first word ("Yesterday Trump said", unless the article writes the two words together more than once)
    and a day or month after it ("said Trump Tuesday") leave it a name."""
    if " " in text[start:end]:
        return False
    before = _CAPITALISED_BEFORE.search(text, max(0, start - 40), start)
    if before and not is_role_word(before.group(1)) and before.group(1).lower() not in HONORIFICS and (
            before.start(1) > 0 or article_text.count(f"{before.group(1)} {text[start:end]}") > 1):
        return True
    after = _CAPITALISED_AFTER.match(text, end)
    return bool(after) and after.group(1) not in CALENDAR_NAMES and not is_role_word(after.group(1))


def _standalone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole word run: no word character (or ’ ' -) touches either end."""
    before = text[start - 1:start]
    after = text[end:end + 1]
    return not (before and _WORD_CHARS.match(before)) and not (after and (after.isalnum() or after in "_-"))


@lru_cache(maxsize=4)
def _lowercase_words(text: str) -> frozenset[str]:
    """The article's lowercase words; kept for the article's next reader (the propagation and the common-word
    filter each ask, for the same text)."""
    return frozenset(re.findall(r"\b[a-z][\w'’-]*", text))


def _is_name(text: str, kind: str = ORGANISATION, located: bool = False) -> bool:
    """Whether an entity the model found can be an actor: letters in it, not only titles, not a place."""
    name = clean_name(text)
    words = name.split()
    if not words or not any(ch.isalpha() for ch in name) or len(name.replace(".", "")) < 2:
        return False
    if _MARKUP.search(name):
        return False  # "STATICFILES_DIRS", "^ Schubert" (a reference list's caret): code and markup, no one's name
    if all(is_role_word(w) for w in words) and not (kind == ORGANISATION and _INSTITUTION_WORDS.issuperset(
            w.lower() for w in words)):
        return False  # a title alone ("President", "Prime Minister"); "Treasury", "Labour" are institutions
    if len(words) == 1 and name.endswith(".") and name[:-1].lower() in _ABBREVIATED_WORDS:
        return False  # "Sept. 11", "No. 2": a month or a number the model reads as a name
    if len(words) == 1 and (name.lower() in WEEKDAYS or name.lower() in HOLIDAYS):
        return False  # "said Friday that", "before Christmas": a day, which a model may type as a name
    if _PARTY_AND_STATE.match(name):
        return False  # "Sen. Kay Bailey Hutchison (R-Texas)": a label on the name, not an actor
    if name in SEATS_OF_POWER:
        return kind == ORGANISATION  # "the White House said" (also a town in Tennessee)
    if is_thing(name) or is_document(name) or is_natural_place(name, person=kind == PERSON):
        return False  # "ICBM", "Patriot Act", "MPs", "Cape Fiolent" (analysis.actors.things)
    # The model sometimes calls a sea, a region or a country an organisation ("Pacific", "Crimea"). A
    # city or a state it calls an organisation is most often a team or club ("Newcastle", "Surrey",
    # "Texas"; 217 of 229 on CoNLL-2003 dev's tune slice), so those stay.
    place = ner.place_kind(name)
    return place in ("", "town") or (kind == ORGANISATION and place in _CLUB_PLACES and not located)


# Characters no name is written with: code's underscore, markup and a reference list's marks.
_MARKUP = re.compile(r"[_^=<>{}\[\]\\#*~|]")
# Titles written with a stop: "Sen.", "Gov.", "Del." (honorifics and role words that end in one).
_DOTTED_TITLES = frozenset(w for w in HONORIFICS | ROLE_WORDS if w.endswith("."))
# Role words that name an institution when the model reads them as an organisation ("the Treasury",
# "Labour", "Conservative Party"), not a person's title ("Finance Minister" stays a title).
_INSTITUTION_WORDS = frozenset("""treasury labour labor conservative conservatives liberal socialist democrat democratic
republican party union security intelligence justice defence defense interior trade health education energy
environment transport agriculture""".split())
# Words news abbreviates with a stop before a number: the months ("Sept.", "Dec.") and "No.".
_ABBREVIATED_WORDS = frozenset({m[:3] for m in MONTHS} | {"sept", "no", "nos"})
# Places whose names clubs and teams take.
_CLUB_PLACES = frozenset({"city", "state"})
# ... unless the words before it say where: "in Chicago", "archbishop of Cincinnati".
_WHERE = re.compile(r"\b(?:in|near|outside)\s+(?:the\s+)?$", re.IGNORECASE)


def _where_before(text: str, start: int) -> bool:
    """``_WHERE.search(text, 0, start)``, searched from the second last run of non-spaces before ``start``.

    A match ("in", "in the") ends at ``start`` and holds at most two such
    runs: the search need not try every place of the sentence before them.
    """
    body = text[:start].rstrip()
    if len(body) == start:
        return False  # no space before start
    last = body[:len(body) - len(body.rsplit(None, 1)[-1])].rstrip() if body else ""
    return bool(_WHERE.search(text, len(last) - len(last.rsplit(None, 1)[-1]) if last else 0, start))


# US papers' party and state after a politician's name: R-Texas, D-N.Y., I-Vt.; "Democrat of North Carolina".
_PARTY_AND_STATE = re.compile(r"^(?:%s|(?:Democrat|Republican|Independent) of .+)$" % PARTY_AND_STATE)


def _scores(article: Article, found: list[_Found]) -> list:
    """Target sentiment toward the name at each mention, the other names of its sentence masked."""
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for m in found:
        by_sentence.setdefault(m.sentence_index, []).append((m.start, m.end))
    items = [(article.sentences[m.sentence_index].text, m.start, m.end,
              [span for span in by_sentence[m.sentence_index] if span != (m.start, m.end)]) for m in found]
    return target_sentiment.score_many(items)


def _quotes(article: Article, mentions: list[Mention], keys: list[str]) -> list[Quote]:
    """Direct quotations, their speakers as key numbers (-1 unknown)."""
    named = []
    for m in mentions:
        sentence = article.sentences[m.sentence_index]
        # "Trump’s public remarks": the quote finder reads a possessive with its owner.
        owned = re.match(r"['’]s?", article.text[m.end:min(m.end + 2, sentence.end)], re.IGNORECASE)
        named.append(ArticleMention(m.start, m.end + (owned.end() if owned else 0), keys[m.key], m.type))
    number = {key: i for i, key in enumerate(keys)}
    rows = []
    for quote in quote_finder.find_quotes(article, named):
        speaker = number.get(quote.speaker, -1)
        written = quote.speaker if speaker < 0 and quote.speaker != quote_finder.UNKNOWN else ""
        rows.append(Quote(quote.sentence_index, quote.start, quote.end, speaker,
                          -1 if quote.speaker_start is None else quote.speaker_start,
                          -1 if quote.speaker_end is None else quote.speaker_end, quote.cue, quote.text, written))
    return rows
