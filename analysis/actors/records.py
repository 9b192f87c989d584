"""What the name finder's per-article task keeps in the cache: named records, offsets in ``article.text``.

:func:`analysis.actors.mentions.article_mentions` returns ``{"keys": [...],
"mentions": [Mention, ...], "quotes": [Quote, ...]}``. The cache holds JSON, so
a record read back is a plain list: :func:`mentions_of` and :func:`quotes_of`
name the fields again. Every offset, a mention's and a quotation's alike, is a
character offset in the article's clean text; a reader wanting the sentence's
subtracts ``article.sentences[record.sentence_index].start``.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["PERSON", "ORGANISATION", "Mention", "Quote", "mentions_of", "quotes_of"]

# The two kinds of actor, as every table of the actors layer writes them.
PERSON, ORGANISATION = "person", "organisation"


class Mention(NamedTuple):
    """One name of a person or organisation in an article."""

    sentence_index: int
    start: int
    end: int
    type: str  # PERSON or ORGANISATION: the vote of the name's mentions in the article
    key: int  # the name's number in the result's ``keys`` (its article-local key, "kim jong un")
    form_start: int  # the words naming the actor, titles and apposition included
    form_end: int
    negative: float  # target sentiment toward the name
    neutral: float
    positive: float


class Quote(NamedTuple):
    """One direct quotation in an article and who speaks it."""

    sentence_index: int  # the sentence it starts in
    start: int
    end: int
    speaker_key: int  # the speaker's number in ``keys``, -1 when none of the names
    speaker_start: int  # where the text names the speaker, -1 when it does not
    speaker_end: int
    cue: str  # how the speaker was found ("said", "colon", ...)
    text: str  # the quoted words
    written: str  # the speaker as written when the name finder missed them ("Mr. Kovner"), else ""


def mentions_of(result: dict) -> list[Mention]:
    """The mentions of one ``article_mentions`` result, fresh or read back from the cache."""
    return [Mention(*row) for row in result["mentions"]]


def quotes_of(result: dict) -> list[Quote]:
    """The quotations of one ``article_mentions`` result, fresh or read back from the cache."""
    return [Quote(*row) for row in result["quotes"]]
