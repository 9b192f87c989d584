"""Direct quotations in an article, and who speaks them.

Quotation marks (“ ” ‘ ’ " ') are paired within a paragraph; a paragraph that opens a quotation
and does not close it runs on into the next one when that opens with a mark, as newspapers print
long quotes. Each quotation is attributed from the words around it, first match wins: a cue right
before it (X said: "…", X said, "…", according to X, "…"); a cue right after it ("…," said X /
"…," X said); a cue earlier in its sentence (X said that … "…", X called it "…", X described it as
"…", his comment that … "…"); the quotation before it in its paragraph ("…," he said. "…").
Speakers are the name mentions the actors layer found; a pronoun stands for the latest person
(for "it", organisation) named as a subject before it in the same or the previous paragraph;
a description with no name in it ("the senators said") is unknown. A short quote with no cue is a
scare quote ("talking points"), not a quotation.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from analysis.actors.quote_marks import inside_of, pair_double, pair_single
from analysis.corpus import Article
from analysis.corpus.text import Sentence

__all__ = ["NamedMention", "Quote", "QuotedSpan", "UNKNOWN", "find_quotes", "quoted_spans"]

UNKNOWN = "unknown"
# A quotation this short with no cue is a scare quote or a term ("talking points").
SCARE_MAX_WORDS = 3
# Title Case this short with no cue right beside it names something ("Face the Nation").
TITLE_MAX_WORDS = 6
# A description this long before a verb is not its subject.
SUBJECT_MAX_WORDS = 10
# After a quotation that ends its sentence, the next sentence attributes it only when it is as
# short as "Holder recalled." or "she said in a statement.".
NEXT_SENTENCE_MAX_WORDS = 8
# How far after a quotation its verb may stand: "…," Representative Tom Cole, an Oklahoma
# Republican and Boehner lieutenant, said.
AFTER_MAX_WORDS = 14


class NamedMention(Protocol):
    """A name the actors layer found: where it is in article.text, whom it names, what kind."""

    start: int
    end: int
    actor: str  # canonical actor name ("Vladimir Putin")
    type: str  # "person" | "organisation"


@dataclass(frozen=True)
class Quote:
    """One direct quotation: where its words are, who speaks them, and how that was decided."""

    sentence_index: int  # the sentence the quotation starts in
    start: int  # offsets in article.text of the quoted words (inside the marks)
    end: int
    text: str  # the quoted words; a paragraph break and its opening mark read as one space
    speaker: str  # canonical actor name, or "unknown"
    speaker_start: int | None  # offsets in article.text of the name or pronoun naming the speaker
    speaker_end: int | None
    # said-before, said-after, colon, called, according-to, statement ("his comment that"),
    # pronoun (the speaker words are a pronoun), continuation (of the quote before), none
    cue: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class QuotedSpan:
    """Part of a sentence inside quotation marks: offsets in the sentence's text, and its speaker."""

    start: int
    end: int
    speaker: str


_SAY = frozenset("""said says say told tells added adds warned warns insisted insists wrote writes posted stated
    argued argues noted asked asks replied replies declared declares tweeted explained explains continued continues
    recalled recalls testified acknowledged acknowledges admitted admits conceded claimed responded responds announced
    urged suggested suggests stressed emphasized emphasised pledged pledges vowed promised complained countered joked
    predicted mentioned advised cautioned observed remarked reported yelled shouted concluded confirmed denied denies
    boasted contended maintained lamented demanded repeated reiterated wondered criticized criticised criticizes
    mocked charged quipped agreed scoffed chided indicated reminded accused""".split()) | {"went on"}
_SAY_ING = frozenset("""saying telling adding warning insisting writing posting stating arguing noting asking replying
    declaring tweeting explaining continuing recalling testifying acknowledging admitting conceding claiming
    responding announcing urging suggesting stressing emphasizing pledging vowing promising complaining predicting
    mentioning citing criticizing indicating accusing""".split())
_CALL = frozenset("call calls called calling described describes describing".split())
# These quote only through "as": "dismissed the talks as “a farce”".
_CALL_AS = frozenset("""characterized characterised characterizing painted portrayed dismissed dismissing branded
    labeled labelled termed dubbed hailed praised denounced slammed blasted derided framed""".split())
