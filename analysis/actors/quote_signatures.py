"""A quotation signed with a name: the speaker set apart from the words, as pull quotes and vox pops print them.

"“I vote because my parents could not.” — Jane Smith, 34, Phoenix", the name on a line of its own
after the quotation, or before it ("Jane Smith, 34, Phoenix:" then the quotation). No verb says who
spoke; the layout does. A signature is short, opens with the name (after a dash, when there is one),
and holds nothing after the name but details: an age, a place, a job. Without a dash it must look
like nothing but a label: the name and then an age ("Jane Smith, 34, a nurse"), or only capitalised
details ("Jane Smith, Phoenix, Arizona"), so that a sentence such as "Jane Smith, the mayor,
disagreed." is never read as one.
"""

from __future__ import annotations

import re

from analysis.text.roles import NAME_LINKS, SENTENCE_OPENERS

__all__ = ["SIGNATURE_MAX_WORDS", "signature_name"]

# A signature this long is a sentence, not a label.
SIGNATURE_MAX_WORDS = 20
# The name: capitalised words, initials and the small words names hold ("Ursula von der Leyen").
_NAME = re.compile(rf"[A-Z][\w'’.\-]*(?:\s+(?:(?:{'|'.join(sorted(NAME_LINKS))})\s+)*[A-Z][\w'’.\-]*){{0,5}}")
_DASH = re.compile(r"\s*(?:[—–―]|--?)\s*")
# After a name without a dash: an age, or details with no lowercase word in them.
_AGE = re.compile(r"\s*,\s*(?:age\s+|aged\s+)?\d{1,3}\b")


def signature_name(text: str, start: int, end: int, *, dashed: bool = True) -> tuple[int, int] | None:
    """(start, end) of the name when text[start:end] is a signature, else None.

    ``dashed`` allows the dash form ("— Jane Smith, Phoenix"); without it, or without a dash, only
    the strict label form counts. A final stop or colon may close the signature.
    """
    segment = text[start:end].rstrip().rstrip(".:")
    if not segment.strip() or len(segment.split()) > SIGNATURE_MAX_WORDS or re.search(r"[“”\"«»„!?;]", segment):
        return None
    at = 0
    dash = _DASH.match(segment)
    if dash and dash.end() > len(segment) - len(segment.lstrip()) and dash.group().strip():
        if not dashed:
            return None
        at = dash.end()
    else:
        dash = None
        at = len(segment) - len(segment.lstrip())
    name = _NAME.match(segment, at)
    if name is None or name.group().split()[0].lower() in SENTENCE_OPENERS:
        return None  # "An Ambitious, Divisive Legacy.": a heading
    details = segment[name.end():]
    if details and not re.match(r"\s*[,(]", details):
        return None  # the name runs on into a sentence: "Jane Smith disagreed"
    if re.search(r"[.!?]\s+[A-Z][a-z]+\s+[a-z]", details):
        return None  # a second sentence
    if dash is None:
        if len(name.group().split()) < 2 or not details:
            return None  # a lone word or a bare name is a heading as often as a signature
        if not _AGE.match(details) and re.search(r"(?<![\w'’.\-])[a-z]", details):
            return None
    return start + name.start(), start + name.end()


def signs_before(text: str, paragraphs: list[tuple[int, int]]) -> bool:
    """Whether the article's label paragraphs sign the quotation after them rather than the one before.

    Vox pops print either "Jane Smith, 34" then her quotation, or the quotation then "Jane Smith, 34",
    one way through an article. Where labels stand between quotations, either reading fits; the
    labels at the ends say which: a label with no quotation before it opens a run of name-first pairs.
    """
    opens_quote = [bool(re.match(r"\s*[“\"«„]", text[a:b])) for a, b in paragraphs]
    ends_quote = [bool(re.search(r"[”\"»][\s.,]*$", text[a:b])) for a, b in paragraphs]
    first, last = 0, 0
    for k, (a, b) in enumerate(paragraphs):
        if signature_name(text, a, b, dashed=False) is None:
            continue
        before = k > 0 and ends_quote[k - 1]
        after = k + 1 < len(paragraphs) and opens_quote[k + 1]
        first += after and not before
        last += before and not after
    return first > last
