"""One actor per person or organisation across the corpus, whatever each article calls them.

Each article's names come with article-local keys (``article_mentions``):
"Kim" in an article that also says "Kim Jong Un" already carries his key.
Here keys are merged across articles: the same name whatever its spelling
(``spelling_key``: Zelensky, Zelenskyy, Zelenskiy), a middle initial or not,
a surname alone in an article that never gives the full name (when the corpus
knows one person by it), a familiar given name (Dave Brat, David Brat), an
acronym and the organisation it abbreviates. The actor's name is the full form
the articles use most.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from analysis.actors.mentions import ORGANISATION, PERSON
from analysis.actors.records import mentions_of
from analysis.actors.names import (clean_name, initials, is_acronym, is_short_acronym, name_key, nicknamer,
                                   spelling_key)
from analysis.corpus import Article

__all__ = ["Actor", "Resolution", "resolve"]

# A surname alone joins the most named full name ending in it only when that
# person is named this many times as often as the next one with that surname
# (two Clintons in a corpus: "Clinton" alone stays apart).
SURNAME_DOMINANCE = 2.0


@dataclass(frozen=True)
class Actor:
    """A person or organisation the corpus names: canonical name, type, the other names it goes by."""

    name: str
    type: str  # PERSON or ORGANISATION
    aliases: tuple[str, ...]  # other spellings and short forms found in the articles
    mentions: int
    articles: int


@dataclass
class Resolution:
    """Every actor of a corpus and which article-local name stands for which actor."""

    actors: tuple[Actor, ...]  # most mentioned first
    # (article number, key number) -> actor name; article numbers follow the articles given
    owner: dict[tuple[int, int], str] = field(repr=False)

    def actor(self, name: str) -> Actor:
        for actor in self.actors:
            if actor.name == name:
                return actor
        raise KeyError(name)


@dataclass
class _Group:
    """Article-local names merged so far: counts, type votes, the forms written."""

    members: dict[tuple[int, int], None] = field(default_factory=dict)  # an ordered set
    types: Counter = field(default_factory=Counter)
    forms: Counter = field(default_factory=Counter)
    articles: set[int] = field(default_factory=set)

    def absorb(self, other: "_Group") -> None:
        self.members.update(other.members)
        self.types.update(other.types)
        self.forms.update(other.forms)
        self.articles |= other.articles

    @property
    def type(self) -> str:
        return PERSON if self.types[PERSON] >= self.types[ORGANISATION] else ORGANISATION

    @property
    def count(self) -> int:
        return sum(self.types.values())


def resolve(articles: Sequence[Article], results: Sequence[dict]) -> Resolution:
    """Merge the per-article names of ``results`` (from ``article_mentions``, one per article) into actors."""
    groups: dict[str, _Group] = {}
    for number, (article, result) in enumerate(zip(articles, results)):
        keys = result["keys"]
        for m in mentions_of(result):
            group = groups.setdefault(spelling_key(keys[m.key]), _Group())
            group.members.setdefault((number, m.key))
            group.types[m.type] += 1
            group.forms[clean_name(article.text[m.start:m.end])] += 1
            group.articles.add(number)
    _merge_initials(groups)
    _merge_nicknames(groups)
    _merge_surnames(groups)
    _merge_acronym_heads(groups)
    _merge_acronyms(groups)
    actors, owner, taken = [], {}, set()
    for group in sorted(groups.values(), key=lambda g: (-g.count, _canonical(g))):
        name = _canonical(group)
        if name in taken:
            name = f"{name} ({group.type})"
        taken.add(name)
        aliases = tuple(sorted(f for f in group.forms if f != name))
        actors.append(Actor(name, group.type, aliases, group.count, len(group.articles)))
        for member in group.members:
            owner[member] = name
    return Resolution(tuple(actors), owner)


def _canonical(group: _Group) -> str:
    """The full form used most ("Vladimir Putin" over "Putin"); written as the articles write it."""
    longest = max(len(f.split()) for f in group.forms)
    full = [f for f in group.forms if len(f.split()) == longest or (longest > 1 and len(f.split()) > 1)]
    # All-capitals forms come from headlines or shouting; prefer one in ordinary case. On a tie,
    # the form written first (forms keep the order they were met in).
    order = {f: i for i, f in enumerate(group.forms)}
    return max(full, key=lambda f: (group.forms[f], not f.isupper(), len(f), -order[f]))


def _merge_initials(groups: dict[str, _Group]) -> None:
    """"j trump" joins "donald trump" when it is the only full name it can abbreviate."""
    full = defaultdict(list)
    for key in groups:
        words = key.split()
        if len(words) >= 2 and len(words[0]) > 1:
            full[(words[0][0], words[-1])].append(key)
    for key in list(groups):
        words = key.split()
        if len(words) == 2 and len(words[0]) == 1:
            targets = full.get((words[0], words[1]), [])
            if len(targets) == 1 and groups[key].type == PERSON:
                groups[targets[0]].absorb(groups.pop(key))


# Listed by the table as a short form (of Jonathan), but a given name in its own right far more often
# (BBC: "John Miller" and "Jonathan Miller" are two people).
_NAMES_IN_THEIR_OWN_RIGHT = frozenset({"john"})


def _familiar_form_of(familiar: str, given: str) -> bool:
    """Whether ``familiar`` is a familiar form of the given name ``given`` (dave of david, vince of vincent).

    The table is generous (it lists Ian for John, Billy for Robert, Polly for
    Paul), and across articles a wrong merge makes two people one: a form
    counts only when it is shorter and starts with the same letter. Bill for
    William and Ted for Edward are missed for it.
    """
    if familiar in _NAMES_IN_THEIR_OWN_RIGHT or len(familiar) >= len(given) or familiar[0] != given[0]:
        return False
    return given in nicknamer().canonicals_of(familiar)


def _merge_nicknames(groups: dict[str, _Group]) -> None:
    """"Dave Brat" joins "David Brat": one surname, one given name in its familiar form.

    Only a familiar form joins, never the full name it shortens, and only when
    the surname names one person in the corpus: with an Albert Smith and an
    Alfred Smith, "Al Smith" stays apart.
    """
    by_rest: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, group in groups.items():
        if group.type != PERSON:
            continue
        # The given name as written, not as spelling_key folds it ("Billy", not "bili").
        words = name_key(_canonical(group)).split()
        if len(words) >= 2 and len(words[0]) > 1:
            by_rest[spelling_key(" ".join(words[1:]))].append((words[0], key))
    for people in by_rest.values():
        if len(people) < 2:
            continue
        # Only where the surname names one person: every given name with it is one full name or
        # its familiar forms. In an archive a common surname is several people (BBC: Steve Jones
        # of the Dragons is not Wales's Stephen Jones).
        full = {g for g, _ in people if not any(_familiar_form_of(g, other) for other, _ in people)}
        if len(full) != 1:
            continue
        (given_full,) = full
        target = next(k for g, k in people if g == given_full)
        for given, key in people:
            if given != given_full and key in groups:
                groups[target].absorb(groups.pop(key))


def _merge_surnames(groups: dict[str, _Group]) -> None:
    """A lone name ("putin") joins the person the corpus names in full with it, when one dominates."""
    by_last: dict[str, list[str]] = defaultdict(list)
    by_first: dict[str, list[str]] = defaultdict(list)
    for key, group in groups.items():
        words = key.split()
        if len(words) >= 2 and group.type == PERSON:
            by_last[words[-1]].append(key)
            by_first[words[0]].append(key)
    for key in list(groups):
        if " " in key or key not in groups:
            continue
        group = groups[key]
        if is_short_acronym(max(group.forms, key=group.forms.__getitem__)):
            continue  # "MIT" is no first name ("Mitt", as spellings fold)
        candidates = by_last.get(key) or by_first.get(key) or []
        candidates = [c for c in candidates if c in groups]
        if not candidates:
            continue
        ranked = sorted(candidates, key=lambda c: -groups[c].count)
        best = groups[ranked[0]].count
        runner_up = groups[ranked[1]].count if len(ranked) > 1 else 0
        if best >= SURNAME_DOMINANCE * runner_up and (group.type == PERSON or group.count <= best):
            groups[ranked[0]].absorb(groups.pop(key))


def _merge_acronyms(groups: dict[str, _Group]) -> None:
    """"ICC" joins "International Criminal Court" when exactly one named organisation abbreviates to it."""
    # Each long name's initials, once: trying every acronym against every name took most of the
    # time on thousands of articles. (Absorbing an acronym adds a one-word form, which never
    # changes a group's longest form, so the index stays true while acronyms merge.)
    by_initials: dict[str, list[str]] = defaultdict(list)
    for key, group in groups.items():
        # organisations only: "LC" in one article is not Leon Cooperman of another
        if len(key.split()) >= 2 and group.type == ORGANISATION:
            longest = max(group.forms, key=lambda f: len(f.split()))
            if len(longest.split()) >= 2:
                by_initials[initials(longest)].append(key)
    for key in list(groups):
        group = groups.get(key)
        if group is None or " " in key:
            continue
        written = max(group.forms, key=group.forms.__getitem__)
        if not is_acronym(written):
            continue
        matches = [k for k in by_initials.get(written.replace(".", "").upper(), ()) if k != key]
        if len(matches) == 1:
            groups[matches[0]].absorb(groups.pop(key))


def _merge_acronym_heads(groups: dict[str, _Group]) -> None:
    """"UN Security Council" joins "United Nations Security Council": an acronym standing for a name's first words.

    Only when exactly one organisation of the corpus spells those words out
    and ends the same way ("U.S. Senate", "United States Senate").
    """
    by_tail: dict[str, list[tuple[str, str]]] = defaultdict(list)  # "security council" -> (key, "UN")
    for key, group in groups.items():
        words = key.split()
        if len(words) >= 3 and group.type == ORGANISATION:
            longest = max(group.forms, key=lambda f: len(f.split())).split()
            for cut in range(1, len(longest) - 1):
                by_tail[" ".join(words[-(len(longest) - cut):])].append((key, initials(" ".join(longest[:cut]))))
    for key in list(groups):
        group = groups.get(key)
        if group is None or group.type != ORGANISATION or len(key.split()) < 2:
            continue
        written = max(group.forms, key=lambda f: (len(f.split()), group.forms[f])).split()
        if len(written) < 2 or not is_acronym(written[0]):
            continue
        head, tail = written[0].replace(".", "").upper(), " ".join(key.split()[1:])
        matches = [k for k, letters in by_tail.get(tail, ()) if letters == head and k != key and k in groups]
        if len(set(matches)) == 1:
            groups[matches[0]].absorb(groups.pop(key))
