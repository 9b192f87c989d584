"""yake's sentence and word splitting (segtok's), same output, at about half the cost.

yake splits a text with segtok: ``split_multi`` into sentences, ``web_tokenizer``
and ``split_contractions`` into words. Counted on BBC articles, most of that
time goes to three steps that cannot change the output:
- before each full stop, segtok searches the whole sentence for an
  abbreviation it ends with: a pattern anchored at the end, searched forwards
  (about 50 µs a sentence). The same pattern searched backwards (the regex
  module's REVERSE flag) matches exactly when it does, in about 4 µs;
- before joining a sentence that starts in lowercase onto the previous one,
  it tests the previous one's ending first (a scan of the whole sentence);
  testing the cheap, anchored start first asks the same question;
- it splits every space-separated chunk of every sentence with a regular
  expression; news repeats its words, so each chunk's split is kept for the text.
The functions below are segtok's with those changes; its patterns are used
as they are. ``tests/test_yake_fast.py`` checks that the output equals
yake's ``tokenize_sentences`` on every sample article, BBC articles and edge
cases. They run only on the segtok release they were checked against; any
other release runs yake's own splitting.
"""

from __future__ import annotations

from importlib.metadata import version

import regex
from segtok import segmenter
from segtok.tokenizer import (
    APO_MATCHER, HYPHENATED_LINEBREAK, SENTENCE_TERMINALS, space_tokenizer, split_contractions, unescape,
    web_tokenizer, word_tokenizer,
)
from yake.data.utils import tokenize_sentences as yake_tokenize_sentences

# The segtok releases whose functions the copies below were checked against.
CHECKED_RELEASES = ("1.5.11",)
ENABLED = version("segtok") in CHECKED_RELEASES

_ABBREVIATION_AT_END = regex.compile(segmenter.ABBREVIATIONS.pattern,
                                     segmenter.ABBREVIATIONS.flags | regex.REVERSE)


def tokenize_sentences(text: str) -> list[list[str]]:
    """``yake.data.utils.tokenize_sentences``: the words of each sentence of ``text``."""
    if not ENABLED:
        return yake_tokenize_sentences(text)
    chunks: dict[str, list[str]] = {}
    return [
        [w for w in split_contractions(_web_tokens(s, chunks)) if not (w.startswith("'") and len(w) > 1) and len(w) > 0]
        for s in _sentences(segmenter.MAY_CROSS_ONE_LINE.split(text))
        if len(s.strip()) > 0
    ]


def _sentences(spans: list[str]):
    """segmenter._sentences (split_multi's defaults: no join on lowercase, segtok's short sentence length)."""
    last = None
    short = segmenter.SHORT_SENTENCE_LENGTH
    for current in _abbreviation_joiner(spans):
        if last is not None:
            shorter = len(current) < short or len(last) < short
            if segmenter.LOWER_WORD.match(current) and segmenter.BEFORE_LOWER.match(last):  # cheap test first
                last = f"{last}{current}"
            elif shorter and segmenter._is_open(last) and (
                    segmenter._is_not_opened(current) or last.endswith(" et al. ") or (
                        segmenter.UPPER_CASE_END.search(last) and segmenter.UPPER_CASE_START.match(current))):
                last = f"{last}{current}"
            elif shorter and segmenter._is_open(last, "[]") and (
                    segmenter._is_not_opened(current, "[]") or last.endswith(" et al. ") or (
                        segmenter.UPPER_CASE_END.search(last) and segmenter.UPPER_CASE_START.match(current))):
                last = f"{last}{current}"
            elif segmenter.CONTINUATIONS.match(current):
                last = f"{last}{current}"
            else:
                yield last.strip()
                last = current
        else:
            last = current
    if last is not None:
        yield last.strip()


def _abbreviation_joiner(spans: list[str]):
    """segmenter._abbreviation_joiner, the abbreviation at a span's end searched backwards."""
    segment = None
    total = len(spans)
    for pos in range(total):
        if pos and pos % 2:  # even: a segment, odd: a (potential) terminal
            prev_s = spans[pos - 1]
            marker = spans[pos]
            next_s = spans[pos + 1] if pos + 1 < total else None
            if prev_s[-1:].isspace():
                pass  # join
            elif marker[0] == "." and _ABBREVIATION_AT_END.search(prev_s):
                pass  # join
            elif marker[0] == "." and next_s and (
                    segmenter.LONE_WORD.match(next_s)
                    or (segmenter.ENDS_IN_DATE_DIGITS.search(prev_s) and segmenter.MONTH.match(next_s))
                    or (segmenter.MIDDLE_INITIAL_END.search(prev_s) and segmenter.UPPER_WORD_START.match(next_s))):
                pass  # join
            else:
                yield "".join(spans[segment:pos + 1])
                segment = None
        elif segment is None:
            segment = pos
    if segment is not None:
        yield "".join(spans[segment:total])


def _web_tokens(sentence: str, chunks: dict[str, list[str]]) -> list[str]:
    """tokenizer.web_tokenizer: addresses kept whole, the rest split as word_tokenizer does."""
    return [token for i, span in enumerate(web_tokenizer.split(sentence))
            for token in ((span,) if i % 2 else _word_tokens(unescape(span), chunks))]


def _word_tokens(sentence: str, chunks: dict[str, list[str]]) -> list[str]:
    """tokenizer.word_tokenizer, each space-separated chunk split once per text (``chunks``)."""
    pruned = HYPHENATED_LINEBREAK.sub(r"\1\2", sentence)
    tokens: list[str] = []
    for span in space_tokenizer.split(pruned):
        if not span:
            continue
        split = chunks.get(span)
        if split is None:
            split = chunks[span] = [token for token in word_tokenizer.split(span) if token]
        tokens += split
    # splice the sentence terminal off the last word/token if it has any at its borders
    # only look for the sentence terminal in the last three tokens
    for idx, word in enumerate(reversed(tokens[-3:]), 1):
        if (word_tokenizer.match(word) and not APO_MATCHER.match(word)) or \
                any(t in word for t in SENTENCE_TERMINALS):
            last = len(word) - 1
            if 0 == last or "..." == word:
                pass  # any case of "..." or any single char (last == 0)
            elif any(word.rfind(t) == last for t in SENTENCE_TERMINALS):
                tokens[-idx] = word[:-1]  # "stuff."
                tokens.insert(len(tokens) - idx + 1, word[-1])
            elif any(word.find(t) == 0 for t in SENTENCE_TERMINALS):
                tokens[-idx] = word[0]  # ".stuff"
                tokens.insert(len(tokens) - idx + 1, word[1:])
            break
    # keep splicing off any dangling commas and (semi-) colons
    dirty = True
    while dirty:
        dirty = False
        for idx, word in enumerate(reversed(tokens), 1):
            while len(word) > 1 and word[-1] in ",;:":
                char = word[-1]  # the dangling comma/colon
                word = word[:-1]
                tokens[-idx] = word
                tokens.insert(len(tokens) - idx + 1, char)
                idx += 1
                dirty = True
            if dirty:
                break  # restart check to avoid index errors
    return tokens
