"""Names of people and organisations: what terms match an actor, and finding actors in text.

Discovery is deliberately rule-based: capitalised word runs, with titles and
nationalities stripped from their front, merged across the corpus by surname.
It needs no model, runs per article through the Runner, and every rule below
can be read and argued with.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from analysis.batch import Runner
from analysis.corpus import Article, Corpus
from analysis.lexicon import Lexicon, make_lexicon

__all__ = ["ActorSettings", "actor_terms", "article_name_candidates", "discover_actors", "is_personal_name"]


@dataclass(frozen=True)
class ActorSettings:
    """How actors are discovered; ``ActorSettings(min_mentions=3)`` for a big corpus."""

    # Minor figures (an aide quoted once) matter to an analyst comparing five
    # articles, so one mention is enough by default; raise it for big corpora.
    min_mentions: int = 1
    max_actors: int = 60


# Words that stand before a name and are not part of it. Lowercase compare.
_TITLES = frozenset(
    """president vice prime minister foreign defence defense secretary general
    chancellor senator sen sen. rep rep. representative gov gov. governor mayor mr mr. mrs mrs.
    ms ms. dr dr. prof prof. judge justice speaker ambassador envoy leader chairman chairwoman
    chair former acting deputy spokesman spokeswoman spokesperson aide adviser advisor
    sheikh crown gen gen. col col. lt lt. sgt sgt. capt capt. premier director commissioner
    chief minority majority whip house senate first lady attorney congressman congresswoman
    republican democrat democratic conservative liberal""".split()
)
# Popes and monarchs are known by title + regnal name; the title is part of the name.
_REGNAL_TITLES = frozenset("pope king queen prince princess emperor empress sultan patriarch".split())
# A hand-written gazetteer rather than a model: these words are capitalised in
# news prose exactly like names, but they are places, peoples and calendar
# words, never actors. Countries and demonyms that news about world affairs
# uses most, plus cities and regions seen in our corpora.
_GAZETTEER = frozenset(
    """ukraine ukrainian ukrainians russia russian russians america american americans
    u.s. us usa u.s.a. uk u.k. britain british england english france french
    germany german italy italian spain spanish china chinese japan japanese india indian
    iran iranian iraq iraqi israel israeli israelis syria syrian turkey turkish turkiye
    poland polish belarus belarusian georgia georgian canada canadian mexico mexican
    europe european europeans asia asian africa african western eastern northern southern
    west east north south middle gaza palestinian palestinians lebanon afghanistan afghan
    pakistan korea korean saudi arabia qatar egypt brazil australia australian
    moscow kyiv kiev washington beijing tehran jerusalem brussels istanbul ankara london
    paris berlin rome geneva crimea donbas donetsk luhansk kursk sumy kharkiv odesa
    zaporizhzhia kherson mariupol bakhmut minsk warsaw
    monday tuesday wednesday thursday friday saturday sunday weekend
    january february march april may june july august september october november december
    alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii
    idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia wisconsin wyoming
    christmas easter god""".split()
) | frozenset({"middle east", "middle eastern", "west asia", "united states", "new york",
               "soviet union", "north korea", "south korea", "saudi arabia", "white sea"})
# Words that make a capitalised run an organisation or group, not a person.
_ORG_WORDS = frozenset(
    """house party court council committee administration ministry department union nations
    group media news agency office bank fund foundation institute endowment university
    college company corporation inc ltd corp association organization organisation
    assembly parliament congress senate army navy force forces guard police service
    campaign commission board alliance coalition movement church times post journal network
    social lawmakers republicans democrats conservatives liberals officials members
    supporters leaders government state states federation republic kingdom security""".split()
)
_PARTICLES = frozenset("von van der den de da del di du la le bin al el ibn st. ter".split())
_ROMAN = re.compile(r"^(?=[MDCLXVI])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# A capitalised word (letters, inner apostrophes/hyphens/dots) or a dotted acronym (U.S.).
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’.\-]*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?$")
_SPEECH_VERBS = frozenset(
    "said says told added stated argued noted claimed insisted warned asked wrote replied "
    "announced urged called described praised criticized criticised admitted".split()
)
_PLACE_NOUNS = frozenset("region province oblast city area border front meeting summit talks".split())
_PLACE_PREPOSITIONS = frozenset("in into to at near from across toward towards outside inside".split())
# Capitalised only because they open a sentence; -ly adverbs are caught by rule.
_FUNCTION_WORDS = frozenset(
    """a an the this that these those it its he she they we i you his her their our in on at
    by for from of to with without within despite during after before while when where as if
    but and or so yet still however instead meanwhile additionally also nevertheless moreover
    furthermore although though because since until unless both either neither each every
    some many most more few several all no not one two three such other another there here
    what which who whom whose why how beyond among amid amidst against between through over
    under about above below around upon following according given reports beside besides
    then thus hence indeed overall nonetheless""".split()
)


def _fold(text: str) -> str:
    """``text`` without accents (Erdoğan -> Erdogan), as many outlets spell names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def is_personal_name(name: str) -> bool:
    """Whether ``name`` reads as a person's full name (two or more capitalised words, no org word)."""
    words = name.split()
    if len(words) < 2:
        return False
    for word in words:
        low = word.lower()
        if low in _PARTICLES:
            continue
        if low in _ORG_WORDS or low in _FUNCTION_WORDS or not word[:1].isupper() or _is_acronym(word):
            return False
    return words[0].lower() not in _GAZETTEER


