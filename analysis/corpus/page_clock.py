"""The time of day a page prints beside its date, and the stated instant it stands for.

A page states an instant in its markup (``datePublished``, often in UTC) and
prints a date and a time under its headline on the clock of its newsroom
("November 8, 2023, 11:15 PM"). These read the one against the other: whether
the printed time can be the instant's in some time zone, and in which.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from analysis.corpus.dates import normalise_published, published_utc

__all__ = ["on_day_somewhere", "on_printed_clock", "same_clock"]

# A time of day as a header prints it beside the date ("12:25 PM", "17:41 JST", "20:00"): hours, a colon, minutes,
# and a twelve-hour clock's a.m. or p.m.
_CLOCK = re.compile(r"(?<![\d:])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d)?(?![\d:])"
                    r"(?:\s?(?P<half>[ap])\.?\s?m\b\.?)?", re.IGNORECASE)
# The offsets off UTC that clocks keep today besides whole hours from -12 to +14, in minutes (Marquesas;
# Newfoundland, in winter and summer; Iran; Afghanistan; India; Nepal; Myanmar; Eucla; South Australia; Lord Howe;
# Chatham, in winter and summer): a printed time at any other offset from a stated instant is another moment's
# (an update's), not the instant on a local clock.
_PART_HOUR_OFFSETS = frozenset({-570, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825})


def same_clock(instant: str, line: str) -> bool:
    """The time printed in the date's line ("January 19, 2020 / 12:25 PM") is the instant's in some time zone:
    the same minutes, give or take a zone's quarter hours (India's +05:30, Nepal's +05:45). Minutes that differ
    make the instant another moment than the one printed (an update's), whatever the day. True with no time."""
    clock = _CLOCK.search(line)
    moment = published_utc(instant)
    return clock is None or moment is None or (moment.minute - int(clock["minute"])) % 15 == 0


def on_printed_clock(instant: str, day: date, line: str) -> str:
    """The instant written in the offset whose clock shows the time the ``line`` prints on ``day`` ("3 May, 2022,
    11:37 pm" beside 03:37 UTC on the 4th: "2022-05-03T23:37:37-04:00"); "" when the line prints no time, or no
    time zone's clock (:data:`_PART_HOUR_OFFSETS`, whole hours from UTC-12 to UTC+14) shows that time on that
    day at that instant."""
    clock = _CLOCK.search(line)
    moment = published_utc(instant)
    if clock is None or moment is None:
        return ""
    hour = int(clock["hour"])
    if clock["half"]:
        if not 1 <= hour <= 12:
            return ""
        hour = hour % 12 + (12 if clock["half"].lower() == "p" else 0)
    shown = datetime(day.year, day.month, day.day, hour, int(clock["minute"]))
    offset = shown - moment.replace(tzinfo=None, second=0, microsecond=0)
    minutes, rest = divmod(offset, timedelta(minutes=1))
    if rest or not (minutes in _PART_HOUR_OFFSETS or minutes % 60 == 0 and -12 * 60 <= minutes <= 14 * 60):
        return ""
    return normalise_published(moment.astimezone(timezone(offset)).isoformat())


def on_day_somewhere(instant: str, day: date, zones: tuple[int, int] = (-12, 14)) -> bool:
    """The UTC instant falls on ``day`` in some time zone of ``zones`` (hours off UTC; all of them by default)."""
    moment = published_utc(instant)
    if moment is None:
        return False
    moment = moment.replace(tzinfo=None)
    start = datetime(day.year, day.month, day.day)
    return start - timedelta(hours=zones[1]) <= moment < start + timedelta(hours=24 - zones[0])
