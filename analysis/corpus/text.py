"""Turning raw bytes into clean article text: decoding, junk removal, sentences.

Scraped news text carries a lot that is not the story: share counters, rules,
bylines glued under the headline, comment-form footers in another language,
and the crawl furniture :mod:`analysis.corpus.furniture` recognises. Everything here
is a pure function of its input so the loader stays testable, and every piece
removed is kept with its reason.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

# By its full name: `from analysis.corpus import furniture` would wait for the package's __init__, which
# imports this module (an import cycle, tests/test_import_cycles.py).
import analysis.corpus.furniture as furniture
from analysis.corpus.furniture import Removal
from analysis.text.abbreviations import ABBREVIATIONS

# A line this short with no closing stop reads as a headline or subheading.
HEADLINE_MAX_WORDS = 20
# Bylines sit right under the headline and are a few words long.
BYLINE_MAX_WORDS = 6
# "By Jane Doe and John Roe, Associated Press" runs longer, but only when it says "By".
BY_LINE_MAX_WORDS = 12
# "By Jane Doe" or "By Jane Doe, AP": short enough to be a byline even at the top.
SHORT_BYLINE_WORDS = 5
# Bylines and datelines are looked for this many paragraphs into the text.
BYLINE_MAX_PARAGRAPH = 4
_BYLINE_WORDS = re.compile(
    r"\b(media|news|group|press|agency|reuters|associated|staff|correspondent|"
    r"times|post|journal|herald|tribune|wire|bureau|editor|reporter)\b",
    re.IGNORECASE,
)
_JUNK_LINE = re.compile(r"^[\s\d.,:;|*_=~#+\-–—•·]*$")  # counters, rules, bullets only
_BY_LINE = re.compile(r"^(?i:by)\s+[A-ZÀ-Þ]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
_SPLIT_CANDIDATE = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9À-ÖØ-ÞĀ-ſА-Я])""")


# What a sentence is in its article: body text, the headline, or a section
# heading. Headings are never matched to body sentences (claims, compare).
BODY, HEADLINE, HEADING = "body", "headline", "heading"
# A section heading is short: "Putin Rejects Comprehensive Ceasefire".
HEADING_MAX_WORDS = 12
_CLOSING = re.compile(r"""[.!?…:;,]["'”’)\]]*$""")


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, where it sits in the article's text, and its kind."""

    index: int
    text: str
    start: int
    end: int
    kind: str = BODY  # BODY, HEADLINE or HEADING

    @property
    def is_body(self) -> bool:
        return self.kind == BODY


class UndecodableText(Exception):
    """The bytes are not text in any encoding we read (binary data)."""


