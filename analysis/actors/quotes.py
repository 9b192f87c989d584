"""Direct quotations in an article, and who speaks them.

Quotation marks (“ ” ‘ ’ " ') are paired within a paragraph; a paragraph that opens a quotation
and does not close it runs on into the next one when that opens with a mark, as newspapers print
long quotes. Each quotation is attributed from the words around it, first match wins: a cue right
before it (X said: "…", X said, "…", according to X, "…", X shot back: "…"); a cue right after it ("…," said X /
"…," X said); a cue earlier in its sentence (X said that … "…", X called it "…", X described it as
"…", his comment that … "…", described by X as "…", Y, who said "…"); a name signing it ("…" —
Jane Smith, 34; :mod:`analysis.actors.quote_signatures`); a transcript's label ("WALLACE: …"); a
paragraph before it ending "X continued:" or signing it; the sentence before reporting someone's
words ("Lund said the plan was late. "…""); the quotation before it in its paragraph ("…," he said.
"…"; "…," X said, and still "…"; a sentence on, past a title in marks; later in its sentence with no
one else named between). The next sentence attributes a quotation that ends its own when it is short
or only attributes ("Holder, the attorney general, said Monday."). Quoted paragraphs a page ran into
one line (He said: "…. "….") are one quotation each. A quotation inside a quotation is part of it.
Speakers are the name mentions the actors layer found, and where it found none the name as the text
writes it ("Ms. Kovner", "Russia"; :mod:`analysis.actors.quote_speakers`); a pronoun stands for the latest person (for
"it", organisation) named as a subject before it in the same or the previous paragraph, never one
the article calls by the other pronoun (:mod:`analysis.actors.pronoun_gender`); a description with
no name in it ("the senators said") is unknown. A short quote with no cue is a scare quote
("talking points"), not a quotation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from analysis.actors.quote_cues import (
    CALL, CALL_AS, CIRCUMSTANCE, CUE, CUE_VERBS, NAMED_THING, NAMING, NOT_AFTER, SAY, TITLE_SMALL_WORDS, WORD,
)
from analysis.actors.quote_signatures import signature_name, signs_before
from analysis.actors.quote_speakers import UNKNOWN, Found, Last, Speakers
from analysis.actors.speaker_names import full_name, transcript_label
from analysis.corpus import Article
from analysis.text.quote_marks import inside_of, outermost, quotation_marks, run_on_openers

__all__ = ["NamedMention", "Quote", "QuotedSpan", "UNKNOWN", "find_quotes", "quoted_spans"]

# A quotation this short with no cue is a scare quote or a term ("talking points").
SCARE_MAX_WORDS = 3
# Title Case this short with no cue right beside it names something ("Face the Nation").
TITLE_MAX_WORDS = 6
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
    speaker: str  # canonical actor name, the name as written when no mention names it, or "unknown"
    speaker_start: int | None  # offsets in article.text of the name or pronoun naming the speaker
    speaker_end: int | None
    # said-before, said-after, colon, called, according-to, statement ("his comment that"),
    # label (a transcript's "WALLACE: …"), signed ("“…” — Jane Smith, 34"), sentence-before ("Lund said the
    # plan was late. “…”"), pronoun (the speaker words are a pronoun),
    # continuation (of the quote before), none
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


# A whole sentence that only attributes: "Holder, the attorney general, said on Monday." -- a speaking
# verb within AFTER_MAX_WORDS words, then nothing or a circumstance, never a clause of its own.
_ATTRIBUTION = re.compile(r"(?:[\w.'’\-()“”\"]+,?\s+){1,%d}(?:%s)(?:[.!?]|\s*,|\s+(?:on|in|at|during|after|before|"
                          r"while|when|to|from|last|this|later|earlier|yesterday|today|Monday|Tuesday|Wednesday|"
                          r"Thursday|Friday|Saturday|Sunday)\b)" % (AFTER_MAX_WORDS, "|".join(sorted(SAY))))
# A name, an apposition of any length between commas, a speaking verb: "…," Malkia Cyril, the
# executive director at the Center and one of the film's voices, told reporters.
_NAMED_APPOSITION = re.compile(r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3},[^,;:“”\"]{1,200},\s+"
                               r"(?:[a-z]+ly\s+)?(?P<verb>[a-z]+)\b")
# What may join two quotations of one sentence by one speaker: "…," Jordan said, and still "…";
# Before a calling verb, a passive's auxiliary ("HP is called", "what was long described as") or "so-": the
# words name a thing; no one is quoted unless an agent follows ("was called “…” by Sharon").
_NAMED_PASSIVE = re.compile(r"(?:\b(?:is|are|was|were|be|been|being|gets?|got)\s+(?:[a-z]+ly\s+|also\s+|often\s+|"
                            r"now\s+|sometimes\s+|still\s+){0,2}|\bso-)$")
# called him a "…" who is "…," a "…" and a "…".
# The words after the last comma of an attribution, when they close it: ", Ed Varga."
_NAME_CLOSING = re.compile(r",\s*([^,;:]+?)[\s.]*$")
_DASH_OPENING = re.compile(r"\s*(?:[—–―]|--?)")
_LINK = re.compile(r"(?:^|,)\s*(?:(?:and|or|but)(?:\s+[a-z]+){0,2}|(?:and\s+)?(?:a|an)|(?:who|which|that)\s+(?:is|was|are|were))$")


class _Attributor(Speakers):
    """One article's quotation marks, its cues, and the speakers they name."""

    def __init__(self, article: Article, mentions: Sequence[NamedMention]):
        super().__init__(article)
        marks = quotation_marks(self.text, self.paragraphs, transcript_label)
        self.marks = outermost(sorted(marks + run_on_openers(self.text, self.paragraphs, marks)))
        self.use(mentions, inside_of(self.marks))
        self.signs_before: bool | None = None  # label paragraphs sign the quotation after them (read when needed)

    def quotes(self) -> list[Quote]:
        out: list[Quote] = []
        last: Last | None = None
        for k, (open_, close) in enumerate(self.marks):
            words = WORD.findall(self.text[open_ + 1:close])
            # A nickname inside a name (Marcia "Cia" Price) is no quotation, and does not end the
            # words after one.
            if not words or self._nickname(open_, close):
                continue
            next_open = next((a for a, b in self.marks[k + 1:] if not self._nickname(a, b)), len(self.text))
            sentence = self._sentence(open_)
            floor = max(sentence.start, last.consumed if last else 0)
            found, consumed = self._attribute(open_, close, floor, next_open, last)
            cue = self._quotation_cue(words, found, close, sentence.kind != "body")
            if cue is None:
                continue
            found = found.as_cue(cue)
            if found.speaker != UNKNOWN and found.start is not None:
                # a quotation going on with its speaker names them again, here, for a later "she added"
                at = open_ if found.cue == "continuation" else found.start
                self.events.append((at, found.speaker, found.type))
            quoted = re.sub(r"\s*\n+\s*[“\"«„]?\s*", " ", self.text[open_ + 1:close])
            out.append(Quote(self._sentence(open_ + 1).index, open_ + 1, close, quoted, found.speaker,
                             found.start, found.end, found.cue))
            last = Last(close, consumed, found)
        return out

    def _nickname(self, open_: int, close: int) -> bool:
        """Whether the marks hold one capitalised word between two parts of a name: Marcia "Cia" Price."""
        return bool(re.fullmatch(r"[A-Z][\w'’.\-]*", self.text[open_ + 1:close])
                    and re.search(r"\b[A-Z][\w'’.\-]*\s$", self.text[max(0, open_ - 40):open_])
                    and re.match(r"\s[A-Z]", self.text[close + 1:close + 3]))

    def _quotation_cue(self, words: list[str], found: Found, close: int, headline: bool) -> str | None:
        """The cue to report, or None when the marks hold a scare quote, a term or a title."""
        if len(words) <= SCARE_MAX_WORDS and (found.cue in ("none", "sentence-before")
                                              or found.cue == "naming" and found.speaker == UNKNOWN):
            return None
        titled = len(words) <= TITLE_MAX_WORDS and any(w[:1].isupper() for w in words) \
            and all(w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)
        if titled and not headline and found.cue in ("none", "continuation", "embedded"):
            return None
        if found.cue == "none" and NAMED_THING.match(self.text, close + 1):
            return None
        return {"naming": "called", "embedded": "said-before"}.get(found.cue, found.cue)

    def _attribute(self, open_: int, close: int, floor: int, next_open: int, last: Last | None) -> tuple[Found, int]:
        """How the quotation between ``open_`` and ``close`` is attributed, and where its attribution ends."""
        before = self._before(open_, floor, last)
        if before is not None and before[1]:
            return before[0], close + 1
        after = self._after(close, next_open)
        if after is not None:
            return after
        signed = self._signed_after(close, next_open, last)
        if signed is not None:  # "“…” — Jane Smith, 34, Phoenix"
            return signed
        if before is not None:
            return before[0], close + 1
        label = transcript_label(self.text[open_ + 1:close])
        if label is not None:  # "WALLACE: …" opening a transcript's line
            at = self.text.index(":", open_)
            return Found(full_name(label, self.known), open_ + 1, at, "label", ""), close + 1
        lead_in = self._lead_in(open_)
        if lead_in is not None:
            return lead_in, close + 1
        sentence = self._sentence(open_)
        colon = self.text.find(":", sentence.start, open_) if sentence.kind != "body" else -1
        for m in self._mentions_in(sentence.start, colon) if colon > 0 else ():
            if not self.text[m.end:colon].strip():  # a headline's "Boehner: … '1 in 3 chance' …"
                return self._named(m, "colon"), close + 1
        reported = self._reported_before(open_, last)
        if reported is not None:  # "Lund said the plan was late. “We must do better.”"
            return reported, close + 1
        if last is not None and last.found.cue != "none" and self._paragraph(last.close) == self._paragraph(open_):
            gap = self.text[last.close + 1:open_].rstrip()
            # "…," he said, "…"; "…". "…"; called it "…" and "…" -- not "…," Mr. Paul said on “State of the Union.”
            # (that title is no quotation), though the words after it, a sentence on, are still his.
            if not gap or gap[-1] in ",:;—–.!?" or re.fullmatch(r"[\s,]*(?:and|or|but)", gap) \
                    or re.search(r"[.!?][”\"’']$", gap) \
                    or self._sentence(last.close) == self._sentence(open_) and _LINK.search(gap):
                was = last.found
                return Found(was.speaker, was.start, was.end, "continuation", was.type), close + 1
        if last is not None and last.found.speaker != UNKNOWN and len(WORD.findall(self.text[open_ + 1:close])) > \
                SCARE_MAX_WORDS and self._no_one_between(last.close, open_):
            was = last.found  # said that they had “…,” making “…”: one speaker, no one else named between
            return Found(was.speaker, was.start, was.end, "continuation", was.type), close + 1
        if last is not None and last.found.speaker != UNKNOWN and self._next_paragraph_of(last, open_):
            was = last.found  # "“…,” Smith said." then a paragraph of quotation alone: still Smith
            return Found(was.speaker, was.start, was.end, "continuation", was.type), close + 1
        return Found(), close + 1

    def _next_paragraph_of(self, last: Last, open_: int) -> bool:
        """Whether the quotation at ``open_`` is a paragraph of quotation alone right after one ending with ``last``."""
        paragraph = self._paragraph(open_)
        start = self.paragraphs[paragraph][0]
        if paragraph == 0 or self._paragraph(last.close) != paragraph - 1 or self.text[start:open_].strip() \
                or not self._sentence(open_).is_body:
            return False
        # Nothing but the attribution after the one, nothing but quotations in the other's paragraph.
        after_last = self.text[max(last.consumed, last.close + 1):self.paragraphs[paragraph - 1][1]]
        rest = re.sub(r"[“\"][^”\"]*[”\"]", "", self.text[open_:self.paragraphs[paragraph][1]])
        return not re.search(r"\w", after_last) and not re.search(r"\w", rest)

    def _lead_in(self, open_: int) -> Found | None:
        """The speaker of a paragraph-opening quotation, named by the paragraph before: a colon, or a signature.

        "Caddell continued:" / "The senator told reporters:" / "Jane Smith, 34, Phoenix" and then the
        quotation as its own paragraph.
        """
        paragraph = self._paragraph(open_)
        start = self.paragraphs[paragraph][0]
        if paragraph == 0 or self.text[start:open_].strip():
            return None
        begin, end = self.paragraphs[paragraph - 1]
        colon = len(self.text[:end].rstrip())
        name = signature_name(self.text, begin, end, dashed=False)
        if name is not None and self._signs_before():
            return self._first_named(*name).as_cue("signed")
        if not self.text[:colon].endswith(":"):
            return None
        before = self._before(colon, self._sentence(colon - 1).start, None)
        return before[0].as_cue("colon") if before is not None and before[0].speaker != UNKNOWN else None

    def _signed_after(self, close: int, next_open: int, last: Last | None) -> tuple[Found, int] | None:
        """The name signing the quotation after its closing mark (the rest of its paragraph, or the next one).

        A paragraph's second quotation goes on with its first one's speaker, whatever follows it.
        """
        paragraph = self._paragraph(close)
        a, b = close + 1, self.paragraphs[paragraph][1]
        if not self.text[a:b].strip(" ,."):
            if paragraph + 1 >= len(self.paragraphs) or last is not None and self._paragraph(last.close) == paragraph:
                return None
            a, b = self.paragraphs[paragraph + 1]
        name = signature_name(self.text, a, b) if next_open >= b else None
        if name is None or a > close + 1 and not _DASH_OPENING.match(self.text, a) and self._signs_before():
            return None  # a label paragraph naming the next quotation's speaker
        return self._first_named(*name).as_cue("signed"), b

    def _signs_before(self) -> bool:
        if self.signs_before is None:
            self.signs_before = signs_before(self.text, self.paragraphs)
        return self.signs_before

    def _before(self, open_: int, floor: int, last: Last | None) -> tuple[Found, bool] | None:
        """The cue nearest before the quotation in its sentence, and whether it stands right before it."""
        region = self.text[floor:open_].rstrip()
        colon = region.endswith(":")
        for cue in reversed(list(CUE.finditer(self.text, floor, open_))):
            verb, gap = cue.group("verb"), self.text[cue.end():open_]
            if verb is not None and verb not in CUE_VERBS \
                    and not (verb in CALL_AS and re.search(r"\bas\b|\ban?\s*$|^\s*$", gap)):
                continue
            if verb in ("call", "calls") and re.search(r"\b(?:the|a|his|her|its|their|this|that)\s+$", self.text[floor:cue.start()]):
                continue  # "the call for “limited” exemptions": a noun
            adjacent = colon or bool(re.fullmatch(r"\s*(?:that\s*)?[,:—–]?\s*", gap))
            if cue.group().lower() == "according to":
                named = self._first_named(cue.end(), cue.end() + re.search(r"[,:]|$", gap).start())
                return named.as_cue("according-to"), adjacent
            if cue.group("owner") is not None:
                if self._called_before(floor, cue.start()):
                    continue  # "Moore called Obama's remarks “a wake-up call”": Moore speaks
                found = self._owner(cue)
                if found is None:
                    continue
                return found, adjacent
            kind = "naming" if verb in NAMING else "called" if verb in CALL | CALL_AS else \
                "colon" if colon else "said-before" if adjacent else "embedded"
            agent = self._agent(cue.end(), open_) if not verb.endswith("ing") else None
            if agent is not None:  # "described by Sharon as “…”": the passive's agent speaks
                return agent.as_cue(kind), adjacent
            if verb in CALL | CALL_AS | NAMING and _NAMED_PASSIVE.search(self.text, floor, cue.start()):
                continue  # "HP is called “feather duvet lung”", "the so-called “…”": a name given, by no one said
            return self._subject(floor, cue.start(), verb.endswith("ing"), last).as_cue(kind), adjacent
        if colon:
            end = floor + len(region) - 1
            for m in self._mentions_in(floor, end):
                if not self.text[m.end:end].strip() and m.eligible:  # not "a message for Clinton:"
                    return self._named(m, "colon"), True
            name = signature_name(self.text, floor, end, dashed=False)  # "Jane Smith, 34, Phoenix: “…”"
            if name is not None:
                return self._first_named(*name).as_cue("colon"), True
            subject = self._colon_subject(floor, end)
            if subject is not None:  # "Shelter director Ruth Abernathy put it bluntly: “…”"
                return subject.as_cue("colon"), True
        return None

    def _called_before(self, floor: int, at: int) -> bool:
        """Whether a calling verb governs the words before ``at`` in its clause ("called X's remarks")."""
        clause = re.split(r"[,;:—–]", self.text[floor:at])[-1]
        return any(word in CALL for word in re.findall(r"[a-z]+", clause))

    def _owner(self, cue: re.Match[str]) -> Found | None:
        """The speaker of "his comment", "Axelrod's remarks": the possessor, or None."""
        owner = cue.group("owner")
        if owner[0] not in "'’":
            return self._pronoun(owner, cue.start()).as_cue("statement")
        for m in self._mentions_in(max(0, cue.start() - 80), cue.start() + 2):
            if m.end in (cue.start(), cue.start() + 2):
                return self._named(m, "statement")
        return None

    def _after(self, close: int, next_open: int) -> tuple[Found, int] | None:
        """The attribution right after the closing mark ("…," said X / "…," X said) and where it ends."""
        a = close + 1
        sentence = self._sentence(a)
        if a >= sentence.end or not self.text[a:sentence.end].strip():
            following = sentence.index + 1
            if following >= len(self.sentences) or self._paragraph(self.sentences[following].start) != self._paragraph(close) \
                    or next_open < self.sentences[following].end:  # "Russia insisted that “…”": its own quotation
                return None
            sentence = self.sentences[following]
            if len(sentence.text.split()) > NEXT_SENTENCE_MAX_WORDS and not _ATTRIBUTION.match(sentence.text):
                return None  # a sentence of its own, not "Holder, the attorney general, said on Monday."
        b = min(sentence.end, next_open)
        a += re.match(r"[\s,—–\-]*", self.text[a:b]).end()
        region = self.text[a:b]
        if region.startswith("according to"):
            return self._first_named(a + len("according to"), b).as_cue("according-to"), b
        first = re.match(r"(?:(?:So|Thus|Or)\s+)?([a-z]+)\b", region)  # "“…” So says Ruth Abernathy."
        if first and first.group(1) in SAY:  # "…," said the legislator, Representative Carl Seel.
            named_end = a + first.end()
            cut = CIRCUMSTANCE.search(self.text, named_end, b)
            found = self._first_named(named_end, cut.start() if cut else b)
            pronoun = re.match(r"\s+(he|she|it)\b", self.text[named_end:b])
            if found.speaker == UNKNOWN and pronoun:
                found = self._pronoun(pronoun.group(1), named_end + pronoun.start(1))
            tail = _NAME_CLOSING.search(self.text, named_end, b) if found.speaker == UNKNOWN else None
            if tail:  # "…," recalled his former partner at Lenox, Ed Varga.
                named = self._first_named(tail.start(1), tail.end(1))
                if named.start == tail.start(1) and not self.text[named.end:tail.end(1)].strip():
                    found = named
            return found.as_cue("said-after"), b
        for count, word in enumerate(re.finditer(r"\b[a-z]+\b|\b[A-Z][\w.'’\-]*", region)):
            if count > AFTER_MAX_WORDS or word.group() in NOT_AFTER:
                break
            if word.group() in SAY:
                return self._subject(a, a + word.start(), False, None).as_cue("said-after"), b
        named = _NAMED_APPOSITION.match(region)  # "Malkia Cyril, the director at … and a …, told"
        if named and named.group("verb") in SAY:
            return self._subject(a, a + named.start("verb"), False, None).as_cue("said-after"), b
        return None
