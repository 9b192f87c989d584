"""Quotation marks: which marks open, which close, which are apostrophes, how they pair, what they quote.

Straight, curly and mixed marks all pair, because a mark's direction is read
from the characters beside it first and from its glyph only when those do not
say. Double marks pair within a paragraph, and a paragraph left open runs on
into the next one when that opens with a mark, as newspapers print long
quotes (a transcript's line, "WALLACE: …", ends at its paragraph when the next paragraph
opens with the next speaker's label: the caller says what a label is, since that takes knowing
names; analysis.actors.speaker_names.transcript_label); single marks pair inside one paragraph, outside double quotes, once
apostrophes (Putin’s, ’90s, rock ’n’ roll, the senators’ letter) are set aside.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

# Whether a quoted paragraph opens with a transcript speaker's label ("PENCE: …"): not None when it does.
SpeakerLabel = Callable[[str], object]

__all__ = ["DOUBLE_MARKS", "MARK_RULES", "SINGLE_MARKS", "SpeakerLabel", "mask_probe", "paragraphs_of",
           "quotation_marks", "pair_double", "pair_single", "inside_of", "outermost", "run_on_openers",
           "sentence_quotations", "without_quotations"]

# The marks, and the rules below, are frozen with the target-sentiment model that reads this mask
# (analysis/models/target_features.TRAINED_LISTS): a change here asks for that model's retraining.
DOUBLE_MARKS, SINGLE_MARKS = "“”\"«»„", "‘’'"
_DOUBLE, _SINGLE = re.compile(f"[{DOUBLE_MARKS}]"), re.compile(f"[{SINGLE_MARKS}]")
# Single marks that are apostrophes: Putin’s, ’90s, rock ’n’ roll, ’em.
_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)|(?<![\w'’])['’](?=\d\ds?\b|n['’]|em\b|til\b|cause\b|tis\b)"
                         r"|(?<=[\s'’]n)['’](?=\s)")
_OPENING, _CLOSING = "“‘«„", "”’»"
_LEFT_CONTEXT, _RIGHT_CONTEXT = "([{—–-/“‘«„\"'", ".,;:!?…)]}—–-”’»\"'"
# What a model trained on this mask is frozen with (its card holds their digest): the marks, the
# characters that tell a mark's direction, and the apostrophe rule; the pairing itself is frozen by
# what it makes of the probe sentences (mask_probe).
MARK_RULES = {"double_marks": DOUBLE_MARKS, "single_marks": SINGLE_MARKS, "opening_marks": _OPENING,
              "closing_marks": _CLOSING, "left_context": _LEFT_CONTEXT, "right_context": _RIGHT_CONTEXT,
              "apostrophe_rule": [_APOSTROPHE.pattern]}


def _direction(text: str, i: int) -> str:
    """Whether the mark at ``i`` opens or closes, by what stands beside it, else by its glyph; "" if either."""
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    left = prev.isspace() or prev in _LEFT_CONTEXT
    right = nxt.isspace() or nxt in _RIGHT_CONTEXT
    if left != right:
        return "open" if left else "close"
    return "open" if text[i] in _OPENING else "close" if text[i] in _CLOSING else ""


def pair_double(text: str, paragraphs: list[tuple[int, int]],
                speaker_label: SpeakerLabel | None = None) -> list[tuple[int, int]]:
    """(opening mark, closing mark) of every double-quoted passage; unmatched marks are dropped."""
    out: list[tuple[int, int]] = []
    carried: int | None = None  # a quotation the previous paragraph left open
    previous_end = 0
    for p_start, p_end in paragraphs:
        marks = [m.start() for m in _DOUBLE.finditer(text, p_start, p_end)]
        # Openers not yet closed, outermost first: "… the question: “As you know, …?” Forty-three …"
        # nests one quotation in another, and a closing mark closes the latest opener.
        opened: list[int] = []
        if carried is not None and marks and not text[p_start:marks[0]].strip() \
                and _direction(text, marks[0]) != "close":
            if speaker_label is None or speaker_label(text[marks[0] + 1:p_end]) is None:
                opened, marks = [carried], marks[1:]
            else:  # a transcript's next speaker ("PENCE: …"): the open line ends with its paragraph
                out.append((carried, previous_end))
        previous_end = p_end
        for i in marks:
            direction = _direction(text, i)
            if not opened or direction == "open":
                if direction != "close":
                    opened.append(i)
            else:
                out.append((opened.pop(), i))
        # Left open, the latest opener runs on into the next paragraph; an outer quotation whose
        # inner one closed runs on too (a long quote with a quotation inside it).
        carried = opened[-1] if opened else None
    return out


def pair_single(text: str, paragraphs: list[tuple[int, int]], inside: Callable[[int], bool]) -> list[tuple[int, int]]:
    """(opening mark, closing mark) of single-quoted passages outside double quotes, within a paragraph."""
    out: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs:
        marks = [(m.start(), _direction(text, m.start())) for m in _SINGLE.finditer(text, p_start, p_end)
                 if not _APOSTROPHE.match(text, m.start()) and not inside(m.start())]
        opened = None
        for k, (i, direction) in enumerate(marks):
            if direction == "open":
                opened = i
            elif direction == "close" and opened is not None:
                # "the senators’ letter" is a plural possessive when a later mark can close instead
                if text[i - 1:i] == "s" and re.match(r"\s+[a-z]", text[i + 1:i + 3]) \
                        and any(d == "close" for _, d in marks[k + 1:]):
                    continue
                out.append((opened, i))
                opened = None
    return out


def run_on_openers(text: str, paragraphs: list[tuple[int, int]], pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The quoted paragraphs a page flattened into one line: (opening mark, the space before the next opener).

    He said: "There is a strong case. "So we do need to know." -- each quoted paragraph of a long
    quote opens with a mark and only the last closes; with the paragraph breaks lost, the first
    opener is left unpaired (pair_double reads the second as a quotation inside it and drops it).
    An unpaired opener followed, within its paragraph, by a sentence end, a space and the opener of a
    pair gives the words between as a quotation of their own. Not part of :func:`quotation_marks`
    (the mask the target-sentiment model was trained on): the quote finder reads these too.
    """
    paired = {i for pair in pairs for i in pair}
    opens = sorted(a for a, _ in pairs)
    out = []
    for p_start, p_end in paragraphs:
        for m in _DOUBLE.finditer(text, p_start, p_end):
            i = m.start()
            if i in paired or _direction(text, i) != "open":
                continue
            k = bisect_right(opens, i)
            if k == len(opens) or opens[k] >= p_end or _DOUBLE.search(text, i + 1, opens[k]):
                continue
            if re.search(r"\w[.!?…]\s$", text[i + 1:opens[k]]):
                out.append((i, opens[k] - 1))
    return out