def decode(data: bytes) -> str:
    """Decode bytes whatever their encoding: BOMs, UTF-8, UTF-16, then cp1252/Latin-1."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    sample = data[:4096]
    if sample and b"\x00" in sample:
        # UTF-16 without a BOM has a NUL in every other byte of ASCII text;
        # any other NUL means binary data.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) / 2
        if odd > 0.3 * half and even < 0.05 * half:
            return data.decode("utf-16-le", errors="replace")
        if even > 0.3 * half and odd < 0.05 * half:
            return data.decode("utf-16-be", errors="replace")
        raise UndecodableText("binary data (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    controls = len(_CONTROL.findall(text, 0, 4096))
    if controls > 0.05 * max(1, min(len(text), 4096)):
        raise UndecodableText("binary data (control characters)")
    return text


def _script(ch: str) -> str:
    """A coarse writing-system name for a letter: enough to spot a foreign footer."""
    code = ord(ch)
    if code < 0x250 or 0x1E00 <= code < 0x1F00:
        return "latin"
    if 0x370 <= code < 0x400:
        return "greek"
    if 0x400 <= code < 0x530:
        return "cyrillic"
    if 0x590 <= code < 0x600:
        return "hebrew"
    if 0x600 <= code < 0x780:
        return "arabic"
    if 0x3040 <= code < 0x3100:
        return "kana"
    if 0x4E00 <= code < 0xA000 or 0x3400 <= code < 0x4DC0:
        return "han"
    if 0xAC00 <= code < 0xD7B0:
        return "hangul"
    return "other"


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Bytes that are not ASCII letters, deleted to count the letters at C speed.
_NOT_ASCII_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())


def dominant_script(text: str) -> str:
    """The writing system most letters of ``text`` belong to ("latin", "han", ...)."""
    # Most news text is nearly all ASCII: count those letters in bulk, then
    # look one by one only at the few characters beyond ASCII.
    counts = {"latin": len(text.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))}
    for ch in _NON_ASCII.findall(text):
        if ch.isalpha():
            script = _script(ch)
            counts[script] = counts.get(script, 0) + 1
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else "latin"


def _ends_sentence(line: str) -> bool:
    # Only the tail matters; searching a "$"-anchored pattern over a whole
    # paragraph costs time proportional to its length.
    return bool(_SENTENCE_END.search(line[-8:]))


def looks_like_headline(line: str) -> bool:
    """Short, no closing full stop: the way headlines and subheadings are written."""
    words = line.split()
    return 0 < len(words) <= HEADLINE_MAX_WORDS and not line.rstrip().endswith((".", "…"))


def looks_like_byline(line: str) -> bool:
    """A short line under the headline naming a writer or an outlet."""
    words = line.split()
    if not words or len(words) > BYLINE_MAX_WORDS or _ends_sentence(line):
        return False
    return line.lower().startswith("by ") or bool(_BYLINE_WORDS.search(line))


def _is_by_line(line: str) -> bool:
    """A "By Jane Doe, Associated Press" line: names after "By", no sentence."""
    words = line.split()
    if not _BY_LINE.match(line) or len(words) > BY_LINE_MAX_WORDS or line.rstrip().endswith((".", "?", "!")):
        return False
    # A byline is names: most words after "By" are capitalised (or "and", "in", "for").
    rest = [w for w in words[1:] if w.lower() not in ("and", "in", "for", "of", "the", "|", "-", "—")]
    return bool(rest) and sum(w[:1].isupper() for w in rest) >= 0.7 * len(rest)


@dataclass(frozen=True)
class CleanText:
    """What cleaning found: the body text, its headline, byline and dateline, and what it removed."""

    text: str
    headline: str
    byline: str
    removed: tuple[Removal, ...]
    dateline: str = ""


def clean(raw: str) -> CleanText:
    """Normalise a decoded article and strip scraping junk and crawl furniture.

    The result keeps one paragraph per block, blocks separated by a blank line;
    a headline or subheading is a block of its own so it never glues onto the
    next sentence. Every piece taken out is in ``removed`` with its reason.
    """
    raw = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    raw = raw.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in raw.split("\n")]
    removed: list[Removal] = []

    kept: list[str] = []
    for line in lines:
        if line and _JUNK_LINE.match(line):
            removed.append(Removal(line, furniture.SEPARATOR))
            continue
        if line[:1].islower() and kept and kept[-1] and not _ends_sentence(kept[-1]):
            kept.append(line)  # a hard-wrapped sentence goes on ("was far too / close."): never furniture
            continue
        reason = furniture.line_reason(line)
        if reason:
            removed.append(Removal(line, reason))
            continue
        if line:
            line, cut = furniture.strip_fused(line)
            removed.extend(cut)
            if not line:
                continue
        kept.append(line)

    # Drop a trailing run of lines in another script than the body (a comment
    # form in Chinese under an English article, say).
    body_script = dominant_script(" ".join(kept))
    footer: list[str] = []
    while kept and (not kept[-1] or dominant_script(kept[-1]) != body_script):
        if kept[-1]:
            footer.append(kept[-1])
        kept.pop()
    removed.extend(Removal(line, furniture.FOREIGN) for line in reversed(footer))

    # Paragraphs: blank lines separate; inside a block a line that stops
    # mid-sentence and is followed by a lowercase start is a hard wrap.
    paragraphs: list[str] = []
    for line in kept:
        if not line:
            paragraphs.append("")
            continue
        if (
            paragraphs
            and paragraphs[-1]
            and not _ends_sentence(paragraphs[-1])
            and line[:1].islower()
        ):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    paragraphs = [p for p in paragraphs if p]

    headline = ""
    byline = ""
    if paragraphs and looks_like_headline(paragraphs[0]):
        headline = paragraphs[0]
        if len(paragraphs) > 1 and looks_like_byline(paragraphs[1]):
            byline = paragraphs.pop(1)
            removed.append(Removal(byline, furniture.BYLINE))
    # "By Jane Doe" lines near the top never name the outlet, but are no story either. A first
    # line is a byline only when it is short or a headline follows it: "By Land And Sea, Russia
    # Advances On Kharkiv" is a headline.
    for number in range(min(len(paragraphs), BYLINE_MAX_PARAGRAPH) - 1, -1, -1):
        if not _is_by_line(paragraphs[number]) or (number == 0 and len(paragraphs) == 1):
            continue
        if number == 0 and len(paragraphs[0].split()) > SHORT_BYLINE_WORDS and not looks_like_headline(paragraphs[1]):
            continue
        removed.append(Removal(paragraphs.pop(number), furniture.BYLINE))
        if number == 0:
            headline = paragraphs[0] if looks_like_headline(paragraphs[0]) else ""
    dateline = ""
    for number in range(1 if headline else 0, min(len(paragraphs), BYLINE_MAX_PARAGRAPH)):
        dateline, rest = furniture.split_dateline(paragraphs[number])
        if dateline:
            removed.append(Removal(dateline, furniture.DATELINE))
            paragraphs[number] = rest
            break
    return CleanText("\n\n".join(paragraphs), headline, byline, tuple(removed), dateline)


def looks_like_heading(block: str) -> bool:
    """A short paragraph with no closing punctuation: a section heading inside the body."""
    words = block.split()
    return (0 < len(words) <= HEADING_MAX_WORDS and block[:1].isupper()
            and not _CLOSING.search(block[-4:]))


def split_sentences(text: str, headline: bool = False) -> tuple[Sentence, ...]:
    """Split clean text into sentences; no sentence crosses a line break.

    With ``headline`` the first paragraph is the article's headline (unless it
    is the only one: a one-paragraph text is all body); a later
    paragraph that reads as a heading (:func:`looks_like_heading`) is one
    sentence of kind HEADING.
    """
    sentences: list[Sentence] = []
    several = "\n" in text.strip()  # in a one-paragraph text everything is body
    for number, block in enumerate(re.finditer(r"[^\n]+", text)):
        block_start, block_text = block.start(), block.group()
        if number == 0 and headline and several:
            _append(sentences, block_text, block_start, 0, len(block_text), HEADLINE)
            continue
        if several and looks_like_heading(block_text):
            _append(sentences, block_text, block_start, 0, len(block_text), HEADING)
            continue
        start = 0
        for match in _SPLIT_CANDIDATE.finditer(block_text):
            end = match.end()
            if _is_abbreviation(block_text[:end]):
                continue
            _append(sentences, block_text, block_start, start, end)
            start = end
        _append(sentences, block_text, block_start, start, len(block_text))
    return tuple(sentences)


def _is_abbreviation(prefix: str) -> bool:
    """Whether the full stop closing ``prefix`` belongs to an abbreviation or initial."""
    if not prefix.endswith("."):
        return False
    token = prefix.rsplit(None, 1)[-1].rstrip(".").lstrip("\"'“‘(")
    if not token:
        return False
    if len(token) == 1 and token.isalpha() and token.isupper():
        return True  # an initial: "Donald J. Trump"
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):
        return True  # "U.S", "e.g"
    return token.lower() in ABBREVIATIONS


def _append(out: list[Sentence], block: str, offset: int, start: int, end: int, kind: str = BODY) -> None:
    piece = block[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    begin = offset + start + lead
    out.append(Sentence(len(out), stripped, begin, begin + len(stripped), kind))


_STOPWORDS = {lang: frozenset(words.split()) for lang, words in {
    "en": "the and of to in is that for was on with as by he it at from his an were are which",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als",
    "fr": "le la les de des et en un une du est que pour dans qui par sur pas au avec",
    "es": "el la de que y en los se del las un por con no una su para es al lo como",
    "it": "il di che e la in un per non sono una del le della si con da al gli",
    "pt": "o de que e do da em um para com não uma os no se na por mais as dos",
    "nl": "de het een en van in is dat op te zijn met voor niet die aan er",
    # Without these an Indonesian or a Polish article was "und", which reads as too short to tell and is
    # read for English names. No word here is also a common English one ("a", "i", "to", "on").
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke karena ada oleh atau bisa",
    "tr": "ve bir bu da için ile çok olarak daha gibi ama kadar olan sonra ise değil",
    "pl": "w na z się nie że jest jak po co ale przez od za jego oraz",
    "sv": "och att det som en på är av för med till den har inte om ett",
    "da": "og det som en på er af med til den har ikke om et",
    "ro": "și în la cu pe care din este nu un pentru mai că se",
    "cs": "se na je že v ve jako ale jsou pro jeho nebo",
    "vi": "và của là có được trong cho những một các không người với này đã",
}.items()}
_SCRIPT_LANGUAGE = {"cyrillic": "ru", "han": "zh", "kana": "ja", "hangul": "ko",
                    "arabic": "ar", "hebrew": "he", "greek": "el"}


def detect_language(text: str) -> str:
    """A best guess at the article's language (ISO 639-1), "und" when unsure.

    Stopword counts are crude but need no model, and they are all YAKE needs
    to pick its stopword list.
    """
    script = dominant_script(text)
    if script != "latin":
        return _SCRIPT_LANGUAGE.get(script, "und")
    words = re.findall(r"[^\W\d_]+", text[:5000].lower())  # a few hundred words decide it
    if not words:
        return "und"
    scores = {lang: sum(map(stops.__contains__, words)) for lang, stops in _STOPWORDS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= 0.08 * len(words) else "und"
