"""Publication dates: one normal form for every source, and the readers of it.

``Article.published`` is a string, "" when unknown, else either a day
(``YYYY-MM-DD``) when the source gives no time, or an instant with the offset
the source wrote it in (``YYYY-MM-DDTHH:MM:SS+HH:MM``, ``Z`` for UTC) when it
does. Its first ten characters are the day the outlet printed
(:func:`published_day`): an article a New York outlet put out at 23:37 on
6 December is of 6 December, not of the UTC day it was already 7 December on.
Timeline periods and every day shown are those days. Order is the instants'
(:func:`published_utc`, :func:`published_order`), never the strings': two
offsets make string order and time order disagree.
"""

from __future__ import annotations

import email.utils
import math
import re
from datetime import date, datetime, timezone

__all__ = ["normalise_published", "published_day", "published_utc", "published_clock", "published_order",
           "earliest_first"]

# Ways dates are written in metadata files and page markup that ISO parsing misses.
_DAY_FORMATS = ("%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y", "%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y",
                "%b. %d, %Y")
# RFC 2822's date and time, which feeds' pubDate and some pages' JSON-LD write: "Wed, 04 May 2022 02:41:00 GMT".
_INTERNET_DATE = re.compile(r"(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? \S+")
# A year before this is a content system's placeholder ("0001-01-01T00:00:00"), not a date: it has no
# four-digit year to write, and an offset can carry it out of the calendar.
FIRST_YEAR = 1000


def normalise_published(value: str) -> str:
    """``value`` in the normal form above, or "" when it is no date we understand.

    >>> normalise_published("2025-06-04")
    '2025-06-04'
    >>> normalise_published("2025-06-04T23:30:00-05:00")
    '2025-06-04T23:30:00-05:00'
    >>> normalise_published("2025-06-04T23:30:00.250+0000")
    '2025-06-04T23:30:00Z'
    >>> normalise_published("June 4, 2025")
    '2025-06-04'

    A time without an offset is taken as UTC (the best guess a file allows);
    a time of exactly midnight with no offset is kept as the day alone, since
    many sites write a day as ``T00:00:00``. Fractions of a second go. An
    offset in seconds (no zone of today's has one) is converted to UTC.
    """
    value = (value or "").strip()
    if not value:
        return ""
    try:
        if len(value) == 10:
            return _day(date.fromisoformat(value))
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        moment = _internet_date(value)
        if moment is None:
            for fmt in _DAY_FORMATS:
                try:
                    return _day(datetime.strptime(value, fmt).date())
                except ValueError:
                    continue
            return ""
    if moment.year < FIRST_YEAR:
        return ""
    if moment.tzinfo is None:
        if (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0):
            return moment.date().isoformat()
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        utc = moment.astimezone(timezone.utc)
    except OverflowError:  # 9999-12-31 west of UTC (a "no end" placeholder) is past the calendar's last day
        return ""
    if utc.year < FIRST_YEAR:
        return ""
    offset = moment.utcoffset()
    if offset.seconds % 60 or offset.microseconds:
        moment = utc
    return _instant(moment)


def _instant(moment: datetime) -> str:
    """An aware datetime in the normal form: its own clock, and its offset (``Z`` when none)."""
    offset = moment.utcoffset()
    if not offset:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _day(day: date) -> str:
    return day.isoformat() if day.year >= FIRST_YEAR else ""


def published_day(published: str) -> date | None:
    """The day of a normalised ``published`` value as its source printed it (its own offset's), None when none.

    >>> published_day("2025-12-06T23:37:00-05:00")
    datetime.date(2025, 12, 6)
    """
    if len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def published_utc(published: str) -> datetime | None:
    """The instant of a normalised ``published`` value in UTC (a day alone is its midnight UTC), or None."""
    moment = published_clock(published)
    return moment.astimezone(timezone.utc) if moment else None


def published_clock(published: str) -> datetime | None:
    """The instant of a normalised ``published`` value on its own clock, in the offset it was written in
    (a day alone is its midnight UTC), or None."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def published_order(published: str) -> float:
    """A number that orders normalised ``published`` values earliest first, NaN when undated.

    Instants are ordered as instants, whatever offsets they were written in:
    string order puts 6 December 23:37 -05:00 (04:37 UTC on the 7th) before
    7 December 01:00 +01:00 (midnight UTC), which came first. A day alone
    stands at its midnight UTC, and before an instant at that same moment:
    before every instant of its UTC day, as when all was stored in UTC. (No
    one moment puts a day alone both after every instant printed the day
    before and before every instant printed on it: the days the world's
    offsets print overlap by more than a day.)

    >>> sorted(["2025-12-07T01:00:00+01:00", "2025-12-06T23:37:00-05:00", "2025-12-07"], key=published_order)
    ['2025-12-07', '2025-12-07T01:00:00+01:00', '2025-12-06T23:37:00-05:00']
    """
    moment = published_utc(published)
    if moment is None:
        return math.nan
    return moment.timestamp() * 2 + ("T" in published)  # whole seconds: exact in a float


def earliest_first(published: str, position: int) -> tuple[bool, float, int]:
    """A sort key putting the earliest first: dated by instant (:func:`published_order`), undated after, ties by
    position."""
    order = published_order(published)
    return math.isnan(order), 0.0 if math.isnan(order) else order, position


def _internet_date(value: str) -> datetime | None:
    """An RFC 2822 date and time ("Wed, 04 May 2022 02:41:00 GMT"), or None; "-0000" (no zone known) is UTC."""
    if not _INTERNET_DATE.fullmatch(value):
        return None
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
