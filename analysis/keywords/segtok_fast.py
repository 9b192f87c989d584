"""segtok's sentences and words as yake splits them, the same lists at about half the cost.

:func:`tokenize_sentences` returns what ``yake.data.utils.tokenize_sentences``
returns (segtok's ``split_multi``, then ``web_tokenizer`` and
``split_contractions`` per sentence). On BBC, segtok was a third of the
keywords' time; three shortcuts that cannot change a result take half of it:
- ``ABBREVIATIONS.search`` is run on every span before a full stop. Every
  alternative of that pattern ends at the span's end (``$``) and reaches
  fewer than 20 characters back (the longest: "Professor A.-B" and what its
  look-behinds read), yet a search tries every start from the first
  character. Here it starts :data:`_ABBREVIATION_REACH` characters from the
  end, by ``pos`` (not a slice: ``\\b`` and look-behinds still read the
  characters before it). The one alternative anchored at the start (a span
  of digits only) is then tested there when the span starts with a digit.
- ``BEFORE_LOWER.match(last) and LOWER_WORD.match(current)``: the cheap test
  first (a sentence rarely starts in lowercase), the lazy ``.*?`` scan of the
  whole span only when it passes.
- the word tokenizer splits each space-separated piece by a regex, and
  ``split_contractions`` tests each token by one: both depend on the piece
  alone, so each distinct piece is split once per process.
Everything else is segtok's own code and patterns. It runs only on the
segtok release it was checked against (``tests/test_segtok_fast.py``
compares the lists on every sample and BBC article); any other release runs
yake's own call.
"""

from __future__ import annotations

from importlib.metadata import version

from regex import UNICODE, compile
from segtok import segmenter, tokenizer
from yake.data.utils import tokenize_sentences as yake_tokenize_sentences

CHECKED_RELEASES = ("1.5.11",)
ENABLED = version("segtok") in CHECKED_RELEASES

# How far before a span's end an abbreviation search starts: past the reach of every alternative.
_ABBREVIATION_REACH = 64
_DIGIT = compile(r"\d", UNICODE)
# Pieces and tokens split so far, and the size at which they are forgotten (a bound on memory).
_PIECES: dict[str, tuple[str, ...]] = {}
_CONTRACTED: dict[str, tuple[str, ...]] = {}
_REMEMBERED = 200_000


def tokenize_sentences(text: str) -> list[list[str]]:
    """yake's ``tokenize_sentences(text)``: the words of each sentence, standalone apostrophes out."""
    if not ENABLED:
        return yake_tokenize_sentences(text)
    return [
        [w for w in _contractions(_web_tokens(s)) if not (w.startswith("'") and len(w) > 1) and len(w) > 0]
        for s in list(_split_multi(text))
        if len(s.strip()) > 0
    ]


def _split_multi(text: str):
    """segmenter.split_multi with its default arguments."""
    return _sentences(segmenter.MAY_CROSS_ONE_LINE.split(text), segmenter.SHORT_SENTENCE_LENGTH)


def _sentences(spans, short_sentence_length):
    """segmenter._sentences (join_on_lowercase False), LOWER_WORD tested before BEFORE_LOWER."""
    last = None
    is_open, is_not_opened = segmenter._is_open, segmenter._is_not_opened
    upper_end, upper_start = segmenter.UPPER_CASE_END, segmenter.UPPER_CASE_START

    def shorter_than_a_typical_sentence(c, l):
        return c < short_sentence_length or l < short_sentence_length

    for current in _abbreviation_joiner(spans):
        if last is not None:
            if segmenter.LOWER_WORD.match(current) and segmenter.BEFORE_LOWER.match(last):
                last = '%s%s' % (last, current)
            elif shorter_than_a_typical_sentence(len(current), len(last)) and is_open(last) and (
                is_not_opened(current) or last.endswith(' et al. ') or (
                    upper_end.search(last) and upper_start.match(current)
                )
            ):
                last = '%s%s' % (last, current)
            elif shorter_than_a_typical_sentence(len(current), len(last)) and is_open(last, '[]') and (
                is_not_opened(current, '[]') or last.endswith(' et al. ') or (
                    upper_end.search(last) and upper_start.match(current)
                )
            ):
                last = '%s%s' % (last, current)
            elif segmenter.CONTINUATIONS.match(current):
                last = '%s%s' % (last, current)
            else:
                yield last.strip()
                last = current
        else:
            last = current

    if last is not None:
        yield last.strip()


