"""Publication dates: one normal form for every source, and the readers of it.

``Article.published`` is a string, "" when unknown, else either a day
(``YYYY-MM-DD``) when the source gives no time, or an instant in UTC
(``YYYY-MM-DDTHH:MM:SSZ``) when it does. Converting to UTC at load time means
that ordering two articles is comparing two strings, and that a timeline's
periods are UTC periods, whatever offsets the sources were written in.
"""

from __future__ import annotations

import email.utils
import re
from datetime import date, datetime, timezone

__all__ = ["normalise_published", "published_day", "published_utc", "earliest_first"]

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
    '2025-06-05T04:30:00Z'
    >>> normalise_published("June 4, 2025")
    '2025-06-04'

    A time without an offset is taken as UTC (the best guess a file allows);
    a time of exactly midnight with no offset is kept as the day alone, since
    many sites write a day as ``T00:00:00``.
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
        moment = moment.astimezone(timezone.utc)
    except OverflowError:  # 9999-12-31 west of UTC (a "no end" placeholder) is past the calendar's last day
        return ""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment.year >= FIRST_YEAR else ""


def _day(day: date) -> str:
    return day.isoformat() if day.year >= FIRST_YEAR else ""


def published_day(published: str) -> date | None:
    """The UTC day of a normalised ``published`` value, None when there is none."""
    if len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def published_utc(published: str) -> datetime | None:
    """The instant of a normalised ``published`` value (a day alone is its midnight UTC), or None."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def earliest_first(published: str, position: int) -> tuple[bool, str, int]:
    """A sort key putting the earliest first: dated by date (a day before the instants within it), undated after, ties by position."""
    return not published, published, position


def _internet_date(value: str) -> datetime | None:
    """An RFC 2822 date and time ("Wed, 04 May 2022 02:41:00 GMT"), or None; "-0000" (no zone known) is UTC."""
    if not _INTERNET_DATE.fullmatch(value):
        return None
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