# A cue before a quotation; a word after one that ends the search for its speaker.
_CUE_VERBS = _SAY | _SAY_ING | _CALL
_NOT_AFTER = _SAY_ING | _CALL | _CALL_AS
# With no speaker these name a thing and quote no one: "a holding ground called “Tent City”".
_NAMING = frozenset("called calling dubbed termed".split())
_SPEECH_NOUNS = ("comment|comments|remark|remarks|statement|words|post|tweet|letter|release|speech|ad|interview|"
                 "testimony|message|memo|email|response|op-ed|answer")
# Owners first: "his comment" is a cue where "his" alone is just a word.
_CUE = re.compile(rf"(?P<owner>\b(?:his|her|its|their)|['’]s)\s+(?:[a-z]+\s+){{0,2}}(?:{_SPEECH_NOUNS})\b"
                  r"|\b[Aa]ccording to\b|\b(?P<verb>went on|[a-z]+)\b")
_FILLER = frozenset("also later then again even still just further once has had have would will was is not never".split())
_PREPOSITIONS = frozenset("""of for to at from with in on by about against into over toward towards than between among
    like under via""".split())
_PRONOUNS = {"he": "person", "she": "person", "his": "person", "her": "person", "it": "organisation",
             "its": "organisation"}
_GROUP_PRONOUNS = frozenset("they we i you".split())
_BOUNDARY = re.compile(r"[,;:—–]|--|\b(?:that|which|who|and|but|when|after|while|because|if|as|since|before)\b")
# Where "said the legislator, Representative Carl Seel" stops naming the speaker.
_CIRCUMSTANCE = re.compile(r"\s(?:on|in|at|during|after|before|while|when|to|from|about|last|this)\b"
                           r"|,\s*(?:adding|who|which|according|saying)\b")
# "He relayed Putin’s firm stance, indicating that …": the words are reported as the possessor's.
_RELAY = re.compile(r"\b(?:relayed|conveyed|quoted|echoed|cited|summarized|summarised)\s+")
_TITLE_SMALL_WORDS = frozenset("of the a an and in on for to at by or".split())
# A quotation with no cue before one of these names the thing: the "don't ask, don't tell" policy.
_NAMED_THING = re.compile(r"[,.]?\s+(?:policy|law|bill|act|rule|program|programme|campaign|slogan|phrase|label|"
                          r"term|doctrine|strategy|movement|agenda|plan|provision|amendment)\b")
_WORD = re.compile(r"[^\W_][\w'’.\-]*")

def find_quotes(article: Article, mentions: Sequence[NamedMention]) -> list[Quote]:
    """Every direct quotation of ``article``, in text order, attributed to a speaker; never raises on bad text.

    Returns Quote rows: sentence_index, start, end (the quoted words in article.text), text,
    speaker (canonical actor name or "unknown"), speaker_start, speaker_end (the name or
    pronoun that names the speaker, None when unknown), cue.
    """
    if not (article.text or "").strip() or not article.sentences:
        return []
    return _Attributor(article, mentions).quotes()


def quoted_spans(article: Article, quotes: Sequence[Quote]) -> dict[int, tuple[QuotedSpan, ...]]:
    """For each sentence index, the parts of that sentence inside quotation marks and who speaks them.

    Offsets are in the sentence's own text (``article.sentences[i].text``); a quotation that runs
    over several sentences gives a span in each. Sentences with no quoted words are absent.
    """
    out: dict[int, list[QuotedSpan]] = {}
    starts = [s.start for s in article.sentences]
    for quote in quotes:
        for sentence in article.sentences[max(0, bisect_right(starts, quote.start) - 1):]:
            if sentence.start >= quote.end:
                break
            a, b = max(quote.start, sentence.start), min(quote.end, sentence.end)
            if b > a and re.search(r"\w", article.text[a:b]):
                out.setdefault(sentence.index, []).append(QuotedSpan(a - sentence.start, b - sentence.start, quote.speaker))
    return {index: tuple(spans) for index, spans in out.items()}


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    actor: str
    type: str
    eligible: bool  # not the object of a preposition ("talks with Putin"): it can be a subject
    # The first eligible one of its type in its sentence, or one doing something ("Mr. Ryan
    # reminded"): what a later pronoun is taken to mean, rather than "her partner, Heather Poe".
    salient: bool


