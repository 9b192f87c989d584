"""Crawl furniture: the lines of a scraped page that are not the article.

A crawled article carries the page around it: "Advertisement", "Continue
reading the main story", photo credits and captions ("AP Photo/Lee Jin-man",
"Getty Images"), newsletter prompts, "Information from: ..." lines, share
counters, bylines and datelines. Left in, they become sentences, keywords and
(worst) actors: "Associated Press North Korea", "Advertisement Continue".

Everything here decides about one line or one paragraph at a time and says
why, so the loader can keep a record of every removal. The rules lean towards
keeping: a line is removed only when it is furniture as a whole (a whole-line
pattern, or a repeated line that does not read as a sentence); furniture glued
to real text is cut off and the text kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "Removal", "line_reason", "strip_fused", "split_dateline", "repeated_lines",
    "PAGE", "CREDIT", "CAPTION", "NEWSLETTER", "SOURCE", "BYLINE", "DATELINE", "TIMESTAMP",
    "SEPARATOR", "COMMENTS", "FOREIGN", "REPEATED", "LineCounts", "furniture_candidates",
]

# Why a piece of text was removed (the words the Overview shows).
PAGE = "page furniture"
CREDIT = "photo or agency credit"
CAPTION = "photo caption"
NEWSLETTER = "newsletter or follow prompt"
SOURCE = "source or copyright line"
BYLINE = "byline"
DATELINE = "dateline"
TIMESTAMP = "timestamp"
SEPARATOR = "separator or counter"
COMMENTS = "comment form"
FOREIGN = "footer in another script"
REPEATED = "repeated in other articles"

# A line repeated verbatim must be in this many articles of its group, and in
# this share of them, to count as the page's furniture rather than the story's.
REPEATED_MIN_ARTICLES = 3
REPEATED_MIN_SHARE = 0.1
# Lines this long are never whole-line furniture, whatever they start with:
# navigation, prompts and credits are short.
FURNITURE_MAX_CHARS = 200


@dataclass(frozen=True)
class Removal:
    """A piece of text the loader took out of an article, and why."""

    text: str
    reason: str


# Agencies and picture desks whose names appear as credits.
_AGENCY = (
    r"(?:The\s+)?Associated\s+Press|AP|A\.P\.|AFP|Agence\s+France-Presse|Reuters|REUTERS|EPA(?:-EFE)?|EFE|"
    r"Getty\s+Images|Getty|Bloomberg|Xinhua|Yonhap|KCNA|Kyodo|ANSA|dpa|DPA|UPI|PA(?:\s+Media|\s+Wire)?|"
    r"Shutterstock|Alamy|Rex\s+Features|Sipa|TASS|Sputnik|Anadolu(?:\s+Agency)?|NurPhoto|SOPA\s+Images|"
    r"Zuma\s+Press|ZUMA\s+Wire|Pool|Handout|File"
)
# What makes an agency name a credit rather than a subject: a picture desk, a
# photographer after a slash, "via", or a colon ("AP Photo/Lee Jin-man", "KCNA via AP", "AP:").
_MARKED_CREDIT = (
    rf"(?:(?:[A-Z][\w.'’-]*[\s,]*){{1,6}}(?:/|\s+via\s+)\s*(?:{_AGENCY})(?:\s+(?:Photo|Photos|Images|Pool))?"
    rf"|(?:{_AGENCY})\s+(?:Photo|Photos|Images|Pictures|Pool|Handout)(?:\s*/\s*[A-Z][\w.'’-]*(?:[\s-]+[A-Z][\w.'’-]*){{0,3}})?"
    rf"|(?:{_AGENCY})\s*/\s*[A-Z][\w.'’-]*(?:[\s-]+[A-Z][\w.'’-]*){{0,3}}"
    rf"|Getty\s+Images|(?:{_AGENCY})\s*:)"
)
# Capitalised words that start a sentence and never continue an agency's name:
# "Reuters The United Nations ..." is a credit glued to a sentence, "Reuters News said" is not.
_SENTENCE_STARTERS = (
    r"(?:The|A|An|In|On|At|After|As|But|It|Its|This|That|These|He|She|They|We|When|While|For|With|From|Last|"
    r"Earlier|Officials|North|South|If|Some|Many|More|One|Two|Three|Hundreds|Thousands)\b"
)

_I = re.IGNORECASE
# "Follow us on Twitter", "Follow The New York Times Opinion section on Facebook, Twitter (@NYTopinion) and
# Instagram": whom to follow (capitalised words, a section of them), then the platforms.
_FOLLOW = (r"(?:follow (?:us|him|her|them|(?-i:[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|section|desk|team)){0,7}))"
           r"|like us) on (?:twitter|facebook|instagram|x|threads|bluesky|linkedin|tiktok|youtube)\b.{0,120}")
# A line that ends like a sentence and has this many words reads as prose: only the
# boilerplate rules below marked so (copyright notices, "contributed to this report") may
# remove it. A prompt or credit is shorter: "Sign up for our newsletter." has five words.
PROSE_MIN_WORDS = 8
_BOILERPLATE = "boilerplate"
# A place in a credit line: one to four capitalised words ("Hong Kong", "Washington").
_PLACE = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
# Whole lines that are the page, not the article. Each is matched against the whole line.
_RULES = (
    (r"(?:advertisement|advert|sponsored(?: content)?|supported by|story continues below(?: advertisement)?|"
     r"continue reading(?: the main story| below)?|(?:article )?continues (?:below|after advertisement)|"
     r"scroll (?:down )?(?:for|to) (?:video|continue|see more)|(?:save)+|share(?: this)?(?: article| story| page)?|"
     r"tweet|e-?mail|print|comments?|view comments|skip (?:to )?(?:main )?content|"
     r"site (?:mobile )?navigation|log ?in|sign ?in|subscribe(?: now)?|loading\.*|close|enlarge this image|"
     r"(?:toggle|hide|show) caption|image|images|photo|photos|picture|pictures|video|videos|gallery|"
     r"(?:play|watch) (?:video|now)|listen(?: to this article)?|back to top|top stories|trending(?: now)?|"
     r"recommended(?: for you)?|you (?:may|might) also like|most (?:popular|read|viewed)|next (?:story|article)|"
     r"previous (?:story|article)|related(?: articles| coverage| stories| content| links)?|more (?:on|from) this story|"
     r"media playback is unsupported on your device|follow us|advertisement - scroll to continue|"
     r"(?:click|tap) (?:here|to) .{0,80}|read (?:more|next|the full story)|see (?:more|also)|"
     r"(?:read more|related|more|see also|watch|also read|recommended|related coverage|must read|"
     r"trending|listen|read next|video)\s*[:|>»].{0,160})[.!]?", _I, PAGE),
    (r"(?:facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|email|e-mail|print|copy link|share|messenger|"
     r"flipboard|tumblr|telegram|sms|comments?|\d+)(?:[\s|,·•/]+(?:facebook|twitter|x|linkedin|whatsapp|"
     r"pinterest|reddit|email|e-mail|print|copy link|share|messenger|flipboard|tumblr|telegram|sms|comments?|"
     r"shares?|\d+))+", _I, SEPARATOR),
    (r"\d[\d,.]*\s*(?:k\s*)?(?:shares?|comments?|views?|likes?|reads?)", _I, SEPARATOR),
    (r"(?:image|media|video|photo) caption\b.*", _I, CAPTION),
    (r"(?:image|photo|picture|photograph|credit|source|image source|photo credit|pictured|file photo|caption)"
     r"\s*[:|].{0,120}", _I, CREDIT),
    (r"(?:image copyright|(?:photo|picture|image|photograph)s? (?:by|courtesy(?: of)?))\s+.{0,120}", _I, CREDIT),
    (rf"\(?(?:{_AGENCY})\)?|\(?{_MARKED_CREDIT}\)?", 0, CREDIT),
    (r"(?=.*\b(?:newsletters?|inbox|e-?mail|alerts?|updates|briefing|subscription|sign up|subscribe)\b)"
     r"(?:sign up|subscribe|register (?:for|now|here)|join our|get our|get the|receive our|don['’]t miss|"
     r"never miss|stay (?:informed|up to date)|enter your e-?mail|newsletter)\b.{0,160}", _I, NEWSLETTER),
    (_FOLLOW, _I, NEWSLETTER),
    (r"information from\s*:.*", _I, SOURCE + "|" + _BOILERPLATE),
    (r".{0,80}\b(?:all rights reserved|may not be published, broadcast, rewritten or redistributed)\b.*", _I,
     SOURCE + "|" + _BOILERPLATE),
    (r"(?:©|\(c\)|copyright\s*©?\s*\d{4}|copyright\s+(?:the\s+)?(?:associated press|reuters|afp))\b.{0,120}", _I,
     SOURCE + "|" + _BOILERPLATE),
    (r"this (?:story|article) (?:was|has been|is being|is) (?:\w+ )?(?:corrected|updated|originally published|"
     r"first published|originally appeared|first appeared|republished)\b.{0,160}", _I, SOURCE),
    (r"(?:originally|first) (?:published|appeared)(?:\s+(?:on|in|at|by))?\s*[:|]?.{0,120}", _I, SOURCE),
    (r"\((?i:(?:additional )?(?:reporting|writing|editing|compiled) by)\b[^()]{0,200}\)\.?", 0,
     SOURCE + "|" + _BOILERPLATE),
    (r"(?i:(?:additional )?(?:reporting|writing|editing) by)\s+(?:[A-Z][\w.'’-]*[\s,;]*(?:and\s+)?){1,8}"
     r"(?:(?i:(?:additional )?(?:reporting|writing|editing) by)\s+(?:[A-Z][\w.'’-]*[\s,;]*(?:and\s+)?){1,8})*",
     0, SOURCE),
    (r"(?:[A-Z][\w.'’-]* ){0,6}(?:writers?|correspondents?|reporters?|staff)\b.{0,120}"
     r"\bcontributed(?: to)?(?: this)? (?:report|story|article|reporting)\.?", _I, SOURCE + "|" + _BOILERPLATE),
    # The credit line that ends a newspaper's story: "Keith Bradsher contributed reporting from Hong Kong.",
    # "Additional reporting was contributed by Jane Roe and John Doe." Names first, or after "by": never the
    # story's own words. Not "research" ("NASA and ESA contributed research" is a story's sentence), and after
    # "from"/"in" only places ("..., and Ana Swanson from Hong Kong").
    (r"(?:[A-Z][\w.'’-]*(?:\s+|,\s*(?:and\s+)?|\s+and\s+)){1,12}contributed\s+(?:additional\s+)?reporting"
     rf"(?:\s+(?:from|in)\s+{_PLACE})?(?:,?\s+and\s+(?:[A-Z][\w.'’-]*\s+){{1,4}}from\s+{_PLACE})*\.?"
     r"|(?i:additional\s+)?(?i:reporting) (?:was|were) contributed by\s+(?:[A-Z][\w.'’-]*(?:\s+|,\s*|\s+and\s+)){1,12}"
     r"[A-Z][\w.'’-]*\.?", 0, SOURCE + "|" + _BOILERPLATE),
    (r"contact (?:the )?(?:writer|reporter|author|us)\b.{0,120}", _I, SOURCE),
    (r"leave a (?:reply|comment)|your email address will not be published.*|required fields are marked.*|"
     r"post comment|add (?:a )?comment|join the conversation|comments are (?:closed|moderated).*", _I, COMMENTS),
)
_LINE_RULES: tuple[tuple[re.Pattern[str], str, bool], ...] = tuple(
    (re.compile(p, flags), reason.split("|")[0], reason.endswith("|" + _BOILERPLATE)) for p, flags, reason in _RULES)
# Captions can run to two sentences; longer lines are prose.
CAPTION_MAX_CHARS = 400

_DATE_TIME = re.compile(
    r"(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
    r"|minutes?|mins?|hours?|hrs?|days?|weeks?|today|yesterday|ago|on|at|by|and|gmt|utc|[ap]\.?m\.?)(?!\w)"
    r"|\d{1,2}[:.]\d{2}|\d{1,4}(?:st|nd|rd|th)?(?!\w)|[A-Z]{2,4}(?!\w)|[+-]\d{1,2}|[|,/·•:\-–—()]")
_TIMESTAMP_LEAD = re.compile(r"(?:published|updated|posted|last updated|last modified|first published|modified)"
                             r"\b\s*:?\s*", _I)
# Furniture words glued to the start of a real line ("Advertisement Continue reading the main story Kim ...").
# "Photo", "Video" or "Supported by" are left alone: "Photo ID laws", "Supported by Washington, Kyiv ...".
_FUSED_FRONT = re.compile(
    r"^(?:(?:advertisement|continue reading the main story|story continues below|savesave|"
    r"scroll down for video)\s*[:|]?\s+)+(?=[\"“0-9]|(?-i:[A-Z]))", _I)
# Page prompts no sentence ever says: cut wherever a crawl left them, at a line's end, after a sentence
# ("... deal.Continue reading the main story The ministers ..."), or inside one where markup was flattened.
_PROMPT_ANYWHERE = re.compile(
    r"\s*\b(?:continue reading the main story|story continues below(?: advertisement)?|"
    r"scroll down for video|(?:save){2,})\b\s*[:|]?", _I)
# A credit glued to the next sentence ("AP:Associated Press North Korea fired", "Getty Images Hamilton won"),
# at the start of a line or right after a sentence ends.
_FUSED_CREDIT = re.compile(
    rf"(?:^|(?<=[.!?\"”])\s+)\(?(?:{_MARKED_CREDIT}(?:\s*(?:{_AGENCY}))?|(?:{_AGENCY})(?=\s+{_SENTENCE_STARTERS}))\)?"
    r"\s*(?=[A-Z\"“])")
# A parenthesised credit inside or after a sentence: "(AP Photo/Lee Jin-man)", "(KCNA via Reuters)".
_PAREN_CREDIT = re.compile(rf"\s*\(\s*{_MARKED_CREDIT}\s*\)")
# A caption: a line describing a picture, ending on its credit ("... (KCNA via AP)", "... Credit: X/Reuters").
_CAPTION_END = re.compile(rf"\(\s*{_MARKED_CREDIT}\s*\)\s*$")
_CREDIT_TAIL = re.compile(r"(?:^|[.!?”\"]\s+)(?:Credit|Photograph|Photo|Picture|Image)s?:\s*[^.!?]{2,80}$")
# How captions talk: a sentence ending on a credit without these words is text with a credit stuck on.
_PHOTO_WORDS = re.compile(
    r"\b(?:photos?|photograph|picture|image|footage|pictured|poses?|posing|undated|handout|"
    r"(?:provided|released|distributed|taken) by|in this|from left)\b|, (?:left|right|center|centre),", _I)
# "SEOUL, South Korea (AP) — ", "WASHINGTON (Reuters) - ", "LONDON — ", "NEW DELHI: ".
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ.'’\- ]{1,40}?(?:,\s*[A-ZÀ-Þ][\w.'’\- ]{1,40}?)?)\s*"
    r"(?:\((?P<agency>[A-Za-z.\- ]{2,30})\)\s*)?(?P<mark>—|–|--|-|:)\s+(?=\S)")
# Capitalised labels that open a paragraph the way a dateline does but are not places.
_NOT_PLACES = frozenset("UPDATE UPDATED BREAKING NOTE EDITOR'S EDITORS EXCLUSIVE WATCH VIDEO PHOTOS "
                        "CORRECTION ANALYSIS OPINION LIVE WARNING FACT CHECK Q A".split())


def line_reason(line: str) -> str | None:
    """Why ``line`` is furniture as a whole (one of the reasons above), or None when it is text."""
    if not line or len(line) > CAPTION_MAX_CHARS:
        return None
    prose = len(line.split()) >= PROSE_MIN_WORDS and bool(_SENTENCE_LIKE.search(line[-6:]))
    if len(line) <= FURNITURE_MAX_CHARS:
        for pattern, reason, boilerplate in _LINE_RULES:
            if (boilerplate or not prose) and pattern.fullmatch(line):
                return reason
        if not prose and _is_timestamp(line):
            return TIMESTAMP
    if _CREDIT_TAIL.search(line) or (_CAPTION_END.search(line) and _PHOTO_WORDS.search(line)):
        return CAPTION
    return None


def _is_timestamp(line: str) -> bool:
    """A line that is only a date or time, perhaps after "Updated:": what is left is no words."""
    lead = _TIMESTAMP_LEAD.match(line)
    rest = line[lead.end():] if lead else line
    if not re.search(r"\d", rest) and "ago" not in rest.lower():
        return False
    leftover = _DATE_TIME.sub(" ", rest).split()
    # "Updated: 5 May 2017 by Jane Doe" may keep a name or two; a sentence keeps many words.
    return not leftover or (lead is not None and len(leftover) <= 3)


def strip_fused(line: str) -> tuple[str, list[Removal]]:
    """``line`` with furniture glued to real text cut off, and what was cut."""
    removed: list[Removal] = []
    front = _FUSED_FRONT.match(line)
    if front:
        removed.append(Removal(front.group().strip(), PAGE))
        line = line[front.end():]
    if _PROMPT_ANYWHERE.search(line):
        removed.extend(Removal(m.group().strip(" :|"), PAGE) for m in _PROMPT_ANYWHERE.finditer(line))
        pieces = [p.strip() for p in _PROMPT_ANYWHERE.split(line)]
        line = " ".join(p for p in pieces if p and not _furniture_piece(p, removed))
    elif front and _furniture_piece(line.strip(), removed):
        line = ""
    for pattern in (_FUSED_CREDIT, _PAREN_CREDIT):
        if pattern.search(line):
            removed.extend(Removal(m.group().strip(), CREDIT) for m in pattern.finditer(line))
            line = pattern.sub(lambda m: " " if m.start() else "", line)
    if _PROMPTED.search(line):  # most lines name no newsletter, inbox or platform, and are not split
        line = _without_prompt_sentences(line, removed)
    return " ".join(line.split()), removed


# Where a sentence ends inside a line: a stop, then a capital or an opening quote.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z])")
_NEWSLETTER_RULES = tuple(pattern for pattern, reason, _ in _LINE_RULES if reason == NEWSLETTER)
# What a prompt asks the reader to get or follow: a sentence of prose may open with "Sign up" ("Sign up
# for the vaccine opened on Monday …"), never with "Sign up" and one of these.
_PROMPTED = re.compile(r"\b(?:newsletters?|inbox|e-?mails?|alerts|updates|briefing|twitter|facebook|instagram|"
                       r"threads|bluesky|linkedin|tiktok|youtube)\b", _I)


def _without_prompt_sentences(line: str, removed: list[Removal]) -> str:
    """``line`` without the sentences in it that are newsletter or follow prompts as a whole.

    A page often runs its prompts into the article's last paragraph ("Have a tip? Jane Doe may be
    reached at …. Follow her on Twitter @jdoe or on Facebook."). The prompt rules are specific (a
    prompt's verb first, and a newsletter, an inbox or a platform named), so they hold at any length
    here, where a whole line of eight words or more is protected as prose.
    """
    kept = []
    for sentence in _SENTENCE_BREAK.split(line):
        if len(sentence) <= FURNITURE_MAX_CHARS and _PROMPTED.search(sentence) \
                and any(p.fullmatch(sentence) for p in _NEWSLETTER_RULES):
            removed.append(Removal(sentence, NEWSLETTER))
        else:
            kept.append(sentence)
    return " ".join(kept)


def _furniture_piece(piece: str, removed: list[Removal]) -> bool:
    """Whether what stood beside a page prompt is furniture as a whole ("Photo"); recorded in ``removed`` if so."""
    reason = line_reason(piece)
    if reason:
        removed.append(Removal(piece, reason))
    return bool(reason)


def split_dateline(paragraph: str) -> tuple[str, str]:
    """(dateline, rest) when ``paragraph`` opens with one ("SEOUL, South Korea (AP) — ..."), else ("", paragraph).

    The place must be written in capitals (as datelines are), or carry an
    agency in brackets: an ordinary sentence never starts that way.
    """
    match = _DATELINE.match(paragraph)
    if not match:
        return "", paragraph
    place = match.group("place").strip()
    first = place.split(",")[0]
    letters = re.sub(r"[\s.'’\-]", "", first)
    capitals = len(letters) >= 2 and letters.isupper()
    if not (capitals or match.group("agency")) or len(place.split()) > 6 or first.strip() in _NOT_PLACES:
        return "", paragraph
    if match.group("mark") in ("-", ":") and not match.group("agency") and not (capitals and len(letters) >= 4):
        return "", paragraph  # "US - China trade talks resumed": a hyphen after a short word is no dateline
    rest = paragraph[match.end():]
    if not rest[:1].isupper() and rest[:1] not in "\"“‘'0123456789":
        return "", paragraph
    return paragraph[:match.end()].strip(), rest


_SENTENCE_LIKE = re.compile(r"""[.!?…]["'”’)\]]*$""")


