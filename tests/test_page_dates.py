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


def test_a_date_labelled_as_the_publications_wins_over_one_printed_before_it():
    from analysis.corpus.pages import read_page
    from tests.test_saved_pages import page

    header = ("<h2>Letters to the Editor for Jan. 17, 2022</h2><div class='byline'><span>By</span> <a>Jane Doe</a> "
              "<span>| PUBLISHED:</span> <time>January 16, 2023 at 4:30 p.m.</time> <span>| UPDATED:</span> "
              "<time>January 17, 2023 at 3:58 a.m.</time></div>")
    html = page().replace("</h1>", f"</h1>{header}", 1)
    assert read_page(html.encode()).published[:10] == "2023-01-16"
    # without the label the first date printed under the headline is the day, as before
    plain = page().replace("</h1>", "</h1><p>March 3, 2021</p><p>Jane Doe | March 4, 2021</p>", 1)
    assert read_page(plain.encode()).published[:10] == "2021-03-03"


@pytest.mark.parametrize("line", ["02:57 Min. Verfügbar bis 06.05.2024.", "Watch the video: available until May 6, 2024"])
def test_a_date_a_video_or_an_offer_is_available_until_is_no_publication_day(line):
    from analysis.corpus.pages import read_page
    from tests.test_saved_pages import page

    head = '<meta property="article:published_time" content="2024-04-22T11:19:00Z">'
    html = page(head=head).replace("</h1>", f"</h1><p>{line}</p>", 1)
    assert read_page(html.encode()).published == "2024-04-22T11:19:00Z"