@dataclass
class _Found:
    """An attribution in the making: the speaker, the words naming them, the cue."""

    speaker: str = UNKNOWN
    start: int | None = None
    end: int | None = None
    cue: str = "none"
    type: str = ""

    def as_cue(self, cue: str) -> _Found:
        """The same speaker under ``cue``, unless the speaker words are a pronoun (that cue stays)."""
        return _Found(self.speaker, self.start, self.end, self.cue if self.cue == "pronoun" else cue, self.type)


class _Last(NamedTuple):
    close: int  # the closing mark of the previous quotation
    consumed: int  # where its attribution ends: the next quotation's cues start after it
    found: _Found


class _Attributor:
    """One article's quotation marks, mentions and the speakers named so far."""

    def __init__(self, article: Article, mentions: Sequence[NamedMention]):
        self.text = text = article.text
        self.sentences = article.sentences
        self.starts = [s.start for s in self.sentences]
        self.paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        self.paragraph_starts = [a for a, _ in self.paragraphs]
        double = pair_double(text, self.paragraphs)
        self.marks = sorted(double + pair_single(text, self.paragraphs, inside_of(double)))
        self.mentions = self._clean(mentions, inside_of(self.marks))
        self.mention_starts = [m.start for m in self.mentions]
        self.events: list[tuple[int, str, str]] = []  # (position, actor, type) of each named speaker

    def _clean(self, mentions: Sequence[NamedMention], quoted: Callable[[int], bool]) -> list[_Mention]:
        """Usable mentions outside quotations, in order; of overlapping ones the earlier, longer is kept."""
        usable = []
        for m in mentions:
            try:
                start, end, actor, kind = int(m.start), int(m.end), str(m.actor), str(m.type)
            except (AttributeError, TypeError, ValueError):
                continue
            if 0 <= start < end <= len(self.text) and actor.strip() and not quoted(start):
                usable.append((start, -end, actor, kind))
        kept: list[_Mention] = []
        firsts: set[tuple[int, str]] = set()
        for start, neg_end, actor, kind in sorted(usable):
            if kept and start < kept[-1].end:
                continue
            eligible, first = self._eligible(start), (self._sentence(start).index, kind)
            verb = re.match(r"\s+(?:[a-z]+ly\s+|also\s+|later\s+)?([a-z]+)", self.text[-neg_end:-neg_end + 40])
            acts = bool(verb) and (verb.group(1) in _SAY or verb.group(1).endswith("ed"))
            salient = eligible and (first not in firsts or acts)
            firsts.update([first] if eligible else [])
            kept.append(_Mention(start, -neg_end, actor, kind, eligible, salient))
        return kept

    def _eligible(self, start: int) -> bool:
        before = re.split(r"[,;:(—–\"“”]", self.text[max(0, start - 60, self._sentence(start).start):start])[-1]
        for word in reversed(re.findall(r"[\w'’.\-]+", before)[-5:]):
            if word.lower() in _PREPOSITIONS:
                return False
            if word.lower() not in ("the", "a", "an") and not word[:1].isupper():
                return True  # titles and determiners ("of the Rep.") may stand between
        return True

    def _sentence(self, pos: int) -> Sentence:
        return self.sentences[max(0, bisect_right(self.starts, pos) - 1)]

    def _paragraph(self, pos: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, pos) - 1)

    def _mentions_in(self, a: int, b: int) -> list[_Mention]:
        return self.mentions[bisect_left(self.mention_starts, a):bisect_left(self.mention_starts, b)]

    def _named(self, m: _Mention, cue: str = "") -> _Found:
        return _Found(m.actor, m.start, m.end, cue, m.type)

    def _first_named(self, a: int, b: int) -> _Found:
        """The first person named between ``a`` and ``b``, else organisation, else unknown.

        A possessor comes last: "Putin’s spokesman, Dmitry Peskov" is Peskov.
        """
        def possessive(m: _Mention) -> bool:
            return self.text[m.end - 2:m.end] in ("'s", "’s") or self.text[m.end:m.end + 2] in ("'s", "’s")
        found = sorted(self._mentions_in(a, b), key=lambda m: (possessive(m), m.type != "person"))
        return self._named(found[0]) if found else _Found()

    def quotes(self) -> list[Quote]:
        out: list[Quote] = []
        last: _Last | None = None
        for k, (open_, close) in enumerate(self.marks):
            words = _WORD.findall(self.text[open_ + 1:close])
            if not words:
                continue
            next_open = self.marks[k + 1][0] if k + 1 < len(self.marks) else len(self.text)
            sentence = self._sentence(open_)
            floor = max(sentence.start, last.consumed if last else 0)
            found, consumed = self._attribute(open_, close, floor, next_open, last)
            cue = self._quotation_cue(words, found, close, sentence.kind != "body")
            if cue is None:
                continue
            found = found.as_cue(cue)
            if found.speaker != UNKNOWN and found.start is not None:
                self.events.append((found.start, found.speaker, found.type))
            quoted = re.sub(r"\s*\n+\s*[“\"«„]?\s*", " ", self.text[open_ + 1:close])
            out.append(Quote(self._sentence(open_ + 1).index, open_ + 1, close, quoted, found.speaker,
                             found.start, found.end, found.cue))
            last = _Last(close, consumed, found)
        return out

    def _quotation_cue(self, words: list[str], found: _Found, close: int, headline: bool) -> str | None:
        """The cue to report, or None when the marks hold a scare quote, a term or a title."""
        if len(words) <= SCARE_MAX_WORDS and (found.cue == "none" or found.cue == "naming" and found.speaker == UNKNOWN):
            return None
        titled = len(words) <= TITLE_MAX_WORDS and any(w[:1].isupper() for w in words) \
            and all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)
        if titled and not headline and found.cue in ("none", "continuation", "embedded"):
            return None
        if found.cue == "none" and _NAMED_THING.match(self.text, close + 1):
            return None
        return {"naming": "called", "embedded": "said-before"}.get(found.cue, found.cue)

    def _attribute(self, open_: int, close: int, floor: int, next_open: int, last: _Last | None) -> tuple[_Found, int]:
        """How the quotation between ``open_`` and ``close`` is attributed, and where its attribution ends."""
        before = self._before(open_, floor, last)
        if before is not None and before[1]:
            return before[0], close + 1
        after = self._after(close, next_open)
        if after is not None:
            return after
        if before is not None:
            return before[0], close + 1
        sentence = self._sentence(open_)
        colon = self.text.find(":", sentence.start, open_) if sentence.kind != "body" else -1
        for m in self._mentions_in(sentence.start, colon) if colon > 0 else ():
            if not self.text[m.end:colon].strip():  # a headline's "Boehner: … '1 in 3 chance' …"
                return self._named(m, "colon"), close + 1
        if last is not None and last.found.cue != "none" and self._paragraph(last.close) == self._paragraph(open_):
            gap = self.text[last.close + 1:open_].rstrip()
            # "…," he said, "…"; "…". "…"; called it "…" and "…" -- not "…," Mr. Paul said on “State of the Union.”
            if not gap or gap[-1] in ",:;—–.!?" or re.fullmatch(r"[\s,]*(?:and|or|but)", gap):
                was = last.found
                return _Found(was.speaker, was.start, was.end, "continuation", was.type), close + 1
        return _Found(), close + 1

    def _before(self, open_: int, floor: int, last: _Last | None) -> tuple[_Found, bool] | None:
        """The cue nearest before the quotation in its sentence, and whether it stands right before it."""
        region = self.text[floor:open_].rstrip()
        colon = region.endswith(":")
        for cue in reversed(list(_CUE.finditer(self.text, floor, open_))):
            verb, gap = cue.group("verb"), self.text[cue.end():open_]
            if verb is not None and verb not in _CUE_VERBS \
                    and not (verb in _CALL_AS and re.search(r"\bas\b", gap)):
                continue
            if verb in ("call", "calls") and re.search(r"\b(?:the|a|his|her|its|their|this|that)\s+$", self.text[floor:cue.start()]):
                continue  # "the call for “limited” exemptions": a noun
            adjacent = colon or bool(re.fullmatch(r"\s*(?:that\s*)?[,:—–]?\s*", gap))
            if cue.group().lower() == "according to":
                named = self._first_named(cue.end(), cue.end() + re.search(r"[,:]|$", gap).start())
                return named.as_cue("according-to"), adjacent
            if cue.group("owner") is not None:
                found = self._owner(cue)
                if found is None:
                    continue
                return found, adjacent
            kind = "naming" if verb in _NAMING else "called" if verb in _CALL | _CALL_AS else \
                "colon" if colon else "said-before" if adjacent else "embedded"
            return self._subject(floor, cue.start(), verb.endswith("ing"), last).as_cue(kind), adjacent
        if colon:
            end = floor + len(region) - 1
            for m in self._mentions_in(floor, end):
                if not self.text[m.end:end].strip():
                    return self._named(m, "colon"), True
        return None

    def _owner(self, cue: re.Match[str]) -> _Found | None:
        """The speaker of "his comment", "Axelrod's remarks": the possessor, or None."""
        owner = cue.group("owner")
        if owner[0] not in "'’":
            return self._pronoun(owner, cue.start()).as_cue("statement")
        for m in self._mentions_in(max(0, cue.start() - 80), cue.start() + 2):
            if m.end in (cue.start(), cue.start() + 2):
                return self._named(m, "statement")
        return None

    def _after(self, close: int, next_open: int) -> tuple[_Found, int] | None:
        """The attribution right after the closing mark ("…," said X / "…," X said) and where it ends."""
        a = close + 1
        sentence = self._sentence(a)
        if a >= sentence.end or not self.text[a:sentence.end].strip():
            following = sentence.index + 1
            if following >= len(self.sentences) or self._paragraph(self.sentences[following].start) != self._paragraph(close) \
                    or len(self.sentences[following].text.split()) > NEXT_SENTENCE_MAX_WORDS:
                return None
            sentence = self.sentences[following]
        b = min(sentence.end, next_open)
        a += re.match(r"[\s,—–\-]*", self.text[a:b]).end()
        region = self.text[a:b]
        if region.startswith("according to"):
            return self._first_named(a + len("according to"), b).as_cue("according-to"), b
        first = re.match(r"[a-z]+\b", region)
        if first and first.group() in _SAY:  # "…," said the legislator, Representative Carl Seel.
            named_end = a + first.end()
            cut = _CIRCUMSTANCE.search(self.text, named_end, b)
            found = self._first_named(named_end, cut.start() if cut else b)
            pronoun = re.match(r"\s+(he|she|it)\b", self.text[named_end:b])
            if found.speaker == UNKNOWN and pronoun:
                found = self._pronoun(pronoun.group(1), named_end + pronoun.start(1))
            return found.as_cue("said-after"), b
        for count, word in enumerate(re.finditer(r"\b[a-z]+\b|\b[A-Z][\w.'’\-]*", region)):
            if count > AFTER_MAX_WORDS or word.group() in _NOT_AFTER:
                break
            if word.group() in _SAY:
                return self._subject(a, a + word.start(), False, None).as_cue("said-after"), b
        return None

    def _pronoun(self, word: str, pos: int) -> _Found:
        """Whom a pronoun at ``pos`` stands for: the latest salient mention or speaker of its kind nearby."""
        kind = _PRONOUNS.get(word.lower())
        found = _Found(start=pos, end=pos + len(word), cue="pronoun")
        if kind is None:
            return found
        floor = self.paragraphs[max(0, self._paragraph(pos) - 1)][0]
        best = max([(m.start, m.actor) for m in self._mentions_in(floor, pos) if m.type == kind and m.salient]
                   + [(at, actor) for at, actor, t in self.events if floor <= at < pos and t == kind], default=None)
        if best is not None:
            found.speaker, found.type = best[1], kind
        return found

    def _subject(self, floor: int, verb: int, participle: bool, last: _Last | None) -> _Found:
        """Who does the speaking verb at ``verb``: a name, a pronoun, or a description (unknown)."""
        text, sentence = self.text, self._sentence(verb)
        if participle and last is not None and last.found.cue != "none" and self._sentence(last.close) == sentence:
            return last.found.as_cue("")  # "…," the senators said, adding that …
        end = verb
        while (word := re.search(r"([A-Za-z]+)\s*$", text[floor:end])) and \
                (word.group(1) in _FILLER or word.group(1).endswith("ly") and word.group(1).islower()):
            end = floor + word.start()
        for _ in range(4):  # appositives: "Tom Cole, an Oklahoma Republican, said"; "Her aide, Ann Lee, said"
            segment = text[floor:end].rstrip()
            opening = text.rfind(",", floor, floor + len(segment) - 1) if segment.endswith(",") else -1
            if opening < 0:
                break
            inner = self._mentions_in(opening + 1, floor + len(segment) - 1)
            if inner and not re.search(r"(?<![\w.’'])[a-z]", text[opening + 1:inner[0].start]):
                return self._named(inner[0])
            end = opening + 1
        end = floor + len(text[floor:end].rstrip(" ,"))
        head = re.search(r"([\w'’]+)\s*$", text[floor:end])
        head_word = head.group(1).lower() if head else ""
        before = self._mentions_in(floor, end)
        if before and not text[before[-1].end:end].strip():
            return self._named(before[-1])
        if head_word in ("he", "she", "it"):
            return self._pronoun(head.group(1), floor + head.start(1))
        if head_word in _GROUP_PRONOUNS:
            return _Found(start=floor + head.start(1), end=floor + head.end(1), cue="pronoun")
        if head_word in ("that", "which", "who"):  # "statements … that said": the clause's subject speaks
            subjects = [m for m in self._mentions_in(sentence.start, floor + head.start(1)) if m.eligible]
            return self._named(self._head(subjects)) if subjects else _Found()
        boundaries = list(_BOUNDARY.finditer(text, floor, end))
        phrase_start = boundaries[-1].end() if boundaries else floor
        phrase = text[phrase_start:end].split()
        # "… but at the same time acknowledged": a verb with no subject of its own shares its clause's
        if participle or head_word in ("and", "but", "or") or (phrase and phrase[0].lower() in _PREPOSITIONS):
            return self._clause_subject(sentence.start, end)
        return self._first_named(phrase_start, end) if len(phrase) <= SUBJECT_MAX_WORDS else _Found()

    def _clause_subject(self, start: int, end: int) -> _Found:
        """The subject a participle or a second verb hangs on, searched back comma by comma."""
        cuts = [start] + [start + m.end() for m in re.finditer(",", self.text[start:end])]
        for a, b in reversed(list(zip(cuts, [c - 1 for c in cuts[1:]] + [end]))):
            relayed = _RELAY.search(self.text, a, b)
            owner = [m for m in self._mentions_in(relayed.end(), relayed.end() + 1)] if relayed else []
            if owner:
                return self._named(owner[0])
            lead = re.match(r"\s*(?:(?:and|but)\s+)?([A-Za-z]+)\b", self.text[a:b])
            eligible = [m for m in self._mentions_in(a, b) if m.eligible]
            if lead and lead.group(1).lower() in ("he", "she", "it") \
                    and (not eligible or a + lead.start(1) < eligible[0].start):
                return self._pronoun(lead.group(1), a + lead.start(1))
            if eligible:
                return self._named(self._head(eligible))
        return _Found()

    def _head(self, mentions: list[_Mention]) -> _Mention:
        """The first of ``mentions``, or the person its organisation introduces: "AARP CEO Barry Rand"."""
        first = mentions[0]
        if first.type != "person" and len(mentions) > 1 and mentions[1].type == "person":
            between = self.text[first.end:mentions[1].start].split()
            if len(between) <= 3 and all(w[:1].isupper() for w in between):
                return mentions[1]
        return first
