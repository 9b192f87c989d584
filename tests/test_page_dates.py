"""When a saved page's article was published, rule by rule (see test_page_meta.py for the printed day)."""

from __future__ import annotations

import pytest

from analysis.corpus.page_dates import published


@pytest.mark.parametrize("declared, found, expected", [
    # htmldate's day after a stated instant at 17:37 UTC: no newsroom's clock is past midnight then
    ("2020-02-19T17:37:32Z", "2020-02-18", "2020-02-19T17:37:32Z"),
    ("2020-01-19T12:25:36Z", "2020-01-20", "2020-01-19T12:25:36Z"),  # 23:25 in Sydney's summer, still the 19th
    # an instant late in the UTC evening is the next day east of it, early in the morning the day before
    # west of it: htmldate's local day stands
    ("2020-11-26T16:00:00Z", "2020-11-27", "2020-11-27"),
    ("2020-04-25T07:25:06Z", "2020-04-24", "2020-04-24"),
    # more than a day apart, htmldate's day (the template stamped the page's instant), and a stated day
    # without a time, as before
    ("2021-12-14T14:41:07Z", "2022-02-04", "2022-02-04"),
    ("2020-02-19", "2020-02-18", "2020-02-18"),
])
def test_htmldates_day_next_to_the_stated_instant_stands_only_where_a_newsroom_is_on_it(declared, found, expected):
    assert published(declared, found) == expected