def _surname(words: list[str]) -> str:
    """The last name with its particles (von der Leyen); '' when the name ends in a regnal number."""
    while words and words[-1].lower() in _SUFFIXES:
        words = words[:-1]
    if len(words) < 2 or _ROMAN.match(words[-1]) or len(words[-1]) < 2:
        return ""
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(words[start:])


def actor_terms(name: str, aliases: tuple[str, ...] | list[str] = ()) -> tuple[str, ...]:
    """Every term that matches the actor: name, aliases, a person's surname, accent-free spellings.

    A surname is added only for personal names (``is_personal_name``): "White
    House" must not match every "House". A regnal name ("Pope Leo XIV") gets
    no surname, since "XIV" alone is no name, but its title form ("Pope Leo").
    """
    terms = [name, *aliases]
    words = name.split()
    if len(words) >= 2 and _ROMAN.match(words[-1]) and words[0].lower() in _REGNAL_TITLES:
        terms.append(" ".join(words[:-1]))
    elif is_personal_name(name):
        surname = _surname(words)
        if surname:
            terms.append(surname)
    terms += [_fold(t) for t in terms]
    return tuple(t for t in make_lexicon([(name, terms)])[0][1]) if name.strip() else ()


def _is_headline(text: str) -> bool:
    """Title Case without a closing stop: a headline, whose capitals say nothing about names."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    if not words or text.rstrip().endswith((".", "?", "!", "”", '"')):
        return False
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _strip_front(words: list[str]) -> list[str]:
    """Drop titles and nationalities before a name ("Russian President Vladimir Putin")."""
    # Everything up to the last title is its qualifier ("Texas Gov. Rick Perry").
    titled = [i for i, w in enumerate(words[:-1]) if w.lower().rstrip(".") in _TITLES]
    if titled and words[0].lower() not in _REGNAL_TITLES:
        words = words[titled[-1] + 1:]
    while len(words) > 1:
        low = words[0].lower()
        if low in _REGNAL_TITLES:
            break
        if low in _TITLES or low in _GAZETTEER or _POSSESSIVE.search(words[0]):
            words = words[1:]
        else:
            break
    return words


def article_name_candidates(article: Article, settings: ActorSettings | None = None) -> list[dict]:
    """Capitalised name runs of one article, titles stripped, with counts and context evidence.

    Each dict: name, count, sentences (indices), the_before (times preceded by
    "the"), speech_after (followed by a speech verb), place_context (after "in",
    "to"... or before "region", "meeting"...), initial_only (never seen mid-sentence).
    """
    lower_words = set(re.findall(r"(?<![\w'’])[a-z][\w'’\-]*", article.text))
    found: dict[str, dict] = {}
    for sentence in article.sentences:
        if _is_headline(sentence.text):
            continue
        text = sentence.text
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        run: list[tuple[str, int]] = []
        last_end = 0
        for i, (word, start, end) in enumerate(tokens):
            if not run and not word[:1].isupper():
                last_end = end  # most words: no name to end or start here
                continue
            word, cut = _clean_token(word)
            capital = word[:1].isupper()
            particle = bool(run) and word.lower() in _PARTICLES
            if run and not ((capital or particle) and not text[last_end:start].strip()):
                _record(found, run, tokens, sentence, lower_words)
                run = []
            if capital or particle:
                run.append((word, i))
            last_end = end
            if run and (cut or _POSSESSIVE.search(word) or text[end:end + 1] in (",", ";", ":")):
                _record(found, run, tokens, sentence, lower_words)
                run = []
        if run:
            _record(found, run, tokens, sentence, lower_words)
    # A lone word seen only at sentence starts is a capitalised common word
    # ("Countermeasures against ..."), not a name.
    kept = [c for c in found.values() if not (c["initial_only"] and " " not in c["name"])]
    return sorted(kept, key=lambda c: (-c["count"], c["name"]))


def _clean_token(word: str) -> tuple[str, bool]:
    """The token as a name word, and whether the name must end here ("Ukraine-related")."""
    if _is_acronym(word) or re.fullmatch(r"[A-Z]\.", word):
        return word, False  # U.S., and a middle initial keeps its stop
    word = word.rstrip(".")
    parts = word.split("-")
    for k, part in enumerate(parts):
        if k and not part[:1].isupper():
            return "-".join(parts[:k]), True
    return word, False


def _record(found: dict[str, dict], run: list[tuple[str, int]], tokens, sentence, lower_words: set[str]) -> None:
    first_index = run[0][1]
    words = [_POSSESSIVE.sub("", w) for w, _ in run]
    # "Vadim Mitroshin The ..." (a run across a headline) must not end in a
    # function word: its "surname" would then match every "the".
    while words and (words[-1].lower() in _PARTICLES or words[-1].lower() in _FUNCTION_WORDS):
        words.pop()
    if first_index == 0 and words:
        opener = words[0]
        if opener.lower() in _FUNCTION_WORDS or opener.lower() in lower_words or opener.lower().endswith("ly"):
            words, first_index = words[1:], first_index + 1
    words = _strip_front(words)
    if not words:
        return
    name = " ".join(words)
    low = name.lower()
    if low in _GAZETTEER or all(w.lower() in _GAZETTEER | _TITLES | _REGNAL_TITLES for w in words):
        return
    start_index = run[-1][1] - len(words) + 1
    before = tokens[start_index - 1][0].lower() if start_index > 0 else ""
    after = tokens[run[-1][1] + 1][0].lower() if run[-1][1] + 1 < len(tokens) else ""
    entry = found.setdefault(
        name, {"name": name, "count": 0, "sentences": [], "the_before": 0, "speech_after": 0,
               "place_context": 0, "initial_only": True}
    )
    entry["count"] += 1
    if sentence.index not in entry["sentences"]:
        entry["sentences"].append(sentence.index)
    entry["the_before"] += before == "the"
    entry["speech_after"] += after in _SPEECH_VERBS
    entry["place_context"] += before in _PLACE_PREPOSITIONS or after in _PLACE_NOUNS
    entry["initial_only"] = entry["initial_only"] and start_index == 0


def _keeps_single_word(name: str, stats: dict) -> bool:
    """A lone capitalised word is an actor when it reads as an institution or a speaker."""
    if len(name.rstrip(".")) < 2:
        return False  # "I", or the R of "R-Texas"
    if _is_acronym(name):
        return True
    actor_evidence = stats["speech_after"] + stats["the_before"]
    return actor_evidence > stats["place_context"] and not stats["initial_only"]


_SUMMED = ("count", "the_before", "speech_after", "place_context")


def discover_actors(corpus: Corpus, settings: ActorSettings = ActorSettings(), *, runner: Runner | None = None) -> Lexicon:
    """People and organisations named in the corpus, most mentioned first, as a Lexicon.

    Forms are merged: "Putin" and "Putin's" join "Vladimir Putin"; "ICC" joins
    "International Criminal Court"; leftover forms become aliases.
    """
    per_article = (runner or Runner()).map(article_name_candidates, corpus.articles, settings)
    stats: dict[str, dict] = {}
    for candidates in per_article:
        for cand in candidates:
            total = stats.get(cand["name"])
            if total is None:
                stats[cand["name"]] = {key: cand[key] for key in _SUMMED} | {"initial_only": cand["initial_only"]}
                continue
            for key in _SUMMED:
                total[key] += cand[key]
            total["initial_only"] = total["initial_only"] and cand["initial_only"]
    names = _split_compounds(stats)
    owner: dict[str, str] = {}
    multi = sorted((n for n in names if len(n.split()) > 1), key=lambda n: (-len(n.split()), -stats[n]["count"], n))
    known = set(multi)
    for name in multi:  # shorter runs ending a longer name ("Tayyip Erdoğan") join it
        owner.setdefault(name, name)
        # Only the word-tails of a name can end it: look those up rather than
        # compare every pair of names (quadratic: minutes on 2,000 articles).
        for tail in _tails(name):
            if tail in known and owner.get(tail, tail) == tail:
                owner[tail] = owner[name]
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in multi:
        if owner[name] == name and is_personal_name(name):
            by_surname[_surname(name.split()).lower()].append(name)
    initials = {_initials(n): n for n in multi if owner[n] == n and not is_personal_name(n)}
    for name in names:
        if len(name.split()) > 1:
            continue
        people = by_surname.get(name.lower())
        if people:
            owner[name] = max(people, key=lambda n: stats[n]["count"])
        elif name in initials:
            owner[name] = initials[name]
        elif _keeps_single_word(name, stats[name]):
            owner[name] = name
    groups: dict[str, list[str]] = defaultdict(list)
    for form, head in owner.items():
        groups[head].append(form)
    totals = ((sum(stats[f]["count"] for f in forms), head) for head, forms in groups.items())
    scored = sorted((-n, head) for n, head in totals if n >= settings.min_mentions)
    # Alias lists only for the actors kept: a big corpus has thousands of names.
    kept = []
    for _, head in scored[: settings.max_actors]:
        terms = actor_terms(head)
        kept.append((head, [f for f in sorted(groups[head]) if f not in terms]))
    return make_lexicon(kept)


def _tails(name: str) -> list[str]:
    """The shorter names that ``name`` ends with, word by word ("Tayyip Erdoğan", "Erdoğan")."""
    return [name[i + 1:] for i, ch in enumerate(name) if ch == " "]


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _split_compounds(stats: dict[str, dict]) -> list[str]:
    """Names, with "Trump-Putin" style pairs of known names counted under each name instead."""
    names = []
    for name in list(stats):
        parts = name.split("-")
        if " " not in name and len(parts) > 1 and all(p in stats or p.lower() in _GAZETTEER for p in parts):
            for part in parts:
                if part in stats:
                    stats[part]["count"] += stats[name]["count"]
            continue
        names.append(name)
    return names