def repeated_lines(paragraphs: Sequence[Sequence[str]], groups: Sequence[str] | None = None) -> set[str]:
    """Paragraphs that recur verbatim across the articles of one group and do not read as sentences.

    ``paragraphs`` holds each article's paragraphs; ``groups`` its outlet or
    folder (one group when None). A line repeated in many articles of one
    outlet with no closing stop is that site's furniture ("Related Coverage",
    a section name, a share prompt). A repeated line that ends like a sentence
    is kept: wire copy repeats real sentences, and copies must still see them.
    """
    groups = list(groups) if groups is not None else [""] * len(paragraphs)
    counts = LineCounts()
    for group, lines in zip(groups, paragraphs):
        counts.add(group, furniture_candidates(lines))
    return counts.repeated()


def furniture_candidates(lines: Sequence[str]) -> frozenset[str]:
    """The distinct lines that would be furniture if repeated: short, and not ending like a sentence."""
    return frozenset(line for line in lines
                     if line and len(line) <= FURNITURE_MAX_CHARS and not _SENTENCE_LIKE.search(line[-6:]))


class LineCounts:
    """Counts, article by article, the lines :func:`repeated_lines` looks for, so a big corpus can stream past."""

    def __init__(self) -> None:
        self.sizes: Counter[str] = Counter()
        self.counts: Counter[tuple[str, str]] = Counter()

    def add(self, group: str, candidates: frozenset[str]) -> None:
        """Count one article's :func:`furniture_candidates`."""
        self.sizes[group] += 1
        self.counts.update((group, line) for line in candidates)

    def repeated(self) -> set[str]:
        return {line for (group, line), n in self.counts.items()
                if n >= REPEATED_MIN_ARTICLES and n >= REPEATED_MIN_SHARE * self.sizes[group]}

