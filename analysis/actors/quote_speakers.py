"""Who the words around a quotation name: a subject, a pronoun, a name after a role, a name as written.

The half of the quote finder (:mod:`analysis.actors.quotes`) that reads names: the mentions the
actors layer found (cleaned, each marked whether it can be a subject), the subject of a speaking
verb ("Tom Cole, an Oklahoma Republican, said"), the person a role introduces ("Clinton press
secretary Brian Fallon"), what a pronoun stands for, and, where the name finder found no name,
the name as the text writes it (:mod:`analysis.actors.speaker_names`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from analysis.actors.pronoun_gender import genders, pronoun_gender
from analysis.actors.quote_cues import (BOUNDARY, CALL, FILLER, GROUP_PRONOUNS, PREPOSITIONS, PRONOUNS, RELAY, SAY,
                                        SPEECH_NOUNS)
from analysis.text.roles import is_role_word
from analysis.actors.speaker_names import full_name, written_name
from analysis.corpus import Article
from analysis.corpus.text import Sentence

__all__ = ["UNKNOWN", "Found", "Last", "Mention", "Speakers"]

UNKNOWN = "unknown"
# A description this long before a verb is not its subject.
SUBJECT_MAX_WORDS = 10
# A role between an owner and a person is this many words at most: "Clinton deputy press secretary".
ROLE_MAX_WORDS = 4


@dataclass(frozen=True)
class Mention:
    """A name the name finder found, as the speaker search reads it."""

    start: int
    end: int
    actor: str
    type: str
    eligible: bool  # not the object of a preposition ("talks with Putin"): it can be a subject
    # The first eligible one of its type in its sentence, or one doing something ("Mr. Ryan
    # reminded"): what a later pronoun is taken to mean, rather than "her partner, Heather Poe".
    salient: bool


@dataclass
class Found:
    """An attribution in the making: the speaker, the words naming them, the cue."""

    speaker: str = UNKNOWN
    start: int | None = None
    end: int | None = None
    cue: str = "none"
    type: str = ""

    def as_cue(self, cue: str) -> Found:
        """The same speaker under ``cue``, unless the speaker words are a pronoun (that cue stays)."""
        return Found(self.speaker, self.start, self.end, self.cue if self.cue == "pronoun" else cue, self.type)


class Last(NamedTuple):
    """The quotation before, as the next one reads it."""

    close: int  # the closing mark of the previous quotation
    consumed: int  # where its attribution ends: the next quotation's cues start after it
    found: Found


def _only_titles(words: str) -> bool:
    """Whether the lowercase words of ``words`` are all titles and roles ("state Del.", "former aide")."""
    return all(is_role_word(w) for w in re.findall(r"(?<![\w.’'])[a-z][\w.\-]*", words))


def _before_label(text: str, floor: int, end: int) -> int:
    """Where the words before ``end`` stop once a label in brackets closing them is cut.

    "Rep. Kay Lund (D-Vt.) said", "Marcia Price (D-Newport News), shouted": the party and the place
    follow the name and are not it.
    """
    label = _LABEL_AT_END.search(text, floor, end)
    return label.start() if label else end


# Words that hand a sentence over to someone else: "…,” Lund said, but critics call it “…”.
_NEW_SUBJECT = re.compile(r"\b(?:but|while|whereas|although|though|however|yet|he|she|they|we|I|others|critics)\b",
                          re.IGNORECASE)
# What a possessor speaks through: its words ("Trump's statement", "the Bank's minutes") or the people who
# speak for it ("Mr Blair's spokesman", "Weiner's office"); not "Michael Jackson's mother".
_OWNS_WORDS = re.compile(rf"(?:['’]s?)?\s+(?:[a-z]+\s+){{0,2}}(?:{SPEECH_NOUNS}|apology|report|minutes|headline|spokes(?:man|"
                         r"woman|person|people|men|women)|office|campaign|team|staff|aides?|press|lawyers?|attorneys?|"
                         r"counsel|representatives?)\b")
# A sentence opening with the question put to its subject: "Asked about the shelter, Lund …".
_ASKED = re.compile(r"(?:When\s+)?(?:Asked|Pressed|Questioned)\b[^,;:]*,")
# A verb of saying after a name, closing a parenthetical attribution: "…, Hutchinson said, adding".
_SAYS_AFTER = re.compile(r"\s+(?:%s)\b" % "|".join(sorted(SAY)))
# A nickname in marks and a surname after a first name: Marcia "Cia" Price.
_NICKNAME_THEN_SURNAME = re.compile(r"\s+[“\"][A-Z][\w'’.\-]*[”\"]\s+([A-Z][\w'’\-]+)")
# What may follow a name's first words to the end of an apposition: a nickname, the rest of the name.
_NAME_REST = re.compile(r"(?:\s*[“\"][^“”\"]{1,30}[”\"])?(?:\s+[A-Z][\w'’.\-]*)*\s*")
# A short bracketed label ending the words before a verb, with the comma after it: " (D-Vt.),".
_LABEL_AT_END = re.compile(r"\s*\([^()]{1,40}\)[\s,]*$")


class Speakers:
    """One article's text, its usable mentions, and the speakers named so far."""

    def __init__(self, article: Article):
        self.text = article.text
        self.sentences = article.sentences
        self.starts = [s.start for s in self.sentences]
        self.paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", self.text)]
        self.paragraph_starts = [a for a, _ in self.paragraphs]
        self.mentions: list[Mention] = []
        self.mention_starts: list[int] = []
        self.known: set[tuple[str, str]] = set()  # (actor, type): the full names a lone surname may stand for
        self.events: list[tuple[int, str, str]] = []  # (position, actor, type) of each named speaker
        self.lowercase: set[str] | None = None  # the article's lowercase words, read when first needed
        self.genders: dict[str, str] | None = None  # actor -> "he" / "she" (pronoun_gender), read when first needed

    def use(self, mentions: Sequence, quoted: Callable[[int], bool]) -> None:
        """Take the name finder's mentions (objects with start, end, actor, type) outside ``quoted`` words."""
        self.mentions = self._clean(mentions, quoted)
        self.mention_starts = [m.start for m in self.mentions]
        self.known = {(m.actor, m.type) for m in self.mentions}

    def _clean(self, mentions: Sequence, quoted: Callable[[int], bool]) -> list[Mention]:
        """Usable mentions outside quotations, in order; of overlapping ones the earlier, longer is kept."""
        usable = []
        for m in mentions:
            try:
                start, end, actor, kind = int(m.start), int(m.end), str(m.actor), str(m.type)
            except (AttributeError, TypeError, ValueError):
                continue
            if 0 <= start < end <= len(self.text) and actor.strip() and not quoted(start):
                usable.append((start, -end, actor, kind))
        kept: list[Mention] = []
        firsts: set[tuple[int, str]] = set()
        for start, neg_end, actor, kind in sorted(usable):
            if kept and start < kept[-1].end:
                continue
            eligible, first = self._eligible(start), (self._sentence(start).index, kind)
            verb = re.match(r"\s+(?:[a-z]+ly\s+|also\s+|later\s+)?([a-z]+)", self.text[-neg_end:-neg_end + 40])
            acts = bool(verb) and (verb.group(1) in SAY or verb.group(1).endswith("ed"))
            salient = eligible and (first not in firsts or acts)
            firsts.update([first] if eligible else [])
            kept.append(Mention(start, -neg_end, actor, kind, eligible, salient))
        return kept

    def _eligible(self, start: int) -> bool:
        before = re.split(r"[,;:(—–\"“”]", self.text[max(0, start - 60, self._sentence(start).start):start])[-1]
        for word in reversed(re.findall(r"[\w'’.\-]+", before)[-5:]):
            if word.lower() in PREPOSITIONS:
                return False
            if word.lower() not in ("the", "a", "an") and not word[:1].isupper() and not word[:1].isdigit():
                return True  # titles, determiners and years ("of the Rep.", "at a 2014 Senate hearing") may stand between
        return True

    def _sentence(self, pos: int) -> Sentence:
        return self.sentences[max(0, bisect_right(self.starts, pos) - 1)]

    def _paragraph(self, pos: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, pos) - 1)

    def _mentions_in(self, a: int, b: int) -> list[Mention]:
        return self.mentions[bisect_left(self.mention_starts, a):bisect_left(self.mention_starts, b)]

    def _named(self, m: Mention, cue: str = "") -> Found:
        nicknamed = _NICKNAME_THEN_SURNAME.match(self.text, m.end) if m.type == "person" else None
        if nicknamed and " " not in self.text[m.start:m.end].strip():
            # Marcia "Cia" Price: the name finder stopped at the nickname; the speaker is the whole name
            return Found(f"{self.text[m.start:m.end]} {nicknamed.group(1)}", m.start, nicknamed.end(), cue, m.type)
        return Found(m.actor, m.start, m.end, cue, m.type)

    def _possessive(self, m: Mention) -> bool:
        return self.text[m.end - 2:m.end] in ("'s", "’s") or self.text[m.end:m.end + 2] in ("'s", "’s")

    def _first_named(self, a: int, b: int, written: bool = True) -> Found:
        """The first person named between ``a`` and ``b``, else organisation, else the name as written.

        A possessor comes last: "Putin’s spokesman, Dmitry Peskov" is Peskov; alone it is no speaker
        ("Abernathy’s husband said"), unless it speaks through what it owns ("Trump's statement said",
        "Mr Blair's spokesman said"). With no
        name the name finder found, the first capitalised run naming someone (speaker_names), unless
        not ``written``.
        """
        found = sorted(self._mentions_in(a, b), key=lambda m: (self._possessive(m), m.type != "person"))
        if found and self._possessive(found[0]) and not _OWNS_WORDS.match(self.text, found[0].end):
            return Found()
        return self._named(found[0]) if found else self._written(a, b) if written else Found()

    def _written(self, a: int, b: int, last: bool = False) -> Found:
        """The speaker the words between ``a`` and ``b`` name when no mention is there, else unknown."""
        name = written_name(self.text, a, b, last=last)
        if name is None or self._common_word(name.name, name.start):
            return Found()
        return Found(full_name(name.name, self.known), name.start, name.end, "", name.type)

    def _common_word(self, name: str, start: int) -> bool:
        """Whether a one-word name opening its sentence is a word the article also writes in lowercase ("Police")."""
        if " " in name or self.text[self._sentence(start).start:start].strip(" \"“‘'("):
            return False
        if self.lowercase is None:
            self.lowercase = set(re.findall(r"(?<![\w'’])[a-z][\w'’\-]*", self.text))
        return name.lower() in self.lowercase

    def _pronoun(self, word: str, pos: int) -> Found:
        """Whom a pronoun at ``pos`` stands for: the latest salient mention or speaker of its kind nearby."""
        kind = PRONOUNS.get(word.lower())
        found = Found(start=pos, end=pos + len(word), cue="pronoun")
        if kind is None:
            return found
        floor = self.paragraphs[max(0, self._paragraph(pos) - 1)][0]
        gender = pronoun_gender(word)
        if gender and self.genders is None:
            self.genders = genders(self.text, self.mentions)
        said = self.genders.get if gender and self.genders is not None else lambda actor: ""

        # "he" never stands for someone the article calls "she"; it may stand for a name the
        # name finder typed wrong ("DuVernay said she …") when the article calls them "he".
        def fits(actor: str, kind_of: str) -> bool:
            return said(actor) == gender if said(actor) else kind_of == kind
        best = max([(m.start, m.actor) for m in self._mentions_in(floor, pos) if m.salient and fits(m.actor, m.type)]
                   + [(at, actor) for at, actor, t in self.events if floor <= at < pos and fits(actor, t)], default=None)
        if best is None and gender:  # "Ms. Lund met Mr. Varga. “…,” he said.": the one the article calls "he"
            best = max([(m.start, m.actor) for m in self._mentions_in(floor, pos) if m.eligible and said(m.actor) == gender],
                       default=None)
        if best is not None:
            found.speaker, found.type = best[1], kind
        return found

    def _colon_subject(self, floor: int, colon: int) -> Found | None:
        """The name opening the clause a colon closes, titles and roles before it at most, else None.

        "Shelter director Ruth Abernathy put it bluntly: “…”", "Trump had a message for Clinton: “…”";
        not "A note from Jones reads: “…”" (a preposition's object) nor "Smith's ad ends: “…”".
        """
        start = max([floor] + [floor + m.end() for m in re.finditer(r"[;—–]", self.text[floor:colon])])
        eligible = [m for m in self._mentions_in(start, colon) if m.eligible]
        if not eligible or self._possessive(eligible[0]) or not _only_titles(self.text[start:eligible[0].start]):
            return None
        return self._named(self._head(eligible))

    def _agent(self, after: int, open_: int) -> Found | None:
        """The one named by "by" right after a passive verb ("criticised by Ann Lee as “…”", "told by Lee that “…”")."""
        by = re.match(r"\s+by\s+", self.text[after:open_])
        if by is None:
            return None
        a = after + by.end()
        named = self._first_named(a, open_)
        # "as" (or a colon) hands the name over to the quotation: not "the interactions described by
        # the White House “represent …”," (Issa's words).
        if named.speaker == UNKNOWN or named.start is None or named.end is None \
                or not all(w == "the" or w[:1].isupper() or is_role_word(w) for w in self.text[a:named.start].split()):
            return None  # titles only before the name: "by Foreign Secretary Jack Straw", not "by a friend of X"
        return named if re.fullmatch(r"(?:['’]s?)?\s*(?:as\s+(?:an?\s+|the\s+)?|that\s+|[,:]\s*)", self.text[named.end:open_]) \
            else None

    def _no_one_between(self, a: int, b: int) -> bool:
        """Whether the words between two quotations of one sentence hand it to no one else.

        "Clyburn said that “articulating the principles” and “calling for tolerance” were part of …":
        no name and no new subject ("but critics", "while she") between the two.
        """
        if self._sentence(a) != self._sentence(b) or _NEW_SUBJECT.search(self.text, a + 1, b):
            return False
        return all(self._possessive(m) for m in self._mentions_in(a + 1, b))

    def _reported_before(self, open_: int, last: Last | None) -> Found | None:
        """The speaker of a quotation opening its sentence, named by the sentence before reporting their words.

        "Lund said the plan was late. “We must do better.”" (the next paragraph too, when the
        quotation opens it): the one whose words the sentence before reports goes on in their own.
        The sentence before must hold no quotation of its own and a speaking verb with a named subject.
        """
        sentence = self._sentence(open_)
        if sentence.index == 0 or self.text[sentence.start:open_].strip():
            return None
        previous = self.sentences[sentence.index - 1]
        same = self._paragraph(previous.start) == self._paragraph(open_)
        if not same and (self._paragraph(previous.start) != self._paragraph(open_) - 1
                         or self.text[self.paragraphs[self._paragraph(open_)][0]:open_].strip()
                         or self._paragraph(previous.end - 1) != self._paragraph(previous.start)):
            return None
        if not previous.is_body or re.search(r"[“”\"]", previous.text) or last is not None and last.close >= previous.start:
            return None
        according = re.search(r"\b[Aa]ccording to\b", previous.text)
        if according:
            a = previous.start + according.end()
            found = self._first_named(a, a + re.search(r"[,.;:]|$", previous.text[according.end():]).start())
            return found.as_cue("sentence-before") if found.speaker != UNKNOWN else None
        asked = _ASKED.match(previous.text)
        if asked:  # "Asked about the shelter, Ruth Abernathy was blunt.": the one asked answers
            eligible = [m for m in self._mentions_in(previous.start + asked.end(), previous.end) if m.eligible]
            return self._named(self._head(eligible), "sentence-before") if eligible else None
        for verb in re.finditer(r"\b[a-z]+\b", previous.text):
            if verb.group() in SAY or verb.group() in CALL:  # "Lund described the plight."
                found = self._subject(previous.start, previous.start + verb.start(), False, None)
                return found.as_cue("sentence-before") if found.speaker != UNKNOWN else None
        return None

    def _subject(self, floor: int, verb: int, participle: bool, last: Last | None) -> Found:
        """Who does the speaking verb at ``verb``: a name, a pronoun, or a description (unknown)."""
        text, sentence = self.text, self._sentence(verb)
        if participle and last is not None and last.found.cue != "none" and self._sentence(last.close) == sentence:
            return last.found.as_cue("")  # "…," the senators said, adding that …
        end = verb
        while (word := re.search(r"([A-Za-z]+)\s*$", text[floor:end])) and \
                (word.group(1) in FILLER or word.group(1).endswith("ly") and word.group(1).islower()):
            end = floor + word.start()
        for _ in range(4):  # appositives: "Tom Cole, an Oklahoma Republican, said"; "Her aide, Ann Lee, said"
            segment = text[floor:end].rstrip()
            opening = text.rfind(",", floor, floor + len(segment) - 1) if segment.endswith(",") else -1
            if opening < 0:
                break
            closing = floor + len(segment) - 1
            inner = self._mentions_in(opening + 1, closing)
            # Only titles may stand before the name: "his niece, state Del. Ann Lee, said", not ", a friend of Lee,"
            head = self._head(inner) if inner else None
            # After lowercase titles the name must close the apposition: not ", former Labour minister and …,"
            titled = head is not None and re.search(r"(?<![\w.’'])[a-z]", text[opening + 1:inner[0].start])
            closes = head is not None and _NAME_REST.fullmatch(text, head.end, _before_label(text, head.end, closing))
            if head is not None and _only_titles(text[opening + 1:inner[0].start]) and (closes or not titled) \
                    and not self._possessive(head):  # not ", McCrory's opponent, said"
                return self._named(head)
            written = self._written(opening + 1, closing) if not inner else Found()
            if written.start is not None and _only_titles(text[opening + 1:written.start]) \
                    and (written.type == "person" and not text[written.end:closing].strip()
                         or _SAYS_AFTER.match(text, written.end, closing)):
                return written  # "His aide, Ed Varga, said", "…, Hutchinson said, adding": names found by no one
            end = opening + 1
        end = _before_label(text, floor, floor + len(text[floor:end].rstrip(" ,")))
        head = re.search(r"([\w'’]+)\s*$", text[floor:end])
        head_word = head.group(1).lower() if head else ""
        before = self._mentions_in(floor, end)
        if before and not text[before[-1].end:end].strip() and not self._possessive(before[-1]):
            return self._named(before[-1])
        written = self._written(floor, end, last=True)
        if written.start is not None and not text[written.end:end].strip() and self._eligible(written.start):
            return written  # "Mr. Kovner said", "Russia insisted": a name the name finder missed
        if head_word in ("he", "she", "it"):
            return self._pronoun(head.group(1), floor + head.start(1))
        if head_word in GROUP_PRONOUNS:
            return Found(start=floor + head.start(1), end=floor + head.end(1), cue="pronoun")
        if head_word == "who":  # "denied by Jack Straw, who accused": who is the name it follows
            antecedent = [m for m in self._mentions_in(sentence.start, floor + head.start(1))
                          if not text[m.end:floor + head.start(1)].strip(" ,")]
            if antecedent and antecedent[-1].type == "person" and not self._possessive(antecedent[-1]):
                return self._named(antecedent[-1])
        if head_word in ("that", "which", "who"):  # "statements … that said": the clause's subject speaks
            subjects = [m for m in self._mentions_in(sentence.start, floor + head.start(1)) if m.eligible]
            return self._named(self._head(subjects)) if subjects else Found()
        boundaries = list(BOUNDARY.finditer(text, floor, end))
        phrase_start = boundaries[-1].end() if boundaries else floor
        phrase = text[phrase_start:end].split()
        # "… but at the same time acknowledged": a verb with no subject of its own shares its clause's
        if participle or head_word in ("and", "but", "or") or (phrase and phrase[0].lower() in PREPOSITIONS):
            return self._clause_subject(sentence.start, end)
        return self._first_named(phrase_start, end, written=False) if len(phrase) <= SUBJECT_MAX_WORDS else Found()

    def _clause_subject(self, start: int, end: int) -> Found:
        """The subject a participle or a second verb hangs on, searched back comma by comma."""
        cuts = [start] + [start + m.end() for m in re.finditer(",", self.text[start:end])]
        for a, b in reversed(list(zip(cuts, [c - 1 for c in cuts[1:]] + [end]))):
            relayed = RELAY.search(self.text, a, b)
            owner = [m for m in self._mentions_in(relayed.end(), relayed.end() + 1)] if relayed else []
            if owner:
                return self._named(owner[0])
            lead = re.match(r"\s*(?:(?:and|but|where|when|while|as)\s+)?([A-Za-z]+)\b", self.text[a:b])
            # "McCrory's opponent, …, called": a possessor is not the subject, unless a role names them
            eligible = [m for m in self._mentions_in(a, b) if m.eligible]
            if eligible and self._possessive(eligible[0]) and self._head(eligible) is eligible[0]:
                eligible = eligible[1:]
            if lead and lead.group(1).lower() in ("he", "she", "it") \
                    and (not eligible or a + lead.start(1) < eligible[0].start):
                return self._pronoun(lead.group(1), a + lead.start(1))
            if eligible:
                return self._named(self._head(eligible))
        return Found()

    def _head(self, mentions: list[Mention]) -> Mention:
        """The first of ``mentions``, or the person it introduces by a role.

        "AARP CEO Barry Rand", "Clinton press secretary Brian Fallon", "Hillary Clinton’s campaign
        manager Robby Mook", "Charlotte Mayor Jennifer Roberts": the person after the role speaks.
        """
        first = mentions[0]
        if len(mentions) > 1 and mentions[1].type == "person":
            between = re.sub(r"^['’]s?\s*", "", self.text[first.end:mentions[1].start]).split()
            if 0 < len(between) <= ROLE_MAX_WORDS and all(re.fullmatch(r"[\w.\-]+", w) for w in between) \
                    and (is_role_word(between[-1]) or first.type != "person" and all(w[:1].isupper() for w in between)):
                return mentions[1]
        return first
