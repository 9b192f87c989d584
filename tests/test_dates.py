"""Publication dates' normal form: the offset the source wrote is kept, the day is the printed one, order is the
instants'."""

from __future__ import annotations

import math
from datetime import date, datetime, timezone

import pytest

from analysis.corpus.dates import (earliest_first, normalise_published, published_clock, published_day,
                                   published_order, published_utc)


@pytest.mark.parametrize("written, kept, day", [
    ("2025-12-06T23:37:00-05:00", "2025-12-06T23:37:00-05:00", date(2025, 12, 6)),  # New York, late: 04:37 UTC the 7th
    ("2025-12-07T01:30:00+09:00", "2025-12-07T01:30:00+09:00", date(2025, 12, 7)),  # Tokyo, early: 16:30 UTC the 6th
    ("2025-12-07T06:00:00+05:45", "2025-12-07T06:00:00+05:45", date(2025, 12, 7)),  # Nepal's quarter hour
    ("2025-12-06T23:37:00-0500", "2025-12-06T23:37:00-05:00", date(2025, 12, 6)),
    ("2025-12-06T23:37:00+00:00", "2025-12-06T23:37:00Z", date(2025, 12, 6)),
    ("2025-12-06T23:37:00", "2025-12-06T23:37:00Z", date(2025, 12, 6)),  # no offset: taken as UTC
    ("Sat, 06 Dec 2025 23:37:00 -0500", "2025-12-06T23:37:00-05:00", date(2025, 12, 6)),
    ("2025-12-06", "2025-12-06", date(2025, 12, 6)),
])
def test_an_instant_keeps_its_offset_and_the_day_it_was_printed(written, kept, day):
    assert normalise_published(written) == kept
    assert published_day(kept) == day
    assert normalise_published(kept) == kept  # the normal form reads back as itself


def test_the_instant_is_the_same_whatever_the_offset_it_is_written_in():
    late = "2025-12-06T23:37:00-05:00"
    assert published_utc(late) == datetime(2025, 12, 7, 4, 37, tzinfo=timezone.utc)
    assert published_utc(late).utcoffset().total_seconds() == 0
    assert published_clock(late).hour == 23 and published_clock(late) == published_utc(late)
    assert published_utc("2025-12-06") == datetime(2025, 12, 6, tzinfo=timezone.utc)
    assert published_utc("") is None and published_day("") is None and math.isnan(published_order(""))


def test_order_is_the_instants_where_string_order_disagrees():
    # 23:37 in New York on the 6th is 04:37 UTC on the 7th; 01:00 in Paris on the 7th is midnight UTC, earlier;
    # 09:00 in Tokyo on the 7th is midnight UTC too, and 20:00 in Los Angeles on the 6th is 04:00 UTC on the 7th.
    values = ["2025-12-06T23:37:00-05:00", "2025-12-07T01:00:00+01:00", "2025-12-06T20:00:00-08:00"]
    assert sorted(values) != sorted(values, key=published_order)
    assert sorted(values, key=published_order) == [
        "2025-12-07T01:00:00+01:00", "2025-12-06T20:00:00-08:00", "2025-12-06T23:37:00-05:00"]
    ordered = sorted(range(len(values)), key=lambda i: earliest_first(values[i], i))
    assert ordered == [1, 2, 0]


def test_a_day_alone_sorts_before_the_instants_on_it_and_undated_last():
    values = ["", "2025-12-06T23:37:00-05:00", "2025-12-06T00:00:00Z", "2025-12-06", "2025-12-05T21:00:00-05:00"]
    ordered = [values[i] for i in sorted(range(len(values)), key=lambda i: earliest_first(values[i], i))]
    # The day alone is its midnight UTC, before an instant at that same moment; the New York evening of the 5th
    # (02:00 UTC the 6th) comes after it, as when every instant was stored in UTC.
    assert ordered == ["2025-12-06", "2025-12-06T00:00:00Z", "2025-12-05T21:00:00-05:00",
                       "2025-12-06T23:37:00-05:00", ""]
    # Ties keep the corpus order.
    assert sorted([1, 0], key=lambda i: earliest_first("2025-12-06", i)) == [0, 1]
    assert sorted([1, 0], key=lambda i: earliest_first("", i)) == [0, 1]