def _ends_in_abbreviation(span: str) -> bool:
    """``bool(segmenter.ABBREVIATIONS.search(span))``, searching only the span's end."""
    start = len(span) - _ABBREVIATION_REACH
    if start <= 0:
        return bool(segmenter.ABBREVIATIONS.search(span))
    if _DIGIT.match(span) and segmenter.ABBREVIATIONS.match(span):
        return True  # "^\d+$": digits only, anchored at the start
    return bool(segmenter.ABBREVIATIONS.search(span, start))


def _abbreviation_joiner(spans):
    """segmenter._abbreviation_joiner, its abbreviation search on the spans' ends only."""
    segment = None
    total = len(spans)

    for pos in range(total):
        if pos and pos % 2:  # even => segment, uneven => (potential) terminal
            prev_s = spans[pos - 1]
            marker = spans[pos]
            next_s = spans[pos + 1] if pos + 1 < total else None

            if prev_s[-1:].isspace():
                pass  # join
            elif marker[0] == '.' and _ends_in_abbreviation(prev_s):
                pass  # join
            elif marker[0] == '.' and next_s and (
                    segmenter.LONE_WORD.match(next_s) or
                    (segmenter.ENDS_IN_DATE_DIGITS.search(prev_s) and segmenter.MONTH.match(next_s)) or
                    (segmenter.MIDDLE_INITIAL_END.search(prev_s) and segmenter.UPPER_WORD_START.match(next_s))
            ):
                pass  # join
            else:
                yield ''.join(spans[segment:pos + 1])
                segment = None
        elif segment is None:
            segment = pos

    if segment is not None:
        yield ''.join(spans[segment:total])


def _web_tokens(sentence: str) -> list[str]:
    """tokenizer.web_tokenizer: URIs and e-mail addresses whole, the rest by :func:`_word_tokens`."""
    return [token for i, span in enumerate(tokenizer.web_tokenizer.split(sentence))
            for token in ((span,) if i % 2 else _word_tokens(tokenizer.unescape(span)))]


def _word_tokens(sentence: str) -> list[str]:
    """tokenizer.word_tokenizer, each space-separated piece split once per process."""
    if "\n" in sentence or "\r" in sentence or "\u2028" in sentence:  # what HYPHENATED_LINEBREAK needs
        sentence = tokenizer.HYPHENATED_LINEBREAK.sub(r'\1\2', sentence)
    tokens: list[str] = []
    for span in tokenizer.space_tokenizer(sentence):
        pieces = _PIECES.get(span)
        if pieces is None:
            if len(_PIECES) >= _REMEMBERED:
                _PIECES.clear()
            pieces = _PIECES[span] = tuple(token for token in tokenizer.word_tokenizer.split(span) if token)
        tokens.extend(pieces)

    terminals = segmenter.SENTENCE_TERMINALS
    for idx, word in enumerate(reversed(tokens[-3:]), 1):
        if (tokenizer.word_tokenizer.match(word) and not tokenizer.APO_MATCHER.match(word)) or \
                any(t in word for t in terminals):
            last = len(word) - 1

            if 0 == last or u'...' == word:
                pass  # leave the token as it is
            elif any(word.rfind(t) == last for t in terminals):
                tokens[-idx] = word[:-1]
                tokens.insert(len(tokens) - idx + 1, word[-1])
            elif any(word.find(t) == 0 for t in terminals):
                tokens[-idx] = word[0]
                tokens.insert(len(tokens) - idx + 1, word[1:])

            break

    # keep splicing off any dangling commas and (semi-) colons
    dirty = True
    while dirty:
        dirty = False

        for idx, word in enumerate(reversed(tokens), 1):
            while len(word) > 1 and word[-1] in u',;:':
                char = word[-1]  # the dangling comma/colon
                word = word[:-1]
                tokens[-idx] = word
                tokens.insert(len(tokens) - idx + 1, char)
                idx += 1
                dirty = True
            if dirty:
                break  # restart check to avoid index errors

    return tokens


def _contractions(tokens: list[str]) -> list[str]:
    """tokenizer.split_contractions, token by token (what it makes of a token depends on that token alone)."""
    out: list[str] = []
    for token in tokens:
        parts = _CONTRACTED.get(token)
        if parts is None:
            if len(_CONTRACTED) >= _REMEMBERED:
                _CONTRACTED.clear()
            parts = _CONTRACTED[token] = tuple(tokenizer.split_contractions([token]))
        out.extend(parts)
    return out