def outermost(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs (sorted) that no other pair holds: a quotation inside a quotation is part of it."""
    out: list[tuple[int, int]] = []
    for a, b in pairs:
        if not out or a > out[-1][1]:
            out.append((a, b))
    return out


def inside_of(pairs: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether a position lies strictly between the marks of one of ``pairs`` (sorted, nested or not)."""
    outer = outermost(pairs)
    opens = [a for a, _ in outer]

    def inside(pos: int) -> bool:
        k = bisect_right(opens, pos) - 1
        return k >= 0 and opens[k] < pos < outer[k][1]
    return inside


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of ``text``: the paragraphs marks pair within."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def quotation_marks(text: str, paragraphs: list[tuple[int, int]] | None = None,
                    speaker_label: SpeakerLabel | None = None) -> list[tuple[int, int]]:
    """(opening mark, closing mark) of every quotation, double and single, in text order."""
    paragraphs = paragraphs_of(text) if paragraphs is None else paragraphs
    double = pair_double(text, paragraphs, speaker_label)
    return sorted(double + pair_single(text, paragraphs, inside_of(double)))


def sentence_quotations(sentence: str) -> list[tuple[int, int]]:
    """:func:`quotation_marks` of one sentence read alone, without its article.

    A double mark that closes before any opens means the sentence began inside
    a quotation its splitter cut from the opener (the second sentence of a long
    quote): that passage is (-1, the mark), so :func:`inside_of` covers the
    sentence's start.
    """
    pairs = quotation_marks(sentence)
    first = _DOUBLE.search(sentence)
    if first and _direction(sentence, first.start()) == "close" \
            and not any(a <= first.start() <= b for a, b in pairs):
        pairs.insert(0, (-1, first.start()))
    return pairs


def without_quotations(text: str, speaker_label: SpeakerLabel | None = None) -> str:
    """``text`` with each outermost quotation, marks included, replaced by one space."""
    out, at = [], 0
    for start, end in quotation_marks(text, speaker_label=speaker_label):
        if start < at:
            continue  # nested inside the previous quotation
        out.append(text[at:start])
        out.append(" ")
        at = end + 1
    out.append(text[at:])
    return "".join(out)


# Sentences whose quoted mask stands for the pairing rules, as the WordNet table's stem probe stands for
# the stemmer: nested, straight, single, foreign and cut-off quotations, apostrophes.
_PROBES = (
    "“We will win,” she said, “and they know it.”",
    'He asked: "Did you say \'never\' or \'not now\'?" and left.',
    "The senators’ letter called Putin’s plan ‘a trap’ in the ’90s sense.",
    "Il a dit «nous gagnerons» hier, er sagte „wir gewinnen“ gestern.",
    "is a fraud,” said Miller, who added: “Nobody asked “Why?” at all.”",
)


def mask_probe() -> list[str]:
    """Each probe sentence as its mask read alone (``^`` inside a quotation, ``.`` outside)."""
    out = []
    for sentence in _PROBES:
        inside = inside_of(sentence_quotations(sentence))
        out.append("".join("^" if inside(i) else "." for i in range(len(sentence))))
    return out
