"""Every cached result's version, in one place, derived from what the result is computed from.

The rule: a cached result (a per-article task, or a corpus-wide one such as a
story's claims) is recomputed when an input that :data:`TASK_INPUTS` lists for
it changes. An input's version is its number in :data:`INPUT_VERSIONS`, bumped
by hand, or, for the inputs a bump would be forgotten for, a digest of their
contents: the hand-written word lists of :mod:`analysis.text` (``"word lists"``)
and the source files of the modules :data:`SOURCE_INPUTS` names. So a change to
stemming is one bump here, and every task reading stems is recomputed, none by
hand; editing a word list or the actors' code recomputes what reads it with no
bump at all. (The shipped models and tables are digested apart, for every task,
by :func:`analysis.engine.cache.library_versions`.)

Why source digests, not numbers plus a test that a listed file's digest moved
only with a bump: the actors' corpus-wide code is edited by many hands, each
edit moving no per-article input; a digest cannot be forgotten, needs no
committed record to update (and to conflict on), and costs one recompute of
about 3 s on the 2,225 BBC articles. Listing it as an input of its own, as the
word lists are, leaves one mechanism: what a task reads is in TASK_INPUTS.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path

from analysis.engine._once import load_once
from analysis.text import abbreviations, name_heads, roles, speech, words

__all__ = ["INPUT_VERSIONS", "SOURCE_INPUTS", "TASK_INPUTS", "task_key", "task_version"]

WORD_LISTS = "word lists"

# Bump an input when it gives something else for the same text. History, newest last.
INPUT_VERSIONS = {
    # analysis.corpus.text / pages / furniture: an article's clean text, title, outlet (the parsed-article cache).
    # 5: page prompts ("Continue reading the main story") cut wherever a crawl left them.
    # 6: a saved page's headline loses a kicker, a site name written as its domain, a section label.
    # 7: og:site_name names the site when JSON-LD's publisher is an address (the headline loses that name).
    # 8: a logo <h1> (linking home) is no headline; the <h1> inside <article> wins; <title> cut at the site name.
    # 9: newsletter and follow prompts run into a paragraph ("… may be reached at …. Follow her on Twitter") cut.
    # 10: Indonesian, Turkish, Polish, Swedish, Danish, Romanian, Czech and Vietnamese told apart (were "und").
    # 11: a newspaper's closing credit line ("Keith Bradsher contributed reporting from Hong Kong.") goes.
    # 12: the JSON-LD headline confirms an <h1> among several, a kicker's colon cut, a quotation mark no longer
    # cuts a headline; a page declaring Latin-1 that is valid UTF-8 is read as UTF-8; a site's legal name or
    # Twitter handle gives way to the name it gives itself.
    # 13: the credit line rule: "Additional reporting was contributed by"; places only after "from"/"in"; no "research".
    "parsing": 13,
    # A saved page's author, date and outlet, which no analysis of the text reads (the parsed-article cache only).
    # 1: the byline printed on the page. 2: htmldate's day wins; an instant is kept only on that day (UTC).
    # 3: an embedded post's credit ("Ein Beitrag geteilt von") is no byline.
    # 4: Yoast's "Written by" card, several full names in a byline element, labels on their own line, the agency
    # a dateline credits, the copyright holder as the publisher.
    # 5: the day printed under the headline (the byline's) wins over htmldate's, unless an instant is on it.
    # 6: else a date line right above the headline.
    # 7: a stated instant on the hour, east of UTC, that is the midnight of the day the page prints.
    # 9: a date set in bold or linked inside a paragraph of prose is not printed under the headline.
    # 10: no date line above the headline is looked for past a menu (the masthead's is the day the page was read).
    # 11: a short paragraph that is a sentence is prose: its date is no header's.
    # 12: a site's name loses a tagline, a copyright sign and year, and is never a web address; authors from
    # hCards and labelled byline elements.
    # 13: a date labelled as the publication's wins over one printed before it; RFC 2822 dates read; an
    # outlet's credit with its address ("SPIEGEL ONLINE, Hamburg, Germany") names no one; "Von X, Berlin": X.
    # (Also recomputes the header line's name and htmldate's day beside an instant, landed after 12.)
    # 14: Dublin Core's "Surname, Given" in print order, a profile slug beside the name counted once, no place
    # from a credit line, a number is no name; no "until" date as the day; a CMS account ("admin") names no
    # one, and a date label run into a byline ("... Published 11:11 PM") is cut.
    # 15: a suffix after a Dublin Core comma ("Smith, Jr.") is no given name.
    # 16: a site name that is a piece of the address ("bild.de" beside "BILD", "nj", "Hosted") gives way.
    # 17: titles split at "│" and at Korean titles' "ㅣ"; a site name beside its address ("X | X.com") is X; a
    # handle gives way to the address a title ends with.
    # 18: "Autorin/Autor" labels; a job before the name ("Rechtsanwalt X") cut; an address in an author tag is
    # no name (a mailbox none, a site its address); a CJK name is no handle; a stated instant at another time
    # than the header prints loses to the printed day; a photo caption's date is no header's.
    # 19: a fact check's claimant (ClaimReview itemReviewed author) is no author; htmldate's 1 January with
    # nothing stated or printed is a year alone, no day.
    # 20: a Twitter account with an underscore, stars, the headline are no site names; "name / address" is the
    # name; an account gives way to a title's piece naming the domain; a small-letter label stays when no better.
    # 21: "von jdoe am <day>" is a byline, a linked byline's date no teaser's; a Chinese page's credit ("责编：").
    # 22: a modal, a dialog or a caption after the headline is neither the header's date nor its prose.
    # 23: a site name written small is capitalised, but not after an apostrophe ("Didn't", not "Didn'T").
    # 24: a stated instant keeps the offset the page wrote ("23:37:00-05:00", not "04:37:00Z" the next day).
    # 25: an instant on the printed day in some time zone is written on the clock the page prints beside the day;
    # a printed day whose day and month could swap ("3/5/2022 22:41") is read the way that clock shows the instant.
    # 26: a complete save's "saved from url" line, a single-file save's address: the url of a page naming none.
    # 27: a site name's city and country after it ("SPIEGEL ONLINE, Hamburg, Germany") is cut.
    "page metadata": 27,
    # Where sentences start and end, and which are body sentences. 2: "Del." (a delegate) ends none.
    "sentence split": 2,
    # What a word's stem is (analysis.text.words). 2: stems lost the hand synonym list (WordNet links them now).
    "stemming": 2,
    # Copies' normal form of a word and its 64-bit hash.
    "word hashing": 1,
    # YAKE and the clean-up. 4: stems no longer merge the hand synonyms, so fewer near-duplicates merge.
    # 5: a closing single quotation mark on a keyword's last word goes ("Message’" -> "Message"). 6: a keyword
    # after a capitalised word and "of" is cut from a name ("State Hillary Clinton" of "Secretary of State ...").
    # 7: "of" cuts a name only after a name's head ("Secretary of State"), not a person ("Feinstein of California");
    # "notes", "comments", "remarks" are nouns again to the fragment rule.
    "keywords": 7,
    # The name finder's reading of an article: 2: a lone surname joins the person's full name whatever type
    # the model gave it. 3: a lone surname read as a person joins a full name typed as an organisation.
    # 4: party and state labels ("R-Texas") are no actors. 5: "AARP CEO Barry Rand ... calling it": the
    # officer speaks. 6: quotes name a speaker the name finder missed. 7: a name's type is the vote of its
    # mentions; "X and Y" two names; clubs named after a city or state kept. 8: "Treasury", "Labour" are
    # organisations. 9: a city after "in" is a place; "Ontario-based Magna" is Magna. 10: a title before a
    # name, or a company's ending, weighs in the type vote. 11: named records, offsets in the article text.
    # 12: a lone institution word ("Council") joins the full name its article gives, or goes.
    # 13: acronyms WordNet files as made things ("ICBM") are no actors. 14: capes and seas are places, a name
    # written before a weapon ("Oreshnik ballistic missile") that weapon. 15: quotes: "Del." is a title, a
    # quotation inside a quotation is part of it, a pronoun skips a name the article calls by the other one.
    # 16: called him a "…" who is "…": one speaker; "where he appeared at a 2014 Senate hearing": he speaks.
    # 17: a quotation signed with a name ("“…” — Jane Smith, 34, Phoenix"; a label paragraph before it).
    # 18: a quotation opening its sentence after one reporting someone's words ("Lund said …. “…”") is theirs.
    # 19: a name in an apposition or closing an attribution that the name finder missed; "X of Y" is X.
    # 20: a gendered pronoun with no salient name of its kind takes the one the article calls by it.
    # 21: an acronym spelt out as a made thing ("unmanned aerial vehicles (UAVs)") is none; a person keeps
    # "Lake" as surname; "IRA bombs" are the IRA's. 22: a quotation going on with its speaker names them
    # again for a later "she added". 23: a lone surname two people share votes no pronoun; after lowercase
    # titles an apposition's name must close it. 24: Marcia "Cia" Price speaks as Marcia Price.
    # 25: a first name alone votes a pronoun; a shared surname goes to the one its "Mr."/"said he" names;
    # later quotations of a sentence keep its speaker when no one else stands between. 26: quoted paragraphs
    # a page ran into one line ("…. "…."), each a quotation. 27: "described by X as “…”": the agent speaks;
    # "…, who said": the name "who" follows. 28: "…, Hutchinson said, adding": a name no mention gives.
    # 29: the name opening a clause a colon closes speaks ("Ryan shot back: “…”"), never a preposition's object.
    # 30: "So says X"; "told by X that “…”" is X's. 31: the sentence before names who goes on to speak when
    # X spoke, described, or was asked ("Asked about it, X was blunt. “…”"). 32: a possessor alone speaks only
    # through its words or spokesmen ("Blair's spokesman said"), not "Michael Jackson's mother said".
    # 33: an article the loader finds in another language than English is not read for names.
    # 34: a greeting opening a name ("Hey Twitter") is not part of it; a currency code before an amount
    # ("Rs 300") is money; a run across table cells ("Pos | Player") is no name.
    # 35: what the article says a name is decides its type ("search giant Google", "Smith, 45,"); the planets
    # and a body after its class noun ("Saturn's moon Titan") are no actors. 36: a name given in the passive
    # ("HP is called “feather duvet lung”", "so-called “…”") quotes no one. 37: the present a feature writes after
    # a quotation ("“…,” notes Jane Smith"; comments, remarks, observes, concludes, jokes, muses …) is a cue.
    # 38: a one-word name found only where every word is capitalised (a sentence's or quotation's start, after
    # "Q:") that the article also writes in lowercase is the common word ("“Meth. We're on it.”").
    # (The name finder's document context, 0e7c48c, changed the names too, and its pronoun rule reads every verb
    # of saying: the shipped model's digest is in the key already.)
    # 39: a seat of government the model reads as a place ("the Kremlin", "the White House") is an organisation.
    # 40: review mends: no list search backtracks; people's words ("campaign chairman", "shares", "operator") are no
    # company cues; no "Mars" or craft names as bodies; present-tense cues for quotations only.
    # 41: a month after a person's name is its surname ("Theresa May"); a name the model reads as a place we do
    # not list is an organisation where the sentence says so ("the chief executive of Tesla", "Amazon shares
    # fell"), and yields to that name elsewhere in the article.
    # 42: a job "at" a workplace and an organisation's head word ("Jeongdong Theater") are company cues; "New"
    # before a name is no qualifier ("New York Times" was "York Times"); a person's initials join no acronym
    # of another article; a full name's initials are the person's.
    # 43: a one-word name the model found is no mention where it is a word of a longer capitalised name
    # ("Fallen Order" after "Order 66").
    # 44: a weekday is no name ("said Friday that"); an acronym joins no person as a first name ("MIT", "Mitt").
    # 45: in an article, a short acronym ("U.N.", "UN") is no person's surname ("Kim Jong Un").
    # 46: an organisation's name keeps the role words before its head ("Justice Department", "Security Council",
    # "Democratic National Committee" had all become "Department", "Council", "Committee").
    # 47: a title-case headline's capitalised verb or preposition ends a name ("Obama On 9/11 ...").
    # 48: a law or a document ("Affordable Care Act", "White Paper") and a plural acronym ("MPs") are no actors.
    # 49: a party and a state after a name ("McCain, R-Ariz."), a title inside its span ("Representative Nancy
    # Pelosi") or a person's role and a comma before it ("the House Democratic leader, Nancy Pelosi") make it a person.
    # 50: "Theater" and "Theatre" make a run an organisation's everywhere (actors.names' organisation words now
    # build on name_heads.ORGANISATION_HEADS, which held them alone).
    # 51: a feast or a holiday written alone ("Christmas", "Ramadan") is no name.
    # 52: the type cue's party and state is the mentions' (roles.PARTY_AND_STATE): "R-Ariz." with a hyphen only.
    # 53: a company's head word ends a name as an organisation's ("Forrester Research", "Creative Labs"); pollster,
    # pundit and philosopher are role words (a title before a name, cut from it).
    # 54: formats and technologies written short ("DVD", "HDTV", "3G", "Wi-Fi": name_heads.FORMAT_NAMES) are things.
    # 55: a US state after its city ("Newtown, Conn.", "Austin, TX") is no actor; an office the model read into a
    # name ("House Minority Leader Nancy Pelosi") is left before the person's name; "companies Dell, Samsung and".
    # 56: code and markup ("STATICFILES_DIRS", "^ Schubert") are no names; URL, PDF, HTML and other formats are things.
    # 57: an organisation's short name takes the full one named before it ("Security Council" after "United Nations
    # Security Council"), not a city's or a state's branch; an organisation's possessive before a given name and a
    # surname ("NBC's Lester Holt") makes a person.
    "names": 57,
    # figure_parse and measured. 2: sentences with no figure anchor skipped; number words never the noun.
    # 3: an age used as a noun measures no following verb ("the 49-year-old teaches").
    "figures": 3,
    # VADER over sentences and articles (its own version is in the cache key already).
    "tone": 1,
    # Grouping articles into events, given their stems. 2: settings chosen on dev data; far-apart dated pairs
    # keep their own no-fact weight. 3: kept in the cache as analysis.frame_json writes a frame (dtypes named).
    "events": 3,
    # How alike two articles' words are (analysis.text.tfidf: its weighting). 1: log tf, 10 pseudo-documents.
    "article similarity": 1,
    # A story's claims, given its sentences. 2: claims cross story lines when the articles fit the Story page.
    # 3: a pair shares more than names and verbs of saying; clashing figures for one counted fact link.
    # 4: two stories' sentences pair at a higher cut than one story's. 5: a dash opens a clause.
    # 6: kept in the cache as analysis.frame_json writes a frame (dtypes named).
    # 7: across two stories a pair matches two words or more, or is said alike. 8: ... or is one sentence word
    # for word.
    "claims": 8,
    # Lining the figures of a story up by fact. 2: kept in the cache as analysis.frame_json writes a frame.
    # 3: with the stories known, a fact spans two only where their sentences say one thing around the figures.
    "figure table": 3,
    # Themes suggested for a corpus. 2: (as before this registry). 3: a word joins a theme only while the
    # sentences it newly covers lie mostly in the theme's units; the shared IDF. 4: a plural term is kept as
    # its singular when the corpus writes both.
    # 5: labels take a theme's nouns (WordNet), and a theme of one word that is no noun goes.
    # 6: a label's noun test takes proper nouns' words ("russian").
    "themes": 6,
    # Who counts under an actor or a topic over time. 2: kept in the cache as analysis.frame_json writes a frame.
    "timeline memberships": 2,
    # The actors of a corpus: names joined across articles, an actor table's matches, each mention's voice.
    "actor layer": 1,
    # How each article treats each actor, given the layer (the counts and the treatment model's features).
    # 2: the paragraph word model's three readings (paragraph_words.tsv.gz, trained on PerSenT's paragraph
    # labels) are features of the treatment model.
    "treatment": 2,
}
# Inputs versioned by the digest of their modules' source files: the code of corpus-wide results many hands
# edit, where a change (two spellings of a name joined, a new feature) moves no per-article input. Any edit
# recomputes what lists them (about 3 s on the 2,225 BBC articles, once); none is served stale.
SOURCE_INPUTS = {
    "actor layer code": ("analysis.actors.evidence", "analysis.actors.resolve", "analysis.actors.lexicon_match",
                         "analysis.actors.names", "analysis.actors.name_forms", "analysis.actors.records",
                         "analysis.lexicon"),
    "treatment code": ("analysis.actors.sentiment", "analysis.models.treatment_features",
                       "analysis.models.treatment", "analysis.models.paragraph_words"),
}

_PER_ARTICLE = ("parsing", "sentence split")
_ACTOR_LAYER = ("actor layer", "actor layer code")
TASK_INPUTS = {
    "analysis.corpus.parsed": (*_PER_ARTICLE, "page metadata"),
    "analysis.keywords.article_keywords": (*_PER_ARTICLE, "keywords", "stemming", WORD_LISTS),
    "analysis.actors.mentions.article_mentions": (*_PER_ARTICLE, "names", WORD_LISTS),
    "analysis.actors.sentiment.sentence_sentiment": (*_PER_ARTICLE, "tone"),
    "analysis.models.treatment_features.article_tone": (*_PER_ARTICLE, "tone"),
    "analysis.article_similarity.article_stems": (*_PER_ARTICLE, "stemming", WORD_LISTS),
    "analysis.story.events.article_sentence_stems": (*_PER_ARTICLE, "stemming", WORD_LISTS),
    "analysis.story.copies.article_words": ("parsing", "word hashing"),
    "analysis.story.figures.article_figures": (*_PER_ARTICLE, "figures", "stemming"),
    "analysis.story.events.find_events": (*_PER_ARTICLE, "stemming", WORD_LISTS, "article similarity", "events"),
    "analysis.story.claims.event": (*_PER_ARTICLE, "stemming", WORD_LISTS, "claims", "figures", "figure table"),
    "analysis.story.figures.table": (*_PER_ARTICLE, "figures", "stemming", "figure table"),
    "analysis.themes.suggest_themes": (*_PER_ARTICLE, "keywords", "stemming", WORD_LISTS, "themes"),
    "analysis.timeline.memberships": (*_PER_ARTICLE, "names", "keywords", "stemming", WORD_LISTS,
                                      "timeline memberships"),
    "analysis.actors.evidence.actor_layer": (*_PER_ARTICLE, "names", WORD_LISTS, *_ACTOR_LAYER),
    "analysis.actors.sentiment.treatment": (*_PER_ARTICLE, "names", WORD_LISTS, "tone", *_ACTOR_LAYER,
                                            "treatment", "treatment code"),
}


@load_once
def word_lists_digest() -> str:
    """A digest of analysis.text's word lists and word patterns, as they are in this process."""
    found = {}
    for module in (abbreviations, name_heads, roles, speech, words):
        for name, value in sorted(vars(module).items()):
            if isinstance(value, (frozenset, set)) and all(isinstance(v, str) for v in value):
                found[f"{module.__name__}.{name}"] = sorted(value)
            elif isinstance(value, re.Pattern):
                found[f"{module.__name__}.{name}"] = value.pattern
    return hashlib.sha256(json.dumps(found, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]


@load_once
def _source_digests() -> dict[str, str]:
    """Per :data:`SOURCE_INPUTS` entry, a digest of its modules' source files as they are on disk."""
    digests = {}
    for name, modules in SOURCE_INPUTS.items():
        digest = hashlib.sha256()
        for module in modules:
            digest.update(Path(importlib.util.find_spec(module).origin).read_bytes())
        digests[name] = digest.hexdigest()[:12]
    return digests


def _input_version(name: str) -> object:
    if name == WORD_LISTS:
        return word_lists_digest()
    if name in SOURCE_INPUTS:
        return _source_digests()[name]
    return INPUT_VERSIONS[name]


def task_version(task: str) -> str:
    """"v" and a short digest of the versions of what ``task`` is computed from.

    A task missing from TASK_INPUTS (a test's or a bench's own function) depends on nothing named here;
    tests/test_versions.py checks that every task the analyses cache is listed.
    """
    inputs = TASK_INPUTS.get(task, ())
    versions = {name: _input_version(name) for name in inputs}
    return "v" + hashlib.sha256(json.dumps(versions, sort_keys=True).encode()).hexdigest()[:10]


def task_key(task: str) -> str:
    """The name a task's results are kept under in the cache: the task and its version."""
    return f"{task}/{task_version(task)}"
